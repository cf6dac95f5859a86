"""Re-anchoring finds a passage after edits elsewhere, and flags (never loses) a removed one."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtool.core.review.anchors import anchor_at, find_quote, reanchor

WORDS = ["kratom", "sleep", "dose", "users", "report", "may", "cause", "the", "and", "of",
         "insomnia", "withdrawal", "effects", "higher", "lower", "study", "review", "in"]
# The quoted passage uses words that occur nowhere else, so where it went is unambiguous.
QUOTE_WORDS = ["Mitragynine", "binds", "mu-opioid", "receptors", "partially", "agonist",
               "alkaloid", "leaves"]

filler = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
passage = st.lists(st.sampled_from(QUOTE_WORDS), min_size=3, max_size=8).map(" ".join)


def document(before: str, quote: str, after: str) -> tuple[str, int, int]:
    text = f"{before} {quote} {after}".strip()
    start = text.index(quote)
    return text, start, start + len(quote)


@settings(max_examples=200)
@given(before=filler, quote=passage, after=filler, inserted=filler, removed_words=st.integers(0, 20),
       where=st.sampled_from(["before", "after"]))
def test_passage_is_found_after_edits_elsewhere(before, quote, after, inserted, removed_words, where):
    text, start, end = document(before, quote, after)
    anchor = anchor_at(text, start, end)
    assert text[anchor.start:anchor.end] == anchor.exact == quote
    if where == "before":
        kept = before.split()[removed_words:]
        new_text, _, _ = document(" ".join([inserted] + kept), quote, after)
    else:
        kept = after.split()[: max(0, len(after.split()) - removed_words)]
        new_text, _, _ = document(before, quote, " ".join(kept + [inserted]))
    moved = reanchor(anchor, new_text)
    assert not moved.orphaned
    assert new_text[moved.start:moved.end] == quote


@settings(max_examples=200)
@given(before=filler, quote=passage, after=filler)
def test_removed_passage_is_flagged_orphaned_and_kept(before, quote, after):
    text, start, end = document(before, quote, after)
    anchor = anchor_at(text, start, end)
    new_text = f"{before} {after}".strip() or "nothing left"
    moved = reanchor(anchor, new_text)
    assert moved.orphaned
    assert moved.exact == quote  # what the claim quoted is kept for a human to re-place


@settings(max_examples=100)
@given(before=filler, quote=passage, after=filler)
def test_quote_found_whatever_the_whitespace(before, quote, after):
    text, start, end = document(before, quote, after)
    pasted = "\n  ".join(quote.split(" "))
    assert find_quote(text, pasted) == (start, end)
