"""What an interrupted run (kill -9, power loss) leaves behind, put right on the next run.

- Private folders in the temporary folder (copies of merged files, upgraded copies): each is
  named with the id of the process that made it, and removed once that process is gone.
- A hot rollback journal beside a review file (a merge killed mid-transaction): SQLite rolls
  it back on the first connection that may write; a read-only one cannot, and every read
  command would fail, so opening the file rolls it back first.
- FILE.before-merge.tmp (a merge killed between its commit and putting the undo copy in
  place): promoted to FILE.before-merge if the merge had committed, removed otherwise.
"""

import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from reviewtool.core.errors import FileBusy, FileReadOnly, StorageError
from reviewtool.core.store.sqlite_errors import guarded_connect

PREFIX = "reviewtool-"


def private_folder(kind: str) -> Path:
    """A new private folder in the temporary folder, named so that `clean_temp_folders` can
    tell when the process that made it has gone."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-"))


def clean_temp_folders() -> int:
    """Remove the private folders of processes that no longer run; returns how many."""
    removed = 0
    with contextlib.suppress(OSError), os.scandir(tempfile.gettempdir()) as entries:
        for entry in entries:
            pid = _owner(entry.name)
            if pid is None or _alive(pid) or not entry.is_dir(follow_symlinks=False):
                continue
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
    return removed


def _owner(name: str) -> int | None:
    if not name.startswith(PREFIX):
        return None
    parts = name[len(PREFIX):].split("-")  # kind (may hold dashes), pid, random part
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def roll_back_hot_journal(path: Path) -> None:
    """Let SQLite roll back an interrupted transaction's journal beside `path`, if any."""
    journal = Path(f"{path}-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    try:
        conn = guarded_connect(path, str(path), isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 100")  # a live writer: not hot, move on
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except FileBusy:
        pass  # a live writer holds the journal: it is not hot, and that writer finishes it
    except FileReadOnly:
        raise FileReadOnly(f"{path} was interrupted while being changed and must be opened "
                           "once where it can be written (its journal rolls the change back); "
                           "make it writable and try again.") from None


def settle_undo_copy(path: Path) -> None:
    """Put a merge's undo copy left under its temporary name in place, or remove it."""
    pending = path.with_name(path.name + ".before-merge.tmp")
    if not pending.exists():
        return
    if _merged_since(pending, path):
        os.replace(pending, path.with_name(path.name + ".before-merge"))
    else:
        pending.unlink(missing_ok=True)


def _merged_since(snapshot: Path, path: Path) -> bool:
    """Whether the file holds more merges than the snapshot taken before the last merge."""
    counts = []
    for file in (snapshot, path):
        try:
            uri = f"{file.resolve().as_uri()}?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
                counts.append(conn.execute("SELECT count(*) FROM merges").fetchone()[0])
        except (sqlite3.Error, StorageError):
            return False  # a snapshot cut short: the merge never reached its commit
    return counts[1] > counts[0]
