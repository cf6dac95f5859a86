"""Full-text search in the background: the job and its result, documents best first."""

from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.review.search import Hit, search
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.workers import Job


@dataclass(frozen=True)
class SearchResult:
    query: str
    document_ids: list[str]  # best first: documents matching, then documents of matching claims
    snippets: dict[str, str]
    hits: list[Hit]


def search_job(review_path: Path, query: str) -> Job:
    def work(review: ReviewFile, job: Job) -> SearchResult:
        hits = search(review, query)
        ordered: list[str] = []
        snippets: dict[str, str] = {}
        for hit in hits:
            if hit.document_id not in snippets:
                ordered.append(hit.document_id)
                snippets[hit.document_id] = hit.snippet
        return SearchResult(query, ordered, snippets, hits)

    return Job("Searching", review_path, work, readonly=True)
