"""Every agreement statistic that applies to one coded field, for a report table."""

from collections.abc import Sequence

from reviewtool.core.team.agreement.alpha import krippendorff_alpha
from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.kappa import cohen_kappa, fleiss_kappa
from reviewtool.core.team.agreement.percent import percent_agreement
from reviewtool.core.team.agreement.ratings import ReliabilityMatrix, code_ratings


def agreement_summary(matrix: ReliabilityMatrix, *, ordinal_order: Sequence | None = None) -> list[Estimate]:
    """Percent agreement, Cohen's kappa (two raters only), quadratic-weighted kappa (two
    raters, ordinal only), Fleiss' kappa, nominal alpha and ordinal alpha (ordinal only).

    Pass `ordinal_order` for an ordered field (e.g. GRADE certainty); its categories are
    then also checked against the data.
    """
    # Coded once (validating before any statistic runs) and shared: by first appearance for
    # the statistics that take no order, by the field's order for those that do.
    nominal = code_ratings(matrix)
    coded = code_ratings(matrix, ordinal_order) if ordinal_order is not None else nominal
    estimates = [percent_agreement(nominal)]
    if nominal.n_raters == 2:
        estimates.append(cohen_kappa(coded, order=ordinal_order))
        if ordinal_order is not None:
            estimates.append(cohen_kappa(coded, weights="quadratic", order=ordinal_order))
    estimates.append(fleiss_kappa(nominal))
    estimates.append(krippendorff_alpha(coded, level="nominal", order=ordinal_order))
    if ordinal_order is not None:
        estimates.append(krippendorff_alpha(coded, level="ordinal", order=ordinal_order))
    return estimates
