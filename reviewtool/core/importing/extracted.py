"""What every importer produces."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    text: str  # normalized (reviewtool.core.normalize), never empty
    title: str
    media_type: str
    source: str  # the URL a web page names as its own, else the file name
    page_starts: tuple[int, ...] | None = None  # PDFs: offset where each page starts
    headings: tuple[tuple[int, int], ...] = ()  # [start, end) of each heading in the text
