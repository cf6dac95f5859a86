"""Failures a user or a hostile input can cause are one sentence and exit 1, never a
traceback; in a folder import one bad entry does not stop the others."""

import os
import subprocess
import sys
import textwrap

from reviewtool.core.store import reviewfile

from ..core.test_merge_untrusted import copy_with_claim
from .runner import run

HOLD = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
""")


def _one_sentence(result, *words):
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]


def test_merging_into_a_file_another_process_is_writing(seeded, tmp_path, monkeypatch):
    target = seeded.path
    seeded.close()
    mate = copy_with_claim(target, tmp_path / "mate.review", "Jonas Lindqvist", "x", "risk")
    monkeypatch.setattr(reviewfile, "BUSY_TIMEOUT_MS", 100)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(target)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = target.read_bytes()
        _one_sentence(run("merge", target, mate), str(target), "busy in another program")
        assert target.read_bytes() == before
        assert not target.with_name(target.name + ".before-merge").exists()
    finally:
        holder.communicate("\n", timeout=10)


def test_a_deeply_nested_form(review_path, tmp_path):
    form = tmp_path / "deep.toml"
    form.write_text("a = " + "[" * 100_000 + "]" * 100_000)
    _one_sentence(run("forms", review_path, "--add", form), "nests arrays or tables too deeply")


def test_a_folder_with_a_symlink_loop_and_an_undecodable_name(review_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Kratom may cause insomnia in some users.")
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # Latin-1 name
        handle.write(b"Kratom and sleep, another text.")
    result = run("import", review_path, folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "imported: " in result.stdout and "ok.txt" in result.stdout
    assert "caf\\xe9.txt — its file name is not valid UTF-8" in result.stdout
    assert result.stdout.count("failed: ") == 3


def test_malformed_page_starts_are_reported_by_check(seeded):
    seeded.conn.execute("""UPDATE contents SET page_starts = '[0, 1e308, "x"]' WHERE rowid = 1""")
    path = seeded.path
    seeded.close()
    result = run("check", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "1 documents have broken page maps" in result.stdout
