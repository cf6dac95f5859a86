"""Markdown, read as a reader sees it rendered: one heading, paragraph, list item, quote,
table cell or code block a line, without the marks (#, **, -, >, `, links' addresses).

Parsed with markdown-it-py (CommonMark, with its tables), the structure HTML pages get.
"""

from pathlib import Path

from reviewtool.core.importing import title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.importing.text import decode_text
from reviewtool.core.normalize import normalize_text

_TITLE_SEARCH_BLOCKS = 5  # "early": a heading after a badge line or a date still counts
_LINE_BLOCKS = {"paragraph_open", "heading_open", "th_open", "td_open"}
_CODE_BLOCKS = {"fence", "code_block"}


def extract(data: bytes, name: str) -> Extracted:
    blocks = _blocks(decode_text(data))
    lines: list[str] = []
    headings: list[tuple[int, int, int]] = []  # start, end, level
    offset = 0
    for level, block in blocks:
        for line in filter(None, map(normalize_text, block.split("\n"))):
            if level:
                headings.append((offset, offset + len(line), level))
            lines.append(line)
            offset += len(line) + 1
    text = "\n".join(lines)
    return Extracted(
        text=text,
        title=title_or_stem(_title(text, headings), name),
        media_type="text/markdown",
        source=name,
        headings=tuple((start, end) for start, end, _ in headings),
    )


def _blocks(source: str) -> list[tuple[int, str]]:
    """(heading level or 0, text) of every block, in order."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[tuple[int, str]] = []
    level = 0
    for token in tokens:
        if token.type in _LINE_BLOCKS:
            level = int(token.tag[1]) if token.type == "heading_open" else 0
        elif token.type == "inline":
            blocks.append((level, _inline_text(token.children or [])))
            level = 0
        elif token.type in _CODE_BLOCKS:
            blocks.append((0, token.content))
        elif token.type == "html_block":
            blocks.append((0, _without_tags(token.content)))
    return blocks


def _inline_text(children) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))  # its alternative text
    return "".join(parts)


def _without_tags(html: str) -> str:
    import lxml.html

    try:
        return lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except Exception:  # lxml raises several kinds for a fragment that is not HTML at all
        return ""


def _title(text: str, headings: list[tuple[int, int, int]]) -> str | None:
    """The first top-level heading among the first blocks, else the first heading there,
    else a short first line standing alone."""
    early = text.split("\n", _TITLE_SEARCH_BLOCKS)[:_TITLE_SEARCH_BLOCKS]
    limit = sum(len(line) + 1 for line in early)
    early_headings = sorted((level, start) for start, _, level in headings if start < limit)
    if early_headings:
        start = early_headings[0][1]
        return text[start:text.index("\n", start) if "\n" in text[start:] else len(text)]
    from reviewtool.core.importing.text import title_line

    first, _, rest = text.partition("\n")  # blocks stand alone, as lines with a blank after
    return title_line(f"{first}\n\n{rest}") if rest else None
