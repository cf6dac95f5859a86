"""Synthesis: one row per finding or stand-alone claim, with what a summary table shows.

The rows rest on the final claims (consensus claims, and reviewers' claims not yet
reconciled). For each row:

- consistency: each document's stance on it (`findings.document_stance` of its claims'
  stances), combined across documents by `findings.consistency`;
- strongest evidence cited: the highest-ranked `evidence_cited` (EVIDENCE_RANK) among the
  claims that support it. A contradicting claim's evidence is evidence against it, and a
  qualifying claim's backs only a narrower statement, so neither counts; a row no claim
  supports has none;
- certainty: people judge it. A finding's certainty is the team's judgement on the finding
  form (review.finding_judgements), None until judged; a stand-alone claim's is its own
  rating. Beside it, what the tool proposes from the claims (certainty_proposal): the spread
  of their ratings and the lowest, never the highest;
- unsettled: reviewers' claims on one passage that no consensus reconciles yet
  (team.unsettled) are one row, not one row per reviewer, and carry what is unsettled;
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
from reviewtool.core.team.unsettled import UnsettledItem, unsettled_items
from reviewtool.core.review.claims import Claim, list_claims, settled
from reviewtool.core.review.finding_judgements import Judgement, judgements
from reviewtool.core.review.findings import Finding, consistency, document_stance, list_findings
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.synthesis.certainty_proposal import CertaintyProposal, propose

# Strongest first: what a document offers in support of a claim (forms/claim.toml).
EVIDENCE_RANK = ("cites_review", "cites_study", "expert_opinion", "anecdote", "none")
SUPPORTING = "supports"  # the stance whose claims' evidence is support for the finding


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
    evidence: str | None  # an EVIDENCE_RANK value, None if no supporting claim records it
    certainty: str | None  # judged: the finding form's rating, or a lone claim's own rating
    proposal: CertaintyProposal  # what the claims' ratings suggest (never a decision)
    agreement: RowAgreement
    judgement: Judgement | None = None  # a finding's judgement on the finding form
    unsettled: tuple[UnsettledItem, ...] = ()  # passages of its claims not yet reconciled

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
                "judgement": self.judgement.as_json() if self.judgement else None,
                "claims_spread": self.proposal.as_json(),
                "unsettled": [item.as_json() for item in self.unsettled],
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
                      pairing_corrections(review), judged=judgements(review),
                      unsettled=unsettled_items(review))


def synthesize(findings: Iterable[Finding], claims: list[Claim],
               certainty_order: tuple[str, ...],
               corrections: PairingCorrections = NO_CORRECTIONS, *,
               judged: dict[str, Judgement] | None = None,
               unsettled: Iterable[UnsettledItem] = ()) -> list[SynthesisRow]:
    """Rows from all claims of a review (reviewers' and consensus claims alike).

    `certainty_order` lists the certainty values from highest to lowest, as the form does;
    `judged` holds the findings' judgements; `unsettled` the review's unsettled items, whose
    passages make one row each.
    """
    judged = judged or {}
    passage_of = {cid: item for item in unsettled if item.kind == "passage"
                  for cid in item.claim_ids}
    final = settled(claims)
    units = Units(claims, corrections)
    by_finding: dict[str, list[Claim]] = {}
    alone: dict[str, list[Claim]] = {}  # row id -> its claims: one claim, or one passage's
    rows = []
    for claim in final:
        if claim.finding_id:
            by_finding.setdefault(claim.finding_id, []).append(claim)
        else:
            item = passage_of.get(claim.id)
            alone.setdefault(item.claim_ids[0] if item else claim.id, []).append(claim)
    for grouped in alone.values():
        first = min(grouped, key=lambda c: (c.created, c.id))
        rows.append(_row("claim", first.id, first.statement, first.category, grouped,
                         certainty_order, units, None, passage_of))
    for finding in findings:
        grouped = by_finding.get(finding.id, [])
        category = finding.category or _most_common(c.category for c in grouped)
        rows.append(_row("finding", finding.id, finding.statement, category, grouped,
                         certainty_order, units, judged.get(finding.id), passage_of))
    return rows


def _row(kind: str, row_id: str, statement: str, category: str | None, claims: list[Claim],
         certainty_order: tuple[str, ...], units: "Units", judgement: Judgement | None,
         passage_of: dict[str, UnsettledItem]) -> SynthesisRow:
    claims = sorted(claims, key=lambda c: (c.document_id, c.anchor.orphaned, c.anchor.start,
                                           c.created))
    by_document: dict[str, set[str]] = {}
    for claim in claims:
        by_document.setdefault(claim.document_id, set()).add(claim.finding_stance or "supports")
    stances = {doc: document_stance(found) for doc, found in by_document.items()}
    backing = [c for c in claims if (c.finding_stance or SUPPORTING) == SUPPORTING]
    ratings = [c.answers.get("certainty") for c in claims]
    found = consistency(stances)
    if kind == "finding":
        certainty = (judgement.certainty if judgement and "certainty" not in judgement.conflicted
                     else None)
    else:  # a lone claim's own rating; reviewers' differing ratings are no rating yet
        certainty = ratings[0] if len(set(ratings)) == 1 else None
    unsettled = tuple({item.id: item for c in claims
                       if (item := passage_of.get(c.id))}.values())
    return SynthesisRow(kind, row_id, statement, category, tuple(claims),
                        tuple(sorted(stances.items())), found,
                        strongest_evidence(c.answers.get("evidence_cited") for c in backing),
                        certainty, propose(ratings, found, certainty_order),
                        units.agreement(claims), judgement, unsettled)


def strongest_evidence(values: Iterable[str | None]) -> str | None:
    ranked = [v for v in values if v in EVIDENCE_RANK]
    return min(ranked, key=EVIDENCE_RANK.index) if ranked else None


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
