"""Synthesis: one row per finding or stand-alone claim, with what a summary table shows.

The rows rest on the final claims (consensus claims, and reviewers' claims not yet
reconciled). For each row:

- consistency: each document's stance on it (`findings.document_stance` of its claims'
  stances), combined across documents by `findings.consistency`;
- strongest evidence cited: the highest-ranked `evidence_cited` (EVIDENCE_RANK) among the
  claims that support or qualify it; only if none does, among all its claims;
- certainty: the highest GRADE level rated on those same claims (each rating already
  reflects the best evidence the reviewer knows of), with the lowest and highest rating
  kept so that a reader sees when ratings differed; unrated claims are left out;
- agreement: measured on the passages its claims quote, matched across reviewers as for
  the agreement statistics (agreement.matching): how many of the reviewers who worked on
  each document extracted the passage, and on how many passages extracted by two or more
  reviewers their category and their certainty were the same.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reviewtool.core.team.agreement.matching import ClaimUnit, units_by_document
from reviewtool.core.team.pairings import NO_CORRECTIONS, PairingCorrections, pairing_corrections
from reviewtool.core.review.claims import Claim, list_claims, settled
from reviewtool.core.review.findings import Finding, consistency, document_stance, list_findings
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.store.reviewfile import ReviewFile

# Strongest first: what a document offers in support of a claim (forms/claim.toml).
EVIDENCE_RANK = ("cites_review", "cites_study", "expert_opinion", "anecdote", "none")
FOR_FINDING = ("supports", "qualifies")


@dataclass(frozen=True)
class RowAgreement:
    """Reviewer agreement on the passages a row rests on (see the module docstring)."""

    reviewers: int  # reviewers who extracted claims on the row's documents (most on one)
    found: int  # (passage, reviewer) pairs where that reviewer extracted the passage
    expected: int  # every (passage, reviewer of its document) pair
    compared: int  # passages extracted by two or more reviewers
    category_agreed: int  # of those, passages coded with one category by all
    certainty_compared: int  # passages rated for certainty by two or more reviewers
    certainty_agreed: int  # of those, passages with one certainty rating by all

    @property
    def status(self) -> str:
        """"single reviewer" (nothing to compare), "agreed" or "partial"."""
        if self.reviewers < 2:
            return "single reviewer"
        if (self.found == self.expected and self.category_agreed == self.compared
                and self.certainty_agreed == self.certainty_compared):
            return "agreed"
        return "partial"

    def as_json(self) -> dict:
        return {"status": self.status, "reviewers": self.reviewers, "found": self.found,
                "expected": self.expected, "compared": self.compared,
                "category_agreed": self.category_agreed,
                "certainty_compared": self.certainty_compared,
                "certainty_agreed": self.certainty_agreed}


SINGLE = RowAgreement(1, 0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class SynthesisRow:
    kind: str  # "finding" or "claim" (a final claim grouped under no finding)
    id: str  # the finding's or the claim's id
    statement: str
    category: str | None
    claims: tuple[Claim, ...]  # its final claims, by document and position
    stances: tuple[tuple[str, str], ...]  # (document id, that document's stance), by document
    consistency: str
    evidence: str | None  # an EVIDENCE_RANK value, None if no claim records it
    certainty: str | None  # the highest certainty rated, None if no claim is rated
    certainty_range: tuple[str, str] | None  # (lowest, highest) when ratings differ
    agreement: RowAgreement

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.claims)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(doc for doc, _ in self.stances)

    @property
    def conflicts(self) -> int:
        return sum(c.conflicts for c in self.claims)

    @property
    def incomplete(self) -> int:
        return sum(not c.complete for c in self.claims)

    @property
    def orphaned(self) -> int:
        return sum(c.anchor.orphaned for c in self.claims)

    @property
    def adjudicated(self) -> int:
        return sum(bool(c.consensus_of) for c in self.claims)

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "statement": self.statement,
                "category": self.category, "consistency": self.consistency,
                "documents": dict(self.stances), "strongest_evidence": self.evidence,
                "certainty": self.certainty,
                "certainty_range": list(self.certainty_range) if self.certainty_range else None,
                "agreement": self.agreement.as_json(),
                "claims": [{"id": c.id, "document_id": c.document_id, "reviewer": c.reviewer,
                            "stance": c.finding_stance, "statement": c.statement}
                           for c in self.claims],
                "conflicts": self.conflicts, "incomplete": self.incomplete,
                "orphaned": self.orphaned, "adjudicated": self.adjudicated}


def review_synthesis(review: ReviewFile) -> list[SynthesisRow]:
    """Every finding and stand-alone final claim of a review, as summary rows."""
    certainty = form_in_force(review, "claim").field("certainty")
    return synthesize(list_findings(review), list_claims(review), certainty.choice_values,
                      pairing_corrections(review))


def synthesize(findings: Iterable[Finding], claims: list[Claim],
               certainty_order: tuple[str, ...],
               corrections: PairingCorrections = NO_CORRECTIONS) -> list[SynthesisRow]:
    """Rows from all claims of a review (reviewers' and consensus claims alike).

    `certainty_order` lists the certainty values from highest to lowest, as the form does.
    """
    final = settled(claims)
    units = Units(claims, corrections)
    by_finding: dict[str, list[Claim]] = {}
    rows = []
    for claim in final:
        if claim.finding_id:
            by_finding.setdefault(claim.finding_id, []).append(claim)
        else:
            rows.append(_row("claim", claim.id, claim.statement, claim.category, [claim],
                             certainty_order, units))
    for finding in findings:
        grouped = by_finding.get(finding.id, [])
        category = finding.category or _most_common(c.category for c in grouped)
        rows.append(_row("finding", finding.id, finding.statement, category, grouped,
                         certainty_order, units))
    return rows


def _row(kind: str, row_id: str, statement: str, category: str | None, claims: list[Claim],
         certainty_order: tuple[str, ...], units: "Units") -> SynthesisRow:
    claims = sorted(claims, key=lambda c: (c.document_id, c.anchor.orphaned, c.anchor.start,
                                           c.created))
    by_document: dict[str, set[str]] = {}
    for claim in claims:
        by_document.setdefault(claim.document_id, set()).add(claim.finding_stance or "supports")
    stances = {doc: document_stance(found) for doc, found in by_document.items()}
    backing = [c for c in claims if (c.finding_stance or "supports") in FOR_FINDING] or claims
    return SynthesisRow(kind, row_id, statement, category, tuple(claims),
                        tuple(sorted(stances.items())), consistency(stances),
                        strongest_evidence(c.answers.get("evidence_cited") for c in backing),
                        *certainty_of([c.answers.get("certainty") for c in backing],
                                      certainty_order),
                        units.agreement(claims))


def strongest_evidence(values: Iterable[str | None]) -> str | None:
    ranked = [v for v in values if v in EVIDENCE_RANK]
    return min(ranked, key=EVIDENCE_RANK.index) if ranked else None


def certainty_of(values: list[str | None],
                 order: tuple[str, ...]) -> tuple[str | None, tuple[str, str] | None]:
    """The highest rating and, when ratings differ, (lowest, highest)."""
    rated = sorted({v for v in values if v in order}, key=order.index)
    if not rated:
        return None, None
    return rated[0], ((rated[-1], rated[0]) if len(rated) > 1 else None)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


class Units:
    """Reviewers' own claims matched into passages, per document (as for agreement)."""

    def __init__(self, claims: list[Claim], corrections: PairingCorrections = NO_CORRECTIONS):
        self.reviewers: dict[str, set[str]] = {}
        for claim in claims:
            if not claim.consensus_of:
                self.reviewers.setdefault(claim.document_id, set()).add(claim.reviewer)
        self.unit_of: dict[str, ClaimUnit] = {}
        for doc_units in units_by_document(claims, corrections).values():
            for unit in doc_units:
                for claim in unit.claims.values():
                    self.unit_of[claim.id] = unit

    def agreement(self, claims: list[Claim]) -> RowAgreement:
        sources = [cid for c in claims for cid in (c.consensus_of or (c.id,))]
        units = list({id(u): u for cid in sources if (u := self.unit_of.get(cid))}.values())
        if not units:
            return SINGLE
        reviewers = max(len(self.reviewers[u.document_id]) for u in units)
        found = sum(len(u.claims) for u in units)
        expected = sum(len(self.reviewers[u.document_id]) for u in units)
        shared = [u for u in units if len(u.claims) >= 2]
        category_agreed = sum(_same(u, "category") for u in shared)
        rated = [u for u in shared if _rated(u) >= 2]
        certainty_agreed = sum(_same(u, "certainty") for u in rated)
        return RowAgreement(reviewers, found, expected, len(shared), category_agreed,
                            len(rated), certainty_agreed)


def _same(unit: ClaimUnit, field: str) -> bool:
    values = {c.answers.get(field) for c in unit.claims.values()}
    if field == "certainty":
        values.discard(None)
    return len(values) == 1


def _rated(unit: ClaimUnit) -> int:
    return sum(c.answers.get("certainty") is not None for c in unit.claims.values())
