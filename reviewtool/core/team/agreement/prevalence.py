"""Prevalence-robust companions of kappa: Gwet's AC1 and PABAK.

When one category dominates (most claims are risks, most certainty ratings "low"), kappa
can be low although the raters nearly always agree (the kappa paradoxes; Feinstein &
Cicchetti 1990). AC1 and PABAK are shown beside kappa, never instead of it.

- Gwet's AC1 (Gwet 2008): (p_a - p_e) / (1 - p_e) with the same observed agreement p_a as
  Fleiss' kappa and chance agreement p_e = sum_k pi_k (1 - pi_k) / (q - 1), where pi_k is the
  mean share of category k among a unit's ratings and q the number of categories the field
  offers (not only those used).
- PABAK, prevalence- and bias-adjusted kappa (Byrt, Bishop & Carlin 1993): (q p_o - 1) / (q - 1)
  for observed agreement p_o and q categories; for two categories 2 p_o - 1. With more than
  two raters p_o is the mean pairwise agreement, which makes it Randolph's free-marginal
  multirater kappa.
"""


import numpy as np

from reviewtool.core.team.agreement.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_interval
from reviewtool.core.team.agreement.estimate import Estimate, estimate, undefined
from reviewtool.core.team.agreement.kappa import PairwiseTerms, pairwise_terms
from reviewtool.core.team.agreement.percent import wilson_interval
from reviewtool.core.team.agreement.ratings import MISSING, CodedRatings, ReliabilityMatrix, code_ratings

AC1 = "Gwet's AC1"
PABAK = "PABAK"
ONE_CATEGORY = "the field offers a single category, so chance agreement is not defined"


def gwet_ac1(matrix: ReliabilityMatrix, *, n_categories: int | None = None,
             n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> Estimate:
    """Gwet's AC1 for any number of raters, missing ratings allowed (Gwet 2008; 2014 ch. 4).

    `n_categories` is q, the categories the field offers; by default those observed.
    """
    prepared = _prepared(AC1, matrix, n_categories)
    if isinstance(prepared, Estimate):
        return prepared
    _, terms, q = prepared

    def ac1_for(multiplicities: np.ndarray) -> np.ndarray:
        observed, prevalence = terms.observed_and_prevalence(multiplicities)
        chance = (prevalence * (1 - prevalence)).sum(axis=-1) / (q - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (observed - chance) / (1 - chance)

    return _bootstrapped(AC1, ac1_for, terms, n_resamples, seed)


def pabak(matrix: ReliabilityMatrix, *, n_categories: int | None = None,
          n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> Estimate:
    """PABAK (Byrt, Bishop & Carlin 1993); for more than two raters, Randolph's kappa.

    Two raters: the interval is the Wilson interval of the observed agreement, mapped
    through the same linear function; more raters: percentile bootstrap over units.
    """
    prepared = _prepared(PABAK, matrix, n_categories)
    if isinstance(prepared, Estimate):
        return prepared
    coded, terms, q = prepared

    def adjusted(observed):
        return (q * observed - 1) / (q - 1)

    observed, _ = terms.observed_and_prevalence(np.ones(len(terms.counts)))
    value = float(adjusted(observed))
    if coded.n_raters == 2:
        both = (coded.codes != MISSING).all(axis=1)
        agreeing = int((coded.codes[both, 0] == coded.codes[both, 1]).sum())
        low, high = wilson_interval(agreeing, terms.n_units)
        return estimate(PABAK, value, adjusted(low), adjusted(high), terms.n_units, 2,
                        "Wilson score interval of the observed agreement, rescaled")

    def pabak_for(multiplicities: np.ndarray) -> np.ndarray:
        return adjusted(terms.observed_and_prevalence(multiplicities)[0])

    return _bootstrapped(PABAK, pabak_for, terms, n_resamples, seed)


def _prepared(statistic: str, matrix: ReliabilityMatrix,
              n_categories: int | None) -> "tuple[CodedRatings, PairwiseTerms, int] | Estimate":
    """The coded ratings, their pairwise terms and q; or the undefined estimate."""
    coded = code_ratings(matrix)
    terms = pairwise_terms(coded)
    q = _categories(coded, n_categories)
    if terms.n_units == 0:
        return undefined(statistic, "no unit has two or more ratings", 0, terms.n_raters)
    if q < 2:
        return undefined(statistic, ONE_CATEGORY, terms.n_units, terms.n_raters)
    return coded, terms, q


def _bootstrapped(statistic: str, replicates_for, terms: PairwiseTerms, n_resamples: int,
                  seed: int) -> Estimate:
    value = float(replicates_for(np.ones(len(terms.counts))))
    interval = bootstrap_interval(replicates_for, len(terms.counts), n_resamples=n_resamples,
                                  seed=seed)
    return estimate(statistic, value, interval.low, interval.high, terms.n_units,
                    terms.n_raters, interval.method, interval.undefined)


def _categories(coded, n_categories: int | None) -> int:
    observed = int(np.count_nonzero(coded.category_counts().sum(axis=0)))
    if n_categories is None:
        return observed
    if n_categories < observed:
        raise ValueError(f"{observed} categories were used but n_categories is {n_categories}.")
    return n_categories


__all__ = ["gwet_ac1", "pabak"]
