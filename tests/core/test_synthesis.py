"""Synthesis rows: consistency, strongest evidence, certainty and agreement per finding."""

import pytest

from reviewtool.core.review.anchors import Anchor
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import Claim, create_claim, list_claims
from reviewtool.core.review.findings import Finding
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.synthesis.summary_rows import certainty_of, review_synthesis, strongest_evidence, synthesize

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


def test_certainty_is_the_highest_rating_with_the_range():
    assert certainty_of(["low", "moderate", None], ORDER) == ("moderate", ("low", "moderate"))
    assert certainty_of(["low", "low"], ORDER) == ("low", None)
    assert certainty_of([None], ORDER) == (None, None)


def test_consistency_evidence_and_certainty_from_supporting_claims():
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
    # the contradicting claim's review and high rating are evidence against the finding
    assert row.evidence == "expert_opinion"
    assert (row.certainty, row.certainty_range) == ("low", ("very_low", "low"))


def test_a_document_with_mixed_stances_qualifies():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="supports"),
              claim("b", "d1", "Amara", 20, finding="f", stance="contradicts"),
              claim("c", "d2", "Amara", 0, finding="f", stance="supports")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert dict(row.stances) == {"d1": "qualifies", "d2": "supports"}
    assert row.consistency == "mixed"


def test_only_contradicting_claims_still_give_evidence():
    claims = [claim("a", "d1", "Amara", 0, finding="f", stance="contradicts",
                    evidence_cited="cites_study", certainty="moderate")]
    (row,) = synthesize([finding("f")], claims, ORDER)
    assert (row.consistency, row.evidence, row.certainty) == ("single source", "cites_study",
                                                              "moderate")


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
    assert len(findings) == 7 and len(rows) == 10
    assert findings[INSOMNIA].consistency == "contradictory"
    assert {r.consistency for r in findings.values()} >= {"consistent", "mixed",
                                                          "contradictory"}
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
