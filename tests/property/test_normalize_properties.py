"""Normalized text: the rules of reviewtool.core.normalize hold for any input."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtool.core.normalize import join_pages, normalize_text, page_of

text = st.text(alphabet=st.sampled_from(list("ab é\u0301 \t\n\r\u00a0\u2028\u2029\ufeff\u00ad\x00\x85.,\u3000")),
               max_size=60)


@settings(max_examples=500)
@given(text)
def test_normalized_text_obeys_every_rule(raw):
    clean = normalize_text(raw)
    assert normalize_text(clean) == clean  # idempotent
    assert unicodedata.is_normalized("NFC", clean)
    for forbidden in ("\r", "\u2028", "\u2029", "\x85", "\ufeff", "\u00ad", "\t", "\u00a0",
                      "\x00", "  ", "\n\n\n", " \n", "\n "):
        assert forbidden not in clean
    assert clean == clean.strip()


@settings(max_examples=200)
@given(st.lists(text, min_size=1, max_size=5))
def test_page_starts_name_the_page_of_every_character(pages):
    joined, starts = join_pages(pages)
    for number, page in enumerate(pages, start=1):
        normalized = normalize_text(page)
        if normalized:
            start = starts[number - 1]
            assert joined[start:start + len(normalized)] == normalized
            assert page_of(start, starts) == number
