"""Control characters from file names, titles and statements never reach the terminal raw."""

import json

from .runner import run

EVIL_NAME = "evil\x1b]0;pwned\x07\u202etxt.txt"


def test_docs_import_and_claims_print_control_characters_as_escapes(tmp_path):
    review = tmp_path / "r.review"
    run("new", review, "--title", "T", "--reviewer", "Amara Okafor")
    source = tmp_path / EVIL_NAME
    source.write_text("Kratom \u202eand sleep\u202c: a report.\n\nKratom helps some people "
                      "sleep, a survey says.\n", encoding="utf-8")
    imported = run("import", review, source)
    docs = run("docs", review)
    for result in (imported, docs):
        assert result.exit_code == 0
        for char in "\x1b\x07\u202e\u202c":
            assert char not in result.output
    assert "evil\\x1b]0;pwned\\x07\\u202etxt.txt" in docs.output
    assert docs.output.count("evil\\x1b]0;pwned\\x07\\u202etxt") == 2  # title and file name
    listed = json.loads(run("docs", review, "--json").output)  # the same data, escaped
    assert listed[0]["filename"] == EVIL_NAME
    assert "\u202e" not in run("docs", review, "--json").output


def test_json_output_stays_valid_json_with_c1_controls(tmp_path):
    from reviewtool.cli.terminal import json_escape_controls

    data = {"name": "a\x85b\u202ec\x9bd"}
    text = json_escape_controls(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data and not any(c in text for c in "\x85\u202e\x9b")


def test_claims_and_conflicts_name_reviewers_without_raw_control_characters(tmp_path):
    review = tmp_path / "r.review"
    name = "Mallory\x1b[2J\u202e"
    run("new", review, "--title", "T", "--reviewer", name)
    source = tmp_path / "a.txt"
    source.write_text("Kratom helps some people sleep, a survey says.\n", encoding="utf-8")
    run("import", review, source)
    rows = tmp_path / "claims.csv"
    rows.write_text("document,quote,statement,category\n"
                    "a.txt,Kratom helps some people sleep,Kratom \u202ehelps\u202c sleep.,benefit\n",
                    encoding="utf-8")
    assert run("add-claims", review, rows).exit_code == 0
    listed = run("claims", review)
    assert listed.exit_code == 0
    assert not any(char in listed.output for char in "\x1b\u202e\u202c")
    assert "Kratom \\u202ehelps\\u202c sleep." in listed.output
    assert "Mallory\\x1b[2J\\u202e" in listed.output
