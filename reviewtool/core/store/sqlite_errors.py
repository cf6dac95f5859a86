"""SQLite failures a user can act on, by result code, on every statement.

A review file's connection (`connect` in reviewfile.py) is a `GuardedConnection`: each
statement, fetch and backup that fails with a known result code (busy, locked, read-only,
full, I/O error, corrupt, not a database, cannot open, permission) raises the matching
`StorageError` subclass with one sentence naming the file. Any other code (a constraint, a
syntax error, misuse) is a bug in reviewtool and keeps its traceback. Result codes, not
message words: the words change between SQLite versions and locales, the codes do not.
"""

import functools
import os
import shutil
import sqlite3
from pathlib import Path

from reviewtool.core.errors import (
    CannotOpen,
    DiskFailure,
    DiskFull,
    FileBusy,
    FileDamaged,
    FileReadOnly,
    StorageError,
)

# Primary result codes (the low byte of an extended code), https://sqlite.org/rescode.html
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

_SENTENCES = {
    SQLITE_BUSY: (FileBusy, "{path} is busy in another program (or another reviewtool); "
                            "wait for it to finish or close it there, and try again."),
    SQLITE_READONLY: (FileReadOnly, "{path} cannot be written: the file is read-only; "
                                    "make it writable (or work on a copy) and try again."),
    SQLITE_FULL: (DiskFull, "The disk holding {path} (or the temporary folder) is full; "
                            "free some space and try again."),
    SQLITE_IOERR: (DiskFailure, "The disk reported an error while reading or writing {path}; "
                                "check the disk or network drive and try again."),
    SQLITE_CORRUPT: (FileDamaged, "{path} is damaged; run 'reviewtool check' on it and restore "
                                  "it from a copy (a teammate's file or FILE.before-merge)."),
    SQLITE_CANTOPEN: (CannotOpen, "{path} cannot be opened; check that it and its folder exist "
                                  "and that you may read and write them."),
}
_SENTENCES[SQLITE_LOCKED] = _SENTENCES[SQLITE_BUSY]
_SENTENCES[SQLITE_NOTADB] = _SENTENCES[SQLITE_CORRUPT]
_SENTENCES[SQLITE_PERM] = _SENTENCES[SQLITE_CANTOPEN]
_FOLDER_READ_ONLY = ("{path} cannot be written: its folder {folder} is read-only; move the file "
                     "to a folder you may write to (or make this one writable) and try again.")


def storage_error(path: Path | str, error: sqlite3.Error) -> StorageError | None:
    """The one-sentence error for a known SQLite failure on the file at `path`, or None when
    the failure is a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    known = _SENTENCES.get(code & 0xFF)
    if known is None:
        return None
    cls, sentence = known
    folder = Path(path).parent
    # SQLite creates its journal beside the file: in a read-only folder a write fails as
    # "cannot open", "read-only" or (entering WAL mode) "busy", each really this.
    if cls in (FileBusy, FileReadOnly, CannotOpen) and _read_only_folder(folder):
        return FileReadOnly(_FOLDER_READ_ONLY.format(path=path, folder=folder))
    # Growing the -shm or -wal of a file on a full disk fails as an I/O error.
    if cls is DiskFailure and _no_space(folder):
        cls, sentence = _SENTENCES[SQLITE_FULL]
    return cls(sentence.format(path=path))


def _no_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _read_only_folder(folder: Path) -> bool:
    return folder.is_dir() and not os.access(folder, os.W_OK)


def raise_known(path: Path | str, error: sqlite3.Error) -> None:
    """Raise the sentence for `error` if it is known (the caller re-raises it otherwise)."""
    known = storage_error(path, error)
    if known is not None:
        raise known from error


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise_known(self.label, error)
            raise
    return call


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise `StorageError`s for known failures."""

    @property
    def label(self) -> str:
        return self.connection.label

    execute = _guarded(sqlite3.Cursor.execute)
    executemany = _guarded(sqlite3.Cursor.executemany)
    executescript = _guarded(sqlite3.Cursor.executescript)
    fetchone = _guarded(sqlite3.Cursor.fetchone)
    fetchmany = _guarded(sqlite3.Cursor.fetchmany)
    fetchall = _guarded(sqlite3.Cursor.fetchall)

    def __next__(self, _next=sqlite3.Cursor.__next__):  # the hot path: no wrapper frame
        try:
            return _next(self)
        except sqlite3.Error as error:
            raise_known(self.connection.label, error)
            raise


class GuardedConnection(sqlite3.Connection):
    """A connection (made with `factory=GuardedConnection`) whose every statement raises a
    `StorageError` for a known failure; `label` is the file named in the sentence."""

    label: str = "The review file"

    def cursor(self, factory=GuardedCursor):
        return super().cursor(factory)

    # sqlite3.Connection.execute makes a plain cursor; these go through a guarded one.
    def execute(self, sql: str, parameters=(), /) -> GuardedCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters, /) -> GuardedCursor:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> GuardedCursor:
        return self.cursor().executescript(script)

    backup = _guarded(sqlite3.Connection.backup)
    commit = _guarded(sqlite3.Connection.commit)


def guarded_connect(path: Path | str, database: str, **kwargs) -> GuardedConnection:
    """sqlite3.connect(database, ...) as a GuardedConnection naming `path` in its sentences."""
    try:
        conn = sqlite3.connect(database, factory=GuardedConnection, **kwargs)
    except sqlite3.Error as error:
        raise_known(path, error)
        raise
    conn.label = str(path)
    return conn
