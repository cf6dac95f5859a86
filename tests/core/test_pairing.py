"""Pairing reviewers' claims into passage units: one-to-one, optimal, never transitive.

The first four tests are the cases where the earlier greedy, overlap-of-the-shorter-quote
pairing went wrong; each fails on it.
"""

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtool.core.review.anchors import Anchor
from reviewtool.core.review.claims import Claim
from reviewtool.core.team.agreement.matching import match_units, overlap
from reviewtool.core.team.pairings import PairingCorrections


def claim(claim_id: str, reviewer: str, start: int, end: int, document: str = "d") -> Claim:
    return Claim(claim_id, document, reviewer, "", "", "claim", 1,
                 Anchor(start, end, "x" * (end - start), "", ""), {}, 0)


def groups(units) -> list[set[str]]:
    return sorted(({c.id for c in u.claims.values()} for u in units), key=sorted)


def test_a_long_quote_covering_two_short_ones_pairs_with_the_one_it_shares_most_with():
    # B's long quote covers A's first short quote (20 of 100 characters) and A's second
    # (60 of 100). Greedy pairing by the shorter quote scored both 1.0 and took the first.
    long = claim("b-long", "B", 0, 100)
    units = match_units([claim("a-first", "A", 0, 20), claim("a-second", "A", 40, 100), long])
    assert groups(units) == [{"a-first"}, {"a-second", "b-long"}]


def test_two_claims_each_nested_in_each_other_give_two_units_not_three():
    # A quotes two sentences [30,120) and a clause [40,60); B quotes the first sentence
    # [30,60) and the second [70,130). The optimal assignment pairs clause with sentence and
    # the long quote with the second sentence; greedy took the long quote with B's first
    # sentence and left two singletons.
    claims = [claim("a-long", "A", 30, 120), claim("a-clause", "A", 40, 60),
              claim("b-first", "B", 30, 60), claim("b-second", "B", 70, 130)]
    assert groups(match_units(claims)) == [{"a-clause", "b-first"}, {"a-long", "b-second"}]


def test_three_reviewers_two_quotes_sharing_no_text_are_not_joined_through_a_third():
    # C's quote overlaps both A's and B's (IoU 0.4 each), which share no character.
    claims = [claim("a", "A", 0, 60), claim("b", "B", 60, 120), claim("c", "C", 20, 100)]
    units = match_units(claims, min_overlap=0.3)
    assert groups(units) == [{"a", "c"}, {"b"}]
    for unit in units:
        for x, y in combinations(unit.claims.values(), 2):
            assert overlap(x, y) >= 0.3


def test_a_one_word_quote_inside_a_long_sentence_does_not_match_it_by_default():
    sentence, word = claim("sentence", "A", 0, 120), claim("word", "B", 50, 57)
    assert groups(match_units([sentence, word])) == [{"sentence"}, {"word"}]
    assert overlap(sentence, word) == pytest.approx(7 / 120)


def test_overlap_is_intersection_over_union():
    assert overlap(claim("a", "A", 0, 10), claim("b", "B", 5, 15)) == pytest.approx(5 / 15)
    assert overlap(claim("a", "A", 0, 10), claim("b", "B", 10, 20)) == 0.0
    assert overlap(claim("a", "A", 3, 9), claim("b", "B", 3, 9)) == 1.0


def test_threshold_decides_and_is_inclusive():
    a, b = claim("a", "A", 0, 10), claim("b", "B", 5, 15)  # IoU 1/3
    assert len(match_units([a, b], min_overlap=0.3)) == 1
    assert len(match_units([a, b], min_overlap=0.5)) == 2
    half = claim("h", "B", 0, 5)  # IoU exactly 0.5
    assert len(match_units([a, half], min_overlap=0.5)) == 1


def test_the_leads_split_and_pair_come_before_the_rule():
    a, b = claim("a", "A", 0, 100), claim("b", "B", 0, 100)
    far = claim("far", "B", 500, 510)
    split = PairingCorrections(split=frozenset({frozenset(("a", "b"))}))
    assert groups(match_units([a, b], corrections=split)) == [{"a"}, {"b"}]
    joined = PairingCorrections(paired=frozenset({frozenset(("a", "far"))}))
    units = match_units([a, b, far], corrections=joined)
    assert groups(units) == [{"a", "far"}, {"b"}]
    assert [u.confirmed for u in units if len(u.claims) == 2] == [True]


def test_orphaned_quotes_are_not_paired():
    lost = Claim("lost", "d", "B", "", "", "claim", 1, Anchor(0, 10, "x", "", "", None, True), {}, 0)
    assert groups(match_units([claim("a", "A", 0, 10), lost])) == [{"a"}]


SPANS = st.tuples(st.integers(0, 60), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), SPANS), min_size=1, max_size=9),
       st.sampled_from([0.3, 0.5, 0.7]))
def test_units_are_cliques_one_claim_per_reviewer_and_cover_every_claim(spec, threshold):
    claims = [claim(f"c{n}", reviewer, s, e) for n, (reviewer, (s, e)) in enumerate(spec)]
    units = match_units(claims, min_overlap=threshold)
    members = [c.id for u in units for c in u.claims.values()]
    assert sorted(members) == sorted(c.id for c in claims)  # a partition
    for unit in units:
        assert all(name == c.reviewer for name, c in unit.claims.items())
        for x, y in combinations(unit.claims.values(), 2):
            assert overlap(x, y) >= threshold


@settings(max_examples=200, deadline=None)
@given(st.lists(SPANS, min_size=1, max_size=5), st.lists(SPANS, min_size=1, max_size=5))
def test_two_reviewers_pairing_is_an_optimal_assignment(left, right):
    """No other one-to-one pairing above the threshold has a larger total overlap (checked by
    brute force over every matching)."""
    a = [claim(f"a{n}", "A", s, e) for n, (s, e) in enumerate(left)]
    b = [claim(f"b{n}", "B", s, e) for n, (s, e) in enumerate(right)]
    units = match_units(a + b)
    total = sum(overlap(*u.claims.values()) for u in units if len(u.claims) == 2)
    assert total == pytest.approx(_best_total(a, b, 0.5))


def _best_total(a, b, threshold) -> float:
    if not a:
        return 0.0
    first, rest = a[0], a[1:]
    best = _best_total(rest, b, threshold)
    for n, other in enumerate(b):
        if (score := overlap(first, other)) >= threshold:
            best = max(best, score + _best_total(rest, b[:n] + b[n + 1:], threshold))
    return best


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), SPANS), min_size=2, max_size=8), st.data())
def test_split_pairs_never_share_a_unit_and_units_stay_cliques(spec, data):
    claims = [claim(f"c{n}", reviewer, s, e) for n, (reviewer, (s, e)) in enumerate(spec)]
    cross = [(a.id, b.id) for a, b in combinations(claims, 2) if a.reviewer != b.reviewer]
    if not cross:
        return
    split = data.draw(st.lists(st.sampled_from(cross), unique=True))
    units = match_units(claims, min_overlap=0.3,
                        corrections=PairingCorrections(split=frozenset(map(frozenset, split))))
    unit_of = {c.id: n for n, u in enumerate(units) for c in u.claims.values()}
    for a, b in split:
        assert unit_of[a] != unit_of[b]
    for unit in units:
        for x, y in combinations(unit.claims.values(), 2):
            assert overlap(x, y) >= 0.3
