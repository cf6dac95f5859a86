"""Publishing this reviewer's snapshot: written whole under a temporary name in the same
folder (SQLite's backup API, so a consistent copy even while the file is being edited),
flushed to disk, then renamed over the previous snapshot in one step. A teammate's sync, or
the sync service, sees the old snapshot or the new one, never half of one.
"""

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile, save_copy
from reviewtool.core.team.folder.fingerprints import file_sha256

LOCAL_PREFIX = "team_folder"  # this copy's sync settings: not for teammates' eyes


def folder_problem(folder: Path, error: OSError) -> ReviewError:
    return ReviewError(f"The team folder {folder} cannot be used ({error.strerror or error}); "
                       "check that its drive is connected and that you may read and write it, "
                       "then sync again.")


def reserve_temporary(folder: Path, name: str) -> Path:
    """An empty file named `.NAME.XXXX.tmp` in `folder`, taken before anything else is done,
    so that a folder we cannot write to is found before the working file is touched.
    (The leading dot and `.tmp` keep every sync reader, ours included, from taking it for a
    snapshot.)"""
    if not os.stat(folder).st_mode & 0o222:
        raise ReviewError(f"The team folder {folder} is read-only; make it writable "
                          "(or choose another folder) and sync again.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise folder_problem(folder, error) from None
    os.close(handle)
    return Path(temp)


def publish(review: ReviewFile, temp: Path, snapshot: Path) -> tuple[os.stat_result, str]:
    """Write the working file's snapshot to `temp`, then rename it to `snapshot`; returns the
    snapshot's status (size, modification time) and SHA-256 as published."""
    try:
        save_copy(review.conn, temp)
        with contextlib.closing(sqlite3.connect(str(temp), isolation_level=None)) as copy:
            copy.execute("DELETE FROM local WHERE key = ? OR key LIKE ?",
                         (LOCAL_PREFIX, LOCAL_PREFIX + ".%"))
        os.chmod(temp, 0o644)  # teammates on a shared drive read it under their own accounts
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        digest = file_sha256(temp)
        os.replace(temp, snapshot)
        _sync_folder_entry(snapshot.parent)
        return snapshot.stat(), digest
    except OSError as error:
        raise folder_problem(snapshot.parent, error) from None
    except sqlite3.OperationalError as error:
        if "disk" in str(error) or "readonly" in str(error):
            raise ReviewError(f"The snapshot could not be written to {snapshot.parent} "
                              f"({error}); free some space there and sync again.") from None
        raise


def _sync_folder_entry(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
