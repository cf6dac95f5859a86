"""Turning user text into reportlab Paragraph markup: every user string goes through here."""

import re
from xml.sax.saxutils import escape as _xml_escape

# Control characters other than tab and newline would break the markup parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: object) -> str:
    """User text as markup that prints exactly that text: `<`, `&`, `>` are not tags.
    Characters the report's fonts lack are set in a fallback font (see scripts)."""
    text = _CONTROL.sub("", "" if text is None else str(text))
    if text.isascii():
        return _xml_escape(text)
    from reviewtool.report.fonts import SANS
    from reviewtool.report.scripts import runs

    return "".join(_xml_escape(part) if font == SANS else
                   f'<font face="{font}">{_xml_escape(part)}</font>'
                   for part, font in runs(text, SANS))


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
