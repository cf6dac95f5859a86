"""Every agreement statistic that applies to one coded field, for a report table."""

from collections.abc import Sequence

from reviewtool.core.team.agreement.alpha import krippendorff_alpha
from reviewtool.core.team.agreement.bootstrap import DEFAULT_RESAMPLES
from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.kappa import cohen_kappa, fleiss_kappa
from reviewtool.core.team.agreement.percent import percent_agreement
from reviewtool.core.team.agreement.prevalence import gwet_ac1, pabak
from reviewtool.core.team.agreement.ratings import ReliabilityMatrix, code_ratings


def agreement_summary(matrix: ReliabilityMatrix, *, ordinal_order: Sequence | None = None,
                      n_categories: int | None = None,
                      n_resamples: int = DEFAULT_RESAMPLES) -> list[Estimate]:
    """Percent agreement, Cohen's kappa (two raters only), quadratic-weighted kappa (two
    raters, ordinal only), Fleiss' kappa, nominal alpha, ordinal alpha (ordinal only), and
    beside them the prevalence-robust Gwet's AC1 and PABAK.

    Pass `ordinal_order` for an ordered field (e.g. GRADE certainty); its categories are
    then also checked against the data. `n_categories` is how many categories the field
    offers (AC1 and PABAK depend on it); by default the order's length, else those used.
    """
    # Coded once (validating before any statistic runs) and shared: by first appearance for
    # the statistics that take no order, by the field's order for those that do.
    nominal = code_ratings(matrix)
    coded = code_ratings(matrix, ordinal_order) if ordinal_order is not None else nominal
    if n_categories is None and ordinal_order is not None:
        n_categories = len(ordinal_order)
    resampled = {"n_resamples": n_resamples}
    estimates = [percent_agreement(nominal)]
    if nominal.n_raters == 2:
        estimates.append(cohen_kappa(coded, order=ordinal_order))
        if ordinal_order is not None:
            estimates.append(cohen_kappa(coded, weights="quadratic", order=ordinal_order))
    estimates.append(fleiss_kappa(nominal, **resampled))
    estimates.append(krippendorff_alpha(coded, level="nominal", order=ordinal_order, **resampled))
    if ordinal_order is not None:
        estimates.append(krippendorff_alpha(coded, level="ordinal", order=ordinal_order,
                                            **resampled))
    estimates.append(gwet_ac1(nominal, n_categories=n_categories, **resampled))
    estimates.append(pabak(nominal, n_categories=n_categories, **resampled))
    return estimates


def headline(estimates: Sequence[Estimate], ordinal: bool) -> Estimate | None:
    """The field's main chance-corrected statistic: Cohen's kappa for two raters (quadratic
    weighted for ordinal fields), Fleiss' kappa for more."""
    names = (["Cohen's weighted kappa"] if ordinal else []) + ["Cohen's kappa", "Fleiss' kappa"]
    for name in names:
        for e in estimates:
            if e.statistic.startswith(name):
                return e
    return None
