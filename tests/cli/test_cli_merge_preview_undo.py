"""Command line: the merge preview (merge --dry-run) and undo-merge."""

import json
import shutil

from .runner import run
from .test_cli_team import team_files


def claim_count(path) -> int:
    return len(json.loads(run("claims", path, "--json").stdout))


def test_dry_run_names_each_file_and_writes_nothing(tmp_path):
    lead, files = team_files(tmp_path)
    junk = tmp_path / "junk.review"
    junk.write_text("not a review")
    before = lead.read_bytes()
    preview = run("merge", lead, files["a"], junk, files["b"], "--dry-run")
    lines = preview.stdout.splitlines()
    assert lines[0].startswith("would add from a.review: 0 documents, 18 claims")
    assert lines[1].startswith("junk.review: refused: ") and "not a review file" in lines[1]
    assert lines[2].startswith("would add from b.review: 0 documents, 18 claims")
    assert preview.exit_code == 1 and "1 file would be refused" in preview.stderr
    assert lead.read_bytes() == before


def test_dry_run_says_nothing_new_for_a_file_already_merged(tmp_path):
    lead, files = team_files(tmp_path)
    assert run("merge", lead, files["a"]).exit_code == 0
    preview = run("merge", lead, files["a"], "--dry-run", "--json")
    assert preview.exit_code == 0
    (row,) = json.loads(preview.stdout)
    assert row["result"] == "nothing new" and row["summary"]["versions"] == 0


def test_undo_merge_puts_the_file_back_and_keeps_the_merged_one(tmp_path):
    lead, files = team_files(tmp_path)
    assert claim_count(lead) == 0
    merged = run("merge", lead, files["a"])
    assert "reviewtool undo-merge lead.review" in merged.stderr
    assert claim_count(lead) == 18
    result = run("undo-merge", lead)
    assert result.exit_code == 0, result.output
    assert claim_count(lead) == 0
    assert claim_count(tmp_path / "lead.review.after-merge") == 18
    assert not (tmp_path / "lead.review.before-merge").exists()
    again = run("undo-merge", lead)  # a second undo would take back later edits: refused
    assert again.exit_code == 1 and "no merge to undo" in again.stderr
    assert "Traceback" not in again.output


def test_undo_merge_refuses_a_copy_of_another_review(tmp_path):
    lead, files = team_files(tmp_path)
    run("merge", lead, files["a"])
    other = tmp_path / "other.review"
    run("new", other, "--title", "Other", "--reviewer", "Amara Okafor")
    shutil.copy(other, tmp_path / "lead.review.before-merge")
    result = run("undo-merge", lead)
    assert result.exit_code == 1 and "belongs to another review" in result.stderr
    assert claim_count(lead) == 18


def test_undo_merge_refuses_when_the_copy_is_not_a_review_file(tmp_path):
    lead, _ = team_files(tmp_path)
    (tmp_path / "lead.review.before-merge").write_text("junk")
    result = run("undo-merge", lead)
    assert result.exit_code == 1 and "not a review file" in result.stderr
