"""The one definition of normalized text.

Quotes point into normalized text by character offset, so every importer, the anchor code
and the quote matcher must agree on it exactly. The rules, in order:

1. Line endings: CR LF, CR, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
   SEPARATOR (U+2029) become LF.
2. Removed: BOM / zero-width no-break space (U+FEFF), soft hyphen (U+00AD), and C0/C1
   control characters other than tab and LF.
3. Unicode NFC (after the removals, which can bring a letter and its accent together).
4. Horizontal whitespace (tab, no-break space, the Unicode space separators) becomes a
   plain space; runs of spaces become one space; spaces at the start and end of a line go.
5. Runs of two or more blank lines become one blank line; the text is stripped at both ends.
"""

import re
import unicodedata

_NEWLINES = re.compile("\r\n|[\r\x85\u2028\u2029]")
_REMOVED = re.compile("[\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_HSPACE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_EDGE_SPACE = re.compile("^ | $", re.MULTILINE)
_BLANK_LINES = re.compile("\n{3,}")
# Anything rule 4 would change: a space other than a single plain one, or one at a line edge.
_NEEDS_SPACING = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|  |^ | $",
                            re.MULTILINE)


def normalize_text(text: str) -> str:
    # Each step runs only where a cheap scan says it can change something: most text is
    # already clean, and a substitution walks the whole string even when it changes nothing.
    if _NEWLINES.search(text):
        text = _NEWLINES.sub("\n", text)
    if _REMOVED.search(text):
        text = _REMOVED.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _NEEDS_SPACING.search(text):
        text = _HSPACE.sub(" ", text)
        text = _LINE_EDGE_SPACE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Normalize each page and join them with a blank line.

    Returns the text and the offset at which each page starts, so the page of any
    character is known (pages with no text still get an offset).
    """
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in pages:
        normalized = normalize_text(page)
        if parts and normalized:
            offset += 2  # the "\n\n" separator
        starts.append(offset)
        if normalized:
            parts.append(normalized)
            offset += len(normalized)
    return "\n\n".join(parts), tuple(starts)


def page_of(offset: int, page_starts: tuple[int, ...] | list[int] | None) -> int | None:
    """1-based page number of the character at `offset`, or None for unpaged documents."""
    if not page_starts:
        return None
    page = 1
    for number, start in enumerate(page_starts, start=1):
        if start <= offset:
            page = number
        else:
            break
    return page


# C0 and C1 controls and the invisible bidirectional controls (embeddings, overrides,
# isolates and marks): in a terminal or a rendered line they act instead of being read.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every control character (except those in `keep`) written as a visible
    escape: ESC as `\\x1b`, a right-to-left override as `\\u202e`."""
    def visible(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return _CONTROLS.sub(visible, text)


def strip_controls(text: str, keep: str = "") -> str:
    """`text` without control characters (except those in `keep`): where they cannot be
    shown as escapes (a printed report), they are left out rather than drawn as boxes or
    left to reorder the words around them."""
    return _CONTROLS.sub(lambda match: match.group() if match.group() in keep else "", text)


# Scripts written without spaces between words: Han, kana, Hangul syllables and CJK punctuation.
_CJK = re.compile("[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                  "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def is_cjk(char: str) -> bool:
    """Whether a character is Chinese, Japanese or Korean (lines of it join without a space)."""
    return bool(char) and bool(_CJK.match(char))


def spaced_cjk(text: str) -> str:
    """Every CJK character as a word of its own, for a word-based full-text index."""
    return _CJK.sub(lambda match: f" {match.group()} ", text) if _CJK.search(text) else text
