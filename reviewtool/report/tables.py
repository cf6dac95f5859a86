"""Summary tables of findings and their legend."""

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reviewtool.core.review.findings import STANCES
from reviewtool.core.synthesis.report_model import Section
from reviewtool.report.markup import escape
from reviewtool.report.styles import (
    ACCENT,
    CELL_FONT,
    CONSISTENCY_FILL,
    CONSISTENCY_MEANING,
    CONSISTENCY_TEXT,
    HAIRLINE,
    INK,
    MUTED,
    STANCE_INK,
    STANCE_SYMBOL,
    Styles,
    hex_colour,
)
from reviewtool.report.summary_cells import Cells, CertaintyDots

# Share of the table width per column; the statement takes what is left.
WIDTHS = {"number": 0.055, "sources": 0.145, "consistency": 0.125, "evidence": 0.11,
          "certainty": 0.14, "agreement": 0.125}
WIDE_SOURCES, MANY_CLAIMS = 0.27, 12
HEADERS = {"number": "No.", "statement": "Finding", "sources": "Sources (claims)",
           "consistency": "Consistency", "evidence": "Strongest evidence",
           "certainty": "Certainty (GRADE)", "agreement": "Agreement"}


def table_style(extra: list | None = None, header_rows: int = 1) -> TableStyle:
    """Booktabs: a heavy rule above and below, a light one under the header, hairlines
    between rows."""
    commands = [
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, INK),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, HAIRLINE),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, INK),
    ]
    if header_rows:
        commands.append(("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, INK))
    return TableStyle(commands + (extra or []))


def summary_table(section: Section, styles: Styles, columns: tuple[str, ...], width: float,
                  scale: int, anchors: frozenset[str]) -> Table:
    # Rows resting on many claims get a wider Sources column, so they are not pages tall.
    many = max((len(row.claims) for row in section.rows), default=0) > MANY_CLAIMS
    widths = column_widths(columns, width, many)
    data = [[Paragraph(HEADERS[c], styles.header) for c in columns]]
    extra = []
    cells = Cells(styles, scale, anchors)
    for index, row in enumerate(section.rows, start=1):
        data.append([cells.cell(c, row, section.key) for c in columns])
        if "consistency" in columns:
            col = columns.index("consistency")
            extra.append(("BACKGROUND", (col, index), (col, index),
                          CONSISTENCY_FILL[row.consistency]))
    # A row taller than a page (a statement of thousands of characters) is split across
    # pages between lines of its cells, as a long paragraph is.
    return Table(data, colWidths=widths, repeatRows=1, style=table_style(extra),
                 hAlign="LEFT", splitInRow=1)


def footnotes(section: Section, styles: Styles) -> list[Flowable]:
    """The explanations of the judged certainties, under the table, as in a GRADE Summary of
    Findings table."""
    return [Paragraph(f"<super><b>{escape(mark)}</b></super> {escape(text)}", styles.caption)
            for mark, text in section.footnotes]


def column_widths(columns: tuple[str, ...], width: float, many: bool = False) -> list[float]:
    shares = {**WIDTHS, "sources": WIDE_SOURCES} if many else WIDTHS
    fixed = sum(shares.get(c, 0) for c in columns if c != "statement")
    return [width * shares[c] if c != "statement" else width * (1 - fixed) for c in columns]


def _muted(text: str) -> str:
    return f'<font color="{hex_colour(MUTED)}">{text}</font>'


def legend(styles: Styles, scale: list[str], width: float,
           columns: tuple[str, ...]) -> Flowable:
    """What the colours, symbols and fractions of the summary tables' columns mean."""
    swatches = Table(
        [[Paragraph(CONSISTENCY_TEXT[k], styles.cell), Paragraph(escape(v), styles.cell)]
         for k, v in CONSISTENCY_MEANING.items()],
        colWidths=[24 * mm, None],
        style=TableStyle([CELL_FONT] + [("BACKGROUND", (0, i), (0, i), CONSISTENCY_FILL[k])
                          for i, k in enumerate(CONSISTENCY_MEANING)] + [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, -1), 1.5, colors.white)]))
    dots = Table(
        [[CertaintyDots(len(scale) - i, len(scale), styles.table_size * 0.78),
          Paragraph(escape(label), styles.cell)] for i, label in enumerate(scale)]
        + [[Paragraph(_muted("not judged"), styles.cell),
            Paragraph("nobody has judged the finding's certainty yet", styles.cell)],
           [Paragraph(_muted("not rated"), styles.cell),
            Paragraph("the reviewers judged that GRADE does not apply (a recommendation, a "
                      "gap in research; see the footnote), or a single claim its reviewer "
                      "did not rate", styles.cell)]],
        colWidths=[len(scale) * styles.table_size * 1.1 + 6, None],
        style=TableStyle([CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 1),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    stances = ", ".join(f'<font color="{STANCE_INK[s]}"><b>{STANCE_SYMBOL[s]}</b></font> {s}'
                        for s in STANCES)  # a claim's; only documents can take both sides
    rows = [
        ("sources", "Sources", Paragraph(
            f"The claims the row rests on, by document: <b>D2: +3 ±5</b> are claims 3 and 5 "
            f"of document D2 (D2-3 and D2-5 in the appendix), each a link to its quote. The "
            f"sign is the claim's stance towards the finding: {stances}.", styles.cell)),
        ("consistency", "Consistency", swatches),
        ("evidence", "Strongest evidence", Paragraph(
            "The strongest support a supporting claim's document gives: cites a review or "
            "guideline, cites a study, expert opinion, anecdote, none.", styles.cell)),
        ("certainty", "Certainty", [Paragraph(
            "The certainty of the evidence for the finding as the reviewers judged it (GRADE), "
            "with a footnote mark whose explanation is printed under the table. Beneath it, "
            "in grey, the spread of the claims' own ratings and the lowest: a starting point, "
            "not a verdict.", styles.cell), dots]),
        ("agreement", "Agreement", Paragraph(
            "Between reviewers, on the passages the row quotes: <b>extracted</b> counts "
            "(passage, reviewer) pairs found out of all expected; <b>category</b> and "
            "<b>certainty</b> count passages coded alike by every reviewer who extracted "
            "(rated) them; – when nothing could be compared.", styles.cell)),
    ]
    shown = [[Paragraph(f"<b>{name}</b>", styles.cell), v] for key, name, v in rows
             if key in columns]
    if not shown:
        return Spacer(1, 0)
    table = Table(shown,
                  colWidths=[30 * mm, width - 30 * mm],
                  style=table_style([("LINEABOVE", (0, 0), (-1, 0), 0.6, ACCENT),
                                     ("LINEBELOW", (0, -1), (-1, -1), 0.6, ACCENT)],
                                    header_rows=0))
    return table
