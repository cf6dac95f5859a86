"""Properties of a finding's consistency and of what the tool proposes about its certainty."""

import random

from hypothesis import given
from hypothesis import strategies as st

from reviewtool.core.review.findings import STANCES, consistency, document_stance
from reviewtool.core.synthesis.certainty_proposal import propose

ORDER = ("high", "moderate", "low", "very_low")
documents = st.dictionaries(st.sampled_from("abcdef"),
                            st.sets(st.sampled_from(STANCES), min_size=1), min_size=1)
ratings = st.lists(st.sampled_from(ORDER + (None,)), max_size=12)


def positions(claims: dict[str, set[str]]) -> dict[str, str]:
    return {doc: document_stance(stances) for doc, stances in claims.items()}


@given(documents, st.randoms())
def test_consistency_does_not_depend_on_the_order_of_documents(claims, rnd):
    shuffled = list(claims.items())
    rnd.shuffle(shuffled)
    assert consistency(positions(dict(shuffled))) == consistency(positions(claims))


@given(documents)
def test_contradictory_exactly_when_some_claims_support_and_others_contradict(claims):
    """Across documents or within one: a document taking both sides disagrees with itself."""
    every = set().union(*claims.values())
    supporting = any(s == {"supports"} or {"supports", "contradicts"} <= s for s in claims.values())
    contradicting = any(s == {"contradicts"} or {"supports", "contradicts"} <= s
                        for s in claims.values())
    assert (consistency(positions(claims)) == "contradictory") == (supporting and contradicting)
    if consistency(positions(claims)) == "consistent":
        assert every == {"supports"} and len(claims) >= 2
    if consistency(positions(claims)) == "all contradict":
        assert every == {"contradicts"} and len(claims) >= 2


@given(documents, st.sets(st.sampled_from(STANCES), min_size=1))
def test_more_evidence_never_settles_a_contradiction(claims, added):
    if consistency(positions(claims)) == "contradictory":
        more = {**claims, "z": added}
        assert consistency(positions(more)) == "contradictory"


@given(ratings, st.sampled_from(("consistent", "contradictory", "mixed", "single source")))
def test_the_proposal_is_the_spread_and_the_lowest_never_more(values, found):
    proposal = propose(values, found, ORDER)
    rated = [v for v in values if v is not None]
    assert proposal.rated == len(rated) and proposal.unrated == len(values) - len(rated)
    if rated:
        assert proposal.lowest == max(rated, key=ORDER.index)  # the lowest level
        assert dict(proposal.spread) == {v: rated.count(v) for v in set(rated)}
    else:
        assert proposal.lowest is None
    shuffled = list(values)
    random.Random(0).shuffle(shuffled)
    assert propose(shuffled, found, ORDER) == proposal
    assert bool(proposal.hint) == (found == "contradictory")


@given(ratings, st.sampled_from(ORDER))
def test_another_claim_never_raises_the_lowest(values, extra):
    before, after = propose(values, "consistent", ORDER), propose(values + [extra], "consistent", ORDER)
    if before.lowest is not None:
        assert ORDER.index(after.lowest) >= ORDER.index(before.lowest)
