"""Importing a reference library (RIS, BibTeX, CSL-JSON) with the files its entries point to.

Each entry becomes a document carrying the entry's metadata: with the text of its first
readable attachment, or, when it has none, with no full text (it can receive a file later,
by `reimport` or by importing the library again once the file is there).

Importing the same library again adds nothing and updates what changed in the library since
the last import: each document remembers the metadata it last received from the library
(`_library`), so a field a reviewer corrected in the app is only overwritten when the library's
own value for it changed. An entry is recognised by its DOI, else its URL, else its title and
year (`_reference`), or by the text of its attachment.
"""

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing.references import Entry, read_library, resolve_attachment
from reviewtool.core.review.document_metadata import FIELDS, filled
from reviewtool.core.review.documents import ImportOutcome, store_content, text_sha256
from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile

NO_TEXT_SHA256 = hashlib.sha256(b"").hexdigest()  # the content of every reference without a file
COMMIT_EVERY = 100
_EMPTY = {"authors": []}


def reference_key(metadata: dict) -> str:
    """What identifies an entry across imports and across reviewers' files."""
    if metadata.get("doi"):
        return "doi:" + metadata["doi"].casefold()
    if metadata.get("url"):
        return "url:" + metadata["url"].strip().rstrip("/")
    title = re.sub(r"\W+", " ", metadata.get("title", "").casefold()).strip()
    return f"title:{title}|{metadata.get('published', '')[:4]}"


def import_libraries(review: ReviewFile, paths, *, reviewer: str | None = None,
                     on_outcome: Callable[[ImportOutcome], None] | None = None,
                     cancelled: Callable[[], bool] = lambda: False) -> list[ImportOutcome]:
    """Import several libraries; a file that cannot be read at all is one failed outcome."""
    outcomes: list[ImportOutcome] = []
    for path in map(Path, paths):
        try:
            outcomes += import_library(review, path, reviewer=reviewer, on_outcome=on_outcome,
                                       cancelled=cancelled)
        except ImportRefused as refusal:
            outcome = ImportOutcome(path, "failed", str(refusal))
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return outcomes


def import_library(review: ReviewFile, path: Path, *, reviewer: str | None = None,
                   on_outcome: Callable[[ImportOutcome], None] | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> list[ImportOutcome]:
    """Import every entry of a library file; one outcome per entry, bad entries reported with
    their line. Raises ImportRefused (with the reason) when the file cannot be read at all."""
    path = Path(path)
    library = read_library(path)
    known = _known_references(review)
    seen: dict[str, int] = {}  # reference key -> line of its first entry in this file
    outcomes: list[ImportOutcome] = []
    pending: list[ImportOutcome] = []
    change: Change | None = None

    def emit(outcome: ImportOutcome) -> None:
        pending.append(outcome)

    def commit() -> None:
        nonlocal change
        if change is not None:
            change.__exit__(None, None, None)
            change = None
        for outcome in pending:
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        pending.clear()

    work = sorted([(e.line, e) for e in library.entries] + [(b.line, b) for b in library.bad],
                  key=lambda item: item[0])
    try:
        for line, item in work:
            if cancelled():
                break
            if not isinstance(item, Entry):
                emit(ImportOutcome(path, "failed", f"line {line}: {item.reason}; the entry was "
                                                   "skipped"))
                continue
            metadata = filled(item.metadata)
            if "title" not in metadata:
                emit(ImportOutcome(path, "failed", f"line {line}: the entry has no usable title; "
                                                   "the entry was skipped"))
                continue
            key = reference_key(metadata)
            if key in seen:
                emit(ImportOutcome(path, "present", f"line {line}: {metadata['title']} (the same "
                                                    f"reference as line {seen[key]})"))
                continue
            seen[key] = line
            if change is None:
                change = Change(review, reviewer).__enter__()
            emit(_import_entry(review, change, path, item, metadata, key, known))
            if len(pending) >= COMMIT_EVERY:
                commit()
        commit()
    except BaseException as error:
        if change is not None:
            change.__exit__(type(error), error, error.__traceback__)
        raise
    return outcomes


def _import_entry(review: ReviewFile, change: Change, library_path: Path, entry: Entry,
                  metadata: dict, key: str, known: dict[str, str]) -> ImportOutcome:
    where = f"line {entry.line}: {metadata['title']}"
    attached, problem = _first_readable(entry, library_path)
    digest = text_sha256(attached[1].text) if attached else None
    document_id = known.get(key) or (digest and _document_by_sha256(review, digest))
    if not document_id:
        return _new_document(review, change, library_path, metadata, key, attached, digest,
                             known, where, problem)
    values = _updates(review, document_id, metadata)
    values["_reference"] = key
    has_text = _sha256_of(review, document_id) not in (None, NO_TEXT_SHA256)
    if attached and not has_text and not _document_by_sha256(review, digest):
        file_path, extracted, original = attached
        store_content(review, file_path, extracted, original, digest)
        values.update({"_sha256": digest, "filename": file_path.name})
    if _deleted(review, document_id):
        values["_deleted"] = False  # importing a deleted reference again brings it back
    known[key] = document_id
    changed = change.set("document", document_id, values)
    change.flush()  # later entries find this one by its text
    note = f" ({problem})" if problem and not has_text else ""
    return ImportOutcome(library_path, "updated" if changed else "present", where + note,
                         document_id)


def _new_document(review, change, library_path, metadata, key, attached, digest, known, where,
                  problem) -> ImportOutcome:
    if attached:
        file_path, extracted, original = attached
        store_content(review, file_path, extracted, original, digest)
        document_id = ids.document_id(digest)
        filename, source = file_path.name, metadata.get("url") or file_path.name
    else:
        _store_no_text(review)
        digest, document_id = NO_TEXT_SHA256, ids.name_id("reference", key)
        filename, source = "", metadata.get("url") or library_path.name
    existed = review.conn.execute("SELECT 1 FROM records WHERE record_id = ?",
                                  (document_id,)).fetchone()
    values = {"_sha256": digest, "source": source, "filename": filename, **metadata,
              "_reference": key, "_library": metadata}
    if existed:
        values["_deleted"] = False
    change.set("document", document_id, values, new=not existed)
    change.flush()  # later entries find this one by its text
    known[key] = document_id
    note = "" if attached else f" (no full text{': ' + problem if problem else ''})"
    return ImportOutcome(library_path, "imported", where + note, document_id)


def _updates(review: ReviewFile, document_id: str, metadata: dict) -> dict:
    """The fields to set so the document follows what changed in the library."""
    current = _shown(review, document_id)
    previous = current.get("_library")
    values: dict = {}
    for field in FIELDS:
        new = metadata.get(field, _EMPTY.get(field, ""))
        if previous is None:  # first met through the library: fill what is empty, and the title
            if new and (field == "title" or not current.get(field)):
                values[field] = new
        elif new != previous.get(field, _EMPTY.get(field, "")) and (new or field != "title"):
            values[field] = new
    values["_library"] = metadata
    return values


def _first_readable(entry: Entry, library_path: Path):
    """((path, extracted, bytes) of the first attachment that imports, or None; a problem)."""
    from reviewtool.core.importing import SUPPORTED_SUFFIXES, extract_file

    problems = []
    files = [(written, resolve_attachment(written, library_path)) for written in entry.attachments]
    # A PDF before a web snapshot of the same entry: it is the article as published.
    files.sort(key=lambda item: item[1] is None or item[1].suffix.lower() != ".pdf")
    for written, found in files:
        if found is None:
            problems.append(f"attachment {written} not found")
            continue
        if found.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            extracted, original = extract_file(found)
        except ImportRefused as refusal:
            problems.append(f"attachment {found.name}: {refusal}")
            continue
        return (found, extracted, original), None
    return None, "; ".join(problems) or None


def _store_no_text(review: ReviewFile) -> None:
    review.conn.execute(
        "INSERT OR IGNORE INTO contents (sha256, text, page_starts, media_type, original_name, "
        "original) VALUES (?, '', NULL, 'text/plain', '', x'')", (NO_TEXT_SHA256,))


def _known_references(review: ReviewFile) -> dict[str, str]:
    return {json.loads(value): record_id for record_id, value in review.conn.execute(
        "SELECT record_id, value FROM heads WHERE field = '_reference' AND shown")}


def _document_by_sha256(review: ReviewFile, digest: str) -> str | None:
    row = review.conn.execute("SELECT document_id FROM documents WHERE sha256 = ?",
                              (digest,)).fetchone()
    return row[0] if row else None


def _deleted(review: ReviewFile, document_id: str) -> bool:
    row = review.conn.execute("SELECT deleted FROM records WHERE record_id = ?",
                              (document_id,)).fetchone()
    return bool(row and row[0])


def _sha256_of(review: ReviewFile, document_id: str) -> str | None:
    row = review.conn.execute("SELECT value ->> '$' FROM heads WHERE record_id = ? AND "
                              "field = '_sha256' AND shown", (document_id,)).fetchone()
    return row[0] if row else None


def _shown(review: ReviewFile, document_id: str) -> dict:
    return {field: json.loads(value) for field, value in review.conn.execute(
        "SELECT field, value FROM heads WHERE record_id = ? AND shown", (document_id,))}
