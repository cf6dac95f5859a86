"""The result every agreement statistic returns, and the rules for when it carries an interval.

Intervals that do not mislead (docs/methods.md, "Intervals"):
- below MIN_UNITS_FOR_INTERVAL units the estimate is given without an interval ("too few units
  for an interval"): an asymptotic standard error and a percentile bootstrap both need more;
  with 3 units there are only 10 distinct bootstrap resamples;
- an interval of zero width is never given: it comes from a standard error of 0 or from every
  resample giving the same value (all units agreeing), which says nothing about certainty;
- bootstrap resamples in which the statistic is undefined are counted and reported; when they
  are more than MAX_UNDEFINED_SHARE of all resamples no interval is given, since the others
  would be a biased selection (bootstrap.py).
"""

from dataclasses import dataclass

Z_95 = 1.959963984540054  # standard normal 97.5th percentile
MIN_UNITS_FOR_INTERVAL = 10
TOO_FEW_UNITS = f"too few units for an interval (fewer than {MIN_UNITS_FOR_INTERVAL})"
ZERO_WIDTH = "no interval: every unit agrees, so the interval would have zero width"
_EPSILON = 1e-9


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% confidence interval.

    `value` (and the interval) is None when the statistic is undefined for the data;
    `method` then starts with "undefined:" and says why. Otherwise `method` says in
    one phrase how the interval was computed, or why there is none (the interval is then
    None while the value is given). `n_units` counts the units on which agreement was
    observed (two or more ratings; both ratings for Cohen's kappa) and `n_raters` the
    raters who coded at least one of them. `undefined_resamples` counts bootstrap resamples
    in which the statistic was undefined.
    """

    statistic: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n_units: int
    n_raters: int
    method: str
    undefined_resamples: int = 0

    @property
    def defined(self) -> bool:
        return self.value is not None

    @property
    def has_interval(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None

    @property
    def note(self) -> str:
        """Why there is no value or no interval ("" when both are there)."""
        if self.value is None:
            return self.method.removeprefix("undefined: ")
        return "" if self.has_interval else self.method

    def as_json(self) -> dict:
        return {"statistic": self.statistic, "value": self.value, "ci_low": self.ci_low,
                "ci_high": self.ci_high, "n_units": self.n_units, "n_raters": self.n_raters,
                "method": self.method, "undefined_resamples": self.undefined_resamples}


def undefined(statistic: str, reason: str, n_units: int, n_raters: int) -> Estimate:
    return Estimate(statistic, None, None, None, n_units, n_raters, f"undefined: {reason}")


def estimate(statistic: str, value: float, low: float | None, high: float | None,
             n_units: int, n_raters: int, method: str, undefined_resamples: int = 0) -> Estimate:
    """An estimate with its interval, unless the rules above withhold it."""
    notes = method.partition("; ")[2]  # what the method adds about the data, kept either way
    if n_units < MIN_UNITS_FOR_INTERVAL:
        low = high = None
        method = TOO_FEW_UNITS + (f"; {notes}" if notes else "")
    elif low is not None and high is not None and high - low < _EPSILON:
        low = high = None
        method = ZERO_WIDTH + (f"; {notes}" if notes else "")
    return Estimate(statistic, value, low, high, n_units, n_raters, method, undefined_resamples)


def clipped(low: float, high: float) -> tuple[float, float]:
    """An interval for a chance-corrected coefficient, kept inside its range [-1, 1]."""
    return max(low, -1.0), min(high, 1.0)
