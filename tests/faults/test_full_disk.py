"""A full disk at several levels of free space, for each command that writes: one sentence
and the review file as it was, or the command succeeds; nothing half-written is left."""

import shutil

from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.canonical import canonical_json

import pytest

from reviewtool.core.store.health import check_review

from ..cli.runner import run
from ..conftest import SEEDS
from ..core.test_merge_untrusted import copy_with_claim
from ..filesystems import fill, small_disk
from ..builders import build_team
from .conftest import points

LEVELS = [0, 8 * 1024, 64 * 1024, 256 * 1024, 768 * 1024][:points(3, 5)]


def _commands(disk, review, mate):
    return {
        "import": ("import", review, *SEEDS),
        "merge": ("merge", review, mate),
        "new": ("new", disk / "other.review", "--title", "T", "--reviewer", "R"),
        "export": ("export", review, "--format", "csv", "--output", disk / "claims.csv"),
        "report": ("report", review, "--output", disk / "report.pdf"),
    }


@pytest.mark.parametrize("command", ["import", "merge", "new", "export", "report"])
@pytest.mark.parametrize("free", LEVELS)
def test_a_full_disk_gives_one_sentence_and_keeps_the_file(tmp_path, command, free):
    team = build_team(tmp_path / "team")
    mate = copy_with_claim(team.a, tmp_path / "mate.review", "Jonas Lindqvist", "mate's", "risk")
    with small_disk(tmp_path / "disk", 4096) as disk:
        review = disk / "a.review"
        shutil.copyfile(team.a, review)
        before = _content(review)
        filler = fill(disk, free)
        result = run(*_commands(disk, review, mate)[command])
        assert result.exit_code == 1 or free > 0  # with no space at all, every write fails
        if result.exit_code:
            assert "Traceback" not in result.output
            message = result.stderr.strip().splitlines()
            assert len(message) == 1 and "full" in message[0], result.output
            leftovers = {p.name for p in disk.iterdir()} - {"a.review", "filler"}
            assert not {n for n in leftovers if not n.startswith("a.review")}, leftovers
        filler.unlink()
        if result.exit_code:
            assert _content(review) == before
        assert [f for f in check_review(review) if not f.ok] == []


def _content(path):
    """The review's content (a write refused for lack of space may still leave the file in
    WAL mode with its -wal beside it: the same content, another journal)."""
    with ReviewFile.open(path, readonly=True) as review:
        return canonical_json(review)
