"""Importing a reference library (RIS, BibTeX, CSL-JSON) with the files its entries point to.

Each entry becomes a document carrying the entry's metadata: with the text of its first
readable attachment, or, when it has none, with no full text (it can receive a file later,
by `attach` or by importing the library again once the file is there).

Importing the same library again adds nothing and updates what changed in the library since
the last import: each document remembers the metadata it last received from the library
(`__library`), so a field a reviewer corrected in the app is only overwritten when the library's
own value for it changed. An entry is recognised by its DOI, else its URL, else its title and
year (`__reference`), or by the text of its attachment. Both are bookkeeping fields (a name
starting with two underscores): if two reviewers import different versions of a library,
the metadata fields they set differently conflict as usual, these two only keep a
provisional value (see core/store/state.py).
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing.references import Entry, read_library, resolve_attachment
from reviewtool.core.review.document_metadata import FIELDS, filled
from reviewtool.core.review.documents import (ImportBatches, ImportOutcome, store_content,
                                               text_sha256)
from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile

NO_TEXT_SHA256 = hashlib.sha256(b"").hexdigest()  # the content of every reference without a file
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
    state = _State(_known_references(review))
    seen: dict[str, int] = {}  # reference key -> line of its first entry in this file
    work = sorted([(e.line, e) for e in library.entries] + [(b.line, b) for b in library.bad],
                  key=lambda item: item[0])
    with ImportBatches(review, reviewer, on_outcome) as batches:
        for line, item in work:
            if cancelled():
                break
            if not isinstance(item, Entry):
                batches.add(ImportOutcome(path, "failed", f"line {line}: {item.reason}; the "
                                                          "entry was skipped"))
                continue
            metadata = filled(item.metadata)
            if "title" not in metadata:
                batches.add(ImportOutcome(path, "failed", f"line {line}: the entry has no usable "
                                                          "title; the entry was skipped"))
                continue
            key = reference_key(metadata)
            if key in seen:
                batches.add(ImportOutcome(path, "present", f"line {line}: {metadata['title']} "
                                                           f"(the same reference as line {seen[key]})"))
                continue
            seen[key] = line
            batches.add(_import_entry(review, batches.change(), path, item, metadata, key, state))
    return batches.outcomes


@dataclass
class _State:
    """What one import knows beyond the file's derived tables, which are brought up to date
    only when an entry needs a document written earlier in the same batch (a rebuild per
    entry would cost more than the rest of the import)."""

    known: dict[str, str]  # reference key -> document id
    texts: dict[str, int] = field(default_factory=dict)  # sha256 -> line, this import
    unflushed: set[str] = field(default_factory=set)  # documents written, state not rebuilt

    def wrote(self, document_id: str, key: str, digest: str | None, line: int) -> None:
        self.known[key] = document_id
        self.unflushed.add(document_id)
        if digest and digest != NO_TEXT_SHA256:
            self.texts.setdefault(digest, line)


def _import_entry(review: ReviewFile, change: Change, library_path: Path, entry: Entry,
                  metadata: dict, key: str, state: _State) -> ImportOutcome:
    where = f"line {entry.line}: {metadata['title']}"
    attached, problem = _first_readable(entry, library_path)
    digest = text_sha256(attached[1].text) if attached else None
    if digest in state.texts and state.known.get(key) is None:
        return ImportOutcome(library_path, "present", f"{where} (the same file as line "
                                                      f"{state.texts[digest]})")
    document_id = state.known.get(key) or (digest and _document_by_sha256(review, digest))
    if not document_id:
        return _new_document(review, change, library_path, entry.line, metadata, key, attached,
                             digest, state, where, problem)
    if document_id in state.unflushed:  # written earlier in this batch: read it as it is now
        change.flush()
        state.unflushed.clear()
    values = _updates(review, document_id, metadata)
    values["__reference"] = key
    text_now = _sha256_of(review, document_id)
    has_text = text_now not in (None, NO_TEXT_SHA256)
    if attached and not has_text and digest not in state.texts \
            and not _document_by_sha256(review, digest):
        file_path, extracted, original = attached
        store_content(review, file_path, extracted, original, digest)
        values.update({"_sha256": digest, "filename": file_path.name})
    if _deleted(review, document_id):
        values["_deleted"] = False  # importing a deleted reference again brings it back
    changed = change.set("document", document_id, values)
    state.wrote(document_id, key, values.get("_sha256", text_now), entry.line)
    note = f" ({problem})" if problem and not has_text else ""
    return ImportOutcome(library_path, "updated" if changed else "present", where + note,
                         document_id)


def _new_document(review, change, library_path, line, metadata, key, attached, digest, state,
                  where, problem) -> ImportOutcome:
    if attached:
        file_path, extracted, original = attached
        store_content(review, file_path, extracted, original, digest)
        document_id = ids.document_id(digest)
        filename, source = file_path.name, metadata.get("url") or file_path.name
    else:
        _store_no_text(review)
        digest, document_id = NO_TEXT_SHA256, ids.name_id("reference", key)
        # Not the library's file name: teammates name their exports differently.
        doi = metadata.get("doi")
        filename, source = "", metadata.get("url") or (f"https://doi.org/{doi}" if doi else "")
    existed = review.conn.execute("SELECT 1 FROM records WHERE record_id = ?",
                                  (document_id,)).fetchone()
    values = {"_sha256": digest, "source": source, "filename": filename, **metadata,
              "__reference": key, "__library": metadata}
    if existed:
        values["_deleted"] = False
    change.set("document", document_id, values, new=not existed and document_id not in
               state.unflushed)
    state.wrote(document_id, key, digest, line)
    note = "" if attached else f" (no full text{': ' + problem if problem else ''})"
    return ImportOutcome(library_path, "imported", where + note, document_id)


def _updates(review: ReviewFile, document_id: str, metadata: dict) -> dict:
    """The fields to set so the document follows what changed in the library."""
    current = _shown(review, document_id)
    previous = current.get("__library")
    values: dict = {}
    for name in FIELDS:
        new = metadata.get(name, _EMPTY.get(name, ""))
        if previous is None:  # first met through the library: fill what is empty, and the title
            if new and (name == "title" or not current.get(name)):
                values[name] = new
        elif new != previous.get(name, _EMPTY.get(name, "")) and (new or name != "title"):
            values[name] = new
    values["__library"] = metadata
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
    """The content every reference without a file points at: no text, no bytes, no type."""
    review.conn.execute(
        "INSERT OR IGNORE INTO contents (sha256, text, page_starts, media_type, original_name, "
        "original) VALUES (?, '', NULL, '', '', x'')", (NO_TEXT_SHA256,))


def _known_references(review: ReviewFile) -> dict[str, str]:
    return {json.loads(value): record_id for record_id, value in review.conn.execute(
        "SELECT record_id, value FROM heads WHERE field = '__reference' AND shown")}


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
