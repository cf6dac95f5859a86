"""Command line: sync with a team folder."""

import json

from .runner import run
from .test_cli_team import team_files


def test_sync_publishes_merges_and_remembers_the_folder(tmp_path):
    _, files = team_files(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    first = run("sync", files["a"], shared)
    assert first.exit_code == 0
    assert "0 teammates, 0 new claims, 0 new conflicts; your snapshot published" in first.stdout
    second = run("sync", files["b"], shared, "--reviewer", "Jonas Lindqvist")
    assert "1 teammate, 18 new claims" in second.stdout and "merged " in second.stdout
    again = run("sync", files["a"], "--json")  # the folder is remembered
    report = json.loads(again.stdout)
    assert report["teammates"] == 1 and report["new_claims"] > 0 and report["folder"] == str(shared)
    quiet = run("sync", files["a"])
    assert quiet.stdout.endswith("nothing new to publish\n")


def test_sync_without_a_folder_is_one_sentence_and_exit_1(tmp_path):
    _, files = team_files(tmp_path)
    result = run("sync", files["a"], tmp_path / "missing")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: The team folder") and "\n" not in result.stderr.strip()


def test_notes_name_files_without_letting_control_characters_reach_the_terminal(tmp_path):
    _, files = team_files(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    run("sync", files["a"], shared)
    folder = next(p for p in shared.iterdir() if p.is_dir())
    (folder / "evil\x1b]0;owned\x07.review").write_bytes(b"")
    result = run("sync", files["a"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b]0;owned\\x07.review was skipped this time" in result.stderr
