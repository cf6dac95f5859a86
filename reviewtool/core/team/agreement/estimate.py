"""The result every agreement statistic returns."""

from dataclasses import dataclass

Z_95 = 1.959963984540054  # standard normal 97.5th percentile


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% confidence interval.

    `value` (and the interval) is None when the statistic is undefined for the data;
    `method` then starts with "undefined:" and says why. Otherwise `method` says in
    one phrase how the interval was computed. `n_units` counts the units on which
    agreement was observed (two or more ratings; both ratings for Cohen's kappa) and
    `n_raters` the raters who coded at least one of them.
    """

    statistic: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n_units: int
    n_raters: int
    method: str

    @property
    def defined(self) -> bool:
        return self.value is not None


def undefined(statistic: str, reason: str, n_units: int, n_raters: int) -> Estimate:
    return Estimate(statistic, None, None, None, n_units, n_raters, f"undefined: {reason}")


def clipped(low: float, high: float) -> tuple[float, float]:
    """An interval for a chance-corrected coefficient, kept inside its range [-1, 1]."""
    return max(low, -1.0), min(high, 1.0)
