"""A PDF's title: its metadata title when plausible, else the largest type on its first
page, else the first heading, else a short first paragraph. Never a table of contents, a
trial-version watermark or a template's leftover title."""

import re

from reviewtool.core.importing.pdf_layout import HEADING_SIZE
from reviewtool.core.normalize import is_cjk

_TITLE_MAX_CHARS = 150
_TITLE_MAX_CJK = 50
_TITLE_CONTEXT = 6000  # the metadata title's words are looked for this far into the text
_TITLE_WORDS_PRESENT = 0.5
_TITLE_WORD = re.compile(r"\w{2,}")
# A table of contents ("Contents 1 Foo 2 2 Bar …") or a trial-version watermark is no title.
_CONTENTS_LIKE = re.compile(r"^(table of )?contents\b|(\D\s\d{1,3}\s.*){3}", re.IGNORECASE)
_NOT_A_TITLE = re.compile(
    r"trial version|evaluation (copy|version|only)|unregistered|watermark|demo version"
    r"|created (with|by) |^page \d+", re.IGNORECASE)
_JUNK_TITLE = re.compile(
    r"^(untitled(-\d+)?|untitled document|title|document|\(?anonymous\)?|slide \d+)$"
    r"|^microsoft (word|powerpoint|excel) - "
    r"|\.(docx?|pdf|tex|dvi|rtf|odt|pptx?|indd|qxd|e?ps)$",
    re.IGNORECASE,
)


def choose_title(metadata_title: str, first, text: str) -> str | None:
    """A plausible metadata title, else the largest type on the first page, else its first
    heading, else its first paragraph if short; never a table of contents or a watermark.
    `first` is the first page with text, laid out (its lines, headings and body size)."""
    early_text = text[:_TITLE_CONTEXT]
    metadata_title = " ".join(metadata_title.split())
    if _plausible(metadata_title) and _words_appear(metadata_title, early_text):
        return metadata_title
    for candidate in (_largest_text(first), _first_heading(first),
                      first.text.split("\n", 1)[0]):
        if candidate and _short_enough(candidate) and _plausible(candidate):
            return candidate
    return None


def _short_enough(title: str) -> bool:
    """At most 150 characters; 50 in Chinese, Japanese or Korean, which say more in each."""
    cjk = sum(map(is_cjk, title)) > len(title) / 2
    return len(title) <= (_TITLE_MAX_CJK if cjk else _TITLE_MAX_CHARS)


def _plausible(title: str) -> bool:
    return bool(title) and not (_JUNK_TITLE.search(title) or _NOT_A_TITLE.search(title)
                                or _CONTENTS_LIKE.search(title))


def _words_appear(title: str, early_text: str) -> bool:
    """Most of the metadata title's words are on the first pages (else it is a leftover)."""
    words = set(_TITLE_WORD.findall(title.casefold()))
    if not words:
        return False
    if any(is_cjk(char) for char in title):
        return True  # no words to compare in CJK script
    present = set(_TITLE_WORD.findall(early_text.casefold()))
    return len(words & present) >= _TITLE_WORDS_PRESENT * len(words)


def _largest_text(first) -> str | None:
    """The lines in the largest type on the first page, if clearly larger than the body."""
    lines = [line for line in first.lines if line.text.strip()]
    if not lines or not first.size:
        return None
    largest = max(line.size for line in lines)
    if largest < HEADING_SIZE * first.size:
        return None
    at = next(number for number, line in enumerate(lines) if line.size == largest)
    title = [lines[at].text]
    for line in lines[at + 1:]:  # a title set on two or three lines
        if abs(line.size - largest) > 0.5 or len(title) == 3:
            break
        title.append(line.text)
    return " ".join(title)


def _first_heading(first) -> str | None:
    return first.text[slice(*first.headings[0])] if first.headings else None
