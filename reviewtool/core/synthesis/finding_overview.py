"""One finding as the app's finding panel shows it: its claims, each document's position,
its consistency, the claims' spread of ratings (the proposal) and the team's judgement."""

from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.finding_judgements import judgement_of
from reviewtool.core.review.findings import get_finding
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.synthesis.summary_rows import SynthesisRow, synthesize


def finding_overview(review: ReviewFile, finding_id: str) -> SynthesisRow:
    """The finding's summary row, from the claims grouped under it (NotFound if none)."""
    finding = get_finding(review, finding_id)
    order = form_in_force(review, "claim").field("certainty").choice_values
    claims = list_claims(review, finding_id=finding_id)
    (row,) = synthesize([finding], claims, order,
                        judged={finding_id: judgement_of(review, finding_id)})
    return row
