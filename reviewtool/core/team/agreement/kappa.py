"""Cohen's kappa (two raters, optionally weighted) and Fleiss' kappa (any number of raters)."""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from reviewtool.core.team.agreement.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_interval
from reviewtool.core.team.agreement.estimate import Z_95, Estimate, clipped, estimate, undefined
from reviewtool.core.team.agreement.ratings import MISSING, ReliabilityMatrix, code_ratings
from reviewtool.core.errors import InvalidInput

KappaWeights = Literal["linear", "quadratic"] | None

SINGLE_CATEGORY = "every rating is the same category, so chance agreement is 1"
VARIANCE_EPSILON = 1e-12
COHEN_CI = "asymptotic SE (Fleiss, Cohen & Everitt 1969), 95% normal interval clipped to [-1, 1]"


def cohen_kappa(
    ratings: ReliabilityMatrix | Sequence[Hashable | None],
    rater_b: Sequence[Hashable | None] | None = None,
    *,
    weights: KappaWeights = None,
    order: Sequence | None = None,
) -> Estimate:
    """Cohen's kappa for exactly two raters, weighted for ordinal categories if asked.

    Call with a two-column matrix, or with the two raters' ratings as two sequences:
    `cohen_kappa(rater_a, rater_b)`. Units missing either rating are excluded. Weighted
    kappa needs `order`: disagreement weights are |i-j|/(K-1) ("linear") or
    ((i-j)/(K-1))^2 ("quadratic") for ranks i, j among the K ordered categories.
    """
    if weights not in (None, "linear", "quadratic"):
        raise ValueError(f"weights must be None, 'linear' or 'quadratic', not {weights!r}.")
    if weights is not None and order is None:
        raise ValueError("Weighted kappa needs `order`, the ordered categories.")
    statistic = "Cohen's kappa" if weights is None else f"Cohen's weighted kappa ({weights})"
    matrix = ratings if rater_b is None else _two_columns(ratings, rater_b)
    coded = code_ratings(matrix, order)
    if coded.n_raters != 2:
        raise InvalidInput(
            f"Cohen's kappa needs exactly two raters, not {coded.n_raters}; "
            "use Fleiss' kappa or Krippendorff's alpha for more."
        )
    both_rated = (coded.codes != MISSING).all(axis=1)
    pairs = coded.codes[both_rated]
    n_units = len(pairs)
    if n_units == 0:
        return undefined(statistic, "no unit was rated by both raters", 0, 0)
    n_categories = len(coded.categories)
    table = np.zeros((n_categories, n_categories))
    np.add.at(table, (pairs[:, 0], pairs[:, 1]), 1)
    result = _kappa_and_standard_error(table / n_units, agreement_weights(n_categories, weights), n_units)
    if result is None:
        return undefined(statistic, SINGLE_CATEGORY, n_units, 2)
    kappa, standard_error = result
    low, high = clipped(kappa - Z_95 * standard_error, kappa + Z_95 * standard_error)
    method = COHEN_CI
    if excluded := len(coded.codes) - n_units:
        method += f"; {excluded} units lacking a rating excluded"
    return estimate(statistic, kappa, low, high, n_units, 2, method)


def agreement_weights(n_categories: int, weights: KappaWeights) -> np.ndarray:
    """w[i, j] = 1 - disagreement weight; the identity matrix for unweighted kappa."""
    if weights is None or n_categories < 2:
        return np.eye(n_categories)
    ranks = np.arange(n_categories)
    distance = np.abs(ranks[:, None] - ranks[None, :]) / (n_categories - 1)
    return 1 - (distance if weights == "linear" else distance**2)


def _kappa_and_standard_error(p: np.ndarray, w: np.ndarray, n: int) -> tuple[float, float] | None:
    """Kappa and its large-sample (non-null) SE from cell proportions p and agreement weights w.

    Fleiss, Cohen & Everitt (1969), eq. for weighted kappa; with w = I it is their
    unweighted formula. None when chance agreement is 1 (kappa is 0/0).
    """
    row, col = p.sum(axis=1), p.sum(axis=0)
    observed = float((w * p).sum())
    chance = float((w * np.outer(row, col)).sum())
    if math.isclose(chance, 1.0, rel_tol=0, abs_tol=1e-12):
        return None
    kappa = (observed - chance) / (1 - chance)
    row_mean_weight = w @ col  # w̄_i. = sum_j p_.j w_ij
    col_mean_weight = row @ w  # w̄_.j = sum_i p_i. w_ij
    spread = (p * (w - (row_mean_weight[:, None] + col_mean_weight[None, :]) * (1 - kappa)) ** 2).sum()
    variance = (spread - (kappa - chance * (1 - kappa)) ** 2) / (n * (1 - chance) ** 2)
    # An exact 0 comes out as +-1e-16 or so from rounding; call anything that small 0, so that
    # it is withheld as a zero-width interval rather than printed as a hair's breadth.
    return kappa, math.sqrt(variance) if variance > VARIANCE_EPSILON else 0.0


def _two_columns(rater_a: Sequence, rater_b: Sequence) -> list[tuple]:
    if len(rater_a) != len(rater_b):
        raise InvalidInput(
            f"The two raters have {len(rater_a)} and {len(rater_b)} ratings; "
            "give one entry per unit for each, None where a rater did not code it."
        )
    return list(zip(rater_a, rater_b, strict=True))


def fleiss_kappa(
    matrix: ReliabilityMatrix, *, n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> Estimate:
    """Fleiss' kappa, generalised to a varying number of raters per unit (Gwet 2014).

    Observed agreement is the mean, over units with two or more ratings, of the share
    of agreeing rater pairs in the unit; chance agreement is sum_k pi_k^2 where pi_k
    is the mean over all rated units of the share of the unit's ratings in category
    k (so single-rated units inform the category prevalence). With every unit rated
    by the same raters this is exactly Fleiss (1971).
    """
    statistic = "Fleiss' kappa"
    terms = pairwise_terms(code_ratings(matrix))
    if terms.n_units == 0:
        return undefined(statistic, "no unit has two or more ratings", 0, terms.n_raters)
    counts, n_units, n_raters = terms.counts, terms.n_units, terms.n_raters

    def kappa_for(multiplicities: np.ndarray) -> np.ndarray:
        observed, prevalence = terms.observed_and_prevalence(multiplicities)
        with np.errstate(divide="ignore", invalid="ignore"):
            chance = (prevalence**2).sum(axis=-1)
            single = np.isclose(chance, 1.0, rtol=0, atol=1e-12)
            return np.where(single, np.nan, (observed - chance) / np.where(single, 1, 1 - chance))

    kappa = float(kappa_for(np.ones(len(counts))))
    if math.isnan(kappa):
        return undefined(statistic, SINGLE_CATEGORY, n_units, n_raters)
    interval = bootstrap_interval(kappa_for, len(counts), n_resamples=n_resamples, seed=seed)
    method = interval.method
    if single_rated := len(counts) - n_units:
        method += f"; {single_rated} single-rated units count toward category prevalence only"
    return estimate(statistic, kappa, interval.low, interval.high, n_units, n_raters, method,
                    interval.undefined)


@dataclass(frozen=True)
class PairwiseTerms:
    """Per rated unit, what pairwise-agreement statistics (Fleiss' kappa, Gwet's AC1, PABAK
    for several raters) sum over: the share of agreeing rater pairs (units with two or more
    ratings) and each category's share of the unit's ratings (every rated unit)."""

    counts: np.ndarray  # (rated units, categories)
    compared: np.ndarray  # bool per rated unit: two or more ratings
    pair_agreement: np.ndarray
    shares: np.ndarray
    n_raters: int

    @property
    def n_units(self) -> int:
        return int(self.compared.sum())

    def observed_and_prevalence(self, multiplicities: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Observed pairwise agreement and category prevalence, for one weighting of the units
        (ones: the data; a stack of bootstrap multiplicities: one row each)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            observed = (multiplicities @ (self.pair_agreement * self.compared)) \
                / (multiplicities @ self.compared)
            prevalence = (multiplicities @ self.shares) / multiplicities.sum(axis=-1, keepdims=True)
        return observed, prevalence


def pairwise_terms(coded) -> PairwiseTerms:
    all_counts = coded.category_counts()
    all_rated = all_counts.sum(axis=1)
    n_raters = coded.raters_present(all_rated >= 2)
    counts, rated = all_counts[all_rated >= 1], all_rated[all_rated >= 1]
    compared = rated >= 2
    pairs = np.where(compared, rated * (rated - 1), 1)  # 1 avoids 0/0; those units get no weight
    return PairwiseTerms(counts, compared, (counts * (counts - 1)).sum(axis=1) / pairs,
                         counts / np.maximum(rated, 1)[:, None], n_raters)
