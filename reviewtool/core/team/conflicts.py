"""Conflicts: fields with more than one current value after a merge, and their adjudication.

Both values stay (with who set them and when); the one with the latest stamp is shown until
someone adjudicates. Adjudicating writes a new value replacing all of them, plus an
`adjudication` record with the rationale: both merge like any other edit.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from reviewtool.core.store import clock, ids
from reviewtool.core.store.changes import Change
from reviewtool.core.review.document_metadata import FIELDS as METADATA_FIELDS, clean_value
from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.forms import parse_value
from reviewtool.core.review.records import FORM_ENTITIES, record_form
from reviewtool.core.store.reviewfile import ReviewFile


@dataclass(frozen=True)
class ConflictValue:
    value: Any
    reviewer: str
    stamp: str
    version_id: str

    def as_json(self) -> dict:
        return {"value": self.value, "reviewer": self.reviewer, "time": self.stamp[:24],
                "version_id": self.version_id}


@dataclass(frozen=True)
class Conflict:
    id: str
    record_id: str
    entity: str
    field: str
    document_id: str | None
    shown: Any  # the provisional value
    values: tuple[ConflictValue, ...]

    def as_json(self) -> dict:
        return {"id": self.id, "record_id": self.record_id, "entity": self.entity,
                "field": self.field, "document_id": self.document_id, "shown": self.shown,
                "values": [v.as_json() for v in self.values]}


def conflict_id(record_id: str, field: str) -> str:
    return hashlib.sha256(f"{record_id}\x1f{field}".encode()).hexdigest()[:12]


def list_conflicts(review: ReviewFile) -> list[Conflict]:
    rows = review.conn.execute(f"""
        SELECT c.record_id, rec.entity, c.field,
               (SELECT s.value FROM heads s
                WHERE s.record_id = c.record_id AND s.field = c.field AND s.shown),
               v.value, coalesce(r.name, v.author_id), v.hlc, v.version_id,
               (SELECT value ->> '$' FROM heads d
                WHERE d.record_id = c.record_id AND d.field = '_document' AND d.shown)
        FROM field_conflicts c
        JOIN heads h ON h.record_id = c.record_id AND h.field = c.field
        JOIN versions v ON v.version_id = h.version_id
        LEFT JOIN reviewers r ON r.reviewer_id = v.author_id
        JOIN records rec ON rec.record_id = c.record_id AND rec.deleted = 0
        ORDER BY c.record_id, c.field, {clock.sql_key("v.hlc")}, v.version_id""").fetchall()
    grouped: dict[tuple[str, str], list] = {}
    for row in rows:
        grouped.setdefault((row[0], row[2]), []).append(row)
    conflicts = []
    for (record_id, field), group in grouped.items():
        first = group[0]
        document_id = record_id if first[1] == "document" else first[8]
        values = tuple(ConflictValue(json.loads(r[4]), r[5], r[6], r[7]) for r in group)
        conflicts.append(Conflict(conflict_id(record_id, field), record_id, first[1], field,
                                  document_id, json.loads(first[3]), values))
    return sorted(conflicts, key=lambda c: (c.document_id or "", c.record_id, c.field))


def get_conflict(review: ReviewFile, wanted: str) -> Conflict:
    for conflict in list_conflicts(review):
        if conflict.id == wanted.strip():
            return conflict
    raise NotFound(f"No open conflict {wanted}; list them with 'reviewtool conflicts'.")


def parse_resolution(review: ReviewFile, conflict: Conflict, raw: str) -> Any:
    """A value typed by the adjudicator: a form value for form fields, else JSON or text."""
    form = None
    if conflict.entity in FORM_ENTITIES and not conflict.field.startswith("_"):
        form = record_form(review, conflict.record_id)
    if form is not None and conflict.field in form.field_ids:  # not a finding's statement
        try:
            return parse_value(form.field(conflict.field), raw) if raw.strip() else None
        except ValueError as error:
            raise InvalidInput(f"{conflict.field}: {error}") from None
    if conflict.entity == "document" and conflict.field in METADATA_FIELDS:
        try:  # as 'set' takes it: "2020" is a date, "A; B" two authors
            return clean_value(conflict.field, raw)
        except ValueError as error:
            raise InvalidInput(f"{conflict.field}: {error}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def resolve_conflict(review: ReviewFile, conflict: Conflict, value: Any, *,
                     reason: str = "", reviewer: str | None = None) -> str:
    """Record the adjudicated value and the rationale; returns the adjudication's id."""
    adjudication_id = ids.uuid7()
    with Change(review, reviewer) as change:
        change.set(conflict.entity, conflict.record_id, {conflict.field: value})
        change.set("adjudication", adjudication_id, {
            "record": conflict.record_id, "field": conflict.field, "value": value,
            "reason": reason.strip(), "replaced": sorted(v.version_id for v in conflict.values),
        }, new=True)
    return adjudication_id
