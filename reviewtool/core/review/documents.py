"""Documents: import into a review file, list, read."""

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.review.document_metadata import filled
from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.errors import ImportRefused, NotFound
from reviewtool.core.store.reviewfile import ReviewFile

# Files are committed in batches: a crash loses at most the batch in flight, and every line
# reported as imported is already on disk.
COMMIT_EVERY = 200


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    status: str  # "imported", "updated" (a reference library's entry), "present" or "failed"
    message: str  # the title, the title it is present as, or the reason it failed
    document_id: str | None = None

    def __str__(self) -> str:
        # A file name that is not valid UTF-8 is shown with its odd bytes escaped.
        path = os.fsencode(self.path).decode("utf-8", "backslashreplace")
        if self.status == "imported":
            return f"imported: {path} — {self.message}"
        if self.status == "updated":
            return f"updated: {path} — {self.message}"
        if self.status == "present":
            return f"already present: {path} — {self.message}"
        return f"failed: {path} — {self.message}"


@dataclass(frozen=True)
class Document:
    id: str
    sha256: str
    title: str
    source: str
    filename: str
    media_type: str
    chars: int
    pages: int | None
    created: str
    reviewer: str
    # bibliographic metadata (see document_metadata); "" or () when not known
    authors: tuple[str, ...] = ()
    container: str = ""
    published: str = ""
    url: str = ""
    doi: str = ""
    accessed: str = ""
    type: str = ""
    note: str = ""

    @property
    def has_text(self) -> bool:
        """False for a reference without its full text (a library entry with no file)."""
        return self.chars > 0

    def metadata(self) -> dict:
        return {"title": self.title, "authors": list(self.authors), "container": self.container,
                "published": self.published, "url": self.url, "doi": self.doi,
                "accessed": self.accessed, "type": self.type, "note": self.note}

    def as_json(self) -> dict:
        return {"id": self.id, "sha256": self.sha256, "title": self.title, "source": self.source,
                "filename": self.filename, "media_type": self.media_type, "chars": self.chars,
                "pages": self.pages, "created": self.created, "reviewer": self.reviewer,
                **self.metadata()}


def import_paths(review: ReviewFile, paths: Iterable[Path], *, reviewer: str | None = None,
                 on_outcome: Callable[[ImportOutcome], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> list[ImportOutcome]:
    """Import files and folders; one outcome per file, failures do not stop the batch."""
    from reviewtool.core.importing import Skipped, expand_inputs, extract_file

    seen: dict[str, str] = {}  # sha256 -> title, for duplicates within this batch
    with ImportBatches(review, reviewer, on_outcome) as batches:
        for path in expand_inputs(list(paths)):
            if cancelled():
                break
            if isinstance(path, Skipped):
                batches.add(ImportOutcome(path.path, "failed", path.reason))
                continue
            try:
                _check_name(path)
                extracted, original = extract_file(path)
            except ImportRefused as refusal:
                batches.add(ImportOutcome(path, "failed", str(refusal)))
                continue
            digest = text_sha256(extracted.text)
            present = seen.get(digest) or _title_by_sha256(review, digest)
            if present is not None:
                batches.add(ImportOutcome(path, "present", present))
                continue
            document_id = _store(review, batches.change(), path, extracted, original, digest)
            seen[digest] = extracted.title
            batches.add(ImportOutcome(path, "imported", extracted.title, document_id))
    return batches.outcomes


class ImportBatches:
    """Imports committed in batches of COMMIT_EVERY outcomes: a crash loses at most the batch
    in flight, and an outcome is reported (on_outcome) only once it is on disk."""

    def __init__(self, review: ReviewFile, reviewer: str | None,
                 on_outcome: Callable[[ImportOutcome], None] | None):
        self.review, self.reviewer, self.on_outcome = review, reviewer, on_outcome
        self.outcomes: list[ImportOutcome] = []
        self._pending: list[ImportOutcome] = []
        self._change: Change | None = None

    def change(self) -> Change:
        """The change of the batch in flight, begun when a batch first writes."""
        if self._change is None:
            self._change = Change(self.review, self.reviewer).__enter__()
        return self._change

    def add(self, outcome: ImportOutcome) -> None:
        self._pending.append(outcome)
        if len(self._pending) >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        if self._change is not None:
            change, self._change = self._change, None
            change.__exit__(None, None, None)
        for outcome in self._pending:
            self.outcomes.append(outcome)
            if self.on_outcome:
                self.on_outcome(outcome)
        self._pending.clear()

    def __enter__(self) -> "ImportBatches":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        elif self._change is not None:
            self._change.__exit__(exc_type, exc, tb)


def _check_name(path: Path) -> None:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise ImportRefused("its file name is not valid UTF-8 (its bytes are shown escaped); "
                            "rename the file and import it again") from None


def text_sha256(text: str) -> str:
    """A document's identity: the SHA-256 of its normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_content(review: ReviewFile, path: Path, extracted, original: bytes, digest: str) -> None:
    review.conn.execute(
        "INSERT OR IGNORE INTO contents (sha256, text, page_starts, media_type, original_name, "
        "original) VALUES (?, ?, ?, ?, ?, ?)",
        (digest, extracted.text,
         json.dumps(list(extracted.page_starts)) if extracted.page_starts is not None else None,
         extracted.media_type, path.name, original))


def _store(review: ReviewFile, change: Change, path: Path, extracted, original: bytes,
           digest: str) -> str:
    store_content(review, path, extracted, original, digest)
    document_id = ids.document_id(digest)
    existed = review.conn.execute("SELECT 1 FROM records WHERE record_id = ?",
                                  (document_id,)).fetchone()
    values = {"_sha256": digest, "title": extracted.title, "source": extracted.source,
              "filename": path.name}
    if not existed:  # what the file says about itself; a reviewer's later edits are kept
        values.update(filled({k: v for k, v in extracted.metadata.items() if k != "title"}))
    if existed:
        values["_deleted"] = False  # importing a deleted document again brings it back
    change.set("document", document_id, values, new=not existed)
    return document_id


def _title_by_sha256(review: ReviewFile, digest: str) -> str | None:
    row = review.conn.execute("SELECT title FROM documents WHERE sha256 = ?", (digest,)).fetchone()
    return row[0] if row else None


_DOCUMENT_COLUMNS = ("d.document_id, d.sha256, d.title, d.source, d.filename, d.media_type, "
                     "d.chars, d.pages, d.created, coalesce(r.name, d.created_by), d.authors, "
                     "d.container, d.published, d.url, d.doi, d.accessed, d.type, d.note")


def _document(row) -> Document:
    return Document(*row[:10], tuple(json.loads(row[10])), *row[11:])


def list_documents(review: ReviewFile) -> list[Document]:
    rows = review.conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d "
        "LEFT JOIN reviewers r ON r.reviewer_id = d.created_by ORDER BY d.title COLLATE NOCASE, d.created")
    return [_document(row) for row in rows]


def get_document(review: ReviewFile, document_id: str) -> Document:
    row = review.conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d "
        "LEFT JOIN reviewers r ON r.reviewer_id = d.created_by WHERE d.document_id = ?",
        (document_id,)).fetchone()
    if row is None:
        raise NotFound(f"No document {document_id} in this review; list them with 'reviewtool docs'.")
    return _document(row)


def document_text(review: ReviewFile, document_id: str) -> tuple[str, tuple[int, ...] | None]:
    """The normalized text and page starts of a document's current content."""
    row = review.conn.execute(
        "SELECT c.text, c.page_starts FROM documents d JOIN contents c ON c.sha256 = d.sha256 "
        "WHERE d.document_id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFound(f"No document {document_id} in this review; list them with 'reviewtool docs'.")
    return row[0], tuple(json.loads(row[1])) if row[1] else None


def resolve_document(review: ReviewFile, reference: str) -> str:
    """A document id from what a user may type: id, sha256, title or imported file name."""
    reference = reference.strip()
    for column in ("document_id", "sha256"):
        row = review.conn.execute(f"SELECT document_id FROM documents WHERE {column} = ?",
                                  (reference,)).fetchone()
        if row:
            return row[0]
    for column in ("title", "filename"):
        rows = review.conn.execute(
            f"SELECT document_id FROM documents WHERE {column} = ? COLLATE NOCASE",
            (reference,)).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise NotFound(f"More than one document has the {column} '{reference}'; "
                           "use its id (see 'reviewtool docs').")
    raise NotFound(f"No document matches '{reference}'; use an id, sha256, title or file name "
                   "shown by 'reviewtool docs'.")
