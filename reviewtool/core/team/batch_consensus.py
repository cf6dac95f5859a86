"""A lead's reconciliation decisions from a CSV or JSON file (one row per passage).

Columns: `document` (as for add-claims), `quote` (words of the passage: the unit whose
reviewers' quotes contain them; if several do, the one a quote starts with, then the one
most reviewers extracted), `decision` (`consensus` or `reject`), `rationale`
(required), and any claim form field ids, which replace what the reviewers' claims propose
(reconcile.proposed_answers: the fields they agree on, free text from the earliest claim).
Units every reviewer agrees on are accepted first, as "Accept agreements" does. Every
decision is checked before anything is written; a passage with no decision stays unsettled.
"""

from pathlib import Path
from typing import Any

from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.forms import parse_value
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.batch_entry import read_rows
from reviewtool.core.review.claims import CLAIM_FORM
from reviewtool.core.review.documents import resolve_document
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.reconcile import (
    ReconcileUnit,
    accept_agreements,
    proposed_answers,
    reconcile_units,
    record_consensus,
    reject_unit,
)

DECISIONS = ("consensus", "reject")


def apply_decisions(review: ReviewFile, path: Path, *, reviewer: str | None = None) -> int:
    """Accept agreements, then record each decision in `path`; returns the units decided."""
    form = form_in_force(review, CLAIM_FORM)
    rows = read_rows(Path(path))
    if not rows:
        raise ReviewError(f"{path} holds no decisions.")
    with review.transaction():
        decided = len(accept_agreements(review, reviewer))
        open_units = [u for u in reconcile_units(review) if not u.reconciled]
        plans, problems = [], []
        for label, values, _ in rows:
            try:
                plans.append(_plan(review, form, open_units, values))
            except (InvalidInput, ReviewError) as error:
                problems.append(f"{label}: {error}")
        if problems:
            raise InvalidInput(f"{len(problems)} of {len(rows)} decisions in {path} have "
                               "problems; nothing was written.", problems)
        for unit, decision, answers, rationale in plans:
            if decision == "reject":
                reject_unit(review, list(unit.claim_ids), rationale, reviewer)
            else:
                record_consensus(review, list(unit.claim_ids), answers, rationale,
                                 reviewer=reviewer)
    return decided + len(plans)


def _plan(review: ReviewFile, form, units: list[ReconcileUnit], values: dict[str, Any]):
    document_id = resolve_document(review, str(values.get("document") or "").strip())
    words = " ".join(str(values.get("quote") or "").split())
    quotes = {id(u): [" ".join(c.anchor.exact.split()) for c in u.claims.values()]
              for u in units if u.document_id == document_id}
    matching = [u for u in units if words and any(words in q for q in quotes.get(id(u), []))]
    if len(matching) > 1:  # the words are inside a longer quote too: the passage they start
        matching = [u for u in matching if any(q.startswith(words) for q in quotes[id(u)])]
    if len(matching) > 1:  # a quote of one reviewer left apart: the passage most extracted
        most = max(len(u.claims) for u in matching)
        matching = [u for u in matching if len(u.claims) == most]
    if len(matching) != 1:
        found = "no passage awaiting a decision" if not matching else "several passages"
        raise InvalidInput(f"quote: {found} on that document holds “{words[:50]}”")
    decision = str(values.get("decision") or "consensus").strip().lower()
    if decision not in DECISIONS:
        raise InvalidInput(f"decision: '{decision}' is not one of: {', '.join(DECISIONS)}")
    unit = matching[0]
    answers = proposed_answers(form, unit)
    for key, value in values.items():
        if key in ("document", "quote", "decision", "rationale") or not str(value).strip():
            continue
        if key not in form.field_ids:
            raise InvalidInput(f"unknown column '{key}'; the claim form's fields are "
                               f"{', '.join(form.field_ids)}")
        try:
            answers[key] = parse_value(form.field(key), str(value))
        except ValueError as error:
            raise InvalidInput(f"{key}: {error}") from None
    return unit, decision, answers, str(values.get("rationale") or "")
