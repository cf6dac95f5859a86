"""The report's methods section: the question, how claims were extracted and reconciled,
the documents, forms and merges, and how each summary column is computed."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from reviewtool.core.synthesis.report_model import ReportData
from reviewtool.core.wording import counted, joined
from reviewtool.report.markup import escape, link_if
from reviewtool.report.pages import headed
from reviewtool.report.styles import LINK, Styles
from reviewtool.report.tables import table_style

RULE_NAMES = {"consistency": "Consistency", "evidence": "Strongest evidence cited",
              "certainty": "Certainty", "agreement": "Reviewer agreement"}



def methods(data: ReportData, styles: Styles, width: float, anchors: frozenset[str],
            columns: tuple[str, ...]) -> list[Flowable]:
    m = data.methods
    forms = {f.id: f for f in m.forms}
    story: list[Flowable] = []
    if m.question:
        story.append(Paragraph(f"<b>Review question.</b> {escape(m.question)}", styles.body))
    claim_forms = ", ".join(f"version {f.version}" for f in m.forms if f.id == "claim")
    text = (f"<b>Extraction.</b> {escape(joined(m.reviewers)) or 'No reviewer'} recorded "
            f"{counted(m.reviewer_claims, 'claim')} on the claim form ({claim_forms or 'none'}) "
            f"from the {counted(m.documents, 'document')} listed below, each claim tied to the "
            f"passage it quotes, and {counted(m.appraisals, 'appraisal')} of those documents on "
            f"the appraisal form. ")
    if m.consensus_claims:
        text += ("Disagreements were reconciled in "
                 f"{counted(m.consensus_claims, 'consensus claim')}. ")
    text += (f"The synthesis rests on {counted(m.claims, 'final claim')} (consensus claims and "
             f"reviewers' claims not yet reconciled), grouped under "
             f"{counted(m.findings, 'finding')} where documents say the same thing.")
    story.append(Paragraph(text, styles.body))
    story.extend(headed(Paragraph("Documents", styles.h3)))
    rows = [[Paragraph(h, styles.header) for h in ("Ref.", "Title", "Source", "Claims")]]
    for d in data.documents:
        source = d.label if d.label != d.title else (d.source or d.filename)
        rows.append([Paragraph(link_if(anchors, d.anchor, d.ref, LINK), styles.cell),
                     Paragraph(escape(d.title), styles.cell),
                     Paragraph(escape(source) + ("" if d.has_text else " <i>(no full text)</i>"),
                               styles.cell_small),
                     Paragraph(f"{d.claims:,}", styles.cell)])
    story.append(Table(rows, colWidths=[12 * mm, width * 0.45, None, 14 * mm], repeatRows=1,
                       hAlign="LEFT", style=table_style()))
    story.extend(references(data.documents, styles, anchors))
    story.extend(headed(Paragraph("Forms", styles.h3)))
    rows = [[Paragraph(h, styles.header) for h in ("Form", "Version", "Title", "Records")]]
    rows += [[Paragraph(escape(f.id), styles.cell), Paragraph(str(f.version), styles.cell),
              Paragraph(escape(f.title), styles.cell), Paragraph(f"{f.records:,}", styles.cell)]
             for f in forms.values()]
    story.append(Table(rows, colWidths=[30 * mm, 18 * mm, None, 18 * mm], hAlign="LEFT",
                       style=table_style()))
    story.extend(headed(Paragraph("Merges", styles.h3)))
    if m.merges:
        rows = [[Paragraph(h, styles.header) for h in ("Date", "Merged by", "File", "Added")]]
        rows += [[Paragraph(escape(x.date), styles.cell), Paragraph(escape(x.by), styles.cell),
                  Paragraph(escape(x.source), styles.cell), Paragraph(escape(x.summary),
                                                                      styles.cell_small)]
                 for x in m.merges]
        story.append(Table(rows, colWidths=[20 * mm, 32 * mm, 45 * mm, None], repeatRows=1,
                           hAlign="LEFT", style=table_style()))
    else:
        story.append(Paragraph("No teammate's review file has been merged into this one.",
                               styles.body))
    story.extend(headed(Paragraph("How the summary columns are computed", styles.h3)))
    rows = [[Paragraph(f"<b>{RULE_NAMES.get(k, escape(k))}</b>", styles.cell),
             Paragraph(escape(v), styles.cell)] for k, v in m.rules if k in columns]
    rows.append([Paragraph("<b>Agreement statistics</b>", styles.cell),
                 Paragraph(escape(f"Matching: {m.matching_rule}. {m.statistics}"), styles.cell)])
    story.append(Table(rows, colWidths=[34 * mm, None], hAlign="LEFT",
                       style=table_style(header_rows=0)))
    return story


def references(documents, styles: Styles, anchors: frozenset[str]) -> list[Flowable]:
    """The reference list: every document cited in full (core.review.citation), in the
    alphabetical order of its entry, each with the ref that leads to its appendix entry."""
    if not documents:
        return []
    story = headed(Paragraph("References", styles.h3))
    for d in sorted(documents, key=lambda d: (d.citation.casefold(), d.ref)):
        story.append(Paragraph(f"{escape(d.citation)} [{link_if(anchors, d.anchor, d.ref, LINK)}]",
                               styles.reference))
    return story
