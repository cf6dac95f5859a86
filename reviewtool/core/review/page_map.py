"""Where a document's text lies on its PDF pages: text offsets ↔ characters on the page.

The review file keeps every document's original bytes (structure.document_original). Reading the PDF's text layer again
(importing.pdf.read_layer, deterministic) gives, for every character of the text, the index
of its character in PDFium's text page; the page view draws highlights over those
characters' boxes and turns a selection on the page back into the same text anchors.
A document whose stored text differs from what the importer reads today (imported with an
older version) has no map until it is imported again with `reviewtool reimport`.
"""

import bisect
from array import array
from dataclasses import dataclass

from reviewtool.core.errors import ReviewError
from reviewtool.core.review.structure import Original

PDF = "application/pdf"
OLD_TEXT = ("This PDF was imported with an older version of reviewtool: import it again "
            "(reviewtool reimport) to see the claims on its pages.")


@dataclass(frozen=True)
class PageMap:
    page_starts: tuple[int, ...]
    char_index: array  # per text offset: PDFium char index on its page, -1 for an added char
    page_sizes: tuple[tuple[float, float], ...]  # points
    headings: tuple[tuple[int, int], ...] = ()  # text offsets [start, end) of each heading

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """0-based page of a text offset."""
        return max(0, bisect.bisect_right(self.page_starts, offset) - 1)

    def page_range(self, page: int) -> tuple[int, int]:
        end = self.page_starts[page + 1] if page + 1 < self.pages else len(self.char_index)
        return self.page_starts[page], end

    def chars(self, page: int, start: int, end: int) -> list[int]:
        """PDFium char indices on `page` of the text offsets [start, end)."""
        first, last = self.page_range(page)
        return [index for index in self.char_index[max(start, first):min(end, last)]
                if index >= 0]

    def nearest_offset(self, page: int, char: int) -> int | None:
        """The text offset of the page's character nearest to `char` that is in the text."""
        first, last = self.page_range(page)
        best: tuple[int, int] | None = None
        for offset in range(first, last):
            index = self.char_index[offset]
            if index >= 0 and (best is None or abs(index - char) < best[0]):
                best = (abs(index - char), offset)
                if best[0] == 0:
                    break
        return best[1] if best else None


def page_map(original: Original, stored_text: str) -> PageMap:
    """The map of a PDF's text; ReviewError when there is none (not a PDF, older import)."""
    from reviewtool.core.errors import ImportRefused
    from reviewtool.core.importing.pdf import read_layer

    if original.media_type != PDF:
        raise ReviewError("Only PDFs have pages to show; this document is shown as text.")
    try:
        layer = read_layer(original.data, original.filename)
    except ImportRefused as refusal:
        raise ReviewError(f"The PDF cannot be read: {refusal}.") from None
    if layer.extracted.text != stored_text:
        raise ReviewError(OLD_TEXT)
    return PageMap(layer.extracted.page_starts or (0,), layer.char_index, layer.page_sizes,
                   layer.extracted.headings)
