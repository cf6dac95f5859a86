"""Synthesis rows: consistency, strongest evidence, certainty and agreement per finding."""

import pytest

from reviewtool.core.review.anchors import Anchor
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import Claim, create_claim, list_claims
from reviewtool.core.review.findings import Finding
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.review.finding_judgements import Judgement
from reviewtool.core.synthesis.certainty_proposal import INCONSISTENCY_HINT, propose
from reviewtool.core.synthesis.summary_rows import review_synthesis, strongest_evidence, synthesize
from reviewtool.core.team.unsettled import UnsettledItem

from tests.builders import INSOMNIA, build_demo

ORDER = ("high", "moderate", "low", "very_low")


def claim(id, doc, reviewer, start, *, finding=None, stance=None, consensus_of=(), **answers):
    answers = {"statement": f"claim {id}", "category": "risk", **answers}
    return Claim(id, doc, reviewer, f"2025-01-01T00:00:{start:02d}", "", "claim", 1,
                 Anchor(start, start + 10, "x" * 10, "", ""), answers, 0, finding, stance,
                 tuple(consensus_of))


def finding(id, category="risk"):
    return Finding(id, f"finding {id}", category, "", "2025-01-01", "Amara")


def test_strongest_evidence_ranks_reviews_over_studies_over_opinion():
    assert strongest_evidence(["none", "anecdote", "cites_study"]) == "cites_study"
    assert strongest_evidence(["expert_opinion", "cites_review", None]) == "cites_review"
    assert strongest_evidence(["none"]) == "none"
    assert strongest_evidence([None, "unknown"]) is None


def test_the_proposal_shows_the_spread_and_the_lowest_never_the_highest():
    proposal = propose(["low", "moderate", None, "low"], "consistent", ORDER)
    assert proposal.spread == (("moderate", 1), ("low", 2))
    assert (proposal.lowest, proposal.unrated, proposal.hint) == ("low", 1, "")
    assert propose([None], "single source", ORDER).lowest is None
    assert propose(["high"], "contradictory", ORDER).hint == INCONSISTENCY_HINT


def test_consistency_evidence_and_certainty_proposal():
    claims = [
        claim("a", "d1", "Amara", 0, finding="f", stance="supports", certainty="low",
              evidence_cited="anecdote"),
        claim("b", "d2", "Amara", 0, finding="f", stance="contradicts", certainty="high",
              evidence_cited="cites_review"),
        claim("c", "d3", "Amara", 0, finding="f", stance="supports", certainty="very_low",
              evidence_cited="expert_opinion"),
    ]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert row.consistency == "contradictory"
    assert dict(row.stances) == {"d1": "supports", "d2": "contradicts", "d3": "supports"}
    # the contradicting claim's review is evidence against the finding
    assert row.evidence == "expert_opinion"
    assert row.certainty is None  # nobody judged the finding
    assert row.proposal.spread == (("high", 1), ("low", 1), ("very_low", 1))
    assert row.proposal.lowest == "very_low" and row.proposal.hint == INCONSISTENCY_HINT
    judged = {"f": Judgement("f", {"certainty": "low", "inconsistency": "serious"})}
    (row,) = synthesize([finding("f")], claims, ORDER, judged=judged)
    assert row.certainty == "low" and row.as_json()["judgement"]["domains"]["inconsistency"] == "serious"
    conflicted = {"f": Judgement("f", {"certainty": "low"}, ("certainty",))}
    assert synthesize([finding("f")], claims, ORDER, judged=conflicted)[0].certainty is None


def test_one_high_supporting_claim_does_not_make_a_contradicted_finding_high():
    # seen: "Contradictory … High", the maximum of the claims' ratings
    claims = [
        claim("a", "d1", "Amara", 0, finding="f", stance="supports", certainty="high"),
        claim("b", "d2", "Amara", 0, finding="f", stance="contradicts", certainty="very_low"),
        claim("c", "d3", "Amara", 0, finding="f", stance="contradicts", certainty="very_low"),
    ]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert row.consistency == "contradictory"
    assert row.certainty is None and row.as_json()["certainty"] is None
    assert row.proposal.lowest == "very_low"


def test_a_finding_every_document_contradicts_is_not_consistent_and_has_no_support():
    # seen: "Consistent", "Cites a review", High, all taken from contradicting claims
    claims = [
        claim("a", "d1", "Amara", 0, finding="f", stance="contradicts", certainty="high",
              evidence_cited="cites_review"),
        claim("b", "d2", "Amara", 0, finding="f", stance="contradicts", certainty="moderate",
              evidence_cited="cites_study"),
    ]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert row.consistency == "all contradict"
    assert row.evidence is None and row.certainty is None


def test_a_document_that_supports_and_contradicts_disagrees_with_itself():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="supports"),
              claim("b", "d1", "Amara", 20, finding="f", stance="contradicts"),
              claim("c", "d2", "Amara", 0, finding="f", stance="supports")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert dict(row.stances) == {"d1": "supports and contradicts", "d2": "supports"}
    assert row.consistency == "contradictory"
    (alone,) = synthesize([finding("f")], claims[:2], ORDER)
    assert alone.consistency == "contradictory"  # not "single source"


def test_a_qualifying_document_makes_a_finding_mixed():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="supports"),
              claim("b", "d1", "Amara", 20, finding="f", stance="qualifies"),
              claim("c", "d2", "Amara", 0, finding="f", stance="supports")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert dict(row.stances) == {"d1": "qualifies", "d2": "supports"}
    assert row.consistency == "mixed"


def test_only_contradicting_claims_give_no_supporting_evidence():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="contradicts",
                    evidence_cited="cites_study", certainty="moderate")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert (row.consistency, row.evidence, row.certainty) == ("single source", None, None)
    assert row.proposal.spread == (("moderate", 1),)


def test_an_unreconciled_passage_is_one_row_with_no_rating_until_settled():
    # seen: one reviewer Very low, the other High printed High; two kinds printed two rows
    claims = [claim("a", "d1", "Amara", 0, category="risk", certainty="very_low"),
              claim("b", "d1", "Jonas", 1, category="open_question", certainty="high")]
    item = UnsettledItem("passage", "a,b", "claim", "a", "d1", "", "differs", "differs",
                         (), ("a", "b"))
    (row,) = synthesize([], claims, ORDER, unsettled=[item])
    assert row.kind == "claim" and row.claim_ids == ("a", "b") and row.category == "risk"
    assert row.certainty is None and row.unsettled == (item,)
    assert row.proposal.spread == (("high", 1), ("very_low", 1))
    assert len(synthesize([], claims, ORDER)) == 2  # without the passage: one row per claim


def test_agreement_on_matched_passages():
    claims = [
        # d1: both reviewers quote the passage; categories agree, certainty differs
        claim("a1", "d1", "Amara", 0, finding="f", stance="supports", certainty="low"),
        claim("b1", "d1", "Jonas", 2, finding="f", stance="supports", certainty="moderate"),
        # d1: a passage only Amara extracted
        claim("a2", "d1", "Amara", 40, finding="f", stance="supports"),
        # d2: only one reviewer worked on it, so nothing to compare there
        claim("a3", "d2", "Amara", 0, finding="f", stance="supports"),
    ]
    (row,) = synthesize([finding("f")], claims, ORDER)
    a = row.agreement
    assert (a.reviewers, a.found, a.expected) == (2, 3, 4)
    assert (a.compared, a.category_agreed, a.certainty_compared, a.certainty_agreed) == (1, 1, 1, 0)
    assert a.status == "partial"
    alone = synthesize([finding("g")], [claim("x", "d9", "Amara", 0, finding="g")], ORDER)[0]
    assert alone.agreement.status == "single reviewer"


def test_stand_alone_claims_and_consensus_claims():
    claims = [
        claim("a", "d1", "Amara", 0, category="benefit"),
        claim("b", "d1", "Jonas", 0, category="risk"),
        claim("c", "d1", "Lead", 0, category="risk", consensus_of=("a", "b")),
        claim("d", "d1", "Amara", 50, category="other"),
    ]
    rows = synthesize([], claims, ORDER)
    # the consensus claim replaces the two it reconciles
    assert sorted(r.id for r in rows) == ["c", "d"]
    consensus = next(r for r in rows if r.id == "c")
    assert consensus.kind == "claim" and consensus.adjudicated == 1
    # agreement is measured on the reviewers' own claims it reconciles
    assert (consensus.agreement.found, consensus.agreement.category_agreed) == (2, 0)
    other = next(r for r in rows if r.id == "d")
    assert other.agreement.found == 1 and other.agreement.expected == 2


def test_finding_without_category_takes_its_claims_category():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="supports", category="benefit")]
    (row,) = synthesize([finding("f", category=None)], claims, ORDER)
    assert row.category == "benefit"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("synthesis") / "demo.review")


def test_demo_findings(demo):
    with ReviewFile.open(demo, readonly=True) as review:
        rows = review_synthesis(review)
    findings = {r.statement: r for r in rows if r.kind == "finding"}
    # three stand-alone passages; the one reviewers filed as risk and as other is one row
    assert len(findings) == 7 and len(rows) == 10 - 1
    (purity,) = [r for r in rows if r.kind == "claim" and len(r.claims) == 2]
    assert purity.unsettled and "Risk" in purity.unsettled[0].summary
    assert findings[INSOMNIA].consistency == "contradictory"
    assert {r.consistency for r in findings.values()} == {"consistent", "contradictory"}
    as_json = findings[INSOMNIA].as_json()
    assert as_json["consistency"] == "contradictory" and len(as_json["claims"]) == 7
    assert sorted(as_json["documents"].values()) == ["contradicts", "qualifies", "supports"]


def test_demo_consensus_claim_replaces_the_reviewers_claims(demo, tmp_path):
    path = tmp_path / "c.review"
    path.write_bytes(demo.read_bytes())
    with ReviewFile.open(path) as review:
        pair = [c for c in list_claims(review) if c.statement.startswith("Users report insomnia")
                or c.statement.startswith("Some kratom users report insomnia")]
        assert len(pair) == 2
        with Change(review, "Lead Reviewer") as change:
            create_claim(review, change, pair[0].document_id, pair[0].anchor,
                         {"statement": "Some users report insomnia.", "category": "risk",
                          "certainty": "low"}, consensus_of=[c.id for c in pair])
        rows = review_synthesis(review)
    ids = {c.id for r in rows for c in r.claims}
    assert not ids & {c.id for c in pair}
    consensus = next(r for r in rows if r.statement == "Some users report insomnia.")
    assert consensus.kind == "claim" and consensus.agreement.found == 2


def test_a_qualifying_claims_evidence_is_not_support():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="supports",
                    evidence_cited="anecdote"),
              claim("b", "d2", "Amara", 0, finding="f", stance="qualifies",
                    evidence_cited="cites_review")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert row.evidence == "anecdote"
