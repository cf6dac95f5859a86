"""Anchors: W3C selectors, quote finding, pages, fuzzy re-anchoring."""

import pytest

from reviewtool.core.review.anchors import anchor_at, find_quote, reanchor
from reviewtool.core.errors import InvalidInput

TEXT = ("Kratom may cause insomnia in some users. Others report that kratom helps them sleep. "
        "Kratom may cause insomnia in some users, especially at higher doses.")


def test_selectors_are_w3c_shaped():
    anchor = anchor_at(TEXT, 0, 25, page_starts=(0, 100))
    selectors = anchor.selectors()
    assert selectors[0] == {"type": "TextPositionSelector", "start": 0, "end": 25}
    assert selectors[1]["type"] == "TextQuoteSelector"
    assert selectors[1]["exact"] == "Kratom may cause insomnia" and selectors[1]["prefix"] == ""
    assert len(anchor.suffix) == 32 and anchor.page == 1
    assert anchor_at(TEXT, 120, 130, page_starts=(0, 100)).page == 2


def test_ambiguous_quote_needs_an_occurrence():
    with pytest.raises(InvalidInput, match="occurs 2 times"):
        find_quote(TEXT, "Kratom may cause insomnia")
    first = find_quote(TEXT, "Kratom may cause insomnia", 1)
    second = find_quote(TEXT, "Kratom  may\ncause insomnia", 2)
    assert first[0] == 0 and second[0] > 80
    with pytest.raises(InvalidInput, match="occurs 2 times"):
        find_quote(TEXT, "Kratom may cause insomnia", 3)


def test_missing_quote_is_reported():
    with pytest.raises(InvalidInput, match="not found"):
        find_quote(TEXT, "kratom cures everything")


def test_exact_match_prefers_the_occurrence_with_the_same_context():
    start, end = find_quote(TEXT, "Kratom may cause insomnia", 2)
    anchor = anchor_at(TEXT, start, end)
    edited = "New opening sentence. " + TEXT
    moved = reanchor(anchor, edited)
    assert moved.start == start + len("New opening sentence. ")


def test_fuzzy_match_follows_a_reworded_passage():
    start, end = find_quote(TEXT, "Others report that kratom helps them sleep")
    anchor = anchor_at(TEXT, start, end)
    better = TEXT.replace("Others report that kratom helps", "Others reported that kratom helps")
    moved = reanchor(anchor, better)
    assert not moved.orphaned
    assert moved.exact == "Others reported that kratom helps them sleep"


def test_unrelated_text_orphans_the_claim():
    anchor = anchor_at(TEXT, *find_quote(TEXT, "Others report that kratom helps them sleep"))
    moved = reanchor(anchor, "A completely different article about coffee and tea.")
    assert moved.orphaned and moved.exact == anchor.exact
