"""Bibliographic metadata of a document: what the fields hold, how a typed value is checked.

The fields are fields of the document record, so each is versioned and merged like any other
value: two reviewers changing the same field is a conflict, different fields are both kept.
Values are stored cleaned (one line, dates in ISO form, a bare DOI) so that the same metadata
typed twice is the same value and merges without a conflict.
"""

import re
from datetime import date
from typing import Any

from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.normalize import normalize_text
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile

# field -> label, in the order the app and the exports show them
FIELDS: dict[str, str] = {
    "title": "Title",
    "authors": "Authors",
    "container": "Site, journal or publisher",
    "published": "Date published",
    "url": "URL",
    "doi": "DOI",
    "accessed": "Date accessed",
    "type": "Type",
    "note": "Note",
}
# What `type` usually holds; any other short text is accepted too.
TYPES = ("web page", "article", "report", "book", "chapter", "thesis", "dataset", "news",
         "guideline", "preprint", "other")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def clean_value(field: str, value: Any) -> Any:
    """The value as stored, or ValueError saying what is wrong with it."""
    if field not in FIELDS:
        raise ValueError(f"unknown field '{field}'; a document's fields are {', '.join(FIELDS)}")
    if field == "authors":
        names = value.split(";") if isinstance(value, str) else list(value or [])
        return [name for name in (_line(str(n)) for n in names) if name]
    text = normalize_text(str(value or "")).strip() if field == "note" else _line(value)
    if field in ("published", "accessed"):
        return clean_date(text)
    if field == "doi":
        return clean_doi(text)
    if field == "url" and text and not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        raise ValueError(f"'{text}' is not a web address; give it with http:// or https://")
    if field == "title" and not text:
        raise ValueError("a document needs a title")
    return text


def clean_date(text: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (also given as YYYY/MM/DD), checked to be a real date."""
    text = text.strip().replace("/", "-").rstrip("-")
    if not text:
        return ""
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the calendar") from None
    return text


def clean_doi(text: str) -> str:
    """A bare DOI (10.xxxx/yyy) from a DOI, a doi: name or a doi.org address."""
    doi = _DOI_PREFIX.sub("", text.strip())
    if doi and not _DOI.match(doi):
        raise ValueError(f"'{text}' is not a DOI; a DOI looks like 10.1234/abc.56")
    return doi


def clean_metadata(values: dict[str, Any]) -> dict[str, Any]:
    """Every value cleaned, or InvalidInput listing every problem (nothing is half-applied)."""
    cleaned, problems = {}, []
    for field, value in values.items():
        try:
            cleaned[field] = clean_value(field, value)
        except ValueError as error:
            problems.append(f"{field}: {error}")
    if problems:
        raise InvalidInput("Nothing was changed: " + "; ".join(problems) + ".", problems)
    return cleaned


def filled(values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that hold something, cleaned; a value that does not clean is dropped.

    For metadata read from a file or a library, where a malformed date must not stop the
    import of the document it describes.
    """
    kept = {}
    for field, value in values.items():
        try:
            cleaned = clean_value(field, value)
        except ValueError:
            continue
        if cleaned:
            kept[field] = cleaned
    return kept


def is_document(review: ReviewFile, record_id: str) -> bool:
    row = review.conn.execute("SELECT 1 FROM documents WHERE document_id = ?",
                              (record_id,)).fetchone()
    return row is not None


def set_metadata(review: ReviewFile, document_id: str, changes: dict[str, Any], *,
                 reviewer: str | None = None) -> int:
    """Set (an empty value clears) metadata fields of a document; returns how many changed."""
    if not is_document(review, document_id):
        raise NotFound(f"No document {document_id} in this review; list them with 'reviewtool docs'.")
    cleaned = clean_metadata(changes)
    with Change(review, reviewer) as change:
        return change.set("document", document_id, cleaned)


def parse_assignments(assignments: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE texts as typed on the command line (authors separated by ';')."""
    values, problems = {}, []
    for assignment in assignments:
        field, sep, raw = assignment.partition("=")
        field = field.strip()
        if not sep:
            problems.append(f"'{assignment}' is not FIELD=VALUE")
        elif field not in FIELDS:
            problems.append(f"unknown field '{field}'; a document's fields are {', '.join(FIELDS)}")
        else:
            values[field] = raw
    if problems:
        raise InvalidInput("Nothing was changed: " + "; ".join(problems) + ".", problems)
    return values


def _line(value: Any) -> str:
    return " ".join(normalize_text(str(value or "")).split())
