"""From a PDF page's characters to lines in reading order, without the page's furniture.

- Segments: runs of characters on one baseline without a wide horizontal jump (a column gutter
  or a table gap ends a segment), so text from columns that PDFium put on one line separates.
- Furniture: running headers, footers and page numbers are text found at the same place
  (digits ignored) on several pages, or a page number alone at the top or bottom of a page.
  Repeated large text elsewhere (a watermark) is furniture too.
- Footnotes: the lines at the bottom of a page in a smaller type than the body, the first
  starting with a note mark, go after the page's body text.
- Reading order: recursive XY-cut (Nagy & Seth, 1984): a region is split at a vertical gap
  that no segment crosses (columns, read left to right), else at its widest horizontal gap
  (read top to bottom); a band of segments on one baseline is a line.
"""

import re
import statistics
from dataclasses import dataclass, field

from reviewtool.core.importing.pdf_chars import Char, PageChars
from reviewtool.core.normalize import is_cjk

_JUMP = 1.5  # a horizontal gap wider than this many font sizes ends a segment
_BASELINE_SHIFT = 0.6  # a baseline move larger than this many font sizes ends a segment
_MARGIN = 0.1  # the top and bottom tenth of a page hold headers and footers
_REPEAT_SHARE = 0.3  # furniture repeats on at least this share of the pages (and on 2) ...
_SECTION_PAGES = 3  # ... or on 3 pages, whatever the document's length
_WATERMARK_SHARE = 0.5  # repeated text away from the margins must be on half of the pages
_WATERMARK_SIZE = 1.8  # ... and be set this much larger than the body type
HEADING_SIZE = 1.15  # type this much larger than the body's is a heading (running heads are
# set in the body's type or smaller)
_NUMBERED_MAX = 50  # furniture this short may differ from page to page in its numbers
_SMALL_TYPE = 0.88  # footnotes are set at most this size relative to the body
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—(\[]\s*)?(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—)\]])?$", re.IGNORECASE)
NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶]|[¹²³⁰⁴-⁹]+)")
_DIGITS = re.compile(r"\d+")


@dataclass
class Segment:
    chars: list[Char]
    text: str = ""
    index: list[int] = field(default_factory=list)  # PDFium char index of each text character
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    top: float = 0.0
    size: float = 0.0


@dataclass
class Line:
    text: str
    index: list[int]
    size: float


def segments(page: PageChars) -> list[Segment]:
    found: list[Segment] = []
    current: list[Char] = []
    last: Char | None = None  # last character with a box in the current segment
    for char in page.chars:
        if char.text in "\r\n":
            found.append(Segment(current))
            current, last = [], None
            continue
        if char.text.isspace() or char.generated:
            current.append(char)
            continue
        if last is not None:
            size = max(last.size, char.size, 1.0)
            if (char.left - last.right > _JUMP * size
                    or char.right < last.left - 0.5 * size  # back to the left: a new line
                    or abs(char.bottom - last.bottom) > _BASELINE_SHIFT * size
                    and abs(char.top - last.top) > _BASELINE_SHIFT * size):
                found.append(Segment(current))
                current = []
        current.append(char)
        last = char
    found.append(Segment(current))
    finished = [segment for segment in map(_finish, found) if segment.text]
    for segment in finished:
        segment.chars = []  # text, map and box are kept; the characters would cost memory
    return finished


def _finish(segment: Segment) -> Segment:
    """Text, map and box of a segment; a space between two CJK characters is dropped."""
    chars = segment.chars
    text: list[str] = []
    index: list[int] = []
    for position, char in enumerate(chars):
        if char.text.isspace() or (char.generated and char.text != "\x02"):
            if not text or text[-1] == " ":
                continue
            following = next((c.text for c in chars[position + 1:] if not c.text.isspace()), "")
            if is_cjk(text[-1]) and is_cjk(following):
                continue
            text.append(" ")
            index.append(-1 if char.generated else char.index)
        else:
            text.append("-" if char.text == "\x02" else char.text)  # PDFium's line-end hyphen
            index.append(char.index)
    while text and text[-1] == " ":
        text.pop()
        index.pop()
    segment.text = "".join(text)
    segment.index = index
    boxed = [c for c in chars if not c.generated and not c.text.isspace() and c.right > c.left]
    boxed = boxed or [c for c in chars if not c.generated]
    if boxed:
        segment.left = min(c.left for c in boxed)
        segment.right = max(c.right for c in boxed)
        segment.bottom = min(c.bottom for c in boxed)
        segment.top = max(c.top for c in boxed)
        segment.size = statistics.median(c.size for c in boxed)
    return segment


def furniture(pages: list[PageChars], page_segments: list[list[Segment]]) -> set[int]:
    """id() of every segment that is a running header or footer, page number or watermark."""
    found: set[int] = set()
    pages_with_text = sum(1 for segments_ in page_segments if segments_)
    body = body_size([s for found_ in page_segments for s in found_])
    watermark_size, heading_size = _WATERMARK_SIZE * body, HEADING_SIZE * body
    keyed: list[tuple[int, str, Segment, bool]] = []
    for number, (page, segments_) in enumerate(zip(pages, page_segments)):
        for segment in segments_:
            in_margin = (segment.top > page.height * (1 - _MARGIN)
                         or segment.bottom < page.height * _MARGIN)
            if in_margin and _PAGE_NUMBER.match(segment.text.strip()):
                found.add(id(segment))
                continue
            if len(segment.text) > 120:
                continue
            # a heading at the top of several pages ("Exercises") is not a running head
            if (in_margin and segment.size < heading_size) or segment.size >= watermark_size:
                key = segment.text.casefold()
                if len(key) <= _NUMBERED_MAX:  # "Page 4", "Journal 12 (2024) 31-40"
                    key = _DIGITS.sub("#", key)
                keyed.append((number, key, segment, in_margin))
    by_key: dict[str, list[tuple[int, Segment, bool]]] = {}
    for number, key, segment, in_margin in keyed:
        by_key.setdefault(key, []).append((number, segment, in_margin))
    for entries in by_key.values():
        for number, segment, in_margin in entries:
            tolerance = max(segment.size, 2.0)
            pages_at_place = {other_number for other_number, other, _ in entries
                              if abs(other.bottom - segment.bottom) <= tolerance
                              and abs(other.left - segment.left) <= 4 * tolerance}
            # A running head in the margin repeats on a few pages at least (a section's own
            # head, in a long book), other repeated text on half of them (a watermark).
            needed = (min(_SECTION_PAGES, max(2, _REPEAT_SHARE * pages_with_text)) if in_margin
                      else max(3, _WATERMARK_SHARE * pages_with_text))
            if len(pages_at_place) >= needed:
                found.add(id(segment))
    return found


def body_size(segments_: list[Segment]) -> float:
    sizes = [segment.size for segment in segments_ for _ in segment.text]
    return statistics.median(sizes) if sizes else 0.0


def split_footnotes(segments_: list[Segment], page: PageChars,
                    body: float) -> tuple[list[Segment], list[Segment]]:
    """The page's body and its footnotes (small type at the bottom, led by a note mark)."""
    bands = _bands(segments_)  # top to bottom
    notes: list[list[Segment]] = []
    for band in reversed(bands):
        small = all(segment.size <= _SMALL_TYPE * body for segment in band)
        if not small or max(segment.top for segment in band) > page.height / 2:
            break
        notes.insert(0, band)
    while notes and not NOTE_MARK.match(min(notes[0], key=lambda s: s.left).text):
        notes.pop(0)  # small print above the first note mark is not a note (a caption)
    if not notes or len(notes) == len(bands):
        return segments_, []
    note_ids = {id(segment) for band in notes for segment in band}
    return ([segment for segment in segments_ if id(segment) not in note_ids],
            [segment for segment in segments_ if id(segment) in note_ids])


def reading_order(segments_: list[Segment], gutter: float) -> list[Line]:
    """Lines in reading order, by recursive XY-cut."""
    lines: list[Line] = []
    _cut(segments_, gutter, lines)
    return lines


def _cut(region: list[Segment], gutter: float, lines: list[Line]) -> None:
    stack = [region]
    while stack:  # depth first, without recursion (a long page has hundreds of lines)
        region = stack.pop()
        if not region:
            continue
        columns = _columns(region, gutter)
        if len(columns) > 1:
            stack.extend(reversed(columns))
            continue
        bands = _bands(region)
        if len(bands) == 1:
            lines.append(_line(bands[0]))
            continue
        # The widest gap, where the number of segments a band holds changes first: a title
        # over columns is cut off before the columns' lines are.
        scores = [min(s.bottom for s in upper) - max(s.top for s in lower)
                  + (gutter if len(upper) != len(lower) else 0.0)
                  for upper, lower in zip(bands, bands[1:])]
        widest = max(scores)
        at = scores.index(widest) + 1
        stack.append(sum(bands[at:], []))
        stack.append(sum(bands[:at], []))


def _columns(region: list[Segment], gutter: float) -> list[list[Segment]]:
    """The region split at vertical gaps at least `gutter` wide that no segment crosses."""
    ordered = sorted(region, key=lambda segment: segment.left)
    columns: list[list[Segment]] = []
    right = float("-inf")
    for segment in ordered:
        if columns and segment.left - right < gutter:
            columns[-1].append(segment)
        else:
            columns.append([segment])
        right = max(right, segment.right)
    return columns


def _bands(region: list[Segment]) -> list[list[Segment]]:
    """Segments grouped by vertical overlap, top to bottom."""
    ordered = sorted(region, key=lambda segment: -segment.top)
    bands: list[list[Segment]] = []
    low = float("inf")
    for segment in ordered:
        middle = (segment.top + segment.bottom) / 2
        if bands and middle > low:
            bands[-1].append(segment)
            low = min(low, segment.bottom)
        else:
            bands.append([segment])
            low = segment.bottom
    return bands


def _line(band: list[Segment]) -> Line:
    text: list[str] = []
    index: list[int] = []
    for segment in sorted(band, key=lambda segment: segment.left):
        if text:
            text.append(" ")
            index.append(-1)
        text.append(segment.text)
        index.extend(segment.index)
    return Line("".join(text), index, max(segment.size for segment in band))
