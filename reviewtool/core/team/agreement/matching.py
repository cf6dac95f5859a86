"""Dual extraction: which claims by different reviewers quote the same passage (pairing).

Rule (docs/methods.md, "Pairing"):
1. Overlap of two quotes is the intersection over union of their character spans,
   |A ∩ B| / |A ∪ B| (Jaccard): relative to *both* quotes, so a one-word quote inside a long
   sentence scores low, and a long quote covering two short ones scores each by its share.
2. Per document and per pair of reviewers, claims are paired one-to-one by an optimal
   assignment (Hungarian algorithm, scipy's `linear_sum_assignment`) maximising the summed
   overlap over the pairs scoring at least `min_overlap` (default 0.5). No claim is paired
   twice with one reviewer; a better total is never lost to a greedy first choice.
3. With three or more reviewers, a unit joins claims only when *every* two of them are paired
   (a clique of the pairwise assignments), so two quotes sharing no text are never joined
   through a third. Pairs are merged best first.
4. The lead's corrections (pairings.py) come first: a "split" pair is never paired, a "pair"
   is paired whatever its overlap.
A claim paired with no other reviewer's claim is a unit of its own: the others missed it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from reviewtool.core.errors import InvalidInput
from reviewtool.core.review.claims import Claim, list_claims
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.pairings import NO_CORRECTIONS, PairingCorrections, pairing_corrections

DEFAULT_MIN_OVERLAP = 0.5
ROBUSTNESS_THRESHOLDS = (0.3, 0.5, 0.7)
FORCED = 2.0  # the score of a pair the lead joined: above any overlap


def rule(min_overlap: float = DEFAULT_MIN_OVERLAP) -> str:
    return (f"claims by different reviewers on one document are paired one-to-one by an optimal "
            f"assignment on the overlap of their quotes (intersection over union of the "
            f"characters, at least {min_overlap:.0%}); a passage unit holds claims only if "
            f"every two of them are paired; the lead's pair/split corrections come first")


RULE = rule()


@dataclass
class ClaimUnit:
    """One passage flagged as a claim by at least one reviewer."""

    document_id: str
    claims: dict[str, Claim] = field(default_factory=dict)  # reviewer name -> claim
    confirmed: bool = False  # every two of its claims were paired by the lead

    @property
    def start(self) -> int:
        return min(c.anchor.start for c in self.claims.values())


def overlap(a: Claim, b: Claim) -> float:
    """Intersection over union of the two quotes' character spans (0 when either is empty)."""
    common = min(a.anchor.end, b.anchor.end) - max(a.anchor.start, b.anchor.start)
    if common <= 0:
        return 0.0
    union = max(a.anchor.end, b.anchor.end) - min(a.anchor.start, b.anchor.start)
    return common / union


def check_min_overlap(min_overlap: float) -> float:
    if not 0 < min_overlap <= 1:
        raise InvalidInput(f"The minimum overlap is a share of the quotes' characters between "
                           f"0 (exclusive) and 1, not {min_overlap:g}; the default is "
                           f"{DEFAULT_MIN_OVERLAP}.")
    return min_overlap


def match_units(claims: list[Claim], *, min_overlap: float = DEFAULT_MIN_OVERLAP,
                corrections: PairingCorrections = NO_CORRECTIONS) -> list[ClaimUnit]:
    """Group one document's reviewers' claims into units (see the module docstring)."""
    claims = sorted((c for c in claims if not c.anchor.orphaned),
                    key=lambda c: (c.anchor.start, c.anchor.end, c.id))
    by_reviewer: dict[str, list[Claim]] = {}
    for claim in claims:
        by_reviewer.setdefault(claim.reviewer, []).append(claim)
    edges: dict[frozenset[str], float] = {}
    for first, second in combinations(sorted(by_reviewer), 2):
        edges.update(_assigned(by_reviewer[first], by_reviewer[second], min_overlap, corrections))
    return _cliques(claims, edges)


def _assigned(left: list[Claim], right: list[Claim], min_overlap: float,
              corrections: PairingCorrections) -> dict[frozenset[str], float]:
    """The optimal one-to-one pairs between two reviewers' claims, with their scores."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment  # imported here: the CLI starts light

    starts_a = np.array([c.anchor.start for c in left])[:, None]
    ends_a = np.array([c.anchor.end for c in left])[:, None]
    starts_b = np.array([c.anchor.start for c in right])[None, :]
    ends_b = np.array([c.anchor.end for c in right])[None, :]
    common = np.minimum(ends_a, ends_b) - np.maximum(starts_a, starts_b)
    union = np.maximum(ends_a, ends_b) - np.minimum(starts_a, starts_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(common > 0, common / union, 0.0)  # overlap(), for every pair at once
    scores[scores < min_overlap] = 0.0
    row = {c.id: i for i, c in enumerate(left)}
    column = {c.id: j for j, c in enumerate(right)}
    for decided, score in ((corrections.paired, FORCED), (corrections.split, 0.0)):
        for pair in decided:
            a, b = tuple(pair)
            if a in column:
                a, b = b, a
            if a in row and b in column:
                scores[row[a], column[b]] = score
    if not scores.any():
        return {}
    rows, columns = linear_sum_assignment(scores, maximize=True)
    return {frozenset((left[i].id, right[j].id)): float(scores[i, j])
            for i, j in zip(rows, columns, strict=True) if scores[i, j] > 0}


def _cliques(claims: list[Claim], edges: dict[frozenset[str], float]) -> list[ClaimUnit]:
    """Units from the pairs, best pair first, merging two units only if every claim of one is
    paired with every claim of the other (and no reviewer would appear twice)."""
    by_id = {c.id: c for c in claims}
    position = {c.id: n for n, c in enumerate(claims)}
    unit_of = {c.id: {c.id} for c in claims}
    for pair in sorted(edges, key=lambda p: (-edges[p], sorted(position[i] for i in p))):
        a, b = sorted(pair, key=position.__getitem__)
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a is unit_b:
            continue
        if {by_id[i].reviewer for i in unit_a} & {by_id[i].reviewer for i in unit_b}:
            continue
        if not all(frozenset((x, y)) in edges for x in unit_a for y in unit_b):
            continue
        unit_a |= unit_b
        for claim_id in unit_b:
            unit_of[claim_id] = unit_a
    units = []
    for members in {id(u): u for u in unit_of.values()}.values():
        unit = ClaimUnit(by_id[next(iter(members))].document_id,
                         {by_id[i].reviewer: by_id[i] for i in sorted(members, key=position.__getitem__)})
        unit.confirmed = len(members) > 1 and all(
            edges[frozenset(p)] == FORCED for p in combinations(members, 2))
        units.append(unit)
    return sorted(units, key=lambda u: (u.start, sorted(u.claims)))


def review_units(review: ReviewFile, document_id: str | None = None, *,
                 min_overlap: float = DEFAULT_MIN_OVERLAP) -> dict[str, list[ClaimUnit]]:
    """Units per document, for the documents two or more reviewers extracted."""
    return units_by_document(list_claims(review, document_id=document_id, consensus=False),
                             pairing_corrections(review), min_overlap=min_overlap)


def units_by_document(claims: Iterable[Claim], corrections: PairingCorrections, *,
                      min_overlap: float = DEFAULT_MIN_OVERLAP) -> dict[str, list[ClaimUnit]]:
    """Reviewers' own claims (consensus claims are skipped) matched into units, per document
    extracted by two or more reviewers."""
    by_document: dict[str, list[Claim]] = {}
    for claim in claims:
        if not claim.consensus_of:
            by_document.setdefault(claim.document_id, []).append(claim)
    return {doc: match_units(found, min_overlap=min_overlap, corrections=corrections)
            for doc, found in sorted(by_document.items())
            if len({c.reviewer for c in found}) >= 2}
