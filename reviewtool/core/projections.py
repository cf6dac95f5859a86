"""How each entity's current-state table is built from `current_fields` (see state.py)."""

import sqlite3

from .state import AFFECTED, answers_sql, field_sql, live_affected, projection


def _clear(conn: sqlite3.Connection, table: str, key: str, fts: str | None = None) -> None:
    if fts:
        conn.execute(f"DELETE FROM {fts} WHERE rowid IN "
                     f"(SELECT rid FROM records WHERE record_id IN {AFFECTED})")
    conn.execute(f"DELETE FROM {table} WHERE {key} IN {AFFECTED}")


@projection("document")
def project_documents(conn: sqlite3.Connection) -> None:
    _clear(conn, "documents", "document_id", "documents_fts")
    conn.execute(f"""
        INSERT INTO documents (document_id, rid, sha256, title, source, filename, media_type,
                               chars, pages, created, created_by, updated)
        SELECT d.record_id, d.rid, d.sha256, d.title, d.source, d.filename, t.media_type,
               length(t.text), json_array_length(t.page_starts),
               d.created, d.created_by, d.updated
        FROM (SELECT r.*, {field_sql('_sha256')} AS sha256, {field_sql('title')} AS title,
                     {field_sql('source')} AS source, {field_sql('filename')} AS filename
              {live_affected('document')}) d
        JOIN contents t ON t.sha256 = d.sha256""")
    conn.execute(f"""
        INSERT INTO documents_fts (rowid, title, body)
        SELECT d.rid, d.title, t.text FROM documents d JOIN contents t ON t.sha256 = d.sha256
        WHERE d.document_id IN {AFFECTED}""")


@projection("claim")
def project_claims(conn: sqlite3.Connection) -> None:
    _clear(conn, "claims", "claim_id", "claims_fts")
    conn.execute(f"""
        INSERT INTO claims (claim_id, rid, document_id, reviewer_id, created, updated, form_id,
                            form_version, start, "end", exact, prefix, suffix, page, orphaned,
                            statement, category, certainty, finding_id, finding_stance,
                            consensus_of, complete, rejected, answers, conflicts)
        SELECT c.record_id, c.rid, c.document_id, c.created_by, c.created, c.updated,
               c.form ->> '$.id', c.form ->> '$.version',
               c.anchor ->> '$.start', c.anchor ->> '$.end',
               coalesce(c.anchor ->> '$.exact', ''), coalesce(c.anchor ->> '$.prefix', ''),
               coalesce(c.anchor ->> '$.suffix', ''), c.anchor ->> '$.page',
               coalesce(c.anchor ->> '$.orphaned', 0),
               coalesce(c.answers ->> '$.statement', ''), c.answers ->> '$.category',
               c.answers ->> '$.certainty', c.finding_id, c.finding_stance, c.consensus_of,
               coalesce(c.complete, 1), coalesce(c.rejected, 0), c.answers, c.conflicts
        FROM (SELECT r.*, {field_sql('_document')} AS document_id,
                     {field_sql('_finding')} AS finding_id,
                     {field_sql('_finding_stance')} AS finding_stance,
                     (SELECT value FROM current_fields x WHERE x.record_id = r.record_id
                      AND x.field = '_consensus_of' AND x.value <> 'null') AS consensus_of,
                     {field_sql('_complete')} AS complete,
                     {field_sql('_rejected')} AS rejected,
                     (SELECT value FROM current_fields x
                      WHERE x.record_id = r.record_id AND x.field = '_anchor') AS anchor,
                     (SELECT value FROM current_fields x
                      WHERE x.record_id = r.record_id AND x.field = '_form') AS form,
                     coalesce({answers_sql()}, '{{}}') AS answers
              {live_affected('claim')}) c""")
    conn.execute(f"""
        INSERT INTO claims_fts (rowid, statement, quote, notes)
        SELECT rid, statement, exact, coalesce(answers ->> '$.notes', '') FROM claims
        WHERE claim_id IN {AFFECTED}""")


@projection("appraisal")
def project_appraisals(conn: sqlite3.Connection) -> None:
    _clear(conn, "appraisals", "appraisal_id")
    conn.execute(f"""
        INSERT INTO appraisals (appraisal_id, rid, document_id, reviewer_id, created, updated,
                                form_id, form_version, answers, conflicts)
        SELECT a.record_id, a.rid, a.document_id, a.created_by, a.created, a.updated,
               a.form ->> '$.id', a.form ->> '$.version', a.answers, a.conflicts
        FROM (SELECT r.*, {field_sql('_document')} AS document_id,
                     (SELECT value FROM current_fields x
                      WHERE x.record_id = r.record_id AND x.field = '_form') AS form,
                     coalesce({answers_sql()}, '{{}}') AS answers
              {live_affected('appraisal')}) a""")


@projection("finding")
def project_findings(conn: sqlite3.Connection) -> None:
    _clear(conn, "findings", "finding_id")
    conn.execute(f"""
        INSERT INTO findings (finding_id, rid, statement, category, notes, created, created_by,
                              updated, conflicts)
        SELECT r.record_id, r.rid, coalesce({field_sql('statement')}, ''), {field_sql('category')},
               coalesce({field_sql('notes')}, ''), r.created, r.created_by, r.updated, r.conflicts
        {live_affected('finding')}""")
