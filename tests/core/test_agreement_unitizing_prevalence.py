"""Gwet's AC1, PABAK, positive specific agreement and Krippendorff's unitizing alpha, checked
against published worked examples and independent computations written out below.

References: Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., the 4-rater, 12-unit
example with missing ratings (AC1 0.7754, p_a 0.8182, p_e 0.1903; Fleiss' kappa 0.7612, as
also printed by Gwet's irrCAC); Krippendorff (2004), Content Analysis, 2nd ed., p. 254, the
unitizing example (D_o 0.0144, D_e 0.0532, |u-alpha 0.7286 for category c); Byrt, Bishop &
Carlin (1993) for PABAK = 2 p_o - 1 with two categories.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewtool.core.team.agreement import fleiss_kappa, gwet_ac1, pabak, percent_agreement
from reviewtool.core.team.agreement.unitizing import (
    Continuum,
    observed_and_expected,
    positive_specific_agreement,
    unitizing_alpha,
)

N = None
GWET_2014 = [[1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
             [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, N, 3, N]]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def independent_ac1(matrix, q=None):
    """AC1 written out from Gwet (2008), eqs. for p_a and p_e, one unit at a time."""
    categories = sorted({v for row in matrix for v in row if v is not None}, key=str)
    q = q or len(categories)
    rated = [[v for v in row if v is not None] for row in matrix]
    rated = [r for r in rated if r]
    pairable = [r for r in rated if len(r) >= 2]
    p_a = sum(sum(r.count(k) * (r.count(k) - 1) for k in categories) / (len(r) * (len(r) - 1))
              for r in pairable) / len(pairable)
    pi = {k: sum(r.count(k) / len(r) for r in rated) / len(rated) for k in categories}
    p_e = sum(p * (1 - p) for p in pi.values()) / (q - 1)
    return (p_a - p_e) / (1 - p_e)


def test_gwet_2014_worked_example():
    assert gwet_ac1(GWET_2014).value == pytest.approx(0.77544, abs=5e-6)
    assert fleiss_kappa(GWET_2014).value == pytest.approx(0.76117, abs=5e-6)
    assert independent_ac1(GWET_2014) == pytest.approx(0.77544, abs=5e-6)


def test_ac1_counts_the_categories_the_field_offers():
    a, b = list("aabbaaabaa"), list("abbbaaaaaa")
    matrix = [list(pair) for pair in zip(a, b)]
    assert gwet_ac1(matrix).value == pytest.approx(0.65517, abs=5e-6)  # irrCAC, q = 2
    assert gwet_ac1(matrix, n_categories=3).value == pytest.approx(0.74684, abs=5e-6)  # q = 3
    with pytest.raises(ValueError):
        gwet_ac1(matrix, n_categories=1)


MATRICES = st.lists(st.lists(st.one_of(st.none(), st.sampled_from("abc")), min_size=3, max_size=3),
                    min_size=2, max_size=30)


@SETTINGS
@given(MATRICES)
def test_ac1_matches_the_independent_computation(matrix):
    rows = [r for r in matrix if sum(v is not None for v in r) >= 2]
    if not rows:
        assert gwet_ac1(matrix).value is None
        return
    used = {v for row in matrix for v in row if v is not None}
    expected = independent_ac1(matrix, q=3)
    assert gwet_ac1(matrix, n_categories=3, n_resamples=1).value == pytest.approx(expected, abs=1e-12)
    if len(used) >= 2:
        assert gwet_ac1(matrix, n_resamples=1).value == pytest.approx(
            independent_ac1(matrix), abs=1e-12)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz")), min_size=1, max_size=40),
       st.sampled_from([2, 3, 5]))
def test_pabak_two_raters_is_rescaled_observed_agreement(pairs, offered):
    matrix = [list(p) for p in pairs]
    used = len({v for p in pairs for v in p})
    if used > offered:
        return
    p_o = sum(a == b for a, b in pairs) / len(pairs)
    estimate = pabak(matrix, n_categories=offered)
    assert estimate.value == pytest.approx((offered * p_o - 1) / (offered - 1))
    if estimate.has_interval:
        low, high = percent_agreement(matrix).ci_low, percent_agreement(matrix).ci_high
        assert estimate.ci_low == pytest.approx((offered * low - 1) / (offered - 1))
        assert estimate.ci_high == pytest.approx((offered * high - 1) / (offered - 1))


def test_pabak_two_categories_is_two_po_minus_one_and_randolph_for_more_raters():
    matrix = [["y", "y"]] * 40 + [["y", "n"]] * 6 + [["n", "n"]] * 4  # p_o = 0.88
    assert pabak(matrix).value == pytest.approx(2 * 0.88 - 1)
    three = [["y", "y", "n"], ["y", "y", "y"], ["n", "n", "n"], ["y", "n", "n"]] * 3
    pairwise = np.mean([1 / 3, 1, 1, 1 / 3])  # mean share of agreeing rater pairs
    assert pabak(three).value == pytest.approx(2 * pairwise - 1)
    assert pabak(three).has_interval and "bootstrap" in pabak(three).method


def test_positive_specific_agreement_two_reviewers_and_several():
    # a = 6 passages found by both, b = 3 by the first only, c = 1 by the second only.
    found = [[True, True]] * 6 + [[True, False]] * 3 + [[False, True]]
    estimate = positive_specific_agreement(found)
    assert estimate.value == pytest.approx(2 * 6 / (2 * 6 + 3 + 1))
    assert estimate.n_units == 10 and estimate.has_interval
    # Three reviewers, one passage found by two of them, one by all three; None: not a
    # reviewer of that document.
    found = [[True, True, False], [True, True, True], [True, None, False]]
    assert positive_specific_agreement(found).value == pytest.approx((2 + 6 + 0) / (2 * 2 + 3 * 2 + 1))


def test_specific_agreement_when_all_found_everything_has_no_zero_width_interval():
    estimate = positive_specific_agreement([[True, True]] * 12)
    assert estimate.value == 1.0 and not estimate.has_interval
    assert estimate.method.startswith("no interval")


# Krippendorff (2004, p. 254): a continuum from 150 to 450; category c only (k agrees fully).
KRIPPENDORFF_2004 = Continuum(300, {"i": [(225 - 150, 295 - 150), (370 - 150, 400 - 150)],
                                    "j": [(220 - 150, 300 - 150), (355 - 150, 375 - 150),
                                          (400 - 150, 420 - 150)]})


def test_krippendorff_2004_unitizing_worked_example():
    d_o, d_e = observed_and_expected([KRIPPENDORFF_2004], ["i", "j"])
    assert d_o == pytest.approx(0.0144, abs=5e-5)
    assert d_e == pytest.approx(0.0532, abs=5e-5)
    alpha = unitizing_alpha([KRIPPENDORFF_2004], ["i", "j"])
    assert alpha.value == pytest.approx(0.7286, abs=5e-5)
    assert not alpha.has_interval and alpha.method.startswith("too few documents")


def test_unitizing_alpha_is_one_for_identical_marks_and_merges_a_reviewers_overlaps():
    same = Continuum(200, {"a": [(10, 50), (90, 120)], "b": [(10, 50), (90, 120)]})
    assert unitizing_alpha([same], ["a", "b"]).value == pytest.approx(1.0)
    # Two overlapping quotes of one reviewer are one marked stretch.
    split = Continuum(200, {"a": [(10, 40), (30, 50), (90, 120)], "b": [(10, 50), (90, 120)]})
    assert unitizing_alpha([split], ["a", "b"]).value == pytest.approx(1.0)
    nothing = Continuum(200, {})
    assert unitizing_alpha([nothing], ["a", "b"]).value is None


def test_unitizing_alpha_over_documents_has_a_bootstrap_interval_over_documents():
    rng = np.random.default_rng(4)
    documents = []
    for _ in range(12):
        start = int(rng.integers(0, 400))
        documents.append(Continuum(1000, {"a": [(start, start + 80)],
                                          "b": [(start + int(rng.integers(-20, 20)), start + 90)]}))
    alpha = unitizing_alpha(documents, ["a", "b"])
    assert alpha.n_units == 12 and alpha.has_interval and "over documents" in alpha.method
    assert alpha.ci_low <= alpha.value <= alpha.ci_high <= 1
    # Laying documents end to end: their order does not matter.
    assert unitizing_alpha(documents[::-1], ["a", "b"]).value == pytest.approx(alpha.value)


SPANS = st.lists(st.tuples(st.integers(0, 180), st.integers(1, 40)).map(lambda t: (t[0], min(t[0] + t[1], 200))),
                 max_size=4)


@SETTINGS
@given(st.lists(st.tuples(SPANS, SPANS), min_size=1, max_size=4))
def test_unitizing_alpha_is_symmetric_in_the_reviewers_and_at_most_one(documents):
    continua = [Continuum(200, {"a": a, "b": b}) for a, b in documents]
    forward = unitizing_alpha(continua, ["a", "b"], n_resamples=1)
    backward = unitizing_alpha(continua, ["b", "a"], n_resamples=1)
    if forward.value is None:
        assert backward.value is None
        return
    assert forward.value == pytest.approx(backward.value, abs=1e-12)
    assert forward.value <= 1 + 1e-12
    identical = [Continuum(200, {"a": a, "b": a}) for a, _ in documents]
    same = unitizing_alpha(identical, ["a", "b"], n_resamples=1)
    assert same.value is None or same.value == pytest.approx(1.0)


def _brute_expected(documents, reviewers):
    """D_e written out term by term (Krippendorff 2004, §12.4), one loop per sum."""
    m = len(reviewers)
    units, gaps, total = [], [], 0
    for doc in documents:
        total += doc.length
        for name in reviewers:
            marked = sorted(doc.marked.get(name, []))
            merged = []
            for s, e in marked:
                if merged and s < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            position = 0
            for s, e in merged:
                if s > position:
                    gaps.append(s - position)
                units.append(e - s)
                position = e
            if position < doc.length:
                gaps.append(doc.length - position)
    n = len(units)
    spread = 0.0
    for length in units:
        spread += (n - 1) * (2 * length**3 - 3 * length**2 + length) / 3
        spread += length**2 * sum(g - length + 1 for g in gaps if g >= length)
    return (2 / total) * spread / (m * total * (m * total - 1) - sum(u * (u - 1) for u in units))


@SETTINGS
@given(st.lists(st.tuples(SPANS, SPANS), min_size=1, max_size=4))
def test_expected_unitizing_disagreement_matches_the_term_by_term_sum(documents):
    continua = [Continuum(200, {"a": a, "b": b}) for a, b in documents]
    _, d_e = observed_and_expected(continua, ["a", "b"])
    assert d_e == pytest.approx(_brute_expected(continua, ["a", "b"]), rel=1e-12, abs=1e-15)
