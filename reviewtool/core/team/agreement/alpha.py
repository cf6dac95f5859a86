"""Krippendorff's alpha for nominal or ordinal data, computed by the `krippendorff` package."""

import math
from collections.abc import Sequence
from typing import Literal

import krippendorff
import numpy as np

from reviewtool.core.team.agreement.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_interval
from reviewtool.core.team.agreement.estimate import Estimate, estimate, undefined
from reviewtool.core.team.agreement.ratings import ReliabilityMatrix, code_ratings

Level = Literal["nominal", "ordinal"]


def krippendorff_alpha(
    matrix: ReliabilityMatrix,
    *,
    level: Level = "nominal",
    order: Sequence | None = None,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    """Krippendorff's alpha = 1 - observed / expected disagreement (Krippendorff 2011).

    Missing ratings are allowed; units with fewer than two ratings are not pairable
    and do not enter. Ordinal data need `order` (rank = index in it).
    """
    if level not in ("nominal", "ordinal"):
        raise ValueError(f"level must be 'nominal' or 'ordinal', not {level!r}.")
    if level == "ordinal" and order is None:
        raise ValueError("Ordinal alpha needs `order`, the ordered categories.")
    statistic = f"Krippendorff's alpha ({level})"
    coded = code_ratings(matrix, order)
    counts = coded.category_counts()
    pairable = counts.sum(axis=1) >= 2
    counts = counts[pairable]
    n_units, n_raters = len(counts), coded.raters_present(pairable)
    if n_units == 0:
        return undefined(statistic, "no unit has two or more ratings", 0, n_raters)
    if np.count_nonzero(counts.sum(axis=0)) < 2:
        reason = "every pairable rating is the same category, so expected disagreement is 0"
        return undefined(statistic, reason, n_units, n_raters)

    unit_coincidences = _unit_coincidences(counts).reshape(n_units, -1)
    categories = counts.shape[1]

    def alpha_for(multiplicities: np.ndarray) -> np.ndarray:
        # The coincidence matrix is a sum over units, so one matrix product gives it for
        # every resample; the (ordinal) metric then follows from each resample's marginals.
        coincidences = (multiplicities @ unit_coincidences).reshape(-1, categories, categories)
        return _alpha_from_coincidences(coincidences, level)

    value = _alpha(counts, level)
    interval = bootstrap_interval(alpha_for, n_units, n_resamples=n_resamples, seed=seed)
    return estimate(statistic, value, interval.low, interval.high, n_units, n_raters,
                    interval.method, interval.undefined)


def _alpha(counts: np.ndarray, level: Level) -> float:
    """Alpha from (units, categories) counts, categories in rank order; NaN if undefined."""
    if np.count_nonzero(counts.sum(axis=0)) < 2:
        return math.nan  # expected disagreement 0: the package would divide 0 by 0
    return float(krippendorff.alpha(value_counts=counts, level_of_measurement=level))


def _unit_coincidences(counts: np.ndarray) -> np.ndarray:
    """(units, K, K): each pairable unit's contribution to the coincidence matrix,
    (n_uc n_uk - [c = k] n_uc) / (m_u - 1) (Krippendorff 2011)."""
    counts = counts.astype(float)
    pairs = counts[:, :, None] * counts[:, None, :]
    pairs -= np.einsum("uc,ck->uck", counts, np.eye(counts.shape[1]))
    return pairs / (counts.sum(axis=1) - 1)[:, None, None]


def _alpha_from_coincidences(coincidences: np.ndarray, level: Level) -> np.ndarray:
    """Alpha for a stack (R, K, K) of coincidence matrices; NaN where undefined."""
    marginals = coincidences.sum(axis=2)  # (R, K)
    total = marginals.sum(axis=1)
    categories = marginals.shape[1]
    if level == "nominal":
        delta = np.broadcast_to(1.0 - np.eye(categories), coincidences.shape)
    else:
        # Ordinal metric: (sum of the marginals from c to k - (n_c + n_k) / 2) squared.
        cumulative = np.cumsum(marginals, axis=1)
        low = np.minimum.outer(np.arange(categories), np.arange(categories))
        high = np.maximum.outer(np.arange(categories), np.arange(categories))
        between = cumulative[:, high] - cumulative[:, low] + marginals[:, low]
        delta = (between - (marginals[:, :, None] + marginals[:, None, :]) / 2) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (coincidences * delta).sum(axis=(1, 2)) / total
        expected = (marginals[:, :, None] * marginals[:, None, :] * delta).sum(axis=(1, 2)) \
            / (total * (total - 1))
        alpha = 1.0 - observed / expected
    return np.where(expected > 0, alpha, np.nan)
