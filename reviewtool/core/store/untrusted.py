"""Opening a teammate's review file as untrusted input.

A file received by e-mail may be truncated, damaged, from another program, or made to
attack: it is copied (with its -wal) into a private temporary folder and never opened in
place; the copy is checked (header, application id, schema version), refused if it holds
anything reviewtool never writes (views, triggers, unknown columns, wrong types, oversized
values), opened read-only with defensive settings, and checked with quick_check. Older
schemas are migrated in the copy. Only then is it attached for reading, by explicit columns.
"""

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core import limits
from reviewtool.core.store import clock
from reviewtool.core.errors import DiskFull, MergeRefused, ReviewError
from reviewtool.core.store.leftovers import private_folder
from reviewtool.core.store.migrations import migrate, schema_version
from reviewtool.core.store.sqlite_errors import SQLITE_FULL
from reviewtool.core.store.reviewfile import APPLICATION_ID, check_identity, read_header

MAX_SOURCE_BYTES = limits.SOURCE_FILE
# The largest value reviewtool ever writes in each column (core/limits.py, which every writer
# checks too); anything larger is not ours.

# Source-of-truth tables read from a source, with their columns and SQLite types.
EXPECTED = {
    "review": {"review_id": "text", "created": "text"},
    "reviewers": {"reviewer_id": "text", "name": "text", "created": "text"},
    "forms": {"form_id": "text", "version": "integer", "definition": "text", "sha256": "text",
              "added": "text"},
    "contents": {"sha256": "text", "text": "text", "page_starts": "text", "media_type": "text",
                 "original_name": "text", "original": "blob"},
    "versions": {"version_id": "text", "record_id": "text", "entity": "text", "field": "text",
                 "value": "text", "author_id": "text", "hlc": "text", "change_id": "text"},
    "version_parents": {"version_id": "text", "parent_id": "text"},
    "merges": {"merge_id": "text", "merged_at": "text", "reviewer_id": "text",
               "source_name": "text", "source_review_id": "text", "summary": "text"},
}
_NULLABLE = {("contents", "page_starts")}


@dataclass
class UntrustedCopy:
    """A verified private copy of a source file; `path` may be ATTACHed for reading."""

    source: Path
    path: Path
    review_id: str
    folder: Path

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def damage(error: object) -> str:
    """The reason for refusing a damaged file, on one line: SQLite's words can quote the
    file's own bytes (control characters, invalid UTF-8)."""
    text = str(error)
    if "Could not decode to UTF-8" in text:
        return "it holds text that is not valid UTF-8 (damaged or forged)"
    shown = "".join(c if c.isprintable() else " " for c in text)
    return f"it is damaged ({' '.join(shown.split())[:200]})"


def _refuse(source: Path, reason: str) -> MergeRefused:
    return MergeRefused(f"{source} cannot be merged: {reason}.")


class VerifiedSources:
    """Sources verified in background threads, handed out in the order given, so that the
    first can be merged while the others are still being checked. The checks spend their
    time in SQLite and in file copies, which release the GIL. Closing it discards every copy."""

    def __init__(self, sources: list[Path], check: Callable[[Path, Path], None] | None = None):
        """`check(source, copy)` runs on each verified copy too (merge's check of values by
        their meaning, which needs the forms layer above this one)."""
        workers = max(1, min(len(sources), (os.cpu_count() or 2) - 1, 4))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify")
        self._futures = [self._pool.submit(prepare_source, Path(source), check)
                         for source in sources]

    def __len__(self) -> int:
        return len(self._futures)

    def __getitem__(self, index: int) -> UntrustedCopy:
        """The verified copy of source `index`, once ready; raises if it was refused."""
        return self._futures[index].result()

    def all(self) -> list[UntrustedCopy]:
        """Every copy; if any source is refused, the refusal of the first (in order)."""
        return [future.result() for future in self._futures]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for future in self._futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                future.result().discard()

    def __enter__(self) -> "VerifiedSources":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def prepare_source(source: Path, check: Callable[[Path, Path], None] | None = None) -> UntrustedCopy:
    source = Path(source)
    if not source.is_file():
        raise _refuse(source, "there is no such file")
    size = source.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise _refuse(source, f"it is larger than {MAX_SOURCE_BYTES // 1024**3} GB")
    try:
        application_id, version = read_header(source)
        check_identity(source, application_id, version)
    except ReviewError as error:
        raise MergeRefused(f"Cannot merge: {error}") from None
    wal = Path(f"{source}-wal")
    wal_size = wal.stat().st_size if wal.is_file() else 0
    if size + wal_size > MAX_SOURCE_BYTES:  # a sparse -wal of 6 GB would be copied whole
        raise _refuse(source, f"with its -wal file it is larger than "
                      f"{MAX_SOURCE_BYTES // 1024**3} GB, more than reviewtool ever writes")
    if wal.exists() and not wal.is_file():
        raise _refuse(source, "its -wal is not a file")
    with source.open("rb") as handle:
        header = handle.read(20)
    if header[18:20] == b"\x02\x02" and not wal.exists():
        # reviewtool switches a file out of WAL mode when it closes it, so a WAL-mode file
        # without its -wal was copied while open and may lack the latest work.
        raise _refuse(source, "it was copied while open in reviewtool and its -wal file is "
                      "missing, so recent work may be absent; close reviewtool on the sender's "
                      "computer and send the file again (or send the -wal file with it)")
    folder = private_folder("merge")
    try:
        copy = folder / "source.review"
        _copy_within(source, copy, size)
        if wal_size:
            _copy_within(wal, folder / "source.review-wal", wal_size)
        review_id = _verify(source, copy, version)
        if check is not None:
            check(source, copy)
        return UntrustedCopy(source, copy, review_id, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _copy_within(source: Path, dest: Path, size: int) -> None:
    """Copy at most `size` bytes (the size checked; a file growing meanwhile is cut there,
    and quick_check then refuses it), with one sentence when the temporary folder is full."""
    try:
        with source.open("rb") as reader, dest.open("wb") as writer:
            left = size
            while left > 0:
                chunk = reader.read(min(left, 1024 * 1024))
                if not chunk:
                    break
                writer.write(chunk)
                left -= len(chunk)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(f"The temporary folder {dest.parent.parent} is full, so {source} "
                           "cannot be copied there to be checked; free some space (or set "
                           "TMPDIR to a folder on a larger disk) and try again.") from None
        raise


def hardened_connection(path: Path, *, readonly: bool = True) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 128 * 1024**2)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1024**2)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    for name in ("SQLITE_DBCONFIG_ENABLE_TRIGGER", "SQLITE_DBCONFIG_ENABLE_VIEW",
                 "SQLITE_DBCONFIG_TRUSTED_SCHEMA"):
        if hasattr(conn, "setconfig") and hasattr(sqlite3, name):  # Python 3.12+
            conn.setconfig(getattr(sqlite3, name), False)
    if hasattr(conn, "setconfig") and hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    return conn


def _verify(source: Path, copy: Path, version: int) -> str:
    try:
        conn = hardened_connection(copy)
        try:
            _check_structure(source, conn)
            if version < schema_version():
                conn.close()
                conn = hardened_connection(copy, readonly=False)
                migrate(conn, version)
                conn.close()
                conn = hardened_connection(copy)
            _check_contents(source, conn)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise _refuse(source, "it is not a reviewtool review file")
            row = conn.execute("SELECT review_id FROM review").fetchall()
            if len(row) != 1:
                raise _refuse(source, "it does not name exactly one review")
            return row[0][0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL:  # upgrading the copy
            raise DiskFull(f"The temporary folder {copy.parent.parent} is full, so {source} "
                           "cannot be checked there; free some space and try again.") from None
        raise _refuse(source, damage(error)) from None


def _check_structure(source: Path, conn: sqlite3.Connection) -> None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        raise _refuse(source, damage(rows[0][0]))
    schema = read_schema(conn)
    if schema.views or schema.triggers:
        kind, name = ("view", schema.views[0]) if schema.views else ("trigger", schema.triggers[0])
        raise _refuse(source, f"it contains a {kind} ('{name}'), which review files never have")
    for table, columns in EXPECTED.items():
        if table not in schema.columns:
            raise _refuse(source, f"its table '{table}' is missing")
        if schema.columns[table] != columns or table in schema.hidden:
            raise _refuse(source, f"its table '{table}' does not have the columns and types "
                          "reviewtool writes")


@dataclass
class Schema:
    """What a database declares: its tables' columns and types (lower case), the tables with
    hidden or generated columns, and its views and triggers."""

    columns: dict[str, dict[str, str]]
    hidden: set[str]
    views: list[str]
    triggers: list[str]


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema through sqlite-utils' introspection (tables, columns, views, triggers). Its
    columns come from PRAGMA table_info, which leaves out hidden and generated columns, so
    those are looked for separately: a generated column runs SQL on every read."""
    import sqlite_utils  # loaded on first use: slow to import

    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    columns = {name: {column.name: column.type.lower() for column in db.table(name).columns}
               for name in db.table_names()}
    hidden = {name for (name,) in conn.execute(
        "SELECT DISTINCT m.name FROM sqlite_schema m, pragma_table_xinfo(m.name) x "
        "WHERE m.type = 'table' AND x.hidden <> 0 AND m.sql NOT LIKE 'CREATE VIRTUAL%'")}
    return Schema(columns, hidden, db.view_names(), [trigger.name for trigger in db.triggers])


def _limit(table: str, column: str) -> int:
    return limits.column_limit(table, column)


def _check_contents(source: Path, conn: sqlite3.Connection) -> None:
    """Every value of the type and within the size reviewtool writes: one scan per table."""
    for table, columns in EXPECTED.items():
        probes, conditions = [], []
        for column, kind in columns.items():
            allowed = f"'{kind}', 'null'" if (table, column) in _NULLABLE else f"'{kind}'"
            size = f'length(CAST("{column}" AS BLOB))'
            probes.append(f'typeof("{column}"), {size}')
            conditions.append(f'typeof("{column}") NOT IN ({allowed}) OR {size} > {_limit(table, column)}')
        bad = conn.execute(f'SELECT {", ".join(probes)} FROM "{table}" '
                           f'WHERE {" OR ".join(conditions)} LIMIT 1').fetchone()
        if bad is None:
            continue
        for index, (column, kind) in enumerate(columns.items()):
            found, size = bad[2 * index], bad[2 * index + 1]
            if found != kind and not (found == "null" and (table, column) in _NULLABLE):
                raise _refuse(source, f"{table}.{column} holds a {found} value where "
                              f"reviewtool writes {kind}")
            if size is not None and size > _limit(table, column):
                raise _refuse(source, f"{table}.{column} holds a value of "
                              f"{limits.size_text(size)}, larger than reviewtool ever writes there")
    _check_versions(source, conn)


def _check_versions(source: Path, conn: sqlite3.Connection) -> None:
    """Each version on its own: a JSON value, a well-formed stamp, a record, entity and field,
    and an author among the file's reviewers (a file always carries its authors). One scan,
    done here beside the merge rather than in its transaction."""
    problems = {
        "NOT json_valid(v.value)": "a version holds a value that is not JSON",
        f"v.hlc NOT GLOB '{clock.SQL_GLOB}' OR substr(v.hlc, 26) GLOB '*[^0-9]*' "
        "OR length(v.hlc) > 40": "a version has a malformed time stamp",
        # Fields in range (compared as text: cheap), and a day past the 28th one that SQLite
        # reads back the same (31 February does not), after year 0.
        "substr(v.hlc, 6, 2) NOT BETWEEN '01' AND '12' OR substr(v.hlc, 9, 2) NOT BETWEEN '01' "
        "AND '31' OR substr(v.hlc, 12, 2) > '23' OR substr(v.hlc, 15, 2) > '59' "
        "OR substr(v.hlc, 18, 2) > '59' OR substr(v.hlc, 1, 4) = '0000' "
        "OR (substr(v.hlc, 9, 2) > '28' AND strftime('%Y-%m-%dT%H:%M:%S', substr(v.hlc, 1, 19), "
        "'+0 days') IS NOT substr(v.hlc, 1, 19))": "a version has a time stamp that is not a real date",
        f"substr(v.hlc, 1, 19) > strftime('%Y-%m-%dT%H:%M:%S', 'now', "
        f"'+{clock.MAX_AHEAD_DAYS} days')":
            f"a version is stamped more than {clock.MAX_AHEAD_DAYS} days ahead of this "
            "computer's clock; set the right date on the computer that wrote it (the stamp "
            "would push every later edit that far ahead)",
        "v.field = '' OR v.record_id = '' OR v.entity = ''": "a version has no record, entity or field",
        "NOT EXISTS (SELECT 1 FROM reviewers r WHERE r.reviewer_id = v.author_id)":
            "a version names an unknown reviewer",
    }
    bad = conn.execute(f"""SELECT {", ".join(f"({test})" for test in problems)} FROM versions v
        WHERE {" OR ".join(f"({test})" for test in problems)} LIMIT 1""").fetchone()
    if bad:
        raise _refuse(source, next(reason for flag, reason in zip(bad, problems.values()) if flag))

