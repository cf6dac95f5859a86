"""What a killed run leaves is put right on the next: hot journals, the undo copy under its
temporary name, private copies in the temporary folder. And the limits on what merge copies."""

import shutil
import subprocess
import sys
import textwrap

import pytest

from reviewtool.core.errors import DiskFull, MergeRefused
from reviewtool.core.store import leftovers
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.store.untrusted import MAX_SOURCE_BYTES
from reviewtool.core.team.merge import merge_files

from ..cli.runner import run
from ..filesystems import fill, small_disk
from .test_merge_untrusted import team  # noqa: F401  (a fixture)

KILLED_MID_TRANSACTION = textwrap.dedent("""
    import os, signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")  # spill: pages reach the file before the commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO local (key, value) VALUES ('half', zeroblob(200000))")
    conn.execute("UPDATE versions SET value = value")
    os.kill(os.getpid(), signal.SIGKILL)
""")




def test_a_hot_journal_is_rolled_back_before_a_read(review_path):
    subprocess.run([sys.executable, "-c", KILLED_MID_TRANSACTION, str(review_path)])
    assert review_path.with_name(review_path.name + "-journal").stat().st_size > 0
    result = run("docs", review_path)  # read-only: it could not roll the journal back itself
    assert result.exit_code == 0, result.output
    assert run("check", review_path).exit_code == 0
    with ReviewFile.open(review_path, readonly=True) as review:
        assert review.local("half") is None


def test_an_undo_copy_left_under_its_temporary_name_is_put_in_place(team):
    target, mate = team
    before = target.read_bytes()
    pending = target.with_name(target.name + ".before-merge.tmp")
    merge_files(target, [mate], snapshot=False)  # committed; then killed before the rename:
    pending.write_bytes(before)  # the snapshot taken before the merge is left behind
    ReviewFile.open(target, readonly=True).close()
    assert not pending.exists()
    assert target.with_name(target.name + ".before-merge").read_bytes() == before


def test_an_undo_copy_of_a_merge_that_never_committed_is_removed(team):
    target, _ = team
    undo = target.with_name(target.name + ".before-merge")
    undo.write_bytes(b"the previous undo copy")
    pending = target.with_name(target.name + ".before-merge.tmp")
    shutil.copyfile(target, pending)
    ReviewFile.open(target, readonly=True).close()
    assert not pending.exists() and undo.read_bytes() == b"the previous undo copy"


def test_private_folders_of_finished_processes_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(leftovers.tempfile, "tempdir", str(tmp_path))
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    dead = tmp_path / f"reviewtool-merge-target-{ended.pid}-abc_12"
    live = leftovers.private_folder("merge")
    other = tmp_path / "reviewtool-team-xyz"
    for folder in (dead, other):
        folder.mkdir()
    (dead / "source.review").write_bytes(b"x" * 1000)
    assert leftovers.clean_temp_folders() == 1
    assert not dead.exists() and live.exists() and other.exists()


def test_a_wal_beyond_the_limit_is_refused_without_copying(team):
    target, mate = team
    with open(f"{mate}-wal", "wb") as wal:
        wal.truncate(MAX_SOURCE_BYTES + 1)  # sparse: costs no space
    with pytest.raises(MergeRefused, match="with its -wal file it is larger than 4 GB"):
        merge_files(target, [mate])


def test_a_full_temporary_folder_is_one_sentence(team, tmp_path, monkeypatch):
    target, mate = team
    before = target.read_bytes()
    with small_disk(tmp_path / "temp", 512) as temp:
        monkeypatch.setattr(leftovers.tempfile, "tempdir", str(temp))
        fill(temp)
        with pytest.raises(DiskFull, match="temporary folder .* is full"):
            merge_files(target, [mate])
    assert target.read_bytes() == before


def test_any_command_clears_what_a_killed_run_left(review_path, tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(leftovers.tempfile, "tempdir", str(temp))
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    (temp / f"reviewtool-merge-{ended.pid}-abc").mkdir()
    assert run("docs", review_path).exit_code == 0
    assert list(temp.iterdir()) == []
