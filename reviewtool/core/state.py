"""Derived state: rebuilt from the versions of the records that changed.

heads           versions that no other version replaces (per record and field)
current_fields  the shown value of each field: among its heads, the latest stamp wins
                (version id breaks ties), so every file picks the same provisional value
records         per record: created/updated, by whom, deleted, number of conflicted fields
documents, claims, appraisals, …   one row per live record, for queries and the GUI
documents_fts, claims_fts          full-text indexes, rowid = records.rid

Local writes and merges both go through `rebuild`, so there is one definition of state.
"""

import sqlite3
from collections.abc import Callable, Iterable

Projection = Callable[[sqlite3.Connection], None]
_PROJECTIONS: dict[str, Projection] = {}


def projection(entity: str) -> Callable[[Projection], Projection]:
    """Register the function that rebuilds an entity's table for the records in temp.affected."""

    def register(function: Projection) -> Projection:
        _PROJECTIONS[entity] = function
        return function

    return register


def rebuild(conn: sqlite3.Connection, record_ids: Iterable[str]) -> None:
    _load_projections()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS affected (record_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.affected")
    conn.executemany("INSERT OR IGNORE INTO temp.affected VALUES (?)",
                     ((record_id,) for record_id in record_ids))
    for statement in _GENERIC:
        conn.execute(statement)
    entities = [row[0] for row in conn.execute(
        "SELECT DISTINCT entity FROM records WHERE record_id IN (SELECT record_id FROM temp.affected)")]
    for entity in entities:
        if entity in _PROJECTIONS:
            _PROJECTIONS[entity](conn)


def rebuild_all(conn: sqlite3.Connection) -> None:
    rebuild(conn, (row[0] for row in conn.execute("SELECT DISTINCT record_id FROM versions")))


AFFECTED = "(SELECT record_id FROM temp.affected)"

_GENERIC = [
    f"DELETE FROM heads WHERE record_id IN {AFFECTED}",
    f"""INSERT INTO heads (record_id, field, version_id)
        SELECT v.record_id, v.field, v.version_id FROM versions v
        WHERE v.record_id IN {AFFECTED}
          AND NOT EXISTS (SELECT 1 FROM version_parents p WHERE p.parent_id = v.version_id)""",
    f"DELETE FROM current_fields WHERE record_id IN {AFFECTED}",
    f"""INSERT INTO current_fields (record_id, field, entity, value, version_id, heads)
        SELECT record_id, field, entity, value, version_id, n FROM (
            SELECT v.record_id, v.field, v.entity, v.value, v.version_id,
                   row_number() OVER w AS rank, count(*) OVER (PARTITION BY v.record_id, v.field) AS n
            FROM heads h JOIN versions v ON v.version_id = h.version_id
            WHERE h.record_id IN {AFFECTED}
            WINDOW w AS (PARTITION BY v.record_id, v.field ORDER BY v.hlc DESC, v.version_id DESC)
        ) WHERE rank = 1""",
    """INSERT INTO records (record_id, entity, created, created_by, updated, updated_by,
                             deleted, conflicts)
        SELECT a.record_id, first.entity, substr(first.hlc, 1, 24), first.author_id,
               substr(last.hlc, 1, 24), last.author_id,
               coalesce((SELECT value = 'true' FROM current_fields c
                         WHERE c.record_id = a.record_id AND c.field = '_deleted'), 0),
               (SELECT count(*) FROM current_fields c
                WHERE c.record_id = a.record_id AND c.heads > 1)
        FROM temp.affected a
        JOIN versions first ON first.version_id = (
            SELECT version_id FROM versions WHERE record_id = a.record_id
            ORDER BY hlc, version_id LIMIT 1)
        JOIN versions last ON last.version_id = (
            SELECT version_id FROM versions WHERE record_id = a.record_id
            ORDER BY hlc DESC, version_id DESC LIMIT 1)
        WHERE true
        ON CONFLICT (record_id) DO UPDATE SET
            entity = excluded.entity, created = excluded.created,
            created_by = excluded.created_by, updated = excluded.updated,
            updated_by = excluded.updated_by, deleted = excluded.deleted,
            conflicts = excluded.conflicts""",
]


def field_sql(field: str, alias: str = "c") -> str:
    """SQL for a field's current value (as an SQL value) of the record in `r.record_id`."""
    return (f"(SELECT {alias}.value ->> '$' FROM current_fields {alias} "
            f"WHERE {alias}.record_id = r.record_id AND {alias}.field = '{field}')")


def answers_sql() -> str:
    """SQL for a JSON object of the record's form answers (fields not starting with '_')."""
    return ("(SELECT json_group_object(c.field, json(c.value)) FROM current_fields c "
            "WHERE c.record_id = r.record_id AND substr(c.field, 1, 1) <> '_' "
            "AND c.value <> 'null')")


def live_affected(entity: str) -> str:
    """FROM clause: the affected, not deleted records of an entity, as `r`."""
    return (f"FROM records r WHERE r.entity = '{entity}' AND r.deleted = 0 "
            f"AND r.record_id IN {AFFECTED}")


def _load_projections() -> None:
    # Entity modules register their projection on import.
    from . import projections  # noqa: F401
