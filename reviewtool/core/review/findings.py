"""Findings: what claims from different documents say in common.

A finding has a statement and a category; each claim may be grouped under one finding with
its stance towards it (supports, qualifies, contradicts). Across documents, the stances give
the finding's consistency.
"""

from dataclasses import dataclass

from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.store.reviewfile import ReviewFile

STANCES = ("supports", "qualifies", "contradicts")


@dataclass(frozen=True)
class Finding:
    id: str
    statement: str
    category: str | None
    notes: str
    created: str
    reviewer: str

    def as_json(self) -> dict:
        return {"id": self.id, "statement": self.statement, "category": self.category,
                "notes": self.notes, "created": self.created, "reviewer": self.reviewer}


def create_finding(change: Change, statement: str, category: str | None = None,
                   notes: str = "") -> str:
    statement = " ".join(statement.split())
    if not statement:
        raise InvalidInput("A finding needs a statement; say what the claims have in common.")
    # A finding is named by its statement: teammates who group claims under the same
    # statement in their own files create the same finding, and a merge unifies them.
    finding_id = ids.name_id("finding", f"{change.review.review_id}:{statement.casefold()}")
    values = {"statement": statement, "category": category, "notes": notes}
    if change.review.conn.execute("SELECT deleted FROM records WHERE record_id = ?",
                                  (finding_id,)).fetchone() == (1,):
        values["_deleted"] = False  # naming a deleted finding again brings it back
    change.set("finding", finding_id, values)
    return finding_id


def update_finding(change: Change, finding_id: str, **values) -> int:
    allowed = {"statement", "category", "notes"}
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"A finding has no field {', '.join(sorted(unknown))}; "
                           f"it has {', '.join(sorted(allowed))}.")
    return change.set("finding", finding_id, values)


def delete_finding(review: ReviewFile, change: Change, finding_id: str) -> None:
    """Delete a finding and ungroup its claims (the claims stay)."""
    for (claim_id,) in review.conn.execute("SELECT claim_id FROM claims WHERE finding_id = ?",
                                           (finding_id,)).fetchall():
        change.set("claim", claim_id, {"_finding": None, "_finding_stance": None})
    change.delete("finding", finding_id)


def link_claim(change: Change, claim_id: str, finding_id: str | None,
               stance: str | None = "supports") -> int:
    """Group a claim under a finding (None ungroups it)."""
    if finding_id is None:
        return change.set("claim", claim_id, {"_finding": None, "_finding_stance": None})
    if stance not in STANCES:
        raise InvalidInput(f"'{stance}' is not a stance; use one of: {', '.join(STANCES)}.")
    return change.set("claim", claim_id, {"_finding": finding_id, "_finding_stance": stance})


def find_by_statement(review: ReviewFile, statement: str) -> str | None:
    row = review.conn.execute(
        "SELECT finding_id FROM findings WHERE statement = ? COLLATE NOCASE ORDER BY created LIMIT 1",
        (" ".join(statement.split()),)).fetchone()
    return row[0] if row else None


def list_findings(review: ReviewFile) -> list[Finding]:
    return [Finding(*row) for row in review.conn.execute(
        "SELECT f.finding_id, f.statement, f.category, f.notes, f.created, "
        "coalesce(r.name, f.created_by) FROM findings f "
        "LEFT JOIN reviewers r ON r.reviewer_id = f.created_by ORDER BY f.category, f.statement")]


def get_finding(review: ReviewFile, finding_id: str) -> Finding:
    for finding in list_findings(review):
        if finding.id == finding_id:
            return finding
    raise NotFound(f"No finding {finding_id} in this review; list them with 'reviewtool findings'.")


SELF_CONTRADICTING = "supports and contradicts"  # one document takes both sides


def document_stance(stances: set[str]) -> str:
    """One document's position on a finding, from the stances of its claims.

    A document with claims that support the finding and claims that contradict it disagrees
    with itself: that is a contradiction, not a qualification.
    """
    if {"supports", "contradicts"} <= stances:
        return SELF_CONTRADICTING
    if stances == {"supports"}:
        return "supports"
    if stances == {"contradicts"}:
        return "contradicts"
    return "qualifies"  # explicitly qualified, alone or beside one other stance


def consistency(by_document: dict[str, str]) -> str:
    """How the documents' positions on a finding agree (see docs/methods-certainty.md):

    - contradictory: one document supports it and another contradicts it, or a document
      does both;
    - single source: it rests on one document (that does not contradict itself);
    - consistent: every document supports it;
    - all contradict: every document contradicts it (the documents agree, against it);
    - mixed: otherwise (some only qualify it).
    """
    positions = set(by_document.values())
    if SELF_CONTRADICTING in positions or {"supports", "contradicts"} <= positions:
        return "contradictory"
    if len(by_document) < 2:
        return "single source"
    if positions == {"supports"}:
        return "consistent"
    if positions == {"contradicts"}:
        return "all contradict"
    return "mixed"
