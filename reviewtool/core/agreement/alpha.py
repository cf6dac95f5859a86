"""Krippendorff's alpha for nominal or ordinal data, computed by the `krippendorff` package."""

import math
from collections.abc import Sequence
from typing import Literal

import krippendorff
import numpy as np

from reviewtool.core.agreement.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_interval
from reviewtool.core.agreement.estimate import Estimate, undefined
from reviewtool.core.agreement.ratings import ReliabilityMatrix, code_ratings

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

    def alpha_for(multiplicities: np.ndarray) -> np.ndarray:
        # Alpha is not a sum over units (the ordinal metric depends on the resampled
        # marginals), so each resample goes through the package on its own.
        return np.array([_alpha(np.repeat(counts, drawn, axis=0), level) for drawn in multiplicities])

    value = _alpha(counts, level)
    low, high, method = bootstrap_interval(alpha_for, n_units, n_resamples=n_resamples, seed=seed)
    return Estimate(statistic, value, low, high, n_units, n_raters, method)


def _alpha(counts: np.ndarray, level: Level) -> float:
    """Alpha from (units, categories) counts, categories in rank order; NaN if undefined."""
    if np.count_nonzero(counts.sum(axis=0)) < 2:
        return math.nan  # expected disagreement 0: the package would divide 0 by 0
    return float(krippendorff.alpha(value_counts=counts, level_of_measurement=level))
