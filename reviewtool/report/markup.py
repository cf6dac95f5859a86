"""Turning user text into reportlab Paragraph markup: every user string goes through here."""

import re
from xml.sax.saxutils import escape as _xml_escape

from reviewtool.core.normalize import strip_controls
from reviewtool.core.wording import counted

# The most of one value the report prints (a note of megabytes would take thousands of
# pages and minutes); the rest stays in the review file, and the report says so.
MAX_PRINTED_CHARS = 20_000


def escape(text: object) -> str:
    """User text as markup that prints exactly that text: `<`, `&`, `>` are not tags.
    Control characters (other than tab and line breaks) are left out: they would break the
    markup parser, print as boxes, or (a right-to-left override) reorder the words.
    Characters the report's fonts lack are set in a fallback font (see scripts)."""
    text = strip_controls("" if text is None else str(text), keep="\t\n\r")
    if text.isascii():
        return _xml_escape(text)
    from reviewtool.report.fonts import SANS
    from reviewtool.report.scripts import runs

    return "".join(_xml_escape(part) if font == SANS else
                   f'<font face="{font}">{_xml_escape(part)}</font>'
                   for part, font in runs(text, SANS))


def one_line(text: object) -> str:
    """User text for a text block: on one line, without control characters, and cut at
    MAX_PRINTED_CHARS with a note of what was left out."""
    line = " ".join(strip_controls("" if text is None else str(text)).split())
    if len(line) <= MAX_PRINTED_CHARS:
        return line
    rest = len(line) - MAX_PRINTED_CHARS
    return (f"{line[:MAX_PRINTED_CHARS]} … [{counted(rest, 'more character')} not printed; "
            "see the review file]")


def escape_lines(text: object) -> str:
    """As escape(), keeping the text's line breaks."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def link(anchor: str, text: str, color: str | None = None) -> str:
    """An internal link to a destination named with <a name="..."/> or bookmarkPage.

    `anchor` is one of our generated names (letters, digits, '-'); `text` is escaped here.
    """
    colour = f' color="{color}"' if color else ""
    return f'<a href="#{_name(anchor)}"{colour}>{escape(text)}</a>'


def link_if(anchors: "set[str] | frozenset[str]", anchor: str, text: str,
            color: str | None = None) -> str:
    """A link when its destination is in the report (a layout may leave sections out)."""
    return link(anchor, text, color) if anchor in anchors else escape(text)


def _name(anchor: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "", anchor)
