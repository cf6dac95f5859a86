"""The appendix: per document its metadata, appraisals and every final claim with its quote.

Each claim carries the link destination that the summary tables point to. Claims are
TextBlocks (plain runs, no markup): there can be tens of thousands of them.
"""

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from reviewtool.core.synthesis.report_model import AppendixClaim, AppendixDocument
from reviewtool.report.layouts import Layout
from reviewtool.report.markup import escape, escape_lines, one_line
from reviewtool.report.pages import headed, heading
from reviewtool.report.styles import ALERT, INK, LINK, MUTED, QUOTE_BAR, Styles
from reviewtool.report.tables import table_style
from reviewtool.report.textblock import Para, Run, TextBlock

LINK_COLOR = colors.HexColor(LINK)


def appendix(documents: tuple[AppendixDocument, ...], styles: Styles, width: float,
             height: float, layout: Layout, anchors: frozenset[str],
             number: str) -> list[Flowable]:
    story: list[Flowable] = []
    for entry in documents:
        doc = entry.document
        story.append(CondPageBreak(height * 0.3))
        story.append(heading(f"{escape(doc.ref)}&nbsp;&nbsp;{escape(doc.title)}", styles.h2,
                             doc.anchor, 1, f"{doc.ref} {doc.title}"))
        story.append(_metadata(entry, styles, width))
        if layout.appendix_appraisals and entry.appraisals.rows:
            story.extend(headed(Paragraph("Appraisal", styles.h3)))
            story.append(_appraisals(entry, styles, width))
        story.extend(headed(Paragraph(f"Claims ({len(entry.claims)})" if entry.claims else
                                      "No claims were recorded on this document.", styles.h3)))
        story.extend(_claim(claim, styles, layout, anchors, height * 0.4)
                     for claim in entry.claims)
    if not documents:
        story.append(Paragraph("The review holds no documents yet.", styles.body))
    return story


def _metadata(entry: AppendixDocument, styles: Styles, width: float) -> Table:
    doc = entry.document
    size = (f"{doc.chars:,} characters" + (f", {doc.pages} pages" if doc.pages else "")
            if doc.has_text else "no full text (a reference only)")
    pairs = [("Source", doc.source or "–", "File", doc.filename or "–"),
             ("Type", doc.media_type if doc.has_text else "–", "Length", size),
             ("Imported by", doc.imported_by, "Claims", f"{len(entry.claims):,}"),
             ("SHA-256", doc.sha256 if doc.has_text else "–", "", "")]
    rows = [[Paragraph(f"<b>{a}</b>", styles.cell), Paragraph(escape(b), styles.cell),
             Paragraph(f"<b>{c}</b>", styles.cell), Paragraph(escape(d), styles.cell)]
            for a, b, c, d in pairs]
    spans = [("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1))]
    if doc.citation:  # the full reference first, on a row of its own
        rows.insert(0, [Paragraph("<b>Cite as</b>", styles.cell),
                        Paragraph(escape(doc.citation), styles.cell), "", ""])
        spans = [("SPAN", (1, 0), (-1, 0)), ("SPAN", (1, -1), (-1, -1))]
    if doc.note:
        rows.insert(len(rows) - 1, [Paragraph("<b>Note</b>", styles.cell),
                                    Paragraph(escape(doc.note), styles.cell), "", ""])
        spans.append(("SPAN", (1, len(rows) - 2), (-1, len(rows) - 2)))
    key = 24 * mm
    value = (width - 2 * key) / 2
    return Table(rows, colWidths=[key, value, key, value], hAlign="LEFT",
                 style=table_style(spans, header_rows=0))


def _appraisals(entry: AppendixDocument, styles: Styles, width: float) -> Table:
    table = entry.appraisals
    header = [Paragraph("Item", styles.header)] + [
        Paragraph(escape(name), styles.header) for name in table.reviewers]
    rows = [header] + [[Paragraph(escape(label), styles.cell)] +
                       [Paragraph(escape_lines(v) or "–", styles.cell) for v in values]
                       for label, values in table.rows]
    first = min(55 * mm, width * 0.34)
    rest = (width - first) / max(1, len(table.reviewers))
    return Table(rows, colWidths=[first] + [rest] * len(table.reviewers), repeatRows=1,
                 hAlign="LEFT", style=table_style())


def _claim(claim: AppendixClaim, styles: Styles, layout: Layout, anchors: frozenset[str],
           keep: float) -> TextBlock:
    """One claim: its reference hanging beside the statement, the quote with its place, then
    the reviewer, its fields and its finding."""
    size, small = styles.size, styles.fields.fontSize
    sans, serif = styles.sans, styles.serif
    indent = styles.quote.leftIndent
    where = ([f"p. {claim.page}"] if claim.page else []) + [
        f"characters {claim.start:,}–{claim.end:,}"]
    paras = [
        Para((Run(one_line(claim.statement) or "(no statement yet)", f"{serif}-Bold", size,
                  INK),), indent, size * 1.36, size * 0.95,
             hang=Run(claim.claim.ref, f"{sans}-Bold", small, LINK_COLOR)),
        Para((Run(f"“{one_line(claim.quote)}”", f"{serif}-Italic", size * 0.95, INK),
              Run("  " + ", ".join(where), sans, small, MUTED)), indent, size * 1.32, 1.5,
             QUOTE_BAR),
    ]
    who = claim.reviewer
    if claim.consensus_of:
        who += f" (consensus of {claim.consensus_of} reviewers' claims)"
    runs = [Run("Reviewer: ", sans, small, MUTED), Run(one_line(who), sans, small, INK)]
    for field_id, name, value in claim.fields:
        if layout.appendix_fields is not None and field_id not in layout.appendix_fields:
            continue
        label = " · " + name + ("" if name[-1:] in "?:" else ":") + " "
        runs += [Run(label, sans, small, MUTED), Run(one_line(value), sans, small, INK)]
    if claim.finding:
        # Only the row number links back (one link area, however the text wraps).
        number, _, rest = one_line(claim.finding).partition(" ")
        target = claim.finding_anchor if claim.finding_anchor in anchors else ""
        runs += [Run(" · Finding: ", sans, small, MUTED),
                 Run(number, sans, small, LINK_COLOR if target else INK, target),
                 Run(" " + rest, sans, small, INK)]
    paras.append(Para(tuple(runs), indent, small * 1.32, 2))
    if claim.flags:
        paras.append(Para((Run("Not settled: " + "; ".join(claim.flags), f"{sans}-Bold", small,
                               ALERT),), indent, small * 1.32))
    return TextBlock(paras, claim.claim.anchor, keep)


