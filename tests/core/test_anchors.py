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


# A quote that occurs twice; only the surrounding words tell the two apart.
REPEATED = ("Kratom may cause insomnia in some users. Others report that kratom helps them "
            "sleep. The second article warns: Kratom may cause insomnia in some users, "
            "especially at higher doses.")
FRONT_MATTER = "Editor's note. " + "This page was rewritten for the new edition. " * 8


def test_repeated_quote_is_chosen_by_its_context_when_position_points_elsewhere():
    start, end = find_quote(REPEATED, "Kratom may cause insomnia in some users", 2)
    anchor = anchor_at(REPEATED, start, end)
    # Text added before both copies leaves the first copy nearer the old position, so only
    # the prefix ("…warns: ") and suffix (", especially…") can pick the right one.
    edited = FRONT_MATTER + REPEATED
    first, second = (edited.index(anchor.exact), edited.rindex(anchor.exact))
    assert abs(first - anchor.start) < abs(second - anchor.start)
    moved = reanchor(anchor, edited)
    assert (moved.start, moved.end) == (second, second + len(anchor.exact))
    assert moved.prefix.endswith("warns: ") and moved.suffix.startswith(", especially")


def test_repeated_quote_keeps_the_first_copy_when_that_is_the_one_quoted():
    start, end = find_quote(REPEATED, "Kratom may cause insomnia in some users", 1)
    anchor = anchor_at(REPEATED, start, end)
    edited = REPEATED.replace("Others report", "Many others report") + " " + REPEATED[:40]
    moved = reanchor(anchor, edited)
    assert moved.start == 0 and moved.suffix.startswith(". Many others")
