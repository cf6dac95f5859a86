"""Inter-rater agreement statistics on a reliability matrix (rows = units, columns = raters).

See docs/agreement-statistics.md for definitions, conventions and references.
"""

from reviewtool.core.team.agreement.alpha import krippendorff_alpha
from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.kappa import cohen_kappa, fleiss_kappa
from reviewtool.core.team.agreement.percent import percent_agreement
from reviewtool.core.team.agreement.prevalence import gwet_ac1, pabak
from reviewtool.core.team.agreement.ratings import ReliabilityMatrix
from reviewtool.core.team.agreement.summary import agreement_summary

__all__ = [
    "Estimate",
    "ReliabilityMatrix",
    "agreement_summary",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "pabak",
    "percent_agreement",
]
