"""Claims: a form's answers about a quoted passage of a document."""

import json
from dataclasses import dataclass
from typing import Any

from . import ids
from .anchors import Anchor, reanchor
from .changes import Change
from .documents import document_text
from .errors import NotFound
from .forms import Form
from .forms_store import form_in_force
from .records import checked_answers
from .reviewfile import ReviewFile

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
                "conflicts": self.conflicts}


def create_claim(review: ReviewFile, change: Change, document_id: str, anchor: Anchor,
                 answers: dict[str, Any], form: Form | None = None) -> str:
    """Write a new claim inside `change` (answers are validated against the form)."""
    form = form or form_in_force(review, CLAIM_FORM)
    answers = checked_answers(form, answers, "claim")
    claim_id = ids.uuid7()
    change.set("claim", claim_id, {
        "_document": document_id,
        "_form": {"id": form.id, "version": form.version},
        "_anchor": anchor.as_json(),
        **answers,
    }, new=True)
    return claim_id


_COLUMNS = ("c.claim_id, c.document_id, coalesce(r.name, c.reviewer_id), c.created, c.updated, "
            "c.form_id, c.form_version, c.start, c.\"end\", c.exact, c.prefix, c.suffix, c.page, "
            "c.orphaned, c.answers, c.conflicts, c.finding_id, c.finding_stance")


def _claim(row) -> Claim:
    anchor = Anchor(row[7], row[8], row[9], row[10], row[11], row[12], bool(row[13]))
    return Claim(row[0], row[1], row[2], row[3], row[4], row[5], row[6], anchor,
                 json.loads(row[14]), row[15], row[16], row[17])


def list_claims(review: ReviewFile, *, category: str | None = None,
                document_id: str | None = None, orphaned: bool | None = None,
                finding_id: str | None = None) -> list[Claim]:
    where, params = [], []
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
