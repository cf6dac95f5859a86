"""PDFs with a text layer: the text of each page, wrapped lines joined into paragraphs."""

import re
import threading

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.normalize import join_pages

ENCRYPTED = "encrypted PDF: remove the password and import it again"
NO_TEXT_LAYER = (
    "no extractable text in this PDF (probably a scan): run it through OCR "
    "and import the result"
)
CORRUPT = "corrupt or unreadable PDF: open it in a PDF viewer, save a new copy and import that"

_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe; the GUI imports in a worker

# A line this much shorter than the page's typical line ends its paragraph (see _ends_paragraph).
_SHORT_LINE = 0.8
_TYPICAL_LINE_PERCENTILE = 0.8  # robust to a few very long or very short lines
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_WORD_HYPHEN = re.compile(r"\w-$")  # "treat-" (not " -", a dash)
_BULLETS = "•◦▪▫‣⁃●○■□*"
_TITLE_MAX_CHARS = 150
_JUNK_TITLE = re.compile(
    r"^(untitled(-\d+)?|untitled document|title|document|\(?anonymous\)?|slide \d+)$"
    r"|^microsoft (word|powerpoint|excel) - "
    r"|\.(docx?|pdf|tex|dvi|rtf|odt|pptx?|indd|qxd|e?ps)$",
    re.IGNORECASE,
)


def extract(data: bytes, name: str) -> Extracted:
    from reviewtool.core.importing.bounded import run_bounded

    page_texts, metadata_title = run_bounded(read_pages, data, preload=(__name__, "pypdfium2"))
    pages = [_paragraphs(_lines(page_text)) for page_text in page_texts]
    text, page_starts = join_pages(pages)
    if not text:
        raise ImportRefused(NO_TEXT_LAYER)
    return Extracted(
        text=text,
        title=title_or_stem(_title(metadata_title, next(filter(None, pages))), name),
        media_type="application/pdf",
        source=name,
        page_starts=page_starts,
    )


def read_pages(data: bytes) -> tuple[list[str], str]:
    """The raw text of every page and the metadata title (run in a capped worker process)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            locked = error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
            raise ImportRefused(ENCRYPTED if locked else CORRUPT) from error
        try:
            return [_page_text(document, index) for index in range(len(document))], (
                document.get_metadata_value("Title")
            )
        except pdfium.PdfiumError as error:
            raise ImportRefused(CORRUPT) from error
        finally:
            document.close()


def _page_text(document, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_bounded()  # full Unicode, unlike get_text_range
        finally:
            textpage.close()
    finally:
        page.close()


def _lines(page_text: str) -> list[str]:
    # pdfium merges a word hyphenated across lines into "treat\x02ment"; restoring the
    # line break lets one rule (_join) decide about every hyphen at a line end.
    return [line.strip() for line in page_text.replace("\x02", "-\n").splitlines()]


def _paragraphs(lines: list[str]) -> str:
    """One paragraph a line: wrapped lines joined, breaks kept where a paragraph ends."""
    typical = _typical_length(lines)
    paragraphs: list[str] = []
    current = ""
    for line, next_line in zip(lines, [*lines[1:], ""]):
        if line:
            current = _join(current, line)
        if current and (not line or _ends_paragraph(line, next_line, typical)):
            paragraphs.append(current)
            current = ""
    return "\n".join(paragraphs)


def _typical_length(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(_TYPICAL_LINE_PERCENTILE * (len(lengths) - 1))] if lengths else 0


def _ends_paragraph(line: str, next_line: str, typical: int) -> bool:
    """Inside a paragraph every line but the last is about as long as the typical line."""
    if not next_line:
        return True
    if _WORD_HYPHEN.search(line):
        return False
    if next_line[0] in _BULLETS:
        return True
    if len(line) >= _SHORT_LINE * typical:
        return False
    # A short line ends a sentence, or is a heading or the last line of a paragraph
    # when the next line starts like a new one.
    return bool(_SENTENCE_END.search(line)) or next_line[0].isupper() or next_line[0].isdigit()


def _join(current: str, line: str) -> str:
    if not current:
        return line
    if not _WORD_HYPHEN.search(current):
        return f"{current} {line}"
    last_word = current.rsplit(" ", 1)[-1]
    # "treat-" + "ment" is one word; "well-" + "Known", "10-" + "20" and "state-of-the-"
    # + "art" keep their hyphen.
    if line[0].islower() and "-" not in last_word[:-1]:
        return current[:-1] + line
    return current + line


def _title(metadata_title: str, first_page: str) -> str | None:
    """The metadata title unless it is a placeholder, else the first paragraph if short."""
    metadata_title = metadata_title.strip()
    if metadata_title and not _JUNK_TITLE.search(metadata_title):
        return metadata_title
    first_paragraph = first_page.strip().split("\n", 1)[0]
    return first_paragraph if len(first_paragraph) <= _TITLE_MAX_CHARS else None
