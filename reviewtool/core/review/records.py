"""Editing and deleting form-backed records (claims, appraisals, findings' judgements) by id,
validated by their form.

A finding's own fields (statement, category, notes) are not form fields; its judgement of
certainty is (forms/finding.toml). A finding records the form version on its first judgement;
a file made before the finding form existed receives the shipped form then.
"""

import json
from typing import Any

from reviewtool.core.store.changes import Change
from reviewtool.core.errors import InvalidInput, NotFound, ReviewError
from reviewtool.core.forms import Form, clean_answers, shipped_forms, validate_answers
from reviewtool.core.forms.in_review import form_in_force, store_form
from reviewtool.core.store.reviewfile import ReviewFile

FORM_ENTITIES = ("claim", "appraisal", "finding")
FINDING_FORM = "finding"


def record_entity(review: ReviewFile, record_id: str) -> str:
    row = review.conn.execute("SELECT entity, deleted FROM records WHERE record_id = ?",
                              (record_id,)).fetchone()
    if row is None or row[1]:
        raise NotFound(f"No claim, appraisal or finding {record_id} in this review; "
                       "list them with 'reviewtool claims' or 'reviewtool findings'.")
    return row[0]


def record_form(review: ReviewFile, record_id: str) -> Form:
    row = review.conn.execute(
        "SELECT value FROM heads WHERE record_id = ? AND field = '_form' AND shown",
        (record_id,)).fetchone()
    if row is None:
        if record_entity(review, record_id) == "finding":
            return finding_form(review)
        raise NotFound(f"The record {record_id} has no form; only claims, appraisals and "
                       "findings can be edited this way.")
    form = json.loads(row[0])
    return form_in_force(review, form["id"], form["version"])


def finding_form(review: ReviewFile) -> Form:
    """The finding form in force: the newest in the file, else the shipped one (a file made
    before findings were judged; it is stored there with the first judgement)."""
    if review.conn.execute("SELECT 1 FROM forms WHERE form_id = ?", (FINDING_FORM,)).fetchone():
        return form_in_force(review, FINDING_FORM)
    return shipped_forms()[FINDING_FORM]


def current_answers(review: ReviewFile, record_id: str) -> dict[str, Any]:
    return {field: json.loads(value) for field, value in review.conn.execute(
        "SELECT field, value FROM heads WHERE record_id = ? AND shown "
        "AND substr(field, 1, 1) <> '_' AND value <> 'null'", (record_id,))}


def missing_required(form: Form, answers: dict[str, Any]) -> list[str]:
    """Ids of required fields (as the answers stand) that have no answer."""
    return [p.split(":")[0] for p in validate_answers(form, clean_answers(form, answers))
            if p.endswith(": required")]


def checked_answers(form: Form, answers: dict[str, Any], what: str, *,
                    partial: bool = False) -> dict[str, Any]:
    """Answers cleaned of hidden and empty fields, or InvalidInput listing every problem.

    `partial` accepts unanswered required fields (a draft being filled in on screen); every
    value given must still be valid.
    """
    answers = clean_answers(form, answers)
    problems = validate_answers(form, answers)
    if partial:
        problems = [p for p in problems if not p.endswith(": required")]
    if problems:
        raise InvalidInput(f"The {what} was not saved: {'; '.join(problems)}.", problems)
    return answers


def update_answers(review: ReviewFile, record_id: str, changes: dict[str, Any], *,
                   reviewer: str | None = None, partial: bool = False) -> int:
    """Set (None clears) fields of a claim or appraisal; returns how many fields changed.

    `partial` (the GUI, field by field) accepts a record whose required fields are not all
    answered yet; the record is then marked incomplete.
    """
    entity = record_entity(review, record_id)
    if entity not in FORM_ENTITIES:
        raise ReviewError(f"{record_id} is a {entity}; only claims, appraisals and findings "
                          "have fields to set.")
    form = record_form(review, record_id)
    # Only form fields: a finding's statement and category are edited as the finding's own.
    before = {k: v for k, v in current_answers(review, record_id).items() if k in form.field_ids}
    after = checked_answers(form, {**before, **changes}, entity, partial=partial)
    values = {field: after.get(field) for field in set(before) | set(after)
              if before.get(field) != after.get(field)}
    if entity == "claim":
        values["_complete"] = not missing_required(form, after)
    if entity == "finding" and values:
        store_form(review, form)  # already there, except in files older than the form
    with Change(review, reviewer) as change:
        changed = change.set(entity, record_id, values)
        if entity == "finding" and changed:
            change.set(entity, record_id, {"_form": {"id": form.id, "version": form.version}})
        return changed


def delete_record(review: ReviewFile, record_id: str, *, reviewer: str | None = None) -> str:
    """Delete a claim or appraisal (a tombstone: its history stays); returns its entity."""
    entity = record_entity(review, record_id)
    if entity not in FORM_ENTITIES:
        raise ReviewError(f"{record_id} is a {entity}; only claims and appraisals can be deleted here.")
    with Change(review, reviewer) as change:
        change.delete(entity, record_id)
    return entity


def restore_record(review: ReviewFile, record_id: str, *, reviewer: str | None = None) -> None:
    row = review.conn.execute("SELECT entity FROM records WHERE record_id = ?",
                              (record_id,)).fetchone()
    if row is None:
        raise NotFound(f"No record {record_id} in this review.")
    with Change(review, reviewer) as change:
        change.restore(row[0], record_id)
