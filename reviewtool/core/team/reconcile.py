"""Reconciling dual extractions: the reviewers' claims on a passage, side by side, and the
adjudicator's consensus.

A *unit* is a passage two or more reviewers of a document could have flagged (see
agreement/matching.py); the reviewers of a document are those with a claim on it. Every
form field that is not free text (choice, ordinal, boolean, multi_choice, number, date) is
compared; free-text fields (the statement in the reviewer's words, citation, population,
notes) always differ in wording and are shown, not compared. A reviewer who did not extract
the passage disagrees with those who did.

Stored representation: a consensus is an ordinary claim by the adjudicator, so it merges,
conflicts and carries provenance like any other edit.
- `_consensus_of`: the reviewers' claim ids it reconciles (set by claims.create_claim).
- `_rationale` (text): why; accepted agreements carry AGREED_RATIONALE.
- `_rejected` (true): the adjudicator decided the passage makes no claim. Such a consensus
  has no form answers; the synthesis leaves it out, and with it the claims it reconciles.
A unit is reconciled by a live consensus claim whose `_consensus_of` holds every claim of the
unit. Recording a consensus retires (tombstones) earlier consensus claims that reconcile any
of the same claims, so each reviewer's claim has at most one live consensus.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from reviewtool.core.team.agreement.matching import ClaimUnit, review_units
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import CLAIM_FORM, Claim, create_claim, get_claim, list_claims
from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.forms import Field, Form, is_empty
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import checked_answers
from reviewtool.core.store.reviewfile import ReviewFile

TEXT_TYPES = ("text", "long_text")
AGREED_RATIONALE = "all reviewers agreed"


@dataclass(frozen=True)
class FieldComparison:
    """One compared field of a unit: each extracting reviewer's value (None: unanswered)."""

    field: Field
    values: dict[str, Any]
    agree: bool

    @property
    def id(self) -> str:
        return self.field.id

    @property
    def label(self) -> str:
        return self.field.label


@dataclass(frozen=True)
class ReconcileUnit:
    document_id: str
    reviewers: tuple[str, ...]  # every reviewer of the document, in blind-label order
    labels: dict[str, str]  # reviewer name -> "Reviewer 1", the same across the review
    claims: dict[str, Claim]  # reviewer name -> claim, for the reviewers who extracted it
    fields: tuple[FieldComparison, ...]
    consensus: Claim | None = None  # the newest live consensus claim covering the whole unit
    rationale: str = ""
    rejected: bool = False  # the consensus says: no claim here
    # Other live consensus claims on its claims: one made before a claim joined the unit (a
    # later merge), or a second decision made in another copy. Either way, decide again.
    others: tuple[str, ...] = ()
    paired_by_lead: bool = False  # its claims were paired by the lead, not by the overlap rule

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(sorted(c.id for c in self.claims.values()))

    @property
    def key(self) -> str:
        """Identifies the unit while its claims stay the same."""
        return ",".join(self.claim_ids)

    @property
    def missing(self) -> tuple[str, ...]:
        """Reviewers of the document who did not extract this passage."""
        return tuple(name for name in self.reviewers if name not in self.claims)

    @property
    def drafts(self) -> bool:
        return any(not c.complete for c in self.claims.values())

    @property
    def differing(self) -> tuple[FieldComparison, ...]:
        return tuple(f for f in self.fields if not f.agree)

    @property
    def agreed(self) -> bool:
        """Every reviewer extracted it, none as a draft, and every compared field agrees."""
        return not self.missing and not self.drafts and not self.differing

    @property
    def reconciled(self) -> bool:
        return self.consensus is not None and not self.others

    @property
    def outdated(self) -> bool:
        return bool(self.others)

    @property
    def earliest(self) -> Claim:
        return min(self.claims.values(), key=lambda c: (c.created, c.id))

    @property
    def start(self) -> int:
        return min(c.anchor.start for c in self.claims.values())

    @property
    def status(self) -> str:
        """One of: rejected, reconciled, unsettled, agreed, missed, draft, differs."""
        if self.reconciled:
            return "rejected" if self.rejected else "reconciled"
        if self.others:
            return "unsettled"
        if self.missing:
            return "missed"
        if self.drafts:
            return "draft"
        return "differs" if self.differing else "agreed"

    def name(self, reviewer: str, *, blind: bool = False) -> str:
        return self.labels.get(reviewer, reviewer) if blind else reviewer


def blind_labels(review: ReviewFile, reviewers: list[str] | set[str]) -> dict[str, str]:
    """"Reviewer 1", "Reviewer 2", … in an order that is the same in every copy of the review
    but says nothing about the names (alphabetical order would let an adjudicator guess)."""
    def order(name: str) -> str:
        return hashlib.sha256(f"{review.review_id}\0{name}".encode()).hexdigest()
    return {name: f"Reviewer {n}" for n, name in enumerate(sorted(set(reviewers), key=order), 1)}


def reconcile_units(review: ReviewFile, document_id: str | None = None) -> list[ReconcileUnit]:
    """The units of every document two or more reviewers extracted (or of one document), in
    document order, then by position in the text."""
    form = form_in_force(review, CLAIM_FORM)
    compared = [f for f in form.fields if f.type not in TEXT_TYPES]
    labels = blind_labels(review, _extracting_reviewers(review))
    consensus = list_claims(review, document_id=document_id, consensus=True)
    decided = _structural(review, [c.id for c in consensus])
    units = []
    for doc, doc_units in review_units(review, document_id).items():
        reviewers = tuple(sorted({n for u in doc_units for n in u.claims}, key=_label_order(labels)))
        for unit in doc_units:
            units.append(_unit(doc, unit, reviewers, labels, compared, consensus, decided))
    return units


def accept_agreements(review: ReviewFile, reviewer: str | None = None,
                      document_id: str | None = None) -> list[str]:
    """In one change, a consensus claim for every unreconciled unit all reviewers of its
    document extracted and agree on; returns the new claim ids (undo: delete them).

    The consensus takes the agreed compared fields; each free-text field from the
    earliest-created claim that answers it; and the earliest-created claim's quote (a union
    of the quotes could take in words no reviewer chose). Unsettled units (see
    ReconcileUnit.others) are left for the adjudicator (record_consensus).
    """
    form = form_in_force(review, CLAIM_FORM)
    units = [u for u in reconcile_units(review, document_id)
             if u.agreed and u.consensus is None and not u.outdated]
    if not units:
        return []
    created = []
    with Change(review, reviewer) as change:
        for unit in units:
            answers = checked_answers(form, proposed_answers(form, unit),
                                      f"consensus on “{_short(unit.earliest.anchor.exact)}”")
            created.append(_write(review, change, unit.document_id, unit.earliest.anchor,
                                  answers, form, list(unit.claim_ids), AGREED_RATIONALE))
    return created


def record_consensus(review: ReviewFile, claim_ids: list[str], answers: dict[str, Any],
                     rationale: str, anchor_from: str | None = None,
                     reviewer: str | None = None) -> str:
    """The adjudicator's consensus on the reviewers' claims `claim_ids` (one unit), validated
    by the claim form; the quote is that of `anchor_from` (default: the earliest claim).

    Earlier consensus claims on any of these claims are retired in the same change; find them
    first with superseded_consensus() to undo this. Returns the new claim's id.
    """
    claims = _reviewers_claims(review, claim_ids)
    rationale = _required_rationale(rationale)
    form = form_in_force(review, CLAIM_FORM)
    answers = checked_answers(form, answers, "consensus")
    anchor = _anchor_claim(claims, anchor_from).anchor
    with Change(review, reviewer) as change:
        _retire(review, change, claim_ids)
        return _write(review, change, claims[0].document_id, anchor, answers, form,
                      list(claim_ids), rationale)


def reject_unit(review: ReviewFile, claim_ids: list[str], rationale: str,
                reviewer: str | None = None) -> str:
    """Record the adjudicator's decision that the passage makes no claim (see the module
    docstring); returns the id of the rejecting consensus claim."""
    claims = _reviewers_claims(review, claim_ids)
    rationale = _required_rationale(rationale)
    form = form_in_force(review, CLAIM_FORM)
    anchor = _anchor_claim(claims, None).anchor
    with Change(review, reviewer) as change:
        _retire(review, change, claim_ids)
        return _write(review, change, claims[0].document_id, anchor, {}, form,
                      list(claim_ids), rationale, rejected=True)


def superseded_consensus(review: ReviewFile, claim_ids: list[str]) -> list[str]:
    """The live consensus claims that reconcile any of `claim_ids` (which a new consensus on
    them retires)."""
    wanted = set(claim_ids)
    return sorted(c.id for c in list_claims(review, consensus=True) if wanted & set(c.consensus_of))


def rejected_claim_ids(review: ReviewFile) -> set[str]:
    """Live consensus claims that say "no claim here"; the synthesis leaves them out."""
    return {row[0] for row in review.conn.execute(
        "SELECT c.claim_id FROM claims c JOIN heads f ON f.record_id = c.claim_id "
        "WHERE f.field = '_rejected' AND f.shown AND f.value = 'true'")}


def proposed_answers(form: Form, unit: ReconcileUnit) -> dict[str, Any]:
    """A starting point for the consensus: the compared fields the reviewers agree on, and each
    free-text field from the earliest-created claim that answers it. Fields they disagree on
    are left out, for the adjudicator to decide."""
    earliest_first = sorted(unit.claims.values(), key=lambda c: (c.created, c.id))
    first = earliest_first[0].reviewer
    answers = {f.id: f.values[first] for f in unit.fields if f.agree}
    for field in form.fields:
        if field.type in TEXT_TYPES:
            answers[field.id] = next((c.answers[field.id] for c in earliest_first
                                      if not is_empty(c.answers.get(field.id))), None)
    return {k: v for k, v in answers.items() if not is_empty(v)}


# -- helpers ----------------------------------------------------------------------------------


def _extracting_reviewers(review: ReviewFile) -> set[str]:
    return {c.reviewer for c in list_claims(review, consensus=False)}


def _label_order(labels: dict[str, str]):
    return lambda name: int(labels[name].rsplit(" ", 1)[1]) if name in labels else 0


def _structural(review: ReviewFile, claim_ids: list[str]) -> dict[str, dict[str, Any]]:
    """`_rationale` and `_rejected` of each claim (not part of Claim.answers)."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(claim_ids), 500):
        ids = claim_ids[chunk:chunk + 500]
        rows = review.conn.execute(
            f"SELECT record_id, field, value FROM heads WHERE shown AND field IN "
            f"('_rationale', '_rejected') AND record_id IN ({','.join('?' * len(ids))})", ids)
        for record_id, field, value in rows:
            found.setdefault(record_id, {})[field] = json.loads(value)
    return found


def _unit(document_id: str, unit: ClaimUnit, reviewers: tuple[str, ...], labels: dict[str, str],
          compared: list[Field], consensus: list[Claim],
          decided: dict[str, dict[str, Any]]) -> ReconcileUnit:
    claims = {name: unit.claims[name] for name in reviewers if name in unit.claims}
    fields = []
    for field in compared:
        values = {name: _clean(c.answers.get(field.id)) for name, c in claims.items()}
        distinct = {_comparable(v) for v in values.values()}
        fields.append(FieldComparison(field, values, len(distinct) <= 1))
    ids = {c.id for c in claims.values()}
    covering = [c for c in consensus if ids <= set(c.consensus_of)]
    overlapping = [c for c in consensus if ids & set(c.consensus_of)]
    chosen = max(covering, key=lambda c: (c.created, c.id)) if covering else None
    extra = decided.get(chosen.id, {}) if chosen else {}
    others = tuple(sorted(c.id for c in overlapping if c is not chosen))
    return ReconcileUnit(document_id, reviewers, labels, claims, tuple(fields), chosen,
                         extra.get("_rationale") or "", extra.get("_rejected") is True, others,
                         unit.confirmed)


def _clean(value: Any) -> Any:
    return None if is_empty(value) else value


def _comparable(value: Any) -> Any:
    # A multi_choice answer is a set: the order of the ticks does not matter.
    return frozenset(value) if isinstance(value, list) else value


def _write(review: ReviewFile, change: Change, document_id: str, anchor, answers: dict,
           form: Form, claim_ids: list[str], rationale: str, *, rejected: bool = False) -> str:
    claim_id = create_claim(review, change, document_id, anchor, answers, form,
                            partial=rejected, consensus_of=claim_ids)
    extra: dict[str, Any] = {"_rationale": rationale, **_shared_finding(review, claim_ids)}
    if rejected:
        extra |= {"_rejected": True, "_complete": True}  # a decision, not a draft to finish
    change.set("claim", claim_id, extra)
    return claim_id


def _shared_finding(review: ReviewFile, claim_ids: list[str]) -> dict[str, Any]:
    """The finding and stance the reconciled claims share, for the consensus to keep its
    place in the synthesis; nothing when they differ (the adjudicator then groups it)."""
    claims = [get_claim(review, claim_id) for claim_id in claim_ids]
    links = {(c.finding_id, c.finding_stance) for c in claims if c.finding_id}
    if len(links) != 1:
        return {}
    ((finding_id, stance),) = links
    return {"_finding": finding_id, "_finding_stance": stance}


def _retire(review: ReviewFile, change: Change, claim_ids: list[str]) -> None:
    for old in superseded_consensus(review, claim_ids):
        change.delete("claim", old)


def _reviewers_claims(review: ReviewFile, claim_ids: list[str]) -> list[Claim]:
    if not claim_ids:
        raise InvalidInput("Choose the reviewers' claims this consensus reconciles.")
    claims = []
    for claim_id in claim_ids:
        try:
            claim = get_claim(review, claim_id)
        except NotFound:
            raise NotFound(f"The claim {claim_id} is no longer in this review (deleted since "
                           "the list was shown); refresh the list.") from None
        if claim.consensus_of:
            raise InvalidInput(f"{claim_id} is itself a consensus claim; reconcile the "
                               "reviewers' own claims.")
        claims.append(claim)
    if len({c.document_id for c in claims}) > 1:
        raise InvalidInput("A consensus reconciles claims on one document; these are on several.")
    return sorted(claims, key=lambda c: (c.created, c.id))


def _anchor_claim(claims: list[Claim], anchor_from: str | None) -> Claim:
    if anchor_from is None:
        return claims[0]
    for claim in claims:
        if claim.id == anchor_from:
            return claim
    raise InvalidInput("The quote must come from one of the claims being reconciled.")


def _required_rationale(rationale: str) -> str:
    rationale = (rationale or "").strip()
    if not rationale:
        raise InvalidInput("Give a rationale for the consensus: it is recorded with the decision.")
    return rationale


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
