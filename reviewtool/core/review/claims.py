"""Claims: a form's answers about a quoted passage of a document."""

import json
from dataclasses import dataclass
from typing import Any

from reviewtool.core.store import ids
from reviewtool.core.review.anchors import Anchor, anchor_at, reanchor
from reviewtool.core.store.changes import Change
from reviewtool.core.review.documents import document_text
from reviewtool.core.errors import NotFound
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import checked_answers, missing_required
from reviewtool.core.store.reviewfile import ReviewFile

CLAIM_FORM = "claim"


@dataclass(frozen=True)
class Claim:
    id: str
    document_id: str
    reviewer: str
    created: str
    updated: str
    form_id: str
    form_version: int
    anchor: Anchor
    answers: dict[str, Any]
    conflicts: int
    finding_id: str | None = None
    finding_stance: str | None = None
    consensus_of: tuple[str, ...] = ()
    complete: bool = True
    rejected: bool = False  # a consensus that the reconciled passage makes no claim

    @property
    def statement(self) -> str:
        return self.answers.get("statement", "")

    @property
    def category(self) -> str | None:
        return self.answers.get("category")

    def as_json(self) -> dict:
        quote = self.anchor.as_json()
        orphaned = quote.pop("orphaned")
        return {"id": self.id, "document_id": self.document_id, "reviewer": self.reviewer,
                "created": self.created, "updated": self.updated,
                "form": {"id": self.form_id, "version": self.form_version},
                "quote": quote, "orphaned": orphaned, "fields": self.answers,
                "finding": ({"id": self.finding_id, "stance": self.finding_stance}
                            if self.finding_id else None),
                "consensus_of": list(self.consensus_of), "complete": self.complete,
                "rejected": self.rejected,
                "conflicts": self.conflicts}


def create_claim(review: ReviewFile, change: Change, document_id: str, anchor: Anchor,
                 answers: dict[str, Any], form: Form | None = None, *, partial: bool = False,
                 consensus_of: list[str] | None = None) -> str:
    """Write a new claim inside `change` (answers are validated against the form).

    `partial` allows a draft whose required fields are still empty (marked incomplete);
    `consensus_of` marks an adjudicator's consensus claim reconciling reviewers' claims.
    """
    form = form or form_in_force(review, CLAIM_FORM)
    answers = checked_answers(form, answers, "claim", partial=partial)
    claim_id = ids.uuid7()
    values = {
        "_document": document_id,
        "_form": {"id": form.id, "version": form.version},
        "_anchor": anchor.as_json(),
        "_complete": not missing_required(form, answers),
        **answers,
    }
    if consensus_of:
        values["_consensus_of"] = sorted(consensus_of)
    change.set("claim", claim_id, values, new=True)
    return claim_id


def add_claim(review: ReviewFile, document_id: str, start: int, end: int,
              answers: dict[str, Any] | None = None, *, reviewer: str | None = None,
              partial: bool = True) -> str:
    """One user action: a claim on text[start:end] of a document (a draft by default)."""
    text, page_starts = document_text(review, document_id)
    anchor = anchor_at(text, start, end, page_starts)
    with Change(review, reviewer) as change:
        return create_claim(review, change, document_id, anchor, answers or {}, partial=partial)


_COLUMNS = ("c.claim_id, c.document_id, coalesce(r.name, c.reviewer_id), c.created, c.updated, "
            "c.form_id, c.form_version, c.start, c.\"end\", c.exact, c.prefix, c.suffix, c.page, "
            "c.orphaned, c.answers, c.conflicts, c.finding_id, c.finding_stance, c.consensus_of, "
            "c.complete, c.rejected")


def _claim(row) -> Claim:
    anchor = Anchor(row[7], row[8], row[9], row[10], row[11], row[12], bool(row[13]))
    return Claim(row[0], row[1], row[2], row[3], row[4], row[5], row[6], anchor,
                 json.loads(row[14]), row[15], row[16], row[17],
                 tuple(json.loads(row[18])) if row[18] else (), bool(row[19]), bool(row[20]))


def list_claims(review: ReviewFile, *, category: str | None = None,
                document_id: str | None = None, orphaned: bool | None = None,
                finding_id: str | None = None, consensus: bool | None = None) -> list[Claim]:
    """Claims, filtered; `consensus` True gives only adjudicators' consensus claims, False
    only reviewers' own extractions."""
    where, params = [], []
    if consensus is not None:
        where.append("c.consensus_of IS NOT NULL" if consensus else "c.consensus_of IS NULL")
    if finding_id:
        where.append("c.finding_id = ?")
        params.append(finding_id)
    if category:
        where.append("c.category = ?")
        params.append(category)
    if document_id:
        where.append("c.document_id = ?")
        params.append(document_id)
    if orphaned is not None:
        where.append("c.orphaned = ?")
        params.append(int(orphaned))
    sql = (f"SELECT {_COLUMNS} FROM claims c LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} "
           "ORDER BY c.document_id, c.start, c.created")
    return [_claim(row) for row in review.conn.execute(sql, params)]


def get_claim(review: ReviewFile, claim_id: str) -> Claim:
    row = review.conn.execute(
        f"SELECT {_COLUMNS} FROM claims c LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id "
        "WHERE c.claim_id = ?", (claim_id,)).fetchone()
    if row is None:
        raise NotFound(f"No claim {claim_id} in this review; list them with 'reviewtool claims'.")
    return _claim(row)


def reanchor_claims(review: ReviewFile, change: Change, document_id: str) -> dict[str, int]:
    """Move every claim of a document onto its current text; count kept, moved, orphaned."""
    text, page_starts = document_text(review, document_id)
    counts = {"kept": 0, "moved": 0, "orphaned": 0}
    for claim in list_claims(review, document_id=document_id):
        moved = reanchor(claim.anchor, text, page_starts)
        if moved.orphaned:
            counts["orphaned"] += 1
        elif moved == claim.anchor:
            counts["kept"] += 1
        else:
            counts["moved"] += 1
        change.set("claim", claim.id, {"_anchor": moved.as_json()})
    return counts


def final_claims(review: ReviewFile) -> list[Claim]:
    """The claims a synthesis rests on (see `settled`)."""
    return settled(list_claims(review))


def settled(claims: list[Claim]) -> list[Claim]:
    """Consensus claims (except those rejecting the passage as a claim), plus every reviewer's
    claim that no consensus reconciles yet — so nothing is dropped before it is reconciled."""
    reconciled = {cid for c in claims for cid in c.consensus_of}
    return [c for c in claims
            if (c.consensus_of and not c.rejected) or (not c.consensus_of and c.id not in reconciled)]
