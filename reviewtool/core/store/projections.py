"""How each entity's current-state table is built from its shown heads (see state.py).

Each projection rebuilds its entity's table for the records in temp.affected; rows of the
records in temp.stale (affected records that may already have rows) are cleared first.
"""

import sqlite3
from collections.abc import Callable

from reviewtool.core.normalize import spaced_cjk

AFFECTED = "(SELECT record_id FROM temp.affected)"
STALE = "(SELECT record_id FROM temp.stale)"  # affected records that may have derived rows



def pivot(entity: str, fields: dict[str, str], *, raw: tuple[str, ...] = (),
          answers: bool = False) -> str:
    """A MATERIALIZED CTE `p`: one row per affected live record of `entity`, with its record
    columns, each of `fields` (column alias -> field) as an SQL value, each of `raw` as its
    JSON text, and optionally `answers` (JSON object of the form answers). One pass over
    the record's shown heads."""
    columns = [f"max(CASE WHEN f.field = '{field}' THEN f.value END) ->> '$' AS {alias}"
               for alias, field in fields.items()]
    columns += [f"max(CASE WHEN f.field = '{field}' AND f.value <> 'null' THEN f.value END) "
                f"AS {field.lstrip('_')}" for field in raw]
    if answers:
        columns.append("coalesce(json_group_object(f.field, json(f.value)) FILTER (WHERE "
                       "substr(f.field, 1, 1) <> '_' AND f.value <> 'null'), '{}') AS answers")
    return f"""WITH p AS MATERIALIZED (
        SELECT r.record_id, r.rid, r.created, r.created_by, r.updated, r.conflicts,
               {', '.join(columns)}
        FROM records r JOIN heads f ON f.record_id = r.record_id AND f.shown
        WHERE r.entity = '{entity}' AND r.deleted = 0 AND r.record_id IN {AFFECTED}
        GROUP BY r.record_id)"""


def _clear(conn: sqlite3.Connection, table: str, key: str, fts: str | None = None) -> None:
    if fts:
        conn.execute(f"DELETE FROM {fts} WHERE rowid IN "
                     f"(SELECT rid FROM records WHERE record_id IN {STALE})")
    conn.execute(f"DELETE FROM {table} WHERE {key} IN {STALE}")


def _cjk_words(conn: sqlite3.Connection) -> None:
    # The full-text index sees each CJK character as a word (see normalize.spaced_cjk).
    conn.create_function("spaced_cjk", 1, spaced_cjk, deterministic=True)


def project_documents(conn: sqlite3.Connection) -> None:
    _cjk_words(conn)
    _clear(conn, "documents", "document_id", "documents_fts")
    metadata = ("container", "published", "url", "doi", "accessed", "type", "note")
    conn.execute(f"""{pivot("document", {"sha256": "_sha256", "title": "title", "source": "source",
                                          "filename": "filename", **{f: f for f in metadata}},
                            raw=("authors",))}
        INSERT INTO documents (document_id, rid, sha256, title, source, filename, media_type,
                               chars, pages, created, created_by, updated, authors,
                               {", ".join(metadata)})
        SELECT p.record_id, p.rid, p.sha256, p.title, p.source, p.filename, t.media_type,
               length(t.text), json_array_length(t.page_starts), p.created, p.created_by, p.updated,
               coalesce(p.authors, '[]'), {", ".join(f"coalesce(p.{f}, '')" for f in metadata)}
        FROM p JOIN contents t ON t.sha256 = p.sha256""")
    # The index's title column also holds what a reader searches a source by: its authors,
    # site or journal, and DOI.
    conn.execute(f"""
        INSERT INTO documents_fts (rowid, title, body)
        SELECT d.rid, spaced_cjk(d.title || char(10) || d.container || char(10) || d.doi || char(10) ||
                      coalesce((SELECT group_concat(value, '; ') FROM json_each(d.authors)), '')),
               spaced_cjk(t.text) FROM documents d JOIN contents t ON t.sha256 = d.sha256
        WHERE d.document_id IN {AFFECTED} ORDER BY d.rid""")  # FTS5 appends in rowid order


def project_claims(conn: sqlite3.Connection) -> None:
    _cjk_words(conn)
    _clear(conn, "claims", "claim_id", "claims_fts")
    conn.execute(f"""{pivot("claim", {
            "document_id": "_document", "finding_id": "_finding",
            "finding_stance": "_finding_stance", "complete": "_complete", "rejected": "_rejected"},
            raw=("_anchor", "_form", "_consensus_of"), answers=True)}
        INSERT INTO claims (claim_id, rid, document_id, reviewer_id, created, updated, form_id,
                            form_version, start, "end", exact, prefix, suffix, page, orphaned,
                            statement, category, certainty, finding_id, finding_stance,
                            consensus_of, complete, rejected, answers, conflicts)
        SELECT p.record_id, p.rid, p.document_id, p.created_by, p.created, p.updated,
               p.form ->> '$.id', p.form ->> '$.version',
               p.anchor ->> '$.start', p.anchor ->> '$.end',
               coalesce(p.anchor ->> '$.exact', ''), coalesce(p.anchor ->> '$.prefix', ''),
               coalesce(p.anchor ->> '$.suffix', ''), p.anchor ->> '$.page',
               coalesce(p.anchor ->> '$.orphaned', 0),
               coalesce(p.answers ->> '$.statement', ''), p.answers ->> '$.category',
               p.answers ->> '$.certainty', p.finding_id, p.finding_stance, p.consensus_of,
               coalesce(p.complete, 1), coalesce(p.rejected, 0), p.answers, p.conflicts
        FROM p""")
    conn.execute(f"""
        INSERT INTO claims_fts (rowid, statement, quote, notes)
        SELECT rid, spaced_cjk(statement), spaced_cjk(exact),
               spaced_cjk(coalesce(answers ->> '$.notes', '')) FROM claims
        WHERE claim_id IN {AFFECTED} ORDER BY rid""")


def project_appraisals(conn: sqlite3.Connection) -> None:
    _clear(conn, "appraisals", "appraisal_id")
    conn.execute(f"""{pivot("appraisal", {"document_id": "_document"}, raw=("_form",), answers=True)}
        INSERT INTO appraisals (appraisal_id, rid, document_id, reviewer_id, created, updated,
                                form_id, form_version, answers, conflicts)
        SELECT p.record_id, p.rid, p.document_id, p.created_by, p.created, p.updated,
               p.form ->> '$.id', p.form ->> '$.version', p.answers, p.conflicts
        FROM p""")


def project_findings(conn: sqlite3.Connection) -> None:
    _clear(conn, "findings", "finding_id")
    conn.execute(f"""{pivot("finding", {"statement": "statement", "category": "category",
                                         "notes": "notes"})}
        INSERT INTO findings (finding_id, rid, statement, category, notes, created, created_by,
                              updated, conflicts)
        SELECT p.record_id, p.rid, coalesce(p.statement, ''), p.category, coalesce(p.notes, ''),
               p.created, p.created_by, p.updated, p.conflicts
        FROM p""")


PROJECTIONS: dict[str, Callable[[sqlite3.Connection], None]] = {
    "document": project_documents,
    "claim": project_claims,
    "appraisal": project_appraisals,
    "finding": project_findings,
}
