"""Derived state: rebuilt from the versions of the records that changed.

heads           versions that no other version replaces (per record and field); `shown`
                marks the value shown for the field: among its heads the latest stamp wins
                (version id breaks ties), so every file picks the same provisional value
field_conflicts fields whose heads hold more than one value (a conflict), with how many
records         per record: created/updated, by whom, deleted, number of conflicted fields
documents, claims, appraisals, …   one row per live record, for queries and the GUI
documents_fts, claims_fts          full-text indexes, rowid = records.rid

Local writes and merges both go through `rebuild`, so there is one definition of state.
It is raw SQL, set-based over temp tables of affected records: one INSERT … SELECT per table
does in SQLite what sqlite-utils' row-at-a-time insert_all would do through Python.
"""

import sqlite3
from collections.abc import Iterable

from reviewtool.core.store import clock
from reviewtool.core.store.projections import AFFECTED, PROJECTIONS, STALE


def rebuild(conn: sqlite3.Connection, record_ids: Iterable[str]) -> None:
    """Recompute heads and everything derived from them for these records."""
    set_affected(conn, record_ids)
    for statement in _GENERIC:
        conn.execute(statement)
    derive(conn)


def set_affected(conn: sqlite3.Connection, record_ids: Iterable[str] | str) -> None:
    """Fill temp.affected from ids, or from an SQL query (a str) selecting record ids."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS affected (record_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.affected")
    if isinstance(record_ids, str):
        conn.execute(f"INSERT OR IGNORE INTO temp.affected {record_ids}")
    else:
        conn.executemany("INSERT OR IGNORE INTO temp.affected VALUES (?)",
                         ((record_id,) for record_id in record_ids))


def derive(conn: sqlite3.Connection, several_heads: str = "", record_spans: str = "") -> None:
    """Rebuild everything above `heads` for the records in temp.affected.

    A caller that knows what it added (a merge) can spare two passes over the versions:
    `several_heads`, an SQL query selecting the affected records that can have a field with
    more than one head (every other affected field must have a single head, then shown); and
    `record_spans`, a query giving (record_id, entity, first, last, author, other_author) —
    first and last stamp, smallest and largest author id — over *all* versions of some
    affected records. The others are read from `versions`. Records with a span are new to
    the file, so they have no derived rows to clear: temp.stale holds the others."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS stale (record_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.stale")
    conn.execute("INSERT INTO temp.stale SELECT record_id FROM temp.affected"
                 + (f" WHERE record_id NOT IN (SELECT record_id FROM ({record_spans}))"
                    if record_spans else ""))
    for statement in _derived(f"({several_heads})" if several_heads else AFFECTED,
                              record_spans):
        conn.execute(statement)
    entities = [row[0] for row in conn.execute(
        "SELECT DISTINCT entity FROM records WHERE record_id IN (SELECT record_id FROM temp.affected)")]
    for entity in entities:
        if entity in PROJECTIONS:
            PROJECTIONS[entity](conn)


def rebuild_all(conn: sqlite3.Connection) -> None:
    rebuild(conn, (row[0] for row in conn.execute("SELECT DISTINCT record_id FROM versions")))


# The latest stamp wins (by the clock's ordering rule); the version id breaks ties.
_WINNER_KEY = f"{clock.sql_key('v.hlc')} || char(1) || v.version_id"

_GENERIC = [
    f"DELETE FROM heads WHERE record_id IN {AFFECTED}",
    f"""INSERT INTO heads (record_id, field, version_id, value)
        SELECT v.record_id, v.field, v.version_id, v.value FROM versions v
        WHERE v.record_id IN {AFFECTED}
          AND NOT EXISTS (SELECT 1 FROM version_parents p WHERE p.parent_id = v.version_id)""",
]

def _spans(record_spans: str) -> str:
    """Each affected record's entity, first and last stamp, smallest and largest author id:
    from `record_spans` where it has the record, otherwise from its versions."""
    others = f"v.record_id IN {AFFECTED}"
    if record_spans:  # narrow the ids first, or every version of every record is visited
        others = (f"v.record_id IN (SELECT record_id FROM temp.affected WHERE record_id NOT IN "
                  f"(SELECT record_id FROM ({record_spans})))")
    spans = f"""SELECT v.record_id, min(v.entity) AS entity, min(v.hlc) AS first,
                       max(v.hlc) AS last, min(v.author_id) AS author,
                       max(v.author_id) AS other_author
                FROM versions v WHERE {others} GROUP BY v.record_id"""
    return f"SELECT * FROM ({record_spans}) UNION ALL {spans}" if record_spans else spans


def _derived(several_heads: str, record_spans: str) -> list[str]:
    return [
        "DROP TABLE IF EXISTS temp.several",
        # Fields with several heads, each with its winner: with a single max() SQLite takes
        # the bare columns from the row holding the maximum. `n` counts distinct values:
        # two reviewers who made the same change agree, which is no conflict.
        f"""CREATE TEMP TABLE several AS
            SELECT h.record_id, h.field, h.version_id AS winner, max({_WINNER_KEY}),
                   count(DISTINCT h.value) AS n
            FROM heads h CROSS JOIN versions v ON v.version_id = h.version_id
            WHERE h.record_id IN {several_heads}
            GROUP BY h.record_id, h.field HAVING count(*) > 1""",
        # Heads are written shown; a field with several shows only its winner.
        """UPDATE heads SET shown = (heads.version_id = s.winner) FROM temp.several s
           WHERE heads.record_id = s.record_id AND heads.field = s.field""",
        f"DELETE FROM field_conflicts WHERE record_id IN {STALE}",
        # Bookkeeping fields (named "__…") keep their provisional value and are no conflict
        # for anyone to adjudicate.
        """INSERT INTO field_conflicts (record_id, field, heads)
           SELECT record_id, field, n FROM temp.several
           WHERE n > 1 AND substr(field, 1, 2) <> '__'""",
        "DROP TABLE temp.several",
        # A record's first and last versions by stamp (version id breaks ties). Most records
        # have one author, known from the same pass; the others look theirs up.
        f"""INSERT INTO records (record_id, entity, created, created_by, updated, updated_by,
                                 deleted, conflicts)
            SELECT g.record_id, g.entity, substr(g.first, 1, 24),
                   CASE WHEN g.author = g.other_author THEN g.author ELSE
                       (SELECT v.author_id FROM versions v WHERE v.record_id = g.record_id
                        ORDER BY {clock.sql_key("v.hlc")}, v.version_id LIMIT 1) END,
                   substr(g.last, 1, 24),
                   CASE WHEN g.author = g.other_author THEN g.author ELSE
                       (SELECT v.author_id FROM versions v WHERE v.record_id = g.record_id
                        ORDER BY {clock.sql_key("v.hlc")} DESC, v.version_id DESC LIMIT 1) END,
                   EXISTS (SELECT 1 FROM heads d WHERE d.record_id = g.record_id
                           AND d.field = '_deleted' AND d.shown AND d.value = 'true'),
                   coalesce(c.conflicts, 0)
            FROM ({_spans(record_spans)}) g
            LEFT JOIN (SELECT record_id, count(*) AS conflicts FROM field_conflicts
                       WHERE record_id IN {AFFECTED} GROUP BY record_id) c
                   ON c.record_id = g.record_id
            WHERE true
            ON CONFLICT (record_id) DO UPDATE SET
                entity = excluded.entity, created = excluded.created,
                created_by = excluded.created_by, updated = excluded.updated,
                updated_by = excluded.updated_by, deleted = excluded.deleted,
                conflicts = excluded.conflicts""",
    ]
