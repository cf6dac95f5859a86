"""The report's page of unresolved items: open conflicts, orphaned quotes and incomplete
claims, under a banner saying the summary rows resting on them are not settled."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from reviewtool.core.synthesis.report_model import ClaimProblem, Problems
from reviewtool.report.markup import escape, link_if
from reviewtool.report.pages import headed
from reviewtool.report.styles import ALERT, ALERT_FILL, CELL_FONT, LINK, MUTED, Styles, hex_colour
from reviewtool.report.tables import table_style


def problems(data: Problems, styles: Styles, width: float,
             anchors: frozenset[str]) -> list[Flowable]:
    if data.empty:
        return [Paragraph("None: there are no open conflicts, unreconciled passages, orphaned "
                          "quotes or incomplete claims, so every row of the summary rests on "
                          "settled claims.", styles.body)]
    banner = Table([[Paragraph(
        "These items are not settled. Summary rows that rest on them are marked "
        "<b>Not settled</b> or <b>Unsettled</b>; reconcile passages in the app's Reconcile "
        "view, resolve conflicts with <i>reviewtool resolve</i>, place orphaned quotes again "
        "and complete draft claims before relying on those rows.", styles.cell)]],
        colWidths=[width], style=TableStyle([CELL_FONT,
            ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL), ("LINEBEFORE", (0, 0), (0, -1), 3, ALERT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    story: list[Flowable] = [banner]
    if data.passages:
        story.extend(headed(Paragraph(f"Passages not reconciled ({len(data.passages)})",
                                      styles.h3)))
        rows = [[Paragraph(h, styles.header) for h in ("Where", "What is unsettled")]]
        for p in data.passages:
            rows.append([Paragraph(link_if(anchors, p.anchor, p.where, LINK), styles.cell),
                         Paragraph(escape(p.summary), styles.cell)])
        story.append(Table(rows, colWidths=[30 * mm, None], repeatRows=1, hAlign="LEFT",
                           style=table_style()))
    if data.conflicts:
        story.extend(headed(Paragraph(f"Open conflicts ({len(data.conflicts)})", styles.h3)))
        rows = [[Paragraph(h, styles.header) for h in ("Record", "Field", "Values kept",
                                                       "Shown for now")]]
        for c in data.conflicts:
            record = link_if(anchors, c.anchor, c.record, LINK)
            values = "<br/>".join(f"{escape(v)} <font color=\"{hex_colour(MUTED)}\">— {escape(who)}, "
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
