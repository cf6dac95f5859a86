"""Appraisals: one reviewer's quality assessment of one document, on the appraisal form."""

import json
from dataclasses import dataclass
from typing import Any

from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import checked_answers, current_answers
from reviewtool.core.store.reviewfile import ReviewFile

APPRAISAL_FORM = "appraisal"


@dataclass(frozen=True)
class Appraisal:
    id: str
    document_id: str
    reviewer: str
    created: str
    updated: str
    form_id: str
    form_version: int
    answers: dict[str, Any]
    conflicts: int

    def as_json(self) -> dict:
        return {"id": self.id, "document_id": self.document_id, "reviewer": self.reviewer,
                "created": self.created, "updated": self.updated,
                "form": {"id": self.form_id, "version": self.form_version},
                "fields": self.answers, "conflicts": self.conflicts}


def appraisal_of(review: ReviewFile, document_id: str, reviewer_id: str) -> str | None:
    row = review.conn.execute(
        "SELECT appraisal_id FROM appraisals WHERE document_id = ? AND reviewer_id = ? "
        "ORDER BY created LIMIT 1", (document_id, reviewer_id)).fetchone()
    return row[0] if row else None


def save_appraisal(review: ReviewFile, change: Change, document_id: str,
                   answers: dict[str, Any], form: Form | None = None) -> str:
    """Create the change author's appraisal of a document, or update the one they have."""
    existing = appraisal_of(review, document_id, change.author_id)
    if existing:
        before = current_answers(review, existing)
        merged = checked_answers(form or form_in_force(review, APPRAISAL_FORM),
                                 {**before, **answers}, "appraisal")
        change.set("appraisal", existing, {f: merged.get(f) for f in set(before) | set(merged)})
        return existing
    form = form or form_in_force(review, APPRAISAL_FORM)
    answers = checked_answers(form, answers, "appraisal")
    appraisal_id = ids.uuid7()
    change.set("appraisal", appraisal_id, {
        "_document": document_id, "_form": {"id": form.id, "version": form.version}, **answers,
    }, new=True)
    return appraisal_id


def list_appraisals(review: ReviewFile, *, document_id: str | None = None) -> list[Appraisal]:
    sql = ("SELECT a.appraisal_id, a.document_id, coalesce(r.name, a.reviewer_id), a.created, "
           "a.updated, a.form_id, a.form_version, a.answers, a.conflicts FROM appraisals a "
           "LEFT JOIN reviewers r ON r.reviewer_id = a.reviewer_id")
    params: tuple = ()
    if document_id:
        sql += " WHERE a.document_id = ?"
        params = (document_id,)
    sql += " ORDER BY a.document_id, a.created"
    return [Appraisal(*row[:7], json.loads(row[7]), row[8])
            for row in review.conn.execute(sql, params)]
