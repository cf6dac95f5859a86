"""The TrueType fonts the PDF embeds (report_assets/fonts): Noto Serif for text, Noto Sans for
tables and headings. Both cover Latin, Greek and Cyrillic; reportlab embeds the glyphs used.
"""

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reviewtool.resources import data_dir

SERIF = "NotoSerif"
SANS = "NotoSans"
STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}


def register_fonts() -> tuple[str, str]:
    """Register both families once per process; returns (serif, sans) family names."""
    folder = data_dir("report_assets") / "fonts"
    for family in (SERIF, SANS):
        if family in pdfmetrics.getRegisteredFontNames():
            continue
        for suffix, style in STYLES.items():
            path = folder / f"{family}-{style}.ttf"
            pdfmetrics.registerFont(TTFont(f"{family}{suffix}", str(path)))
        # addMapping rather than registerFontFamily so <b> and <i> in markup pick the faces.
        for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Italic"),
                                     (1, 1, "-BoldItalic")):
            addMapping(family, bold, italic, f"{family}{suffix}")
    return SERIF, SANS
