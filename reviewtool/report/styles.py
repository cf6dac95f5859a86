"""Colours, symbols and paragraph styles of the report (one place, so legends match)."""

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from reviewtool.report.fonts import SANS

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b636d")
RULE = colors.HexColor("#9aa3ad")
HAIRLINE = colors.HexColor("#d5dae0")
ACCENT = colors.HexColor("#1f3a5f")
LINK = "#1f4e8c"
ALERT = colors.HexColor("#a1251b")
ALERT_FILL = colors.HexColor("#fbeae8")
QUOTE_BAR = colors.HexColor("#c4cbd3")
BAND = colors.HexColor("#f1f3f6")  # group rows of a table
# Every table style names our font: reportlab's default (Helvetica) would not be embedded.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), SANS)

# A document's or claim's stance towards a finding: fill, ink and a symbol that survives
# printing in black and white.
STANCE_FILL = {"supports": colors.HexColor("#9fcf98"), "qualifies": colors.HexColor("#f3cf7a"),
               "contradicts": colors.HexColor("#e8918a"),
               "supports and contradicts": colors.HexColor("#c9a0dc")}
STANCE_INK = {"supports": "#1e6b25", "qualifies": "#8a5300", "contradicts": "#a1251b",
              "supports and contradicts": "#5b2a86"}
STANCE_SYMBOL = {"supports": "+", "qualifies": "±", "contradicts": "–",
                 "supports and contradicts": "+–"}
NO_STANCE_FILL = colors.white

CONSISTENCY_FILL = {"consistent": colors.HexColor("#dcefd8"), "mixed": colors.HexColor("#fcefcf"),
                    "contradictory": colors.HexColor("#f7d8d5"),
                    "all contradict": colors.HexColor("#f3e0f0"),
                    "single source": colors.HexColor("#eceff2")}
CONSISTENCY_TEXT = {"consistent": "Consistent", "mixed": "Mixed",
                    "contradictory": "Contradictory", "all contradict": "All contradict",
                    "single source": "Single source"}
CONSISTENCY_MEANING = {
    "consistent": "every document supports it",
    "mixed": "some documents only qualify it; none contradicts what another supports",
    "contradictory": "one document supports and another contradicts it, or a document does both",
    "all contradict": "every document contradicts it: the documents agree, against the finding",
    "single source": "the row rests on one document",
}


@dataclass(frozen=True)
class Styles:
    serif: str
    sans: str
    size: float  # body size in points
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    kicker: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    header: ParagraphStyle
    quote: ParagraphStyle
    fields: ParagraphStyle
    caption: ParagraphStyle
    reference: ParagraphStyle  # a reference-list entry, with a hanging indent

    @property
    def table_size(self) -> float:
        return self.cell.fontSize


def hex_colour(color) -> str:
    """A reportlab colour as "#rrggbb", for <font color=…> in paragraph markup."""
    return "#" + color.hexval()[2:]


def stylesheet(serif: str, sans: str, size: float) -> Styles:
    table = round(size * 0.86, 2)
    lead = 1.38

    def style(name, font, font_size, leading=None, **extra) -> ParagraphStyle:
        extra = {"textColor": INK, "alignment": TA_LEFT, **extra}
        return ParagraphStyle(name, fontName=font, fontSize=font_size,
                              leading=leading or round(font_size * lead, 2), **extra)

    return Styles(
        serif=serif, sans=sans, size=size,
        body=style("body", serif, size, spaceAfter=size * 0.6),
        small=style("small", serif, size * 0.88, spaceAfter=size * 0.4),
        note=style("note", sans, table * 0.94, textColor=MUTED, spaceAfter=2),
        title=style("title", f"{serif}-Bold", size * 2.7, size * 3.2, spaceAfter=size),
        subtitle=style("subtitle", f"{serif}-Italic", size * 1.45, size * 2.0, textColor=MUTED,
                       spaceAfter=size * 1.6),
        kicker=style("kicker", f"{sans}-Bold", size * 0.9, textColor=ACCENT, spaceAfter=size,
                     wordSpace=0.5),
        h1=style("h1", f"{sans}-Bold", size * 1.6, size * 2.0, textColor=ACCENT,
                 spaceBefore=size * 1.4, spaceAfter=size * 0.8, keepWithNext=1),
        # Not keepWithNext: that would move a long table whole to the next page; the
        # story puts a CondPageBreak before these headings instead (pages.headed).
        h2=style("h2", f"{sans}-Bold", size * 1.2, size * 1.55, textColor=ACCENT,
                 spaceBefore=size * 1.1, spaceAfter=size * 0.5),
        h3=style("h3", f"{sans}-Bold", size, size * 1.35, spaceBefore=size * 0.8,
                 spaceAfter=size * 0.3),
        cell=style("cell", sans, table, table * 1.28),
        cell_small=style("cell_small", sans, table * 0.9, table * 1.18, textColor=MUTED),
        header=style("header", f"{sans}-Bold", table, table * 1.25),
        quote=style("quote", f"{serif}-Italic", size * 0.95, leftIndent=size * 3.2,
                    borderPadding=(0, 0, 0, size * 0.8), spaceBefore=1, spaceAfter=2),
        fields=style("fields", sans, table * 0.95, table * 1.3, leftIndent=size * 3.2,
                     textColor=MUTED),
        caption=style("caption", sans, table * 0.95, table * 1.3, textColor=MUTED,
                      spaceBefore=size * 0.5, spaceAfter=size),
        reference=style("reference", serif, size * 0.9, leftIndent=size * 2.2,
                        firstLineIndent=-size * 2.2, spaceAfter=size * 0.35),
    )
