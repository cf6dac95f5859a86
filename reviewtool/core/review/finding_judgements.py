"""The team's judgement of each finding's certainty, on the finding form (forms/finding.toml).

The judgement is a form record like a claim's answers: each field is versioned, merges, and
two reviewers judging a field differently is a conflict until someone resolves it. Nothing
here computes a judgement; see synthesis/certainty_proposal.py for what the tool proposes.
"""

import json
from dataclasses import dataclass
from typing import Any

from reviewtool.core.forms import Form
from reviewtool.core.review.records import finding_form
from reviewtool.core.store.reviewfile import ReviewFile

DOWNGRADE_DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision",
                     "publication_bias")
UPGRADE_DOMAINS = ("large_effect", "dose_response", "opposing_confounding")


@dataclass(frozen=True)
class Judgement:
    """One finding's judged fields (absent when not judged) and the fields in conflict."""

    finding_id: str
    answers: dict[str, Any]
    conflicted: tuple[str, ...] = ()

    @property
    def certainty(self) -> str | None:
        return self.answers.get("certainty")

    @property
    def explanation(self) -> str:
        return self.answers.get("explanation") or ""

    def domains(self) -> dict[str, str | None]:
        return {d: self.answers.get(d) for d in DOWNGRADE_DOMAINS + UPGRADE_DOMAINS}

    def as_json(self) -> dict:
        return {"certainty": self.certainty, "domains": self.domains(),
                "explanation": self.explanation or None,
                "conflicts": list(self.conflicted)}


def judgements(review: ReviewFile, form: Form | None = None) -> dict[str, Judgement]:
    """Every live finding's judgement (the shown value of each field), by finding id."""
    form = form or finding_form(review)
    answers: dict[str, dict[str, Any]] = {}
    conflicted: dict[str, list[str]] = {}
    fields = form.field_ids
    marks = ",".join("?" * len(fields))
    for record_id, field, value in review.conn.execute(
            f"SELECT h.record_id, h.field, h.value FROM heads h "
            f"JOIN records r ON r.record_id = h.record_id "
            f"WHERE r.entity = 'finding' AND r.deleted = 0 AND h.shown AND h.value <> 'null' "
            f"AND h.field IN ({marks})", fields):
        answers.setdefault(record_id, {})[field] = json.loads(value)
    for record_id, field in review.conn.execute(
            f"SELECT c.record_id, c.field FROM field_conflicts c "
            f"JOIN records r ON r.record_id = c.record_id "
            f"WHERE r.entity = 'finding' AND r.deleted = 0 AND c.field IN ({marks}) "
            f"ORDER BY c.field", fields):
        conflicted.setdefault(record_id, []).append(field)
    ids = set(answers) | set(conflicted)
    return {i: Judgement(i, answers.get(i, {}), tuple(conflicted.get(i, ()))) for i in ids}


def judgement_of(review: ReviewFile, finding_id: str) -> Judgement:
    return judgements(review).get(finding_id, Judgement(finding_id, {}))
