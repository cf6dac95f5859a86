"""Every agreement statistic that applies to one coded field, for a report table."""

from collections.abc import Sequence

from reviewtool.core.agreement.alpha import krippendorff_alpha
from reviewtool.core.agreement.estimate import Estimate
from reviewtool.core.agreement.kappa import cohen_kappa, fleiss_kappa
from reviewtool.core.agreement.percent import percent_agreement
from reviewtool.core.agreement.ratings import ReliabilityMatrix, code_ratings


def agreement_summary(matrix: ReliabilityMatrix, *, ordinal_order: Sequence | None = None) -> list[Estimate]:
    """Percent agreement, Cohen's kappa (two raters only), quadratic-weighted kappa (two
    raters, ordinal only), Fleiss' kappa, nominal alpha and ordinal alpha (ordinal only).

    Pass `ordinal_order` for an ordered field (e.g. GRADE certainty); its categories are
    then also checked against the data.
    """
    n_raters = code_ratings(matrix, ordinal_order).n_raters  # validates before any statistic runs
    estimates = [percent_agreement(matrix)]
    if n_raters == 2:
        estimates.append(cohen_kappa(matrix, order=ordinal_order))
        if ordinal_order is not None:
            estimates.append(cohen_kappa(matrix, weights="quadratic", order=ordinal_order))
    estimates.append(fleiss_kappa(matrix))
    estimates.append(krippendorff_alpha(matrix, level="nominal", order=ordinal_order))
    if ordinal_order is not None:
        estimates.append(krippendorff_alpha(matrix, level="ordinal", order=ordinal_order))
    return estimates
