"""Agreement statistics checked against published worked examples and reference implementations.

References used: Krippendorff (2011) worked example; Fleiss (1971) example as tabulated on
Wikipedia ("Fleiss' kappa"); Wikipedia "Cohen's kappa" example; statsmodels'
inter_rater module (Cohen's kappa with Fleiss-Cohen-Everitt variance, Fleiss' kappa,
Wilson interval); Gwet's irrCAC for Fleiss' kappa with missing ratings; and an
independent Krippendorff's alpha written below from the coincidence-matrix definition.
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa
from statsmodels.stats.proportion import proportion_confint

from reviewtool.core.team.agreement import (
    Estimate,
    agreement_summary,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    pabak,
    percent_agreement,
)
from reviewtool.core.team.agreement.estimate import MIN_UNITS_FOR_INTERVAL, TOO_FEW_UNITS, ZERO_WIDTH
from reviewtool.core.errors import InvalidInput

GRADE = ["high", "moderate", "low", "very_low"]
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _units(*raters: str) -> list[list[int | None]]:
    """Transpose per-rater rows written as in the papers ('.' = missing) into unit rows."""
    columns = [[None if value == "." else int(value) for value in rater.split()] for rater in raters]
    return [list(unit) for unit in zip(*columns, strict=True)]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", observers A-D x 12 units.
# Unit 12 has a single value, so it is not pairable (whoever gave it).
KRIPPENDORFF_2011 = _units(
    "1 2 3 3 2 1 4 1 2 . . .",
    "1 2 3 3 2 2 4 1 2 5 . 3",
    ". 3 3 3 2 3 4 2 2 5 1 .",
    "1 2 3 3 2 4 4 1 2 5 1 .",
)

# Fleiss (1971) / Wikipedia: 10 subjects x 14 raters, counts per category.
FLEISS_1971_COUNTS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def _matrix_from_counts(counts: list[list[int]]) -> list[list[int]]:
    return [[category for category, count in enumerate(row) for _ in range(count)] for row in counts]


# ---------------------------------------------------------------- independent reference


def reference_alpha(matrix, metric: str, order=None) -> float | None:
    """Krippendorff's alpha straight from the coincidence-matrix definition (Krippendorff 2011)."""
    values = sorted({v for unit in matrix for v in unit if v is not None}, key=order.index if order else None)
    coincidence = {(c, k): 0.0 for c in values for k in values}
    for unit in matrix:
        present = [v for v in unit if v is not None]
        if len(present) < 2:
            continue
        for i, c in enumerate(present):
            for j, k in enumerate(present):
                if i != j:
                    coincidence[c, k] += 1 / (len(present) - 1)
    marginal = {c: sum(coincidence[c, k] for k in values) for c in values}
    n = sum(marginal.values())
    rank = {c: i for i, c in enumerate(values)}

    def delta(c, k):
        if metric == "nominal":
            return float(c != k)
        if metric == "interval":
            return float(c - k) ** 2
        low, high = sorted((rank[c], rank[k]))
        between = sum(marginal[values[g]] for g in range(low, high + 1))
        return (between - (marginal[c] + marginal[k]) / 2) ** 2

    observed = sum(coincidence[c, k] * delta(c, k) for c in values for k in values)
    expected = sum(marginal[c] * marginal[k] * delta(c, k) for c in values for k in values)
    if n == 0 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def _contingency(pairs, categories) -> np.ndarray:
    table = np.zeros((len(categories), len(categories)))
    for a, b in pairs:
        table[categories.index(a), categories.index(b)] += 1
    return table


def _ratings(categories, missing: bool):
    value = st.sampled_from(categories)
    return st.one_of(st.none(), value, value) if missing else value


@st.composite
def reliability_matrices(draw, categories=("a", "b", "c", "d"), raters=(2, 5), missing=True, units=(1, 30)):
    n_raters = draw(st.integers(*raters))
    row = st.lists(_ratings(categories, missing), min_size=n_raters, max_size=n_raters)
    return draw(st.lists(row, min_size=units[0], max_size=units[1]))


# ---------------------------------------------------------------- published worked examples


def test_krippendorff_2011_example_gives_published_alphas():
    nominal = krippendorff_alpha(KRIPPENDORFF_2011)
    ordinal = krippendorff_alpha(KRIPPENDORFF_2011, level="ordinal", order=[1, 2, 3, 4, 5])
    assert round(nominal.value, 3) == 0.743
    assert round(ordinal.value, 3) == 0.815
    assert (nominal.n_units, nominal.n_raters) == (11, 4)  # unit 12 is not pairable


def test_reference_alpha_reproduces_the_paper_so_it_can_serve_as_reference():
    assert round(reference_alpha(KRIPPENDORFF_2011, "nominal"), 3) == 0.743
    assert round(reference_alpha(KRIPPENDORFF_2011, "ordinal"), 3) == 0.815
    assert round(reference_alpha(KRIPPENDORFF_2011, "interval"), 3) == 0.849


def test_ordinal_alpha_uses_rank_in_the_given_order_for_labelled_categories():
    labels = ["very_low", "low", "moderate", "high", "very_high"]
    labelled = [[None if v is None else labels[v - 1] for v in unit] for unit in KRIPPENDORFF_2011]
    best_first = list(reversed(labels))
    assert krippendorff_alpha(labelled, level="ordinal", order=labels).value == pytest.approx(0.81539, abs=1e-5)
    # Reversing the scale keeps every distance; scrambling it does not.
    assert krippendorff_alpha(labelled, level="ordinal", order=best_first).value == pytest.approx(0.81539, abs=1e-5)
    scrambled = ["moderate", "very_low", "very_high", "low", "high"]
    assert krippendorff_alpha(labelled, level="ordinal", order=scrambled).value != pytest.approx(0.81539, abs=1e-3)


def test_fleiss_1971_example_gives_published_kappa():
    estimate = fleiss_kappa(_matrix_from_counts(FLEISS_1971_COUNTS))
    assert round(estimate.value, 3) == 0.210
    assert (estimate.n_units, estimate.n_raters) == (10, 14)


def test_cohen_wikipedia_example_gives_published_kappa():
    # yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o = 0.70, p_e = 0.50.
    rater_a = ["yes"] * 25 + ["no"] * 25
    rater_b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    estimate = cohen_kappa(rater_a, rater_b)
    assert estimate.value == pytest.approx(0.40, abs=1e-12)
    assert estimate.n_units == 50


def test_fleiss_kappa_with_missing_ratings_matches_gwet_irrcac():
    # irrCAC's documented result for the Krippendorff data: Fleiss' kappa 0.76117 (pa 0.81818, pe 0.23872).
    assert fleiss_kappa(KRIPPENDORFF_2011).value == pytest.approx(0.76117, abs=5e-6)
    # A second matrix with varying raters per unit and a single-rated unit; value from irrCAC 0.4.4.
    matrix = [
        [None, "neutral", "benefit", "benefit"],
        ["risk", None, None, "risk"],
        [None, "benefit", "risk", "benefit"],
        ["risk", "risk", "risk", "benefit"],
        ["neutral", "benefit", "benefit", "neutral"],
        ["risk", "risk", "benefit", "risk"],
        ["risk", "benefit", None, "risk"],
        ["benefit", "benefit", "benefit", "risk"],
        ["risk", "risk", "risk", "risk"],
        ["risk", "risk", None, None],
        [None, "neutral", "risk", None],
        ["benefit", "benefit", "risk", "benefit"],
        ["benefit", "neutral", "risk", "benefit"],
        ["risk", None, None, "risk"],
        [None, "neutral", None, None],
    ]
    estimate = fleiss_kappa(matrix)
    assert estimate.value == pytest.approx(0.234615999651, abs=1e-11)
    assert estimate.n_units == 14
    assert "1 single-rated units count toward category prevalence only" in estimate.method


# ---------------------------------------------------------------- reference implementations


@PROPERTY_SETTINGS
@given(
    pairs=st.lists(st.tuples(st.sampled_from(GRADE), st.sampled_from(GRADE)), min_size=2, max_size=60),
    weights=st.sampled_from([None, "linear", "quadratic"]),
)
def test_cohen_kappa_value_se_and_interval_match_statsmodels(pairs, weights):
    table = _contingency(pairs, GRADE)
    row, col = table.sum(axis=1) / len(pairs), table.sum(axis=0) / len(pairs)
    assume(not (row.max() == 1 and col.max() == 1 and row.argmax() == col.argmax()))  # kappa undefined
    with np.errstate(invalid="ignore", divide="ignore"):  # statsmodels' null-variance extras
        reference = sm_cohens_kappa(table) if weights is None else sm_cohens_kappa(table, wt=weights)

    estimate = cohen_kappa([list(pair) for pair in pairs], weights=weights, order=GRADE)

    assert estimate.value == pytest.approx(reference.kappa, abs=1e-10)
    if len(pairs) < MIN_UNITS_FOR_INTERVAL:
        assert not estimate.has_interval and estimate.method.startswith(TOO_FEW_UNITS)
    elif reference.var_kappa < 1e-10:
        # A variance of 0 (every unit agrees, or a degenerate table) comes out of either
        # computation as a rounding error of either sign: no zero-width interval is given.
        assert not estimate.has_interval and estimate.method.startswith(ZERO_WIDTH)
    else:
        half_width = 1.959963984540054 * math.sqrt(reference.var_kappa)
        assert estimate.ci_low == pytest.approx(max(reference.kappa - half_width, -1), abs=1e-9)
        assert estimate.ci_high == pytest.approx(min(reference.kappa + half_width, 1), abs=1e-9)
        if weights is None:  # statsmodels' own interval, same SE and z
            assert estimate.ci_low == pytest.approx(max(reference.kappa_low, -1), abs=1e-9)


@PROPERTY_SETTINGS
@given(matrix=reliability_matrices(raters=(2, 6), missing=False, units=(2, 30)))
def test_fleiss_kappa_matches_statsmodels_on_complete_data(matrix):
    table, _ = aggregate_raters(np.array(matrix, dtype=object))
    assume(table.sum(axis=0).max() < table.sum())  # not all one category
    assert fleiss_kappa(matrix, n_resamples=1).value == pytest.approx(sm_fleiss_kappa(table), abs=1e-10)


@PROPERTY_SETTINGS
@given(matrix=reliability_matrices(categories=tuple(GRADE)), level=st.sampled_from(["nominal", "ordinal"]))
def test_krippendorff_alpha_matches_coincidence_definition_with_missing_data(matrix, level):
    expected = reference_alpha(matrix, level, order=GRADE)
    estimate = krippendorff_alpha(matrix, level=level, order=GRADE, n_resamples=1)
    if expected is None:
        assert estimate.value is None and estimate.method.startswith("undefined:")
    else:
        assert estimate.value == pytest.approx(expected, abs=1e-9)


def test_wilson_interval_matches_statsmodels():
    matrix = [["a", "a"]] * 17 + [["a", "b"]] * 6
    estimate = percent_agreement(matrix)
    low, high = proportion_confint(17, 23, alpha=0.05, method="wilson")
    assert estimate.value == pytest.approx(17 / 23)
    assert (estimate.ci_low, estimate.ci_high) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))


# ---------------------------------------------------------------- conventions a caller relies on


def test_percent_agreement_counts_units_with_two_or_more_ratings_and_all_present_raters():
    matrix = [
        ["a", "a", None],  # agree
        ["a", "b", None],  # disagree
        [None, None, "b"],  # one rating: left out
        ["b", "b", "b"],  # agree
        ["a", "a", "b"],  # disagree: not every rater agrees
    ]
    estimate = percent_agreement(matrix)
    assert estimate.value == pytest.approx(2 / 4)
    assert (estimate.n_units, estimate.n_raters) == (4, 3)


def test_cohen_kappa_excludes_units_missing_a_rating_and_says_so():
    complete = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"], ["a", "a"]] * 2
    with_gaps = complete + [["a", None], [None, "b"]]
    estimate = cohen_kappa(with_gaps)
    assert estimate.value == pytest.approx(cohen_kappa(complete).value)
    assert estimate.n_units == 10
    assert "2 units lacking a rating excluded" in estimate.method
    few = cohen_kappa(complete[:5] + [["a", None]])
    assert few.method == f"{TOO_FEW_UNITS}; 1 units lacking a rating excluded"


def test_cohen_kappa_accepts_two_rater_columns():
    rater_a, rater_b = ["a", "b", "b", None, "c"], ["a", "b", "c", "c", "c"]
    assert cohen_kappa(rater_a, rater_b) == cohen_kappa([list(unit) for unit in zip(rater_a, rater_b)])


def test_weighted_kappa_on_two_categories_equals_unweighted():
    matrix = [["high", "low"], ["high", "high"], ["low", "low"], ["low", "high"], ["low", "low"]]
    plain = cohen_kappa(matrix).value
    for weights in ("linear", "quadratic"):
        assert cohen_kappa(matrix, weights=weights, order=["high", "low"]).value == pytest.approx(plain)


def test_weighted_kappa_gives_partial_credit_for_near_misses():
    near_misses = [
        ["high", "moderate"], ["moderate", "low"], ["low", "very_low"], ["high", "high"], ["very_low", "very_low"]
    ]
    unweighted = cohen_kappa(near_misses).value
    linear = cohen_kappa(near_misses, weights="linear", order=GRADE).value
    quadratic = cohen_kappa(near_misses, weights="quadratic", order=GRADE).value
    assert unweighted < linear < quadratic


def test_nan_counts_as_missing_like_none():
    with_none = [["a", None, "a"], ["b", "b", None], ["a", "b", "b"]]
    with_nan = [[math.nan if v is None else v for v in unit] for unit in with_none]
    assert krippendorff_alpha(with_nan) == krippendorff_alpha(with_none)
    assert fleiss_kappa(with_nan) == fleiss_kappa(with_none)


def test_bootstrap_interval_is_deterministic_and_depends_on_the_seed():
    rng = np.random.default_rng(3)
    matrix = rng.integers(0, 3, size=(60, 3)).tolist()
    first, again = krippendorff_alpha(matrix), krippendorff_alpha(matrix)
    assert first == again
    assert "1000 resamples, seed 0" in first.method
    other = krippendorff_alpha(matrix, seed=1)
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)
    assert "seed 1" in other.method


def test_bootstrap_intervals_are_as_wide_as_the_asymptotic_95_percent_interval():
    # With two raters and many units Fleiss' kappa and nominal alpha are close to Cohen's
    # kappa, so their bootstrap intervals should be about as wide as its asymptotic one
    # (a 90% interval would be 16% narrower).
    rng = np.random.default_rng(5)
    truth = rng.integers(0, 3, size=400)
    matrix = np.where(rng.random((400, 2)) < 0.4, rng.integers(0, 3, size=(400, 2)), truth[:, None]).tolist()
    asymptotic = cohen_kappa(matrix)
    for estimate in (fleiss_kappa(matrix), krippendorff_alpha(matrix)):
        ratio = (estimate.ci_high - estimate.ci_low) / (asymptotic.ci_high - asymptotic.ci_low)
        assert 0.92 < ratio < 1.08, (estimate, asymptotic)


def _realistic_matrices():
    """Three raters who mostly follow a true category, with some missing ratings."""
    rng = np.random.default_rng(11)
    for n_units, noise in ((15, 0.2), (80, 0.4), (200, 0.7)):
        truth = rng.integers(0, 4, size=n_units)
        ratings = np.where(rng.random((n_units, 3)) < noise, rng.integers(0, 4, size=(n_units, 3)), truth[:, None])
        matrix = [[GRADE[r] for r in unit] for unit in ratings]
        for unit, rater in zip(rng.integers(0, n_units, size=n_units // 5), rng.integers(0, 3, size=n_units // 5)):
            matrix[unit][rater] = None
        yield matrix


@pytest.mark.parametrize("matrix", list(_realistic_matrices()))
def test_every_interval_contains_its_estimate_and_lies_in_range(matrix):
    estimates = agreement_summary(matrix, ordinal_order=GRADE)
    two_raters = [unit[:2] for unit in matrix]
    estimates += agreement_summary(two_raters, ordinal_order=GRADE)
    for estimate in estimates:
        assert estimate.defined, estimate
        assert -1 <= estimate.ci_low <= estimate.value <= estimate.ci_high <= 1, estimate


# ---------------------------------------------------------------- perfect and undefined


def test_perfect_agreement_gives_one_everywhere_and_no_zero_width_interval():
    matrix = [["risk", "risk", "risk"], ["benefit", "benefit", None], ["neutral", "neutral", "neutral"]] * 4
    for estimate in agreement_summary(matrix) + agreement_summary([unit[:2] for unit in matrix]):
        assert estimate.value == pytest.approx(1.0), estimate
        if estimate.has_interval:  # percent agreement and PABAK: the Wilson interval
            assert estimate.ci_low < estimate.ci_high == pytest.approx(1.0), estimate
        else:  # kappa's SE is 0, every bootstrap resample gives 1
            assert estimate.method.startswith(ZERO_WIDTH), estimate


def test_perfect_agreement_cohen_kappa_prints_no_point_interval():
    # "κ 1.00 [1.00, 1.00]" on a handful of units was an interval that claimed certainty.
    few = cohen_kappa([["a", "a"], ["b", "b"], ["c", "c"]])
    assert few.value == pytest.approx(1) and not few.has_interval
    assert few.method == TOO_FEW_UNITS and few.note == TOO_FEW_UNITS
    many = cohen_kappa([["a", "a"], ["b", "b"], ["c", "c"]] * 4)
    assert many.value == pytest.approx(1) and not many.has_interval
    assert many.method == ZERO_WIDTH


def test_one_unit_gives_its_estimate_without_an_interval():
    # "κ 0 [0, 0]" on one unit.
    for estimate in agreement_summary([["a", "b"]]):
        assert not estimate.has_interval, estimate
        assert estimate.note.startswith(("too few units", "undefined")) or \
            estimate.method.startswith(TOO_FEW_UNITS), estimate


def test_undefined_resamples_are_counted_and_withhold_a_biased_interval():
    # 19 units agreeing on "a" and one disagreement: a resample without the disagreement has
    # every rating "a" and kappa undefined (about 36% of resamples). Keeping only the others
    # would keep only resamples holding the disagreement.
    matrix = [["a", "a"]] * 19 + [["a", "b"]]
    kappa = fleiss_kappa(matrix)
    assert kappa.value is not None and not kappa.has_interval
    assert 300 < kappa.undefined_resamples < 420
    assert f"undefined in {kappa.undefined_resamples} of 1000" in kappa.method
    assert kappa.as_json()["undefined_resamples"] == kappa.undefined_resamples
    # A few undefined resamples (under 5%) leave the interval, with the count said.
    matrix = [["a", "a"]] * 10 + [["b", "b"]] * 3 + [["a", "b"]] * 2
    alpha = krippendorff_alpha(matrix)
    assert alpha.has_interval and 0 < alpha.undefined_resamples <= 50
    assert f"{alpha.undefined_resamples} resamples with the statistic undefined left out" in alpha.method


def test_one_shared_category_makes_kappa_and_alpha_undefined_but_not_ac1_and_pabak():
    matrix = [["low", "low"]] * 12
    summary = {estimate.statistic: estimate for estimate in agreement_summary(matrix, ordinal_order=GRADE)}
    assert summary["percent agreement"].value == 1.0  # agreement itself is well defined
    # The kappa paradox at its limit: with four categories offered, AC1 and PABAK are 1.
    assert summary["Gwet's AC1"].value == 1.0 and summary["PABAK"].value == 1.0
    undefined = [e for name, e in summary.items() if name not in ("percent agreement", "Gwet's AC1", "PABAK")]
    assert len(undefined) == 5
    for estimate in undefined:
        assert estimate.value is None and estimate.ci_low is None and estimate.ci_high is None
        assert not estimate.defined
        assert estimate.method.startswith("undefined:") and "same category" in estimate.method
        assert estimate.n_units == 12


def test_raters_each_using_a_different_single_category_is_defined_zero():
    # Chance agreement is 0 here, so kappa = (0 - 0) / 1; only shared single categories are 0/0.
    assert cohen_kappa([["a", "b"]] * 5).value == 0.0


@pytest.mark.parametrize("matrix", [[], [[None, None], [None, None]], [["a", None], [None, "b"]]])
def test_no_comparable_units_is_undefined_not_an_error(matrix):
    for estimate in agreement_summary(matrix):
        assert estimate.value is None
        assert estimate.n_units == 0
        assert estimate.method.startswith("undefined:")


# ---------------------------------------------------------------- summary composition and input errors


def test_summary_lists_the_statistics_that_apply():
    two_nominal = [s.statistic for s in agreement_summary([["a", "b"], ["a", "a"]])]
    assert two_nominal == ["percent agreement", "Cohen's kappa", "Fleiss' kappa", "Krippendorff's alpha (nominal)",
                           "Gwet's AC1", "PABAK"]
    two_ordinal = [s.statistic for s in agreement_summary([["low", "high"], ["low", "low"]], ordinal_order=GRADE)]
    assert two_ordinal == [
        "percent agreement",
        "Cohen's kappa",
        "Cohen's weighted kappa (quadratic)",
        "Fleiss' kappa",
        "Krippendorff's alpha (nominal)",
        "Krippendorff's alpha (ordinal)",
        "Gwet's AC1",
        "PABAK",
    ]
    three_ordinal = [s.statistic for s in agreement_summary([["low", "high", "low"]], ordinal_order=GRADE)]
    assert "Cohen's kappa" not in three_ordinal and "Krippendorff's alpha (ordinal)" in three_ordinal


def test_summary_values_are_the_individual_statistics():
    matrix = [["low", "high"], ["low", "low"], ["moderate", "moderate"], ["high", "moderate"], ["very_low", "low"]]
    assert agreement_summary(matrix, ordinal_order=GRADE) == [
        percent_agreement(matrix),
        cohen_kappa(matrix, order=GRADE),
        cohen_kappa(matrix, weights="quadratic", order=GRADE),
        fleiss_kappa(matrix),
        krippendorff_alpha(matrix, order=GRADE),
        krippendorff_alpha(matrix, level="ordinal", order=GRADE),
        gwet_ac1(matrix, n_categories=4),
        pabak(matrix, n_categories=4),
    ]
    assert all(isinstance(estimate, Estimate) for estimate in agreement_summary(matrix))


def test_cohen_kappa_refuses_other_than_two_raters():
    with pytest.raises(InvalidInput, match="exactly two raters"):
        cohen_kappa([["a", "b", "a"]])


def test_ratings_outside_the_order_are_refused_with_their_place():
    with pytest.raises(InvalidInput, match="Unit 2, rater 1: 'medium'"):
        krippendorff_alpha([["low", "low"], ["medium", "low"]], level="ordinal", order=GRADE)


def test_ragged_matrix_is_refused():
    with pytest.raises(InvalidInput, match="Unit 2 has 1 ratings"):
        fleiss_kappa([["a", "b"], ["a"]])


def test_ordinal_statistics_require_an_order():
    with pytest.raises(ValueError, match="order"):
        cohen_kappa([["a", "b"]], weights="quadratic")
    with pytest.raises(ValueError, match="order"):
        krippendorff_alpha([["a", "b"]], level="ordinal")


def test_alpha_interval_matches_resampling_through_the_package():
    """The interval's resamples are computed all at once from coincidence matrices; they must
    equal what the krippendorff package gives on each resampled matrix."""
    import krippendorff as reference

    from reviewtool.core.team.agreement.bootstrap import resample_multiplicities

    rng = np.random.default_rng(21)
    matrix = rng.integers(0, 4, size=(60, 3)).astype(object)
    matrix[rng.random((60, 3)) < 0.2] = None
    rows = matrix.tolist()
    for level in ("nominal", "ordinal"):
        estimate = krippendorff_alpha(rows, level=level, order=range(4), n_resamples=200, seed=4)
        counts = np.array([[sum(r == c for r in row if r is not None) for c in range(4)]
                           for row in rows])
        counts = counts[counts.sum(axis=1) >= 2]
        replicates = []
        for drawn in resample_multiplicities(len(counts), 200, 4):
            sample = np.repeat(counts, drawn, axis=0)
            if np.count_nonzero(sample.sum(axis=0)) >= 2:
                replicates.append(reference.alpha(value_counts=sample, level_of_measurement=level))
        low, high = np.percentile(replicates, [2.5, 97.5])
        assert math.isclose(estimate.ci_low, low, abs_tol=1e-9)
        assert math.isclose(estimate.ci_high, high, abs_tol=1e-9)
