"""Merge refuses, before anything is written, a file whose values reviewtool could not read
back or show, and a version id that names different content in two files."""

import shutil

import pytest

from reviewtool.core.errors import MergeRefused
from reviewtool.core.team.merge import merge_files

from .test_merge_untrusted import team  # noqa: F401  (a fixture)
from .test_merge_untrusted import assert_refused, tamper

CLAIM_VERSION = "(SELECT max(rowid) FROM versions WHERE entity = 'claim' AND field = '{field}')"




def _set_claim_field(path, field, sql_value):
    tamper(path, f"UPDATE versions SET value = {sql_value} "
                 f"WHERE rowid = {CLAIM_VERSION.format(field=field)}")


@pytest.mark.parametrize("statement, reason", [
    ("UPDATE reviewers SET name = CAST(X'4a6fff6e6173' AS TEXT) WHERE name = 'Jonas Lindqvist'",
     "reviewers.name holds text that is not valid UTF-8"),
    ("UPDATE versions SET value = CAST(X'22ff22' AS TEXT) WHERE rowid = (SELECT max(rowid) FROM versions)",
     "not valid UTF-8|not JSON"),
    ("UPDATE review SET review_id = CAST(X'0a80' AS TEXT)", "holds text that is not valid UTF-8"),
    ("INSERT INTO merges SELECT 'm1', '2026-01-01T00:00:00.000Z', reviewer_id, "
     "CAST(X'c3' AS TEXT), 'r', '{}' FROM reviewers LIMIT 1",
     "merges.source_name holds text that is not valid UTF-8"),
])
def test_invalid_utf8_is_refused(team, statement, reason):
    target, mate = team
    tamper(mate, statement)
    assert_refused(target, mate, reason)


@pytest.mark.parametrize("field, value, reason", [
    ("_anchor", """json_set(value, '$.start', 'abc')""", "quote position is not two offsets"),
    ("_anchor", """json_set(value, '$.start', 5, '$.end', 2)""", "quote position is not two offsets"),
    ("category", """'{"not": "a choice"}'""", "answer 'category' is invalid"),
    ("statement", "'42'", "answer 'statement' is invalid"),
    ("_form", """'{"id": "nope", "version": 1}'""", "refers to a form the file does not hold"),
    ("_document", """'"0190aaaa-0000-7000-8000-000000000000"'""",
     "refers to a document the file does not hold"),
])
def test_values_without_meaning_are_refused(team, field, value, reason):
    target, mate = team
    _set_claim_field(mate, field, value)
    assert_refused(target, mate, reason)


def test_control_characters_quoted_from_a_file_do_not_break_the_sentence(team):
    target, mate = team
    tamper(mate, f"UPDATE versions SET field = 'x' || char(13) || char(27) || '[2J' "
                 f"WHERE rowid = {CLAIM_VERSION.format(field='category')}")
    assert_refused(target, mate, r"answer 'x\?\?\[2J' is not a field")


def test_a_reviewer_id_under_another_name_is_refused(team):
    target, mate = team
    tamper(mate, "UPDATE reviewers SET name = 'Amara Okafor' WHERE name = 'Jonas Lindqvist'")
    assert_refused(target, mate, "reviewer id .* does not belong to the name")


def test_an_answer_to_a_field_no_form_has_is_refused(team):
    target, mate = team
    tamper(mate, f"UPDATE versions SET field = 'invented' WHERE rowid = {CLAIM_VERSION.format(field='category')}")
    assert_refused(target, mate, "answer 'invented' is not a field of the claim form")


@pytest.mark.parametrize("page_starts", ["'[0, 1e308, \"x\"]'", "'[0, -1]'", "'{}'", "'[0, 1e308]'",
                                         "'[0, 5, 3]'"])
def test_malformed_page_starts_are_refused(team, page_starts):
    target, mate = team
    tamper(mate, f"UPDATE contents SET page_starts = {page_starts} WHERE rowid = 1")
    assert_refused(target, mate, "page starts are not offsets into its text")


def test_the_same_version_id_with_other_content_is_refused_naming_both_files(team, tmp_path):
    target, mate = team
    forged = tmp_path / "forged.review"
    shutil.copy(mate, forged)
    _set_claim_field(forged, "statement", """'"words put in a teammate''s mouth"'""")
    before = target.read_bytes()
    for order in ([mate, forged], [forged, mate]):
        with pytest.raises(MergeRefused) as refused:
            merge_files(target, order)
        message = str(refused.value)
        assert message.startswith(f"{order[1]} cannot be merged: its version ")
        assert f"the same id in {order[0]}" in message
        assert target.read_bytes() == before
    merge_files(target, [mate])
    with pytest.raises(MergeRefused, match=f"same id in {target}"):
        merge_files(target, [forged])
