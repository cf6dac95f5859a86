"""The schema as numbered SQL files in db/ (001_initial.sql, 002_….sql, …).

`user_version` is the number of the last migration applied. Older files are brought forward
on open, after a backup copy; newer ones are refused.

The full-text indexes are made here too, in SQL, rather than with sqlite-utils' enable_fts:
enable_fts creates an external-content index kept current by triggers, while ours are
filled by the derived-state rebuild (projections.py) and a review file holds no triggers at
all (a teammate's file with one is refused, store/untrusted.py). The schema stays one
versioned list of SQL files, applied in one transaction.
"""

import re
import sqlite3
from functools import cache
from pathlib import Path

from reviewtool.resources import data_dir

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


@cache
def migrations() -> tuple[tuple[int, str], ...]:
    found = []
    for path in sorted(data_dir("db").iterdir()):
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path.read_text(encoding="utf-8")))
    numbers = [number for number, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"db/ migrations are not numbered 1..n: {numbers}")
    return tuple(found)


Steps = tuple[tuple[int, str], ...]  # (number, SQL script), numbered 1..n


def schema_version() -> int:
    """The schema version this reviewtool writes."""
    return len(migrations())


def migrate(conn: sqlite3.Connection, current: int, steps: Steps | None = None) -> None:
    """Apply the migrations after `current`, all in one transaction. `steps` are this
    reviewtool's migrations unless given (a test brings a file forward to a schema of its own)."""
    steps = migrations() if steps is None else steps
    conn.execute("BEGIN IMMEDIATE")
    try:
        for number, sql in steps:
            if number > current:
                for statement in _statements(sql):
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {len(steps)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after a full disk
            conn.execute("ROLLBACK")
        raise


def _statements(sql: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer)
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        statements.append(buffer)
    return statements


def backup_path(path: Path, version: int) -> Path:
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.v{version}.{counter}.bak")
    return candidate
