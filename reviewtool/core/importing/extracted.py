"""What every importer produces."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Extracted:
    text: str  # normalized (reviewtool.core.normalize), never empty
    title: str
    media_type: str
    source: str  # the URL a web page names as its own, else the file name
    page_starts: tuple[int, ...] | None = None  # PDFs: offset where each page starts
    # bibliographic metadata the file holds about itself (see metadata.py), raw
    metadata: dict = field(default_factory=dict, compare=False)
    headings: tuple[tuple[int, int], ...] = ()  # [start, end) of each heading in the text
