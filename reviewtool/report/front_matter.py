"""The report's opening: the title block (a page of its own or the report's head), its key
facts and the table of contents."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from reviewtool.core.synthesis.report_model import ReportData
from reviewtool.core.wording import joined
from reviewtool.report.markup import escape, link
from reviewtool.report.styles import INK, Styles, hex_colour
from reviewtool.report.tables import table_style


def facts(data: ReportData, styles: Styles, width: float) -> Table:
    """Key facts of the review as a two-column table (title page or report head)."""
    m = data.methods
    claims = f"{m.reviewer_claims:,} recorded by reviewers"
    if m.consensus_claims:
        claims += f", {m.consensus_claims:,} consensus"
    claims += f"; {m.claims:,} in the synthesis"
    rows = [("Reviewers", escape(joined(data.reviewers)) or "none recorded"),
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
            story.append(Paragraph(link(key, title, hex_colour(INK)), styles.body))
    else:
        story.append(Spacer(1, 6 * mm))
    return story
