"""Percentile bootstrap over units.

Units are the independent observations, so they are what is resampled; the raters
and their ratings of a unit travel together. A resample is given as multiplicities
(how often each unit was drawn) so statistics that are sums over units can evaluate
all resamples at once with one matrix product.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
MAX_UNDEFINED_SHARE = 0.05  # more undefined resamples than this: no interval (estimate.py)


@dataclass(frozen=True)
class Bootstrap:
    low: float | None
    high: float | None
    method: str
    undefined: int  # resamples in which the statistic was undefined


CACHED_CELLS = 20_000_000  # resamples x units kept for reuse: at most 80 MB each (int32)


def resample_multiplicities(n_units: int, n_resamples: int, seed: int) -> np.ndarray:
    """(resamples, units): how many times each unit appears in each resample.

    The statistics of one field (and fields over the same units) draw the same resamples, so
    the last draws are kept, read-only, unless they are too large to keep."""
    if n_units * n_resamples <= CACHED_CELLS:
        return _kept_draw(n_units, n_resamples, seed)
    return _draw(n_units, n_resamples, seed)


@lru_cache(maxsize=2)
def _kept_draw(n_units: int, n_resamples: int, seed: int) -> np.ndarray:
    counts = _draw(n_units, n_resamples, seed)
    counts.flags.writeable = False
    return counts


def _draw(n_units: int, n_resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, n_units, size=(n_resamples, n_units))
    flat = drawn + n_units * np.arange(n_resamples)[:, None]
    counts = np.bincount(flat.ravel(), minlength=n_resamples * n_units)
    return counts.reshape(n_resamples, n_units).astype(np.int32)


def bootstrap_interval(
    replicates_for: Callable[[np.ndarray], np.ndarray],
    n_units: int,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Bootstrap:
    """95% percentile interval, the phrase describing it, and the undefined resamples.

    `replicates_for` maps multiplicities to one statistic per resample, NaN where the
    statistic is undefined for that resample (e.g. every drawn unit in one category).
    Those are counted; up to MAX_UNDEFINED_SHARE of them the interval is taken over the
    others (and says so), beyond it no interval is given: the defined resamples would be a
    selection, e.g. only those that drew the one disagreement.
    """
    if n_resamples < 1:
        raise ValueError("n_resamples must be at least 1.")
    replicates = np.asarray(replicates_for(resample_multiplicities(n_units, n_resamples, seed)))
    finite = replicates[np.isfinite(replicates)]
    method = f"percentile bootstrap over units, {n_resamples} resamples, seed {seed}"
    undefined = n_resamples - finite.size
    if undefined > MAX_UNDEFINED_SHARE * n_resamples:
        return Bootstrap(None, None, (
            f"no interval: the statistic was undefined in {undefined} of {n_resamples} "
            f"bootstrap resamples (more than {MAX_UNDEFINED_SHARE:.0%}), so the others would "
            "give a biased interval"), undefined)
    if undefined:
        method += f" ({undefined} resamples with the statistic undefined left out)"
    low, high = np.percentile(finite, [2.5, 97.5])
    return Bootstrap(float(low), float(high), method, undefined)
