"""What is not settled in a review: the one definition the report, `reviewtool conflicts` and
the app's Reconcile and Conflicts views share.

Two kinds of item:

- a *conflict*: a field two reviewers changed concurrently to different values (on a claim,
  an appraisal, a document or a finding's judgement), until someone resolves it;
- a *passage*: reviewers' claims on one passage of a document two or more reviewers
  extracted, that no live consensus reconciles yet (reconcile.ReconcileUnit): they differ, one
  reviewer missed the passage, a claim is a draft, the passage was decided twice, or the
  reviewers agree but no one has accepted the agreement yet.

A review with no unsettled item is final; until then its report is a draft.
"""

from dataclasses import dataclass
from typing import Any

from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.forms import Field, format_value
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import record_form
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.conflicts import Conflict, list_conflicts
from reviewtool.core.team.reconcile import ReconcileUnit, reconcile_units

SETTLED_STATUSES = ("reconciled", "rejected")
PASSAGE_STATUS = {
    "differs": "reviewers' answers differ",
    "missed": "not every reviewer extracted it",
    "draft": "a reviewer's claim is still a draft",
    "unsettled": "decided more than once (a later merge); decide again",
    "agreed": "reviewers agree; the agreement is not yet accepted",
}


@dataclass(frozen=True)
class UnsettledItem:
    kind: str  # "conflict" or "passage"
    id: str  # a conflict's id (for `reviewtool resolve`), or the passage's claim ids
    entity: str  # the record's kind: "claim" for a passage
    record_id: str  # the conflicting record, or the passage's earliest claim
    document_id: str | None
    field: str  # the field's label ("" for a passage)
    status: str  # a conflict: "conflict"; a passage: its ReconcileUnit.status
    summary: str  # one line saying what is unsettled
    values: tuple[tuple[str, str], ...]  # (reviewer, value as shown) for each side
    claim_ids: tuple[str, ...]  # the claims concerned

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "entity": self.entity,
                "record_id": self.record_id if self.kind == "conflict" else None,
                "document_id": self.document_id,
                "field": self.field or None, "status": self.status, "summary": self.summary,
                "values": [{"reviewer": r, "value": v} for r, v in self.values],
                "claims": list(self.claim_ids)}


def unsettled_items(review: ReviewFile) -> list[UnsettledItem]:
    """Every unsettled item: open conflicts first, then passages in document order."""
    items = [_conflict_item(review, c) for c in list_conflicts(review)]
    items += [_passage_item(u) for u in reconcile_units(review)
              if u.status not in SETTLED_STATUSES]
    return items


def _conflict_item(review: ReviewFile, conflict: Conflict) -> UnsettledItem:
    field = _form_field(review, conflict)
    label = field.label if field else conflict.field.lstrip("_")
    values = tuple((v.reviewer, _text(field, v.value)) for v in conflict.values)
    claim_ids = (conflict.record_id,) if conflict.entity == "claim" else ()
    record = conflict.entity
    if conflict.entity == "finding":
        row = review.conn.execute("SELECT statement FROM findings WHERE finding_id = ?",
                                  (conflict.record_id,)).fetchone()
        record = f"finding “{row[0]}”" if row else record
    return UnsettledItem(
        "conflict", conflict.id, conflict.entity, conflict.record_id, conflict.document_id,
        label, "conflict",
        f"{record}, {label}: " + " / ".join(f"{v} ({r})" for r, v in values),
        values, claim_ids)


def _passage_item(unit: ReconcileUnit) -> UnsettledItem:
    # Reviewers by name: the unit's own order (blind labels) differs from review to review.
    quote = " ".join(unit.earliest.anchor.exact.split())
    quote = quote if len(quote) <= 60 else quote[:59] + "…"
    details = []
    for comparison in unit.differing:
        details.append(f"{comparison.label}: " + " / ".join(
            f"{_text(comparison.field, v)} ({name})"
            for name, v in sorted(comparison.values.items())))
    if unit.missing:
        details.append(f"extracted by {', '.join(sorted(unit.claims))}, "
                       f"not by {', '.join(sorted(unit.missing))}")
    values = tuple((name, "; ".join(f"{f.label}: {_text(f.field, f.values[name])}"
                                    for f in unit.differing) or "extracted")
                   for name in sorted(unit.claims))
    summary = f"passage “{quote}”: {PASSAGE_STATUS[unit.status]}"
    if details:
        summary += " — " + "; ".join(details)
    return UnsettledItem("passage", unit.key, "claim", unit.earliest.id, unit.document_id, "",
                         unit.status, summary, values, unit.claim_ids)


def _form_field(review: ReviewFile, conflict: Conflict) -> Field | None:
    if conflict.field.startswith("_") or conflict.entity not in ("claim", "appraisal", "finding"):
        return None
    if (conflict.entity, conflict.field) == ("finding", "category"):
        # a finding is filed under the claim form's kinds
        return form_in_force(review, "claim").field("category")
    try:
        form = record_form(review, conflict.record_id)
    except ReviewError:  # a record without a form: its values are shown as they are
        return None
    return form.field(conflict.field) if conflict.field in form.field_ids else None


def _text(field: Field | None, value: Any) -> str:
    if field is not None:
        return format_value(field, value) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    return str(value)


def require_settled(summaries: list[str] | tuple[str, ...], what: str = "The final report") -> None:
    """InvalidInput naming every unsettled item, if there is any."""
    if summaries:
        n = len(summaries)
        raise InvalidInput(
            f"{what} was not written: {n} item{' is' if n == 1 else 's are'} unsettled; "
            "reconcile the passages and resolve the conflicts listed by 'reviewtool "
            "conflicts', or leave out --final for a draft.",
            [f"unsettled: {s}" for s in summaries])
