"""Opening, creating and guarding review files.

A review file is an SQLite database marked with our `application_id`; `user_version` is its
schema version. Every user action is one transaction (see `changes.Change`), so there is no
Save to forget and a crash loses nothing that was shown as done.
"""

import contextlib
import functools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from reviewtool.core.store import clock, ids
from reviewtool.core.errors import NewerSchema, NotAReviewFile, ReviewError, StorageError
from reviewtool.core.store.leftovers import private_folder, roll_back_hot_journal, settle_undo_copy
from reviewtool.core.store.migrations import Steps, backup_path, migrate, migrations, schema_version
from reviewtool.core.store.sqlite_errors import GuardedConnection, guarded_connect, raise_known

APPLICATION_ID = 0x52565731  # "RVW1"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
SUFFIX = ".review"


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) from the database header, without opening SQLite.

    Raises NotAReviewFile for a missing, empty, non-SQLite or foreign file.
    """
    if not path.exists():
        raise NotAReviewFile(f"{path} does not exist; create a review with 'reviewtool new'.")
    if path.is_dir():
        raise NotAReviewFile(f"{path} is a folder, not a review file.")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        raise NotAReviewFile(f"{path} is empty, not a review file.")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotAReviewFile(f"{path} is not a review file (it is not an SQLite database).")
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    return application_id, user_version


def check_identity(path: Path, application_id: int, user_version: int,
                   latest: int | None = None) -> None:
    latest = schema_version() if latest is None else latest
    if application_id != APPLICATION_ID:
        raise NotAReviewFile(
            f"{path} is an SQLite database but not a reviewtool review file; "
            "open a file made with 'reviewtool new'."
        )
    if user_version > latest:
        raise NewerSchema(
            f"{path} was written by a newer reviewtool (file format {user_version}, this "
            f"version reads up to {latest}); update reviewtool to open it."
        )


def connect(path: Path | str, *, readonly: bool = False, wal: bool = True) -> GuardedConnection:
    """A connection with our settings: WAL, synchronous=FULL, busy timeout, foreign keys.
    Every statement on it turns a known SQLite failure into one sentence (sqlite_errors.py)."""
    if readonly:
        conn = guarded_connect(path, f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = guarded_connect(path, str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly and wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


class ReviewFile:
    """One open review file. Use as a context manager, or call close()."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool = False):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self._depth = 0
        self._private_folder: Path | None = None  # an upgraded copy being read, if any
        self.upgraded_from: int | None = None  # the file's own (older) schema version then

    @functools.cached_property
    def db(self):
        """sqlite-utils' view of the same connection, for introspection (loaded on first use:
        it pulls in pandas and numpy when they are installed, too slow for start-up)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False, recursive_triggers=False)

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, wal: bool = True,
             steps: Steps | None = None) -> "ReviewFile":
        """Open a review file; `wal=False` keeps the file's journal mode, so that a transaction
        that is rolled back leaves the file byte-identical (merge uses this). An older file is
        brought forward through `steps`, this reviewtool's migrations unless given."""
        path = Path(path)
        steps = migrations() if steps is None else steps
        application_id, user_version = read_header(path)
        roll_back_hot_journal(path)
        settle_undo_copy(path)
        if application_id != APPLICATION_ID and Path(f"{path}-wal").exists():
            application_id, user_version = _header_through_sqlite(path)
        check_identity(path, application_id, user_version, len(steps))
        try:
            conn = connect(path, readonly=readonly or not wal)
            if not readonly and not wal:
                conn.close()
                conn = connect(path, wal=False)
        except sqlite3.Error as error:  # an unknown code: SQLite's words are all we have
            raise NotAReviewFile(f"{path} cannot be opened: {error}.") from error
        if user_version < len(steps):
            if readonly:
                # Reading must not change the file: read an upgraded private copy instead.
                conn.close()
                folder = private_folder("upgraded")
                try:
                    conn = _upgraded_copy(path, folder, user_version, steps)
                except BaseException:
                    shutil.rmtree(folder, ignore_errors=True)
                    raise
                review = cls(path, conn, readonly=True)
                review._private_folder, review.upgraded_from = folder, user_version
                return review
            _upgrade(path, conn, user_version, steps)
        return cls(path, conn, readonly=readonly)

    @classmethod
    def create(cls, path: Path | str, *, set_up: Callable[["ReviewFile", str], None]) -> "ReviewFile":
        """A new review file at `path`, built under a temporary name and moved into place only
        when complete, so an interrupted creation leaves nothing half-made behind.
        `set_up(review, review_id)` writes its first content (see review/new_review.py)."""
        path = Path(path)
        if path.exists():
            raise ReviewError(f"{path} already exists; choose another name or move it away first.")
        if not path.parent.is_dir():
            raise ReviewError(f"The folder {path.parent} does not exist; create it first.")
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
        os.close(handle)
        os.unlink(temp_name)
        temp = Path(temp_name)
        try:
            conn = connect(temp)
            migrate(conn, 0)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            review = cls(temp, conn)
            review_id = ids.uuid7()
            with review.transaction():
                conn.execute("INSERT INTO review (review_id, created) VALUES (?, ?)",
                             (review_id, clock.tick(None).iso))
            set_up(review, review_id)
            review.close()
            os.link(temp, path)  # fails rather than overwrite a file that appeared meanwhile
        finally:
            for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
                leftover.unlink(missing_ok=True)
        return cls.open(path)

    def close(self) -> None:
        if not self.readonly:
            # Leave WAL mode when the last user closes the file: the file is then complete
            # on its own, and a WAL-mode file without its -wal is known to be a copy taken
            # while open (see untrusted.py). Fails harmlessly while others have it open.
            with contextlib.suppress(sqlite3.Error, StorageError):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.execute("PRAGMA journal_mode = DELETE")
        self.conn.close()
        if self._private_folder is not None:
            shutil.rmtree(self._private_folder, ignore_errors=True)

    def __enter__(self) -> "ReviewFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls become savepoints. A known SQLite failure in
        any statement inside arrives as a StorageError (the connection is guarded)."""
        if self.readonly:
            raise ReviewError(f"{self.path} is open read-only; it cannot be changed.")
        if self._depth:
            yield from self._savepoint()
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self._roll_back("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"sp{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            # Undo only this savepoint's work and leave the outer transaction to its owner.
            self._roll_back(f"ROLLBACK TO {name}", f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _roll_back(self, *statements: str) -> None:
        """Run the rollback `statements` if a transaction is still open: SQLite ends it
        by itself after some failures (a full disk, an I/O error), and a rollback then would
        fail with 'no such savepoint' and hide the error that caused it (as sqlite-utils'
        atomic() checks in_transaction)."""
        if not self.conn.in_transaction:
            return
        try:
            for statement in statements:
                self.conn.execute(statement)
        except StorageError:
            pass  # the failure being raised says more; SQLite rolls back on the next open

    # -- this copy's settings ---------------------------------------------------------------

    def local(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM local WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_local(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO local (key, value) VALUES (?, ?)", (key, value))

    # -- identity ---------------------------------------------------------------------------

    @property
    def review_id(self) -> str:
        return self.conn.execute("SELECT review_id FROM review").fetchone()[0]

    @property
    def owner(self) -> str:
        return self.local("owner") or ""

    def reviewer_name(self, reviewer_id: str) -> str:
        row = self.conn.execute("SELECT name FROM reviewers WHERE reviewer_id = ?",
                                (reviewer_id,)).fetchone()
        return row[0] if row else reviewer_id


def _header_through_sqlite(path: Path) -> tuple[int, int]:
    """The header as SQLite sees it, including changes still in the -wal file."""
    try:
        conn = connect(path, readonly=True)
        try:
            return (conn.execute("PRAGMA application_id").fetchone()[0],
                    conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0, 0


def save_copy(conn: sqlite3.Connection, dest: Path) -> None:
    """Write the whole database behind `conn` to the new file `dest` with SQLite's backup API
    (a consistent copy even while others write), in rollback-journal mode: a copy of a file
    open in WAL mode must stand alone, without a -wal of its own. On failure (a full disk)
    nothing is left at `dest` and the sentence names it."""
    try:
        with contextlib.closing(guarded_connect(dest, str(dest), isolation_level=None)) as target:
            try:
                sqlite3.Connection.backup(conn, target)  # unguarded: the failure is dest's
            except sqlite3.Error as error:
                raise_known(dest, error)
                raise
            target.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        for leftover in (dest, Path(f"{dest}-journal")):
            leftover.unlink(missing_ok=True)
        raise


def copy_review_file(path: Path, dest: Path) -> None:
    """`save_copy` of the file at `path`, read through a read-only connection."""
    with contextlib.closing(connect(path, readonly=True)) as source:
        save_copy(source, dest)


def _upgraded_copy(path: Path, folder: Path, user_version: int,
                   steps: Steps | None = None) -> sqlite3.Connection:
    """A read-only connection to a copy of the file in `folder`, brought up to date."""
    copy = folder / path.name
    copy_review_file(path, copy)
    with contextlib.closing(guarded_connect(copy, str(copy), isolation_level=None)) as target:
        migrate(target, user_version, steps)
    return connect(copy, readonly=True)


def _upgrade(path: Path, conn: sqlite3.Connection, user_version: int,
             steps: Steps | None = None) -> None:
    save_copy(conn, backup_path(path, user_version))
    migrate(conn, user_version, steps)
