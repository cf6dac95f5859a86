"""kill -9 at random points during import, merge and edits: every write that was confirmed
survives, the file passes `check` and every read command works at once (no hot journal left
for a reader to trip on), and the next run clears the killed run's temporary copies."""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.documents import list_documents
from reviewtool.core.store.health import check_review
from reviewtool.core.store.leftovers import clean_temp_folders
from reviewtool.core.store.reviewfile import ReviewFile

from ..cli.runner import run
from ..core.test_merge_untrusted import copy_with_claim
from ..builders import build_team
from .conftest import points

ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)


def _kill_after(process: subprocess.Popen, seconds: float) -> list[str]:
    """Kill -9 after `seconds` (or when it ends); the lines it printed (its confirmations)."""
    time.sleep(seconds)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    output, _ = process.communicate(timeout=60)
    return output.splitlines()


def _reads_work(path: Path) -> None:
    assert [f for f in check_review(path) if not f.ok] == []
    for command in (("docs", path), ("claims", path, "--json"), ("conflicts", path),
                    ("export", path, "--format", "json", "--output", path.with_suffix(".json"))):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize("seed", range(points(2, 20)))
def test_kill_during_import_keeps_every_confirmed_document(review_path, tmp_path, seed):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"doc{n:02}.txt").write_text(f"Document {n}. " + "Kratom and sleep. " * (50 + n))
    process = _start("-m", "reviewtool", "import", str(review_path), str(folder))
    lines = _kill_after(process, random.Random(seed).uniform(0.3, 2.0))
    confirmed = {line.rsplit(" — ", 1)[1].strip() for line in lines
                 if line.startswith("imported: ")}
    with ReviewFile.open(review_path, readonly=True) as review:
        titles = {d.title for d in list_documents(review)}
    assert confirmed <= titles
    _reads_work(review_path)


EDITS = textwrap.dedent("""
    import sys
    from reviewtool.core.review.claims import list_claims
    from reviewtool.core.review.records import update_answers
    from reviewtool.core.store.reviewfile import ReviewFile
    with ReviewFile.open(sys.argv[1]) as review:
        claim = list_claims(review)[0]
        for n in range(100000):
            update_answers(review, claim.id, {"notes": f"edit {n}"})
            print(n, flush=True)
""")


@pytest.mark.parametrize("seed", range(points(2, 20)))
def test_kill_during_edits_keeps_the_last_confirmed_edit(tmp_path, seed):
    team = build_team(tmp_path)
    process = _start("-c", EDITS, str(team.a))
    lines = _kill_after(process, random.Random(seed).uniform(0.5, 2.0))
    assert lines, "no edit was confirmed before the kill"
    last = int(lines[-1])
    with ReviewFile.open(team.a, readonly=True) as review:
        notes = list_claims(review)[0].answers.get("notes")
    assert notes in (f"edit {last}", f"edit {last + 1}")  # the next may have committed unseen
    _reads_work(team.a)


@pytest.mark.parametrize("seed", range(points(3, 30)))
def test_kill_during_a_merge_leaves_the_target_whole_and_its_undo_copy_right(tmp_path, seed):
    team = build_team(tmp_path)
    sources = [copy_with_claim(team.a, tmp_path / f"r{n}.review", f"Reviewer {n}", f"claim {n}",
                               "risk") for n in range(12)]
    before = team.a.read_bytes()
    with ReviewFile.open(team.a, readonly=True) as review:
        claims_before = len(list_claims(review))
    scratch = Path(tempfile.mkdtemp(prefix="killed-merge-"))
    env_temp = {"TMPDIR": str(scratch)}
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_temp)
    process = subprocess.Popen([sys.executable, "-m", "reviewtool", "merge", str(team.a),
                                *map(str, sources)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env)
    _kill_after(process, random.Random(seed).uniform(0.2, 3.0))
    try:
        # The next run (here: opening the file) rolls back or settles what the kill left.
        with ReviewFile.open(team.a, readonly=True) as review:
            claims_after = len(list_claims(review))
        assert claims_after in (claims_before, claims_before + 12)  # all or nothing
        undo = team.a.with_name(team.a.name + ".before-merge")
        assert not team.a.with_name(team.a.name + ".before-merge.tmp").exists()
        if claims_after > claims_before:
            assert undo.read_bytes() == before or _same_claims(undo, claims_before)
        _reads_work(team.a)
        # A later run removes the killed run's private copies from the temporary folder.
        tempfile.tempdir = str(scratch)
        try:
            clean_temp_folders()
        finally:
            tempfile.tempdir = None
        assert [p.name for p in scratch.iterdir()] == []
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _same_claims(path: Path, count: int) -> bool:
    with ReviewFile.open(path, readonly=True) as review:
        return len(list_claims(review)) == count
