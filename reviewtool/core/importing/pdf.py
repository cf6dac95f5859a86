"""PDFs with a text layer: the text of each page, wrapped lines joined into paragraphs.

The page's layout (pdf_layout) puts the lines in reading order without running headers,
footers and page numbers, and footnotes after the body. Every character of the text keeps the
index of its character on the page (TextLayer.char_index), so a quote can be shown on the page.
"""

import re
import threading
from array import array
from dataclasses import dataclass

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.importing.headings import heading_spans
from reviewtool.core.importing.pdf_chars import PageChars, read_page_chars
from reviewtool.core.importing.pdf_layout import (
    HEADING_SIZE, NOTE_MARK, Line, Segment, body_size, furniture, reading_order, segments,
    split_footnotes)
from reviewtool.core.importing.pdf_title import choose_title
from reviewtool.core.normalize import is_cjk, join_pages, normalize_text

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
_HEADING_MAX = 200


def pdfium_lock() -> threading.Lock:
    """Held around every use of PDFium, by the importer and the page view alike."""
    return _PDFIUM_LOCK


def extract(data: bytes, name: str) -> Extracted:
    return read_layer(data, name).extracted


@dataclass(frozen=True)
class TextLayer:
    """A PDF's text and, for every character of it, its character on the page."""

    extracted: Extracted
    char_index: array  # PDFium text-page index of each text character, -1 for an added one
    page_sizes: tuple[tuple[float, float], ...]


def read_layer(data: bytes, name: str) -> TextLayer:
    from reviewtool.core.importing.bounded import run_bounded

    # PDFium parses in a capped worker process (bounded.py): a hostile page cannot take
    # the machine's memory. The layout below runs here, on the characters it sends back.
    pages, page_segments, metadata_title = run_bounded(read_pages, data,
                                                       preload=(__name__, "pypdfium2"))
    repeated = furniture(pages, page_segments)
    laid_out = [_page(page, [s for s in found if id(s) not in repeated])
                for page, found in zip(pages, page_segments)]
    text, page_starts = join_pages([page.text for page in laid_out])
    if not text:
        raise ImportRefused(NO_TEXT_LAYER)
    char_index = array("i", [-1]) * len(text)
    headings: list[tuple[int, int]] = []
    for start, page in zip(page_starts, laid_out):
        char_index[start:start + len(page.text)] = array("i", page.index)
        headings += [(start + a, start + b) for a, b in page.headings]
    first = next((page for page in laid_out if page.text), laid_out[0])
    for page in laid_out:
        if page is not first:
            page.lines = []  # only the first page's lines are needed (for its title)
    extracted = Extracted(
        text=text,
        title=title_or_stem(choose_title(metadata_title, first, text), name),
        media_type="application/pdf",
        source=name,
        page_starts=page_starts,
        headings=tuple(headings),
    )
    return TextLayer(extracted, char_index, tuple((p.width, p.height) for p in pages))


def read_pages(data: bytes) -> tuple[list[PageChars], list[list[Segment]], str]:
    """Every page's size (its characters dropped once segmented, to keep memory low), its
    segments, and the metadata title. PDFium is locked page by page, so that the page view
    can render pages while a long document is read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            locked = error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
            raise ImportRefused(ENCRYPTED if locked else CORRUPT) from error
    pages: list[PageChars] = []
    found: list[list[Segment]] = []
    try:
        with _PDFIUM_LOCK:
            count, title = len(document), document.get_metadata_value("Title")
        for index in range(count):
            with _PDFIUM_LOCK:
                page = _page_chars(document, index)
            pages.append(PageChars(page.width, page.height, []))
            found.append(segments(page))
    except pdfium.PdfiumError as error:
        raise ImportRefused(CORRUPT) from error
    finally:
        with _PDFIUM_LOCK:
            document.close()
    return pages, found, title


def _page_chars(document, index: int) -> PageChars:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            return read_page_chars(textpage, width, height)
        finally:
            textpage.close()
    finally:
        page.close()


@dataclass
class _Page:
    text: str
    index: list[int]
    headings: list[tuple[int, int]]
    size: float  # of the body type
    lines: list[Line]


def _page(page: PageChars, found: list[Segment]) -> _Page:
    body = body_size(found)
    gutter = max(body, 4.0)
    main, notes = split_footnotes(found, page, body)
    lines = reading_order(main, gutter)
    note_lines = reading_order(notes, gutter)
    text, index, headings = _paragraphs(lines, body)
    for note in _notes(note_lines):  # after the body, one paragraph a note
        note_text, note_index, _ = _paragraphs(note, body, headings=False)
        if text:
            text, index = text + "\n", index + [-1]
        text, index = text + note_text, index + note_index
    titles = [text[start:end] for start, end in headings]
    text, index = _normalized(text, index)
    # normalizing can move offsets; headings are whole lines, found again in order
    return _Page(text, index, list(heading_spans(text, titles)), body, lines)


def _notes(lines: list[Line]) -> list[list[Line]]:
    """Footnote lines grouped into notes: each note starts at a line led by a note mark."""
    notes: list[list[Line]] = []
    for line in lines:
        if not notes or NOTE_MARK.match(line.text):
            notes.append([])
        notes[-1].append(line)
    return notes


def _normalized(text: str, index: list[int]) -> tuple[str, list[int]]:
    """The page text normalized, its map carried along (most pages need no change)."""
    normalized = normalize_text(text)
    if normalized == text:
        return text, index
    import difflib

    mapped = [-1] * len(normalized)
    matcher = difflib.SequenceMatcher(None, text, normalized, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for offset in range(b1 - b0):
            if tag == "equal":
                mapped[b0 + offset] = index[a0 + offset]
            elif a1 > a0:
                mapped[b0 + offset] = index[min(a0 + offset, a1 - 1)]
    return normalized, mapped


def _paragraphs(lines: list[Line], body: float,
                headings: bool = True) -> tuple[str, list[int], list[tuple[int, int]]]:
    """One paragraph a line: wrapped lines joined, breaks kept where a paragraph ends.

    A line in a type clearly larger than the body is a heading: a paragraph of its own
    (consecutive lines of one heading are joined).
    """
    typical = _typical_length([line.text for line in lines])
    text: list[str] = []
    index: list[int] = []
    spans: list[tuple[int, int]] = []
    current, current_index = "", []

    def is_heading(line: Line | None) -> bool:
        return (headings and line is not None and body > 0
                and line.size >= HEADING_SIZE * body and len(line.text) <= _HEADING_MAX
                and sum(char.isalpha() for char in line.text) >= 2)  # not a figure's labels

    def flush(heading: bool) -> None:
        nonlocal current, current_index
        if not current:
            return
        if text:
            text.append("\n")
            index.append(-1)
        start = sum(map(len, text))
        text.append(current)
        index.extend(current_index)
        if heading:
            spans.append((start, start + len(current)))
        current, current_index = "", []

    for line, next_line in zip(lines, [*lines[1:], None]):
        heading = is_heading(line)
        current, current_index = _join(current, current_index, line.text, line.index)
        if heading:
            if not (is_heading(next_line) and abs(next_line.size - line.size) < 0.5):
                flush(True)
        elif (next_line is None or is_heading(next_line)
              or _ends_paragraph(line.text, next_line.text, typical)):
            flush(False)
    flush(False)
    return "".join(text), index, spans


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


def _join(current: str, current_index: list[int], line: str,
          line_index: list[int]) -> tuple[str, list[int]]:
    if not current:
        return line, list(line_index)
    if is_cjk(current[-1]) and is_cjk(line[0]):  # Chinese, Japanese, Korean: no space
        return current + line, current_index + line_index
    if not _WORD_HYPHEN.search(current):
        return f"{current} {line}", current_index + [-1] + line_index
    last_word = current.rsplit(" ", 1)[-1]
    # "treat-" + "ment" is one word; "well-" + "Known", "10-" + "20" and "state-of-the-"
    # + "art" keep their hyphen.
    if line[0].islower() and "-" not in last_word[:-1]:
        return current[:-1] + line, current_index[:-1] + line_index
    return current + line, current_index + line_index
