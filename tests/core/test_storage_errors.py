"""SQLite failures become one sentence by result code, on every statement; savepoints roll
back only their own work. Real conditions: another process's lock, read-only files and
folders (bind mounts), a full disk (a small tmpfs)."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from reviewtool.core.errors import (
    CannotOpen,
    DiskFailure,
    DiskFull,
    FileBusy,
    FileDamaged,
    FileReadOnly,
    StorageError,
)
from reviewtool.core.review.new_review import new_review
from reviewtool.core.store import reviewfile
from reviewtool.core.store.health import check_review
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.store.sqlite_errors import guarded_connect, storage_error

from ..cli.runner import run
from ..conftest import SEEDS
from ..filesystems import fill, read_only_file, read_only_folder, small_disk

HOLD_LOCK = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN " + sys.argv[2])
    conn.execute("INSERT INTO local (key, value) VALUES ('held', 'x')")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
""")


@pytest.fixture
def locked_by_another_process(review_path, monkeypatch):
    """The review file with a write lock held by a second process, until the test ends."""
    monkeypatch.setattr(reviewfile, "BUSY_TIMEOUT_MS", 100)

    def hold(mode: str):
        holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(review_path), mode],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        holders.append(holder)
        return review_path

    holders = []
    yield hold
    for holder in holders:
        holder.communicate("\n", timeout=10)


def _one_sentence(result, *words):
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    for word in words:
        assert word in message
    return message


def test_a_write_while_another_process_writes_says_busy(locked_by_another_process, tmp_path):
    path = locked_by_another_process("IMMEDIATE")
    before = path.read_bytes()
    result = run("import", path, SEEDS[0])
    _one_sentence(result, str(path), "busy in another program")
    assert path.read_bytes() == before


def test_a_read_mid_command_while_another_process_holds_the_file_says_busy(
        locked_by_another_process):
    # An exclusive lock in rollback-journal mode blocks readers too: the command's first
    # SELECT fails, not its BEGIN.
    path = locked_by_another_process("EXCLUSIVE")
    _one_sentence(run("docs", path), str(path), "busy in another program")
    with pytest.raises(FileBusy, match="busy in another program"):
        with ReviewFile.open(path, readonly=True) as review:
            review.conn.execute("SELECT count(*) FROM versions").fetchone()


def test_a_read_only_file_says_read_only_and_stays_unchanged(review_path):
    before = review_path.read_bytes()
    with read_only_file(review_path):
        result = run("import", review_path, SEEDS[0])
        _one_sentence(result, str(review_path), "read-only")
        assert "folder" not in result.stderr
        assert run("docs", review_path).exit_code == 0  # reading still works
    assert review_path.read_bytes() == before


def test_a_read_only_folder_says_so(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    new_review(folder / "r.review", title="T", reviewer="R").close()
    before = (folder / "r.review").read_bytes()
    with read_only_folder(folder, "r.review") as path:
        result = run("import", path, SEEDS[0])
        _one_sentence(result, "folder", str(folder), "read-only")
    assert (folder / "r.review").read_bytes() == before


def test_a_full_disk_says_so_and_loses_nothing(tmp_path):
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "r.review"
        new_review(path, title="T", reviewer="R").close()
        assert run("import", path, SEEDS[0]).exit_code == 0
        before = path.read_bytes()
        filler = fill(disk)
        result = run("import", path, SEEDS[1], SEEDS[2])
        _one_sentence(result, str(path), "is full")
        filler.unlink()
        assert path.read_bytes() == before
        assert all(finding.ok for finding in check_review(path))


def test_an_insert_failing_mid_transaction_gives_the_sentence_and_rolls_back(review):
    # max_page_count makes SQLite fail an INSERT with SQLITE_FULL, as a full disk would.
    pages = review.conn.execute("PRAGMA page_count").fetchone()[0]
    review.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull, match="is full"):
        with review.transaction():
            review.set_local("a", "b")
            review.conn.execute("INSERT INTO local (key, value) VALUES ('big', ?)", ("x" * 10**6,))
    assert not review.conn.in_transaction
    assert review.local("a") is None


def test_a_failed_savepoint_is_rolled_back_and_the_outer_transaction_kept(review):
    with review.transaction():
        review.set_local("outer", "1")
        with pytest.raises(ValueError):
            with review.transaction():
                review.set_local("inner", "1")
                raise ValueError("refused")
        review.set_local("after", "1")
    assert review.local("outer") == "1" and review.local("after") == "1"
    assert review.local("inner") is None  # fails if the savepoint is released, not rolled back


def test_a_savepoint_is_not_rolled_back_after_sqlite_ended_the_transaction(review):
    # After a full disk or an I/O error SQLite may end the whole transaction; a rollback to
    # the savepoint would then fail with 'no such savepoint' and hide the real error.
    with pytest.raises(ValueError, match="the real error"):
        with review.transaction():
            with review.transaction():
                review.conn.execute("ROLLBACK")
                raise ValueError("the real error")
    assert not review.conn.in_transaction
    with review.transaction():  # the file is usable again
        review.set_local("k", "v")
    assert review.local("k") == "v"


def test_a_damaged_file_says_damaged(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    conn = guarded_connect(path, str(path))
    with pytest.raises(FileDamaged, match="is damaged"):
        conn.execute("SELECT * FROM sqlite_schema").fetchall()


def test_cannot_open_says_so(tmp_path):
    with pytest.raises(CannotOpen, match="cannot be opened"):
        guarded_connect(tmp_path / "none" / "x.db", str(tmp_path / "none" / "x.db"))


def _error(code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError("words that change between versions")
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize("code, kind", [
    (5, FileBusy), (6, FileBusy), (5 | 2 << 8, FileBusy),       # BUSY, LOCKED, BUSY_SNAPSHOT
    (8, FileReadOnly), (8 | 4 << 8, FileReadOnly),              # READONLY, READONLY_DBMOVED
    (13, DiskFull), (10, DiskFailure), (10 | 3 << 8, DiskFailure),  # FULL, IOERR, IOERR_WRITE
    (11, FileDamaged), (26, FileDamaged), (14, CannotOpen), (3, CannotOpen),
])
def test_known_result_codes_become_their_sentence(tmp_path, code, kind):
    found = storage_error(tmp_path / "r.review", _error(code))
    assert type(found) is kind and str(tmp_path / "r.review") in str(found)
    assert str(found).endswith(".") and "words that change" not in str(found)


@pytest.mark.parametrize("code", [1, 19, 19 | 8 << 8, 21, 20])  # ERROR, CONSTRAINT(_PRIMARYKEY), MISUSE, MISMATCH
def test_other_result_codes_stay_bugs(tmp_path, code):
    assert storage_error(tmp_path / "r.review", _error(code)) is None


def test_a_constraint_failure_keeps_its_traceback(review):
    with pytest.raises(sqlite3.IntegrityError):
        review.conn.execute("INSERT INTO review (review_id, created) VALUES (NULL, NULL)")
    assert not issubclass(sqlite3.IntegrityError, StorageError)
