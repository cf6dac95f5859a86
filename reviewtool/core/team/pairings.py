"""The lead's corrections to the automatic pairing of reviewers' claims (agreement/matching.py).

A correction is about two claims by different reviewers on one document: "pair" (they quote
the same passage: keep them together whatever the overlap, which also confirms a proposed
pairing) or "split" (they do not: never pair them). Each correction is an ordinary versioned
record (entity "pairing") whose id is derived from the two claim ids, so two leads correcting
the same pair in their own copies write to one record: after a merge, differing decisions are a
conflict like any other, and a tombstone (`clear_pairing`) returns the pair to the automatic
rule. Fields: `_document`, `claims` (the two ids, sorted), `decision`.
"""

import json
from dataclasses import dataclass, field

from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.review.claims import Claim, get_claim
from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile

PAIRING = "pairing"
DECISIONS = ("pair", "split")


@dataclass(frozen=True)
class PairingCorrections:
    """Decided pairs, each a frozenset of two claim ids."""

    paired: frozenset[frozenset[str]] = field(default_factory=frozenset)
    split: frozenset[frozenset[str]] = field(default_factory=frozenset)

    def decision(self, a: str, b: str) -> str | None:
        pair = frozenset((a, b))
        return "pair" if pair in self.paired else "split" if pair in self.split else None


NO_CORRECTIONS = PairingCorrections()


def pairing_id(a: str, b: str) -> str:
    return ids.name_id(PAIRING, "\x1f".join(sorted((a, b))))


def pairing_corrections(review: ReviewFile) -> PairingCorrections:
    """The live corrections of the file (the shown value where two leads disagree)."""
    rows = review.conn.execute("""
        SELECT c.value, d.value ->> '$' FROM records r
        JOIN heads c ON c.record_id = r.record_id AND c.field = 'claims' AND c.shown
        JOIN heads d ON d.record_id = r.record_id AND d.field = 'decision' AND d.shown
        WHERE r.entity = ? AND r.deleted = 0""", (PAIRING,))
    paired, split = set(), set()
    for claims, decision in rows:
        pair = _pair(claims)
        # A record from a teammate's file that is not a well-formed decision (two claim ids,
        # "pair" or "split") decides nothing: the overlap rule applies to those claims.
        if pair is not None and decision in DECISIONS:
            (paired if decision == "pair" else split).add(pair)
    return PairingCorrections(frozenset(paired), frozenset(split))


def _pair(stored: str) -> frozenset[str] | None:
    try:
        ids = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    pair = frozenset(ids)
    return pair if len(pair) == 2 else None


def set_pairing(review: ReviewFile, a: str, b: str, decision: str,
                reviewer: str | None = None) -> str:
    """Record that claims `a` and `b` are ("pair") or are not ("split") the same passage;
    returns the correction's record id."""
    if decision not in DECISIONS:
        raise InvalidInput(f"A pairing decision is 'pair' or 'split', not {decision!r}.")
    decide_pairings(review, [(a, b)], decision, reviewer)
    return pairing_id(a, b)


def clear_pairing(review: ReviewFile, a: str, b: str, reviewer: str | None = None) -> bool:
    """Withdraw a correction, so the automatic rule decides again; False if there was none."""
    return decide_pairings(review, [(a, b)], None, reviewer)[(a, b)] is not None


def _two_claims(review: ReviewFile, a: str, b: str) -> tuple[Claim, Claim]:
    if a == b:
        raise InvalidInput("Give two different claims to pair or split.")
    claims = []
    for claim_id in (a, b):
        try:
            claims.append(get_claim(review, claim_id))
        except NotFound:
            raise NotFound(f"No claim {claim_id} in this review; list them with "
                           "'reviewtool claims FILE'.") from None
    first, second = claims
    if first.consensus_of or second.consensus_of:
        raise InvalidInput("Only reviewers' own claims are paired, not consensus claims.")
    if first.document_id != second.document_id:
        raise InvalidInput("These claims are on different documents; only claims on one "
                           "document can quote the same passage.")
    if first.reviewer == second.reviewer:
        raise InvalidInput(f"Both claims are {first.reviewer}'s; a pairing joins claims by "
                           "different reviewers.")
    return first, second


def decide_pairings(review: ReviewFile, pairs: list[tuple[str, str]], decision: str | None,
                    reviewer: str | None = None) -> dict[tuple[str, str], str | None]:
    """Record one decision ("pair", "split", or None to withdraw) on several pairs of claims in
    one change (e.g. every two claims of a passage unit); returns each pair's decision before,
    so that the change can be undone by deciding those again."""
    if decision is not None and decision not in DECISIONS:
        raise InvalidInput(f"A pairing decision is 'pair' or 'split', not {decision!r}.")
    before = pairing_corrections(review)
    previous = {}
    with Change(review, reviewer) as change:
        for a, b in pairs:
            first, second = _two_claims(review, a, b)
            previous[(a, b)] = before.decision(a, b)
            record_id = pairing_id(first.id, second.id)
            if decision is None:
                if previous[(a, b)] is not None:
                    change.delete(PAIRING, record_id)
                continue
            change.set(PAIRING, record_id, {"_document": first.document_id,
                                            "claims": sorted((first.id, second.id)),
                                            "decision": decision, "_deleted": False})
    return previous
