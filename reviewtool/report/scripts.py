"""Every script in the report: fallback fonts for what the text fonts cannot draw.

Noto Serif and Noto Sans cover Latin, Greek and Cyrillic. Text in another script is drawn in
a fallback font chosen per character: Noto Sans Arabic, Hebrew, Devanagari, Thai, Armenian
and Georgian ship in report_assets/fonts; Chinese, Japanese and Korean fonts are large, so
the first TrueType one found on the system is used (Debian: fonts-droid-fallback and
fonts-nanum; Windows and macOS fonts are looked for too). reportlab embeds only the glyphs
used. Arabic is shaped (arabic-reshaper: the joining forms), Arabic and Hebrew are put in
display order (python-bidi, the Unicode bidirectional algorithm, UAX #9), and Devanagari is
shaped by HarfBuzz (uharfbuzz, through reportlab's shaping).

A character that no font can draw is printed as [U+XXXX] and reported (`unprintable`),
never dropped silently.
"""

import functools
import re
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from reviewtool.resources import data_dir

SHIPPED = ("NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansThai",
           "NotoSansArmenian", "NotoSansGeorgian")
# TrueType outlines only: reportlab cannot embed CFF (.otf) fonts such as Noto Sans CJK.
SYSTEM = {
    "FallbackCJK": (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simsun.ttc",
        "C:/Windows/Fonts/msgothic.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    ),
    "FallbackHangul": (
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
        "/usr/share/fonts/truetype/baekmuk/gulim.ttf",
        "C:/Windows/Fonts/malgun.ttf", "C:/Windows/Fonts/gulim.ttc",
        "/System/Library/Fonts/Supplemental/AppleGothic.ttf",
    ),
}
_SHAPED = {"NotoSansDevanagari"}  # scripts whose letters change place and form
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@functools.cache
def fallbacks() -> tuple[str, ...]:
    """Register the fallback fonts found (once per process); their names, in order of use."""
    from reviewtool.report.fonts import register_fonts

    register_fonts()  # the fonts whose gaps the fallbacks fill
    folder = data_dir("report_assets") / "fonts"
    found = []
    for family in SHIPPED:
        if _register(family, (folder / f"{family}-Regular.ttf",)):
            found.append(family)
    for family, paths in SYSTEM.items():
        if _register(family, tuple(map(Path, paths))):
            found.append(family)
    return tuple(found)


def _register(family: str, paths: tuple[Path, ...]) -> bool:
    for path in paths:
        if not path.is_file():
            continue
        try:
            font = TTFont(family, str(path), subfontIndex=0)
        except (TTFError, OSError, AssertionError):  # CFF outlines, or an unreadable file
            continue
        pdfmetrics.registerFont(font)
        for bold in (0, 1):  # one face serves <b> and <i> too
            for italic in (0, 1):
                addMapping(family, bold, italic, family)
        return True
    return False


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def shaped(text: str) -> str:
    """Arabic in its joining forms (arabic-reshaper), still in reading order."""
    if text.isascii() or not _ARABIC.search(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def visual(text: str) -> str:
    """Arabic shaped into its joining forms, right-to-left text in display order."""
    if text.isascii() or not _RTL.search(text):
        return text
    from bidi import get_display

    return get_display(shaped(text))


def right_to_left(text: str) -> bool:
    """Whether the text's first strong character is Arabic or Hebrew (its base direction)."""
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def display_lines(lines: list[tuple], text: str) -> list[tuple]:
    """Lines broken in reading order, put in display order: the right-to-left pieces of each
    line reversed (UAX #9 on each piece), and, in a right-to-left paragraph, the pieces of a
    line mirrored, so a long Arabic or Hebrew passage reads from its first line down."""
    if not _RTL.search(text):
        return lines
    from bidi import get_display

    rtl = right_to_left(text)
    shown = []
    for line in lines:
        pieces = [(x, width, get_display(piece) if _RTL.search(piece) else piece, run)
                  for x, width, piece, run in line]
        if rtl:
            end = max(x + width for x, width, _, _ in pieces)
            pieces = [(end - x - width, width, piece, run) for x, width, piece, run in pieces]
            pieces.reverse()
        shown.append(tuple(pieces))
    return shown


def runs(text: str, font: str, bidi: bool = True) -> list[tuple[str, str]]:
    """The text cut into (text, font) runs: `font` where it has the glyphs, a fallback font
    elsewhere, and [U+XXXX] for what no font can draw; in display order, or with `bidi`
    false in reading order (for text broken into lines before it is put in display order)."""
    if text.isascii():
        return [(text, font)]
    text = visual(text) if bidi else shaped(text)
    base = _coverage(font)
    found: list[list] = []
    for char in text:
        code = ord(char)
        current = found[-1][1] if found else font
        if current != font and (not char.isalpha()) and code in _coverage(current):
            chosen, char = current, char  # spaces and digits stay inside a run of a script
        elif code in base or char in "\n\t":
            chosen = font
        else:
            chosen = next((f for f in fallbacks() if code in _coverage(f)), None)
            if chosen is None:
                chosen, char = font, f"[U+{code:04X}]"
        if found and found[-1][1] == chosen:
            found[-1][0].append(char)
        else:
            found.append([[char], chosen])
    return [(_shaped("".join(chars), chosen), chosen) for chars, chosen in found]


def _shaped(text: str, font: str) -> str:
    """Indic text shaped by HarfBuzz (through reportlab): vowel signs before their consonant,
    conjuncts as one glyph. The result's characters name the glyphs to draw."""
    if font not in _SHAPED:
        return text
    from reportlab.pdfbase.ttfonts import shapeStr

    return str(shapeStr(text, font, 10))


def unprintable(text: str, font: str) -> str:
    """The characters of `text` that neither `font` nor a fallback can draw."""
    if text.isascii():
        return ""
    base = _coverage(font)
    missing = dict.fromkeys(
        char for char in visual(text)
        if ord(char) not in base and not char.isspace()
        and not any(ord(char) in _coverage(f) for f in fallbacks()))
    return "".join(missing)


def unprintable_notes(data, font: str) -> list[str]:
    """One line per claim, document or finding of the report with characters no font has."""
    notes = []

    def check(what: str, *texts: str) -> None:
        missing = "".join(dict.fromkeys("".join(unprintable(text or "", font) for text in texts)))
        if missing:
            codes = ", ".join(f"U+{ord(char):04X}" for char in missing)
            notes.append(f"{what}: {codes}")

    for document in data.documents:
        check(f"document {document.ref} ({document.title})", document.title)
    for section in data.sections:
        for row in section.rows:
            if row.kind == "finding":
                check(f"finding {row.number}", row.statement)
    for entry in data.appendix:
        for claim in entry.claims:
            check(f"claim {claim.claim.ref}", claim.statement, claim.quote)
    return notes
