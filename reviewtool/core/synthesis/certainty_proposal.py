"""What the tool proposes about a finding's certainty, for the reviewers who judge it.

GRADE rates the certainty of a body of evidence per outcome, and people make that judgement
(Schünemann et al. 2013, GRADE handbook, section 5). The tool only lays out what the claims
say: how the claims' own ratings are spread, the lowest of them, and a prompt to consider
rating down for inconsistency when the documents disagree (Guyatt et al. 2011, GRADE
guidelines 7: inconsistency). It never takes the highest rating: the best-rated claim says
nothing about the rest of the body of evidence, and a contradicting claim's rating is not
support for the finding.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

INCONSISTENCY_HINT = "documents disagree: consider rating down for inconsistency"
DISAGREEING = ("contradictory",)  # consistency values (findings.consistency) that prompt it


@dataclass(frozen=True)
class CertaintyProposal:
    spread: tuple[tuple[str, int], ...]  # (level, claims rated so), highest level first
    lowest: str | None  # the lowest rating among the claims, None if none is rated
    unrated: int  # claims without a rating
    hint: str  # INCONSISTENCY_HINT or ""

    @property
    def rated(self) -> int:
        return sum(n for _, n in self.spread)

    def as_json(self) -> dict:
        return {"spread": dict(self.spread), "lowest": self.lowest, "unrated": self.unrated,
                "hint": self.hint or None}


def propose(ratings: Iterable[str | None], consistency: str,
            order: tuple[str, ...]) -> CertaintyProposal:
    """From every claim's rating (supporting, qualifying and contradicting alike: all are
    evidence on the outcome) and the finding's consistency; `order` lists the levels from
    highest to lowest, as the claim form does."""
    ratings = list(ratings)
    counts = Counter(r for r in ratings if r in order)
    spread = tuple((level, counts[level]) for level in order if counts[level])
    return CertaintyProposal(spread, spread[-1][0] if spread else None,
                             len(ratings) - sum(counts.values()),
                             INCONSISTENCY_HINT if consistency in DISAGREEING else "")


def describe(proposal: CertaintyProposal, label) -> str:
    """"claims rated Low ×2, Very low ×1; lowest Very low" (label: value -> its label)."""
    if not proposal.spread:
        return "no claim rated"
    spread = ", ".join(f"{label(level)} ×{n}" for level, n in proposal.spread)
    return f"claims rated {spread}; lowest {label(proposal.lowest)}"
