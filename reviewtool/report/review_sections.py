"""The report's front matter, methods, agreement statistics and unresolved items."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reviewtool.core.synthesis.report_model import AgreementTable, ClaimProblem, Problems, ReportData, Stat
from reviewtool.core.wording import counted
from reviewtool.report.markup import escape, link, link_if
from reviewtool.report.pages import headed
from reviewtool.report.styles import ALERT, ALERT_FILL, BAND, CELL_FONT, INK, LINK, MUTED, Styles
from reviewtool.report.tables import table_style

RULE_NAMES = {"consistency": "Consistency", "evidence": "Strongest evidence cited",
              "certainty": "Certainty", "agreement": "Reviewer agreement"}


def _hex(color) -> str:
    return "#" + color.hexval()[2:]


def _list(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def facts(data: ReportData, styles: Styles, width: float) -> Table:
    """Key facts of the review as a two-column table (title page or report head)."""
    m = data.methods
    claims = f"{m.reviewer_claims:,} recorded by reviewers"
    if m.consensus_claims:
        claims += f", {m.consensus_claims:,} consensus"
    claims += f"; {m.claims:,} in the synthesis"
    rows = [("Reviewers", escape(_list(data.reviewers)) or "none recorded"),
            ("Documents", f"{m.documents:,}"), ("Claims", claims),
            ("Findings", f"{m.findings:,}"), ("Report date", escape(data.date)),
            ("Made with", f"reviewtool {escape(data.version)}")]
    style = ParagraphStyle("facts", parent=styles.cell, fontSize=styles.size * 0.95,
                           leading=styles.size * 1.3)
    return Table([[Paragraph(f"<b>{k}</b>", style), Paragraph(v, style)] for k, v in rows],
                 colWidths=[32 * mm, width - 32 * mm], hAlign="LEFT",
                 style=table_style(header_rows=0))


def title_block(data: ReportData, styles: Styles, width: float, full_page: bool,
                contents: list[tuple[str, str]]) -> list[Flowable]:
    story: list[Flowable] = []
    if full_page:
        story.append(Spacer(1, 38 * mm))
    story.append(Paragraph("EVIDENCE REVIEW", styles.kicker))
    story.append(Paragraph(escape(data.title), styles.title))
    if data.question:
        story.append(Paragraph(escape(data.question), styles.subtitle))
    story.append(facts(data, styles, width))
    if full_page and contents:
        story.append(Spacer(1, 14 * mm))
        story.append(Paragraph("Contents", styles.h3))
        for key, title in contents:
            story.append(Paragraph(link(key, title, _hex(INK)), styles.body))
    else:
        story.append(Spacer(1, 6 * mm))
    return story


def methods(data: ReportData, styles: Styles, width: float, anchors: frozenset[str],
            columns: tuple[str, ...]) -> list[Flowable]:
    m = data.methods
    forms = {f.id: f for f in m.forms}
    story: list[Flowable] = []
    if m.question:
        story.append(Paragraph(f"<b>Review question.</b> {escape(m.question)}", styles.body))
    claim_forms = ", ".join(f"version {f.version}" for f in m.forms if f.id == "claim")
    text = (f"<b>Extraction.</b> {escape(_list(m.reviewers)) or 'No reviewer'} recorded "
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


def _stat(stat: Stat | None, styles: Styles, notes: list[str]) -> Paragraph:
    muted = _hex(MUTED)
    if stat is None:
        return Paragraph(f'<font color="{muted}">–</font>', styles.cell)
    if stat.value is None:
        if stat.note not in notes:
            notes.append(stat.note)
        mark = "abcdefghijklmnopqrstuvwxyz"[notes.index(stat.note) % 26]
        return Paragraph(f'<font color="{muted}">undefined<super>{mark}</super></font>',
                         styles.cell)
    text = f"<b>{stat.value:.2f}</b>"
    if stat.low is not None:
        text += (f'&nbsp;&nbsp;<font size="{styles.cell_small.fontSize}" color="{muted}">'
                 f"{stat.low:.2f} to {stat.high:.2f}</font>")
    return Paragraph(text, styles.cell)


def agreement(table: AgreementTable, styles: Styles, width: float) -> list[Flowable]:
    if len(table.reviewers) < 2 or not table.rows:
        return [Paragraph("Agreement cannot be measured: no document was extracted by two or "
                          "more reviewers.", styles.body)]
    story: list[Flowable] = [Paragraph(
        f"Reviewers compared: {escape(_list(table.reviewers))}. "
        f"{counted(table.documents, 'document')} were extracted by two or more reviewers, "
        f"giving {counted(table.units, 'passage')} flagged as a claim by someone: "
        f"{table.matched:,} found by every reviewer of the document, {table.missed:,} missed "
        f"by at least one. Matching: {escape(table.rule)}.", styles.body)]
    kappas = {row.kappa.name.split("'")[0] for row in table.rows if row.kappa}
    kappa = f"{kappas.pop()}'s kappa" if len(kappas) == 1 else "Kappa"
    header = [Paragraph(h, styles.header) for h in
              ("Field", "Units", "Percent agreement", kappa, "Krippendorff's alpha")]
    rows, extra, notes, units = [header], [], [], []
    group = None
    muted = _hex(MUTED)
    for row in table.rows:
        if row.form != group:
            group = row.form
            common = max({r.unit for r in table.rows if r.form == group},
                         key=lambda u: sum(r.unit == u for r in table.rows if r.form == group))
            rows.append([Paragraph(
                f"<b>{escape(group.capitalize())} form</b>&nbsp;&nbsp;<font color=\"{muted}\">"
                f"unit: {escape(common)}</font>", styles.cell), "", "", "", ""])
            extra += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                      ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BAND)]
        label = escape(row.label) + (f' <font color="{muted}">(ordinal)</font>'
                                     if row.level == "ordinal" else "")
        if row.unit != common:
            units.append(row.unit)
            label += f"<super>{len(units)}</super>"
        rows.append([Paragraph(label, styles.cell), Paragraph(f"{row.n_units:,}", styles.cell),
                     _stat(row.percent, styles, notes), _stat(row.kappa, styles, notes),
                     _stat(row.alpha, styles, notes)])
    story.append(Table(rows, colWidths=[None, 13 * mm, 33 * mm, 33 * mm, 33 * mm],
                       repeatRows=1, hAlign="LEFT", style=table_style(extra)))
    caption = ("Values with their 95% confidence interval. Kappa is Cohen's for two reviewers "
               "(quadratic weights for ordinal fields) and Fleiss' for more; alpha is ordinal "
               "for ordinal fields and nominal otherwise. Values near 1 mean agreement well "
               "beyond chance, 0 agreement at chance level.")
    for n, unit in enumerate(units, start=1):
        caption += f" <super>{n}</super>Unit: {escape(unit)}."
    for n, note in enumerate(notes):
        mark = "abcdefghijklmnopqrstuvwxyz"[n % 26]
        caption += f" <super>{mark}</super>Undefined: {escape(note)}."
    story.append(Paragraph(caption, styles.caption))
    return story


def problems(data: Problems, styles: Styles, width: float,
             anchors: frozenset[str]) -> list[Flowable]:
    if data.empty:
        return [Paragraph("None: there are no open conflicts, orphaned quotes or incomplete "
                          "claims, so every row of the summary rests on settled claims.",
                          styles.body)]
    banner = Table([[Paragraph(
        "These items are not settled. Summary rows that rest on them are marked "
        "<b>Not settled</b>; resolve conflicts with <i>reviewtool resolve</i>, place orphaned "
        "quotes again and complete draft claims before relying on those rows.", styles.cell)]],
        colWidths=[width], style=TableStyle([CELL_FONT,
            ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL), ("LINEBEFORE", (0, 0), (0, -1), 3, ALERT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    story: list[Flowable] = [banner]
    if data.conflicts:
        story.extend(headed(Paragraph(f"Open conflicts ({len(data.conflicts)})", styles.h3)))
        rows = [[Paragraph(h, styles.header) for h in ("Record", "Field", "Values kept",
                                                       "Shown for now")]]
        for c in data.conflicts:
            record = link_if(anchors, c.anchor, c.record, LINK)
            values = "<br/>".join(f"{escape(v)} <font color=\"{_hex(MUTED)}\">— {escape(who)}, "
                                  f"{escape(when)}</font>" for v, who, when in c.values)
            rows.append([Paragraph(record, styles.cell), Paragraph(escape(c.field), styles.cell),
                         Paragraph(values, styles.cell), Paragraph(escape(c.shown), styles.cell)])
        story.append(Table(rows, colWidths=[30 * mm, 32 * mm, None, 30 * mm], repeatRows=1,
                           hAlign="LEFT", style=table_style()))
    for title, items, detail in (("Orphaned quotes", data.orphaned, "Quote as recorded"),
                                 ("Incomplete claims", data.incomplete, "Missing")):
        if items:
            story.extend(headed(Paragraph(f"{title} ({len(items)})", styles.h3)))
            story.append(_claim_problems(items, detail, styles, anchors))
    return story


def _claim_problems(items: tuple[ClaimProblem, ...], detail: str, styles: Styles,
                    anchors: frozenset[str]) -> Table:
    rows = [[Paragraph(h, styles.header) for h in ("Claim", "Statement", "Reviewer", detail)]]
    for item in items:
        rows.append([Paragraph(link_if(anchors, item.claim.anchor, item.claim.ref, LINK),
                               styles.cell),
                     Paragraph(escape(item.statement) or "<i>no statement yet</i>", styles.cell),
                     Paragraph(escape(item.reviewer), styles.cell),
                     Paragraph(escape(item.detail), styles.cell_small)])
    return Table(rows, colWidths=[16 * mm, None, 30 * mm, 50 * mm], repeatRows=1, hAlign="LEFT",
                 style=table_style([("TEXTCOLOR", (0, 0), (-1, 0), ALERT)]))


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
