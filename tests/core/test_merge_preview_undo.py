"""The merge preview and putting back the file as it was before a merge."""

import shutil

import pytest

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.team.merge import merge_files
from reviewtool.core.team.merge_preview import preview_merge
from reviewtool.core.team.merge_undo import (
    after_merge_path,
    before_merge_path,
    check_same_review,
    keep_private_copy,
    put_back,
    undo_merge,
)
from tests.builders import build_team


def export(path) -> str:
    with ReviewFile.open(path, readonly=True) as review:
        return canonical_json(review)


def test_preview_names_each_file_in_order_and_counts_overlaps_once(tmp_path):
    team = build_team(tmp_path)
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"")
    b_again = tmp_path / "b-again.review"
    shutil.copy(team.b, b_again)
    before = team.a.read_bytes()
    previews = preview_merge(team.a, [team.b, junk, b_again, team.b])
    assert [p.path for p in previews] == [team.b, junk, b_again]  # each file once, in order
    assert [p.result for p in previews][0] == "ready to merge"
    assert "empty" in previews[1].refusal and previews[1].summary is None
    # Together, the copy of b adds nothing b does not: counted once, as a real merge would.
    assert previews[2].result == "nothing new"
    assert team.a.read_bytes() == before
    assert previews[0].summary.claims == merge_files(team.a, [team.b])[0].claims


def test_preview_of_a_bad_target_is_one_error(tmp_path):
    team = build_team(tmp_path)
    with pytest.raises(ReviewError, match="does not exist"):
        preview_merge(tmp_path / "none.review", [team.b])


def test_undo_merge_round_trip_keeps_both_states(tmp_path):
    team = build_team(tmp_path)
    original = export(team.a)
    merge_files(team.a, [team.b])
    merged = export(team.a)
    assert merged != original
    kept = after_merge_path(team.a)
    assert undo_merge(team.a) == kept
    assert export(team.a) == original
    assert export(kept) == merged
    assert not before_merge_path(team.a).exists()
    with pytest.raises(ReviewError, match="no merge to undo"):
        undo_merge(team.a)


def test_put_back_through_an_open_connection_keeps_it_valid(tmp_path):
    team = build_team(tmp_path)
    original = export(team.a)
    with ReviewFile.open(team.a) as review:  # as the app holds the file open
        merge_files(team.a, [team.b])
        copy = keep_private_copy(team.a)
        merged = export(team.a)
        redo = copy.with_name("after.review")
        put_back(review, copy, keep=redo)
        assert canonical_json(review) == original  # the same connection sees the old file
        put_back(review, redo)
        assert canonical_json(review) == merged
    shutil.rmtree(copy.parent)


def test_a_copy_of_another_review_is_refused(tmp_path):
    team = build_team(tmp_path)
    other = build_team(tmp_path / "other")
    with ReviewFile.open(other.a) as review:
        review.conn.execute("UPDATE review SET review_id = 'someone-else'")
    merge_files(team.a, [team.b])
    shutil.copy(other.a, before_merge_path(team.a))
    merged = export(team.a)
    with ReviewFile.open(team.a) as review, pytest.raises(ReviewError, match="another review"):
        check_same_review(review, before_merge_path(team.a))
    with pytest.raises(ReviewError, match="another review"):
        undo_merge(team.a)
    assert export(team.a) == merged


def test_merge_into_a_copy_reads_the_target_only(tmp_path):
    from reviewtool.core.team.merge_copy import merge_into_copy

    team = build_team(tmp_path)
    before = team.a.read_bytes()
    copy = tmp_path / "copy.review"
    (summary,) = merge_into_copy(team.a, [team.b], copy)
    assert summary.claims > 0 and team.a.read_bytes() == before
    assert export(copy) != export(team.a)
    with pytest.raises(ReviewError, match="already exists"):
        merge_into_copy(team.a, [team.b], copy)
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"junk")
    with pytest.raises(ReviewError):
        merge_into_copy(team.a, [junk], tmp_path / "second.review")
    assert not (tmp_path / "second.review").exists()  # a refused merge leaves no copy
