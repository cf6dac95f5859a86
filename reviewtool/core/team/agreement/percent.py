"""Percent agreement: the share of units on which every rater who coded it agrees."""

import math

from reviewtool.core.team.agreement.estimate import Z_95, Estimate, estimate, undefined
from reviewtool.core.team.agreement.ratings import ReliabilityMatrix, code_ratings

PERCENT_AGREEMENT = "percent agreement"


def percent_agreement(matrix: ReliabilityMatrix) -> Estimate:
    """Proportion (0..1) of units with two or more ratings whose ratings are all equal.

    Units with fewer than two ratings are left out: they cannot show agreement or
    disagreement. With two raters this is also the pairwise agreement; with more it
    is stricter than the mean pairwise agreement (which Fleiss' kappa uses).
    """
    coded = code_ratings(matrix)
    counts = coded.category_counts()
    rated = counts.sum(axis=1)
    compared = rated >= 2
    n_units = int(compared.sum())
    n_raters = coded.raters_present(compared)
    if n_units == 0:
        return undefined(PERCENT_AGREEMENT, "no unit has two or more ratings", 0, n_raters)
    agreeing = int((counts.max(axis=1)[compared] == rated[compared]).sum())
    low, high = wilson_interval(agreeing, n_units)
    return estimate(
        PERCENT_AGREEMENT,
        agreeing / n_units,
        low,
        high,
        n_units,
        n_raters,
        "Wilson score interval for a binomial proportion",
    )


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """95% Wilson score interval; unlike the Wald interval it stays sensible at 0% and 100%."""
    share = successes / trials
    z2_over_n = Z_95**2 / trials
    centre = (share + z2_over_n / 2) / (1 + z2_over_n)
    half_width = Z_95 * math.sqrt(share * (1 - share) / trials + z2_over_n / (4 * trials)) / (1 + z2_over_n)
    return max(centre - half_width, 0.0), min(centre + half_width, 1.0)
