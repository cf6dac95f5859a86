"""The command-line contract: new, import, docs, search, check, --version."""

import json
import sqlite3

from reviewtool import __version__
from reviewtool.cli import cli

from ..conftest import SEED_TITLES
from .runner import run


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_new_import_docs_search_check(tmp_path, corpus_copy):
    path = tmp_path / "k.review"
    assert run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor").exit_code == 0
    result = run("import", path, corpus_copy)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 3 and all(line.startswith("imported: ") for line in lines)

    listed = json.loads(run("docs", path, "--json").stdout)
    assert sorted(d["title"] for d in listed) == SEED_TITLES
    assert set(listed[0]) >= {"id", "sha256", "title", "source", "chars", "pages"}

    hits = json.loads(run("search", path, "withdrawal", "--json").stdout)
    assert hits and all(h["kind"] == "document" for h in hits)
    assert run("check", path).exit_code == 0


def test_import_reports_each_file_and_exits_1_on_any_failure(review_path, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Kratom may cause insomnia in some users.")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = run("import", review_path, tmp_path / "in", tmp_path / "missing.txt")
    assert result.exit_code == 1
    out = result.stdout
    assert "imported: " in out and "ok.txt" in out
    assert "failed: " in out and "empty.txt" in out and "missing.txt" in out
    again = run("import", review_path, tmp_path / "in" / "ok.txt")
    assert again.exit_code == 0 and again.stdout.startswith("already present: ")


def test_new_refuses_existing_file(review_path):
    result = run("new", review_path, "--title", "T", "--reviewer", "R")
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert "Traceback" not in result.output


def test_user_errors_are_one_line_without_traceback(tmp_path):
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"not a database" * 20)
    for args in (("docs", junk), ("docs", tmp_path / "none.review"), ("check", junk)):
        result = run(*args)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_usage_errors_exit_2(review_path):
    assert run("import", review_path).exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_check_reports_a_damaged_file(review_path, corpus_copy):
    run("import", review_path, corpus_copy)
    conn = sqlite3.connect(review_path)
    conn.execute("DELETE FROM heads")  # current state no longer matches the history
    conn.commit()
    conn.close()
    result = run("check", review_path)
    assert result.exit_code == 1 and "PROBLEM: history" in result.stdout


def test_every_command_has_help():
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert run(name, "--help").exit_code == 0


def test_desktop_app_without_a_screen_says_so(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    for args in ((), ("gui",)):
        result = run(*args)
        assert result.exit_code == 1 and "graphical session" in result.stderr


def test_import_a_reference_library_then_set_its_metadata(tmp_path):
    path = tmp_path / "k.review"
    run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor")
    (tmp_path / "files" / "7").mkdir(parents=True)
    (tmp_path / "files" / "7" / "report.txt").write_text(
        "Poison centres recorded more calls about kratom every year.", encoding="utf-8")
    library = tmp_path / "library.ris"
    library.write_text("TY  - RPRT\nTI  - Kratom calls\nAU  - Ünal, Deniz\nPY  - 2020\n"
                       "L1  - files/7/report.txt\nER  - \n\nTY  - JOUR\nTI  - Only a reference\n"
                       "ER  - \n\nTY  - JOUR\nAU  - Untitled, Entry\nER  - \n", encoding="utf-8")
    result = run("import", path, library)
    assert result.exit_code == 1  # the entry without a title failed; the others are in
    assert "failed: " in result.stdout and "line 12: the entry has no title" in result.stdout
    assert "2 imported, 0 already present, 1 failed" in result.stderr
    listed = {d["title"]: d for d in json.loads(run("docs", path, "--json").stdout)}
    calls = listed["Kratom calls"]
    assert (calls["authors"], calls["published"], calls["type"]) == (["Ünal, Deniz"], "2020",
                                                                     "report")
    assert listed["Only a reference"]["chars"] == 0
    assert "Only a reference  (no full text)" in run("docs", path).stdout

    result = run("set", path, calls["id"], "doi=https://doi.org/10.1000/calls.1",
                 "authors=Ünal, Deniz; Smith, John", "accessed=2024-01-31")
    assert result.exit_code == 0 and "changed 3 fields" in result.stdout
    calls = {d["title"]: d for d in json.loads(run("docs", path, "--json").stdout)}["Kratom calls"]
    assert calls["doi"] == "10.1000/calls.1" and calls["authors"] == ["Ünal, Deniz", "Smith, John"]

    bad = run("set", path, calls["id"], "published=last spring", "colour=red")
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "Nothing was changed: unknown field 'colour'" in bad.stderr


def test_a_folder_with_its_library_gives_the_documents_their_titles(tmp_path):
    import shutil

    from ..conftest import CORPUS

    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.md"))
    path = tmp_path / "k.review"
    run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor")
    result = run("import", path, folder)
    assert result.exit_code == 0, result.output
    assert "3 imported, 3 updated, 0 already present, 0 failed" in result.stderr
    titles = sorted(d["title"] for d in json.loads(run("docs", path, "--json").stdout))
    assert titles == ["Kratom and Sleep: Can it Help with Insomnia?",
                      "Understanding Kratom for Addiction Treatment",
                      "Understanding Kratom's Role in Mitigating Opioid Withdrawal Symptoms"]
    again = run("import", path, folder)
    assert "0 imported, 6 already present, 0 failed" in again.stderr


def test_attach_gives_a_reference_its_file_and_what_the_file_says(tmp_path):
    path = tmp_path / "k.review"
    run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor")
    library = tmp_path / "library.ris"
    library.write_text("TY  - RPRT\nTI  - Kratom calls\nPY  - 2019\nER  - \n", encoding="utf-8")
    run("import", path, library)
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from ..core.test_importing_pdf import build_pdf

    text = tmp_path / "calls.pdf"
    text.write_bytes(build_pdf([Paragraph("Kratom calls. doi:10.1000/calls.9 Calls about kratom "
                                          "rose tenfold.", getSampleStyleSheet()["BodyText"])]))
    result = run("attach", path, "Kratom calls", text)
    assert result.exit_code == 0 and "attached calls.pdf to Kratom calls" in result.stdout
    document, = json.loads(run("docs", path, "--json").stdout)
    assert document["chars"] > 0 and document["doi"] == "10.1000/calls.9"
    assert document["published"] == "2019"
    again = run("attach", path, "Kratom calls", text)
    assert again.exit_code == 1 and "already has its text" in again.stderr
