"""Inter-rater agreement statistics on a reliability matrix (rows = units, columns = raters).

See docs/agreement-statistics.md for definitions, conventions and references.
"""

from reviewtool.core.agreement.alpha import krippendorff_alpha
from reviewtool.core.agreement.estimate import Estimate
from reviewtool.core.agreement.kappa import cohen_kappa, fleiss_kappa
from reviewtool.core.agreement.percent import percent_agreement
from reviewtool.core.agreement.ratings import ReliabilityMatrix
from reviewtool.core.agreement.summary import agreement_summary

__all__ = [
    "Estimate",
    "ReliabilityMatrix",
    "agreement_summary",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
]
