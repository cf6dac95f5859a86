"""The team folder (core/team/folder): publishing, merging and what sync services do."""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from reviewtool.core.errors import ReviewError
from reviewtool.core.review.claims import list_claims
from reviewtool.core.store import ids
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.team.folder import remembered_folder, sync_folder
from tests.builders import LEAD, SECOND, build_team

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def team(tmp_path):
    built = build_team(tmp_path / "work")
    shared = tmp_path / "shared"
    shared.mkdir()
    return (built.a, built.b), shared


def review_id(path: Path) -> str:
    with ReviewFile.open(path, readonly=True) as review:
        return review.review_id


def claims(path: Path) -> set[str]:
    with ReviewFile.open(path, readonly=True) as review:
        return {c.id for c in list_claims(review)}


def export(path: Path) -> str:
    with ReviewFile.open(path, readonly=True) as review:
        return canonical_json(review)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(shared: Path, path: Path, reviewer: str) -> Path:
    return shared / review_id(path) / f"{ids.reviewer_id(reviewer)}.review"


def test_two_reviewers_converge_through_the_folder(team):
    (a, b), shared = team
    first = sync_folder(a, shared)
    assert first.published and first.teammates == 0 and not first.merged
    assert snapshot(shared, a, LEAD).is_file()
    second = sync_folder(b, shared, reviewer=SECOND)
    assert second.teammates == 1 and second.new_claims == len(claims(a))
    missing = len(claims(b) - claims(a))
    third = sync_folder(a, shared)
    assert missing and third.new_claims == missing
    assert export(a) == export(b)
    assert claims(a) == claims(b)
    # The folder holds one snapshot per reviewer and nothing else.
    assert sorted(p.name for p in (shared / review_id(a)).iterdir()) == sorted(
        f"{ids.reviewer_id(name)}.review" for name in (LEAD, SECOND))


def test_the_folder_is_remembered_and_kept_out_of_snapshots(team):
    (a, _), shared = team
    sync_folder(a, shared)
    with ReviewFile.open(a, readonly=True) as review:
        assert remembered_folder(review) == shared
    assert sync_folder(a).folder == shared
    with sqlite3.connect(snapshot(shared, a, LEAD)) as conn:
        keys = [row[0] for row in conn.execute("SELECT key FROM local")]
    assert keys and not [key for key in keys if key.startswith("team_folder")]


def test_a_sync_where_nothing_changed_opens_no_snapshot_and_publishes_nothing(team, monkeypatch):
    (a, b), shared = team
    sync_folder(a, shared)
    sync_folder(b, shared, reviewer=SECOND)
    sync_folder(a, shared)
    before = digest(a)
    from reviewtool.core.team.folder import sync as sync_module
    monkeypatch.setattr(sync_module, "merge_files", lambda *args, **kw: pytest.fail("merged"))
    report = sync_folder(a, shared)
    assert not report.published and not report.merged and report.teammates == 1
    assert digest(a) == before
    # A snapshot only touched (a sync service re-downloading it) is recognised by its content.
    teammate = snapshot(shared, b, SECOND)
    os.utime(teammate, ns=(teammate.stat().st_atime_ns, teammate.stat().st_mtime_ns + 10**9))
    assert not sync_folder(a, shared).merged


def test_a_teammates_snapshot_is_never_written(team):
    (a, b), shared = team
    sync_folder(b, shared, reviewer=SECOND)
    theirs = snapshot(shared, b, SECOND)
    before = digest(theirs), theirs.stat().st_mtime_ns
    sync_folder(a, shared)
    assert (digest(theirs), theirs.stat().st_mtime_ns) == before


def test_a_snapshot_cut_short_is_skipped_then_taken_when_whole(team):
    (a, b), shared = team
    sync_folder(b, shared, reviewer=SECOND)
    theirs = snapshot(shared, b, SECOND)
    whole = theirs.read_bytes()
    theirs.write_bytes(whole[: len(whole) // 2])
    report = sync_folder(a, shared)
    assert not report.merged
    assert [n for n in report.notes if theirs.name in n and "still being copied" in n]
    theirs.write_bytes(whole)
    report = sync_folder(a, shared)
    assert report.new_claims > 0 and not report.notes


def test_an_empty_placeholder_is_skipped_with_a_note(team):
    (a, b), shared = team
    sync_folder(a, shared)
    placeholder = shared / review_id(a) / f"{ids.reviewer_id(SECOND)}.review"
    placeholder.write_bytes(b"")
    report = sync_folder(a, shared)
    assert report.teammates == 1 and not report.merged
    assert any("empty" in note and "placeholder" in note for note in report.notes)


def test_a_snapshot_still_being_written_over_zeros_is_skipped(team):
    (a, _), shared = team
    sync_folder(a, shared)
    (shared / review_id(a) / f"{ids.reviewer_id(SECOND)}.review").write_bytes(bytes(8192))
    report = sync_folder(a, shared)
    assert any("still being copied" in note for note in report.notes) and not report.merged


def test_conflicted_copies_are_merged_and_lose_nothing(team):
    (a, b), shared = team
    sync_folder(b, shared, reviewer=SECOND)
    folder = shared / review_id(a)
    theirs = snapshot(shared, b, SECOND)
    # The sync service kept two diverged versions of Jonas's snapshot: one under a
    # "conflicted copy" name, one under the machine's name; each holds claims of its own.
    stem = theirs.stem
    dropbox = folder / f"{stem} (Jonas's conflicted copy 2026-12-06).review"
    onedrive = folder / f"{stem}-DESKTOP-ABC.review"
    shutil.move(theirs, dropbox)
    extra = b.with_name("b2.review")
    shutil.copy(b, extra)
    from reviewtool.core.review.batch_entry import add_claims
    with ReviewFile.open(extra) as review:
        add_claims(review, Path(__file__).parents[2] / "examples/extractions/reviewer-a-claims.csv",
                   reviewer=SECOND)
    sync_folder(extra, shared, reviewer=SECOND)  # publishes over the snapshot's name
    shutil.move(theirs, onedrive)
    report = sync_folder(a, shared)
    assert not report.notes and len(report.merged) == 2
    assert claims(b) | claims(extra) <= claims(a)
    assert report.teammates == 1  # copies of one teammate's snapshot count once
    assert dropbox.exists() and onedrive.exists()  # never deleted or rewritten


def test_lock_temporary_and_other_files_are_passed_over_silently(team):
    (a, _), shared = team
    folder = shared / review_id(a)
    folder.mkdir()
    for name in (".~lock.x.review#", "x.review.tmp", "~syncthing~x.review.tmp",
                 ".syncthing.x.review.tmp", "x.review-journal", "x.review-wal", ".dropbox",
                 "desktop.ini", ".x.review"):
        (folder / name).write_bytes(b"SQLite format 3\x00" + bytes(200))
    (folder / "sub.review").mkdir()
    report = sync_folder(a, shared)
    assert report.published and not report.notes and not report.merged


def test_another_reviews_snapshot_is_ignored_and_named(team, review_path):
    (a, _), shared = team
    folder = shared / review_id(a)
    folder.mkdir()
    stranger = folder / "stranger.review"
    shutil.copy(review_path, stranger)
    before = digest(a)
    report = sync_folder(a, shared)
    assert report.notes == [f"stranger.review was ignored: it is a snapshot of another review; "
                            "whoever put it there can move it to that review's folder."]
    assert claims(a) == claims(a) and not report.merged
    # Named again at the next sync, without being checked again.
    from reviewtool.core.team.folder import sync as sync_module
    original = sync_module.merge_files
    sync_module.merge_files = lambda *args, **kw: pytest.fail("checked again")
    try:
        assert sync_folder(a, shared).notes == report.notes
    finally:
        sync_module.merge_files = original
    assert digest(a) != before  # only the fingerprints and the remembered folder were written


def test_an_older_schema_merges_and_a_newer_one_is_named(tmp_path):
    old = tmp_path / "old.review"
    shutil.copy(DATA / "schema1.review", old)
    mine = tmp_path / "mine.review"
    shutil.copy(old, mine)
    ReviewFile.open(mine).close()  # brought up to date
    shared = tmp_path / "shared"
    folder = shared / review_id(mine)
    folder.mkdir(parents=True)
    shutil.copy(old, folder / "older.review")
    newer = folder / "newer.review"
    shutil.copy(mine, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    report = sync_folder(mine, shared, reviewer="Amara Okafor")
    assert [s.source for s in report.merged] == ["older.review"]
    assert len(report.notes) == 1 and "newer.review" in report.notes[0]
    assert "newer reviewtool" in report.notes[0]


def test_a_missing_folder_is_one_sentence_and_the_file_is_untouched(team, tmp_path):
    (a, _), _ = team
    before = digest(a)
    with pytest.raises(ReviewError, match="is not there; connect its drive"):
        sync_folder(a, tmp_path / "nowhere")
    with pytest.raises(ReviewError, match="No team folder is set"):
        sync_folder(a)
    assert digest(a) == before


def test_a_read_only_folder_is_one_sentence_and_the_file_is_untouched(team):
    (a, b), shared = team
    sync_folder(b, shared, reviewer=SECOND)
    folder = shared / review_id(a)
    before = digest(a)
    folder.chmod(0o555)
    try:
        with pytest.raises(ReviewError, match="is read-only"):
            sync_folder(a, shared)
    finally:
        folder.chmod(0o755)
    assert digest(a) == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_that_refuses_writes_is_one_sentence(team, monkeypatch):
    (a, _), shared = team
    before = digest(a)

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(ReviewError, match="cannot be used .Read-only file system."):
        sync_folder(a, shared)
    assert digest(a) == before


def test_the_working_file_may_not_live_in_the_folder(team):
    (a, _), shared = team
    inside = shared / "a.review"
    shutil.copy(a, inside)
    with pytest.raises(ReviewError, match="inside the team folder"):
        sync_folder(inside, shared)


def test_a_published_snapshot_is_complete_and_replaced_in_one_step(team, monkeypatch):
    (a, _), shared = team
    sync_folder(a, shared)
    ours = snapshot(shared, a, LEAD)
    first = ours.read_bytes()
    # A failure while writing the new snapshot leaves the old one whole, and no temporary.
    from reviewtool.core.team.folder import publish as publish_module

    def broken(conn, dest):
        Path(dest).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish_module, "save_copy", broken)
    from reviewtool.core.team.folder import fingerprints
    with ReviewFile.open(a) as review:
        fingerprints.store_published(review, {})  # forget it was published: publish again
    with pytest.raises(ReviewError, match="No space left"):
        sync_folder(a, shared)
    assert ours.read_bytes() == first
    assert sorted(p.name for p in ours.parent.iterdir()) == [ours.name]


def test_ones_own_snapshot_written_elsewhere_is_merged_first(team):
    """The same reviewer on two computers: each merges what the other published."""
    (a, _), shared = team
    laptop = a.with_name("laptop.review")
    shutil.copy(a, laptop)
    sync_folder(a, shared)
    from reviewtool.core.review.batch_entry import add_claims
    with ReviewFile.open(laptop) as review:
        add_claims(review, Path(__file__).parents[2] / "examples/extractions/reviewer-b-claims.csv")
    sync_folder(laptop, shared)
    report = sync_folder(a, shared)
    assert report.new_claims > 0 and claims(laptop) <= claims(a)


def test_ones_own_snapshot_only_touched_is_neither_merged_nor_published_again(team, monkeypatch):
    (a, _), shared = team
    sync_folder(a, shared)
    ours = snapshot(shared, a, LEAD)
    os.utime(ours, ns=(ours.stat().st_atime_ns, ours.stat().st_mtime_ns + 10**9))
    report = sync_folder(a, shared)
    assert not report.merged and not report.published
    before = digest(a)
    again = sync_folder(a, shared)  # the new modification time was remembered
    assert not again.merged and not again.published and digest(a) == before


def test_a_snapshot_that_cannot_be_read_is_tried_again_next_time(team, monkeypatch):
    (a, b), shared = team
    sync_folder(b, shared, reviewer=SECOND)
    from reviewtool.core.team.folder import sync as sync_module

    real = sync_module.file_sha256

    def locked(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(sync_module, "file_sha256", locked)  # locked by another program
    report = sync_folder(a, shared)
    assert not report.merged
    assert report.notes == [f"{snapshot(shared, b, SECOND).name} could not be read this time "
                            "(Permission denied); it is tried again at the next sync."]
    monkeypatch.setattr(sync_module, "file_sha256", real)
    assert sync_folder(a, shared).new_claims > 0


def test_a_folder_that_cannot_be_listed_is_one_sentence(team, monkeypatch):
    (a, _), shared = team
    from reviewtool.core.team.folder import sync as sync_module

    def unlistable(folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(sync_module, "candidates", unlistable)
    before = digest(a)
    with pytest.raises(ReviewError, match="cannot be used .Permission denied."):
        sync_folder(a, shared)
    assert digest(a) == before
