"""Dual extraction: which claims by different reviewers are the same claim.

Rule: on the same document, two claims by different reviewers match when their quotes
overlap by at least MATCH_THRESHOLD of the shorter quote (the overlap coefficient,
|A ∩ B| / min(|A|, |B|), over character positions). So a clause quoted by one reviewer
inside the sentence quoted by the other matches; two neighbouring sentences do not.
Matches are taken best first, and a unit never holds two claims of one reviewer. A claim
matched by no other reviewer is a unit of its own: the others missed it.
"""

from dataclasses import dataclass, field

from reviewtool.core.review.claims import Claim, list_claims
from reviewtool.core.store.reviewfile import ReviewFile

MATCH_THRESHOLD = 0.5
RULE = (f"claims by different reviewers on the same document match when their quotes overlap "
        f"by at least {MATCH_THRESHOLD:.0%} of the shorter quote; each unit holds at most one "
        "claim per reviewer")


@dataclass
class ClaimUnit:
    """One passage flagged as a claim by at least one reviewer."""

    document_id: str
    claims: dict[str, Claim] = field(default_factory=dict)  # reviewer name -> claim

    @property
    def start(self) -> int:
        return min(c.anchor.start for c in self.claims.values())


def overlap(a: Claim, b: Claim) -> float:
    common = min(a.anchor.end, b.anchor.end) - max(a.anchor.start, b.anchor.start)
    shorter = min(a.anchor.end - a.anchor.start, b.anchor.end - b.anchor.start)
    return max(common, 0) / shorter if shorter > 0 else 0.0


def match_units(claims: list[Claim]) -> list[ClaimUnit]:
    """Group one document's claims into units (see the module docstring)."""
    claims = [c for c in claims if not c.anchor.orphaned]
    pairs = []
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.reviewer != b.reviewer:
                score = overlap(a, b)
                if score >= MATCH_THRESHOLD:
                    pairs.append((-score, a.anchor.start, b.anchor.start, a.id, b.id))
    unit_of = {c.id: ClaimUnit(c.document_id, {c.reviewer: c}) for c in claims}
    for _, _, _, a_id, b_id in sorted(pairs):
        unit_a, unit_b = unit_of[a_id], unit_of[b_id]
        if unit_a is unit_b or set(unit_a.claims) & set(unit_b.claims):
            continue
        unit_a.claims.update(unit_b.claims)
        for claim in unit_b.claims.values():
            unit_of[claim.id] = unit_a
    units = {id(u): u for u in unit_of.values()}.values()
    return sorted(units, key=lambda u: (u.start, sorted(u.claims)))


def review_units(review: ReviewFile, document_id: str | None = None) -> dict[str, list[ClaimUnit]]:
    """Units per document, for the documents two or more reviewers extracted."""
    by_document: dict[str, list[Claim]] = {}
    for claim in list_claims(review, document_id=document_id, consensus=False):
        by_document.setdefault(claim.document_id, []).append(claim)
    return {doc: match_units(claims) for doc, claims in sorted(by_document.items())
            if len({c.reviewer for c in claims}) >= 2}
