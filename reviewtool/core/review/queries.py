"""Read queries behind the desktop app's lists: ids in order first, then rows by id.

Item models hold only the ordered ids of what they show and fetch rows a page at a time
(Anki's browser does the same), so sorting and filtering happen here, in SQL, and a review
with 100,000 claims costs one list of ids, not 100,000 objects. Plain Python, no Qt.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from reviewtool.core.store import ids
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.store.reviewfile import ReviewFile

# SQLite's default limit on variables in one statement is 32766; stay far below it.
_CHUNK = 500


@dataclass(frozen=True)
class ClaimFilters:
    """What the claims table shows; None means "any"."""

    category: str | None = None
    document_id: str | None = None
    reviewer_id: str | None = None
    certainty: str | None = None
    orphaned: bool | None = None
    incomplete: bool | None = None
    conflicted: bool | None = None


@dataclass(frozen=True)
class ClaimRow:
    id: str
    document_id: str
    document_title: str
    start: int | None
    end: int | None
    exact: str
    statement: str
    category: str | None
    certainty: str | None
    reviewer: str
    created: str
    orphaned: bool
    complete: bool
    conflicts: int


@dataclass(frozen=True)
class ClaimSpan:
    """A claim's passage in its document, for highlighting."""

    id: str
    start: int
    end: int
    category: str | None
    statement: str
    reviewer: str
    complete: bool


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str
    filename: str
    chars: int
    pages: int | None
    claims: int
    appraised: bool  # by the reviewer asked about


CLAIM_SORTS = ("document", "quote", "statement", "category", "certainty", "reviewer", "status",
               "created")
DOCUMENT_SORTS = ("title", "claims", "appraised")


def claim_ids(review: ReviewFile, filters: ClaimFilters = ClaimFilters(),
              sort: str = "created", descending: bool = False,
              limit: int | None = None) -> list[str]:
    """Ids of the claims matching `filters`, in the order asked for (ties by creation);
    only the first `limit` of them when a limit is given."""
    if sort not in CLAIM_SORTS:
        raise ValueError(f"unknown claim sort {sort!r}")
    where, params = _claim_where(filters)
    join = ""
    if sort == "document":
        join = "JOIN documents d ON d.document_id = c.document_id"
        key = "d.title COLLATE NOCASE"
    elif sort == "reviewer":
        join = "LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id"
        key = "r.name COLLATE NOCASE"
    elif sort in ("category", "certainty"):
        key, extra = _rank_sql(review, sort)
        params = [*extra, *params]
    else:
        key = {"quote": "c.exact COLLATE NOCASE", "statement": "c.statement COLLATE NOCASE",
               "status": "c.orphaned * 4 + (1 - c.complete) * 2 + (c.conflicts > 0)",
               "created": "c.created"}[sort]
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT c.claim_id FROM claims c {join} {where} "
           f"ORDER BY {key} {direction}, c.created {direction}, c.claim_id {direction}")
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    return [row[0] for row in review.conn.execute(sql, params).fetchall()]


def _claim_where(filters: ClaimFilters) -> tuple[str, list]:
    where, params = [], []
    for column, value in (("c.category", filters.category), ("c.document_id", filters.document_id),
                          ("c.reviewer_id", filters.reviewer_id),
                          ("c.certainty", filters.certainty)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if filters.orphaned is not None:
        where.append("c.orphaned = ?")
        params.append(int(filters.orphaned))
    if filters.incomplete is not None:
        where.append("c.complete = ?")
        params.append(int(not filters.incomplete))
    if filters.conflicted is not None:
        where.append("c.conflicts > 0" if filters.conflicted else "c.conflicts = 0")
    return ("WHERE " + " AND ".join(where) if where else ""), params


def _rank_sql(review: ReviewFile, field_id: str) -> tuple[str, list]:
    """Sort a choice column in the order the form lists its choices, unanswered last."""
    try:
        values = list(form_in_force(review, "claim").field(field_id).choice_values)
    except KeyError:
        values = []
    if not values:
        return f"c.{field_id}", []
    cases = " ".join("WHEN ? THEN " + str(rank) for rank in range(len(values)))
    return f"(CASE c.{field_id} {cases} ELSE {len(values)} END)", values


def claim_rows(review: ReviewFile, wanted: Sequence[str]) -> list[ClaimRow]:
    """Rows for these claim ids, in the same order; ids no longer present are left out."""
    found: dict[str, ClaimRow] = {}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for row in review.conn.execute(
                "SELECT c.claim_id, c.document_id, coalesce(d.title, ''), c.start, c.\"end\", "
                "c.exact, c.statement, c.category, c.certainty, coalesce(r.name, c.reviewer_id), "
                "c.created, c.orphaned, c.complete, c.conflicts FROM claims c "
                "LEFT JOIN documents d ON d.document_id = c.document_id "
                "LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id "
                f"WHERE c.claim_id IN ({marks})", chunk).fetchall():
            found[row[0]] = ClaimRow(*row[:11], bool(row[11]), bool(row[12]), row[13])
    return [found[claim_id] for claim_id in wanted if claim_id in found]


def claim_spans(review: ReviewFile, document_id: str) -> list[ClaimSpan]:
    """Every placed (not orphaned) claim on a document, by position."""
    return [ClaimSpan(*row[:6], bool(row[6])) for row in review.conn.execute(
        "SELECT c.claim_id, c.start, c.\"end\", c.category, c.statement, "
        "coalesce(r.name, c.reviewer_id), c.complete FROM claims c "
        "LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id "
        "WHERE c.document_id = ? AND c.orphaned = 0 AND c.start IS NOT NULL "
        "ORDER BY c.start, c.\"end\" DESC, c.created", (document_id,)).fetchall()]


def document_ids(review: ReviewFile, sort: str = "title", descending: bool = False,
                 reviewer: str | None = None) -> list[str]:
    """Ids of every document in the order asked for; `reviewer` (a name) decides whose
    appraisals count when sorting by "appraised"."""
    if sort not in DOCUMENT_SORTS:
        raise ValueError(f"unknown document sort {sort!r}")
    direction = "DESC" if descending else "ASC"
    params: list = []
    if sort == "title":
        key = "d.title COLLATE NOCASE"
    elif sort == "claims":
        key = "(SELECT count(*) FROM claims c WHERE c.document_id = d.document_id)"
    else:
        key = ("EXISTS (SELECT 1 FROM appraisals a WHERE a.document_id = d.document_id "
               "AND a.reviewer_id = ?)")
        params.append(ids.reviewer_id(reviewer or ""))
    sql = (f"SELECT d.document_id FROM documents d ORDER BY {key} {direction}, "
           f"d.title COLLATE NOCASE {direction}, d.document_id {direction}")
    return [row[0] for row in review.conn.execute(sql, params).fetchall()]


def document_rows(review: ReviewFile, wanted: Sequence[str] | None = None,
                  reviewer: str | None = None) -> list[DocumentRow]:
    """Rows with claim counts and whether `reviewer` (a name) has appraised each document;
    all documents by title when no ids are given, else these ids in this order."""
    if wanted is None:
        wanted = document_ids(review)
    reviewer_id = ids.reviewer_id(reviewer or "")
    found: dict[str, DocumentRow] = {}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for row in review.conn.execute(
                "SELECT d.document_id, d.title, d.filename, d.chars, d.pages, "
                "(SELECT count(*) FROM claims c WHERE c.document_id = d.document_id), "
                "EXISTS (SELECT 1 FROM appraisals a WHERE a.document_id = d.document_id "
                "AND a.reviewer_id = ?) "
                f"FROM documents d WHERE d.document_id IN ({marks})",
                [reviewer_id, *chunk]).fetchall():
            found[row[0]] = DocumentRow(*row[:6], bool(row[6]))
    return [found[document_id] for document_id in wanted if document_id in found]


def reviewer_names(review: ReviewFile) -> list[tuple[str, str]]:
    """(reviewer id, name) of everyone who has claims in the file, by name."""
    return [(row[0], row[1]) for row in review.conn.execute(
        "SELECT r.reviewer_id, r.name FROM reviewers r WHERE EXISTS "
        "(SELECT 1 FROM claims c WHERE c.reviewer_id = r.reviewer_id) "
        "ORDER BY r.name COLLATE NOCASE").fetchall()]


def claim_count(review: ReviewFile) -> int:
    return review.conn.execute("SELECT count(*) FROM claims").fetchone()[0]


def review_summary(review: ReviewFile) -> dict[str, object]:
    """Title, question and counts for the window title and status bar."""
    fields = dict(review.conn.execute(
        "SELECT field, value ->> '$' FROM heads WHERE shown "
        "AND record_id = (SELECT review_id FROM review) AND field IN ('title', 'question')"
    ).fetchall())
    return {
        "title": fields.get("title") or review.path.stem,
        "question": fields.get("question") or "",
        "documents": review.conn.execute("SELECT count(*) FROM documents").fetchone()[0],
        "claims": claim_count(review),
    }


def _chunks(items: Sequence[str]) -> list[list[str]]:
    items = list(items)
    return [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]
