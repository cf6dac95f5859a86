"""Counts and lists in sentences, one helper for every plural in the app, CLI and report."""

from hypothesis import given
from hypothesis import strategies as st

from reviewtool.core.wording import counted, joined, noun_for


def test_counts_take_the_plural_from_two_on_and_group_thousands():
    assert counted(0, "claim") == "0 claims"
    assert counted(1, "claim") == "1 claim"
    assert counted(2, "claim") == "2 claims"
    assert counted(1200, "document") == "1,200 documents"
    assert counted(1, "document matches", "documents match") == "1 document matches"
    assert counted(3, "document matches", "documents match") == "3 documents match"
    assert noun_for(1, "column") == "column" and noun_for(2, "column") == "columns"


def test_lists_join_the_last_two_names_with_and():
    assert joined([]) == ""
    assert joined(["Amara"]) == "Amara"
    assert joined(("Amara", "Jonas")) == "Amara and Jonas"
    assert joined(["A", "B", "C"]) == "A, B and C"


@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=5), max_size=6))
def test_a_list_names_everyone_once_in_order(names):
    text = joined(names)
    assert text.replace(" and ", ", ").split(", ") == (names or [""])
