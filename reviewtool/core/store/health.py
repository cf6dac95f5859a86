"""`reviewtool check`: is this review file sound?"""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.errors import FileDamaged, FileReadOnly
from reviewtool.core.store import clock
from reviewtool.core.store.migrations import schema_version
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.store.untrusted import EXPECTED, read_schema

REQUIRED_TABLES = ("review", "local", "reviewers", "forms", "contents", "versions",
                   "version_parents", "merges", "heads", "field_conflicts", "records",
                   "documents", "claims", "appraisals", "findings", "documents_fts", "claims_fts")


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'ok' if self.ok else 'PROBLEM'}: {self.check} — {self.detail}"


def check_review(path: Path) -> list[Finding]:
    """Run every check; opening refuses foreign, broken and newer files before we get here.
    A check that finds pages SQLite cannot read reports the damage instead of stopping."""
    try:
        with ReviewFile.open(path, readonly=True) as review:
            return [_run(check, review) for check in _CHECKS]
    except FileDamaged:
        return [Finding("SQLite integrity", False, _UNREADABLE)]


_UNREADABLE = ("SQLite cannot read the file's structure: it is damaged; restore it from a "
               "copy (a teammate's file or FILE.before-merge)")


def _run(check, review: ReviewFile) -> Finding:
    try:
        return check(review)
    except FileDamaged:
        return Finding(check.__name__.strip("_").replace("_", " "), False,
                       "pages this check reads are damaged; restore the file from a copy")


def _integrity(review: ReviewFile) -> Finding:
    rows = [row[0] for row in review.conn.execute("PRAGMA integrity_check")]
    return Finding("SQLite integrity", rows == ["ok"], "; ".join(rows[:5]))


def _foreign_keys(review: ReviewFile) -> Finding:
    rows = review.conn.execute("PRAGMA foreign_key_check").fetchall()
    return Finding("references", not rows,
                   "every version names a known reviewer" if not rows
                   else f"{len(rows)} rows point at missing records")


def _schema(review: ReviewFile) -> Finding:
    """The file format, the tables, the source-of-truth tables' columns, and no view or
    trigger (reviewtool writes none; one could change what a read returns), read through
    sqlite-utils' introspection."""
    version = review.conn.execute("PRAGMA user_version").fetchone()[0]
    schema = read_schema(review.conn)
    missing = [t for t in REQUIRED_TABLES if t not in schema.columns]
    altered = [t for t, columns in EXPECTED.items() if t in schema.columns
               and (schema.columns[t] != columns or t in schema.hidden)]
    foreign = [f"view '{name}'" for name in schema.views]
    foreign += [f"trigger '{name}'" for name in schema.triggers]
    ok = version == schema_version() and not (missing or altered or foreign)
    detail = f"file format {version}"
    if review.upgraded_from is not None:  # read through an upgraded copy: nothing is wrong
        detail = (f"file format {review.upgraded_from} (an older one, read as {version}); "
                  "it is upgraded, after a backup copy, when next opened for writing")
    if missing:
        detail += f"; missing tables: {', '.join(missing)}"
    if altered:
        detail += f"; tables with other columns than reviewtool writes: {', '.join(altered)}"
    if foreign:
        detail += f"; holds what reviewtool never writes: {', '.join(foreign)}"
    return Finding("schema", ok, detail)


def _fts(review: ReviewFile) -> Finding:
    problems = []
    present = set(review.db.table_names())
    for table, source in (("documents_fts", "documents"), ("claims_fts", "claims")):
        if not {table, source} <= present:
            problems.append(f"{table} or {source} is missing")
            continue
        try:
            review.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        except FileReadOnly:
            pass  # a read-only connection cannot run it; the counts below still compare
        except (sqlite3.DatabaseError, FileDamaged) as error:
            problems.append(f"{table}: {error}")
        indexed = review.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        rows = review.conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
        if indexed != rows:
            problems.append(f"{table} holds {indexed} rows for {rows} {source}")
    return Finding("full-text index", not problems, "; ".join(problems) or "complete")


def _derived_state(review: ReviewFile) -> Finding:
    """The heads stored must be exactly the versions nothing replaces, each field showing one."""
    stale = review.conn.execute("""
        SELECT count(*) FROM (
            SELECT version_id FROM versions v WHERE NOT EXISTS
                (SELECT 1 FROM version_parents p WHERE p.parent_id = v.version_id)
            EXCEPT SELECT version_id FROM heads)""").fetchone()[0]
    extra = review.conn.execute("""
        SELECT count(*) FROM heads h WHERE EXISTS
            (SELECT 1 FROM version_parents p WHERE p.parent_id = h.version_id)""").fetchone()[0]
    unshown = review.conn.execute("""
        SELECT count(*) FROM (SELECT 1 FROM heads GROUP BY record_id, field
                              HAVING sum(shown) <> 1)""").fetchone()[0]
    versions = review.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    wrong = stale + extra + unshown
    return Finding("history", wrong == 0, f"{versions} versions, current state consistent"
                   if not wrong else f"{wrong} current values disagree with the history")


def _anchors(review: ReviewFile) -> Finding:
    """Every anchored claim's quote is exactly the text at its position."""
    bad = 0
    total = 0
    for start, end, exact, text in review.conn.execute("""
            SELECT c.start, c."end", c.exact, t.text FROM claims c
            JOIN documents d ON d.document_id = c.document_id
            JOIN contents t ON t.sha256 = d.sha256 WHERE c.orphaned = 0"""):
        total += 1
        if start is None or text[start:end] != exact:
            bad += 1
    return Finding("quotes", bad == 0, f"{total} anchored claims point at their quotes" if not bad
                   else f"{bad} of {total} claims do not point at their quote")


def _contents(review: ReviewFile) -> Finding:
    bad = 0
    for text, page_starts in review.conn.execute("SELECT text, page_starts FROM contents"):
        if page_starts is not None and not _valid_page_starts(page_starts, len(text)):
            bad += 1
    return Finding("documents", bad == 0, "page maps valid" if not bad
                   else f"{bad} documents have broken page maps")


def _clock(review: ReviewFile) -> Finding:
    """Stamps by the clock's ordering rule (clock.py): each version after those it replaces.
    Five-digit counters, written by reviewtool before the counter was capped, are valid
    under the rule and only explained; history cannot be rewritten (every copy of the
    file holds the same versions), so a version before its parent can only be reported."""
    wide = review.conn.execute(
        "SELECT count(*) FROM versions WHERE length(hlc) > 29").fetchone()[0]
    before_parent = review.conn.execute(f"""SELECT count(*) FROM version_parents p
        JOIN versions v ON v.version_id = p.version_id
        JOIN versions m ON m.version_id = p.parent_id
        WHERE {clock.sql_key("m.hlc")} >= {clock.sql_key("v.hlc")}""").fetchone()[0]
    detail = "every version is stamped after the versions it replaces"
    if wide:
        detail += (f"; {wide} stamps have a counter past 9999 (written by an older reviewtool): "
                   "they are ordered by the counter's value and merge as any other")
    if before_parent:
        detail = (f"{before_parent} versions are stamped before the versions they replace, so "
                  "teammates' merges refuse this file; it cannot be repaired in place, since "
                  "every copy shares that history: keep working from a teammate's copy")
    return Finding("clock", before_parent == 0, detail)


def _valid_page_starts(page_starts: str, length: int) -> bool:
    """A JSON list of ascending integer offsets into the text."""
    try:
        starts = json.loads(page_starts)
    except ValueError:
        return False
    return (isinstance(starts, list)
            and all(type(start) is int and 0 <= start <= length for start in starts)
            and starts == sorted(starts))


_CHECKS = (_integrity, _schema, _foreign_keys, _derived_state, _clock, _fts, _contents,
           _anchors)
