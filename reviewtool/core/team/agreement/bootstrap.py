"""Percentile bootstrap over units.

Units are the independent observations, so they are what is resampled; the raters
and their ratings of a unit travel together. A resample is given as multiplicities
(how often each unit was drawn) so statistics that are sums over units can evaluate
all resamples at once with one matrix product.
"""

from collections.abc import Callable

import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0


def resample_multiplicities(n_units: int, n_resamples: int, seed: int) -> np.ndarray:
    """(resamples, units): how many times each unit appears in each resample."""
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, n_units, size=(n_resamples, n_units))
    flat = drawn + n_units * np.arange(n_resamples)[:, None]
    return np.bincount(flat.ravel(), minlength=n_resamples * n_units).reshape(n_resamples, n_units)


def bootstrap_interval(
    replicates_for: Callable[[np.ndarray], np.ndarray],
    n_units: int,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> tuple[float | None, float | None, str]:
    """95% percentile interval and the phrase describing it.

    `replicates_for` maps multiplicities to one statistic per resample, NaN where the
    statistic is undefined for that resample (e.g. every drawn unit in one category);
    those resamples are dropped and counted in the description.
    """
    if n_resamples < 1:
        raise ValueError("n_resamples must be at least 1.")
    replicates = np.asarray(replicates_for(resample_multiplicities(n_units, n_resamples, seed)))
    finite = replicates[np.isfinite(replicates)]
    method = f"percentile bootstrap over units, {n_resamples} resamples, seed {seed}"
    dropped = n_resamples - finite.size
    if dropped:
        method += f" ({dropped} resamples with the statistic undefined dropped)"
    if finite.size == 0:
        return None, None, method
    low, high = np.percentile(finite, [2.5, 97.5])
    return float(low), float(high), method
