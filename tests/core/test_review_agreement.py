"""Agreement of a review file in two parts, and the lead's pairing corrections (core)."""

import pytest

from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.review.anchors import anchor_at
from reviewtool.core.review.claims import create_claim
from reviewtool.core.review.documents import document_text, list_documents
from reviewtool.core.store.changes import Change
from reviewtool.core.team.agreement.matching import review_units
from reviewtool.core.team.agreement.review import review_agreement
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.core.synthesis.report_data import build_report_data
from reviewtool.core.synthesis.summary_rows import review_synthesis
from reviewtool.core.team.merge import merge_files
from reviewtool.core.team.pairings import clear_pairing, pairing_corrections, set_pairing
from reviewtool.core.team.reconcile import reconcile_units
from reviewtool.core.store.reviewfile import ReviewFile
from tests.builders import build_team

CLAIM = {"statement": "s", "stance": "asserts", "evidence_cited": "none"}


@pytest.fixture
def review(seeded):
    return seeded


def add(review, reviewer, start, end, category, document=0):
    doc = list_documents(review)[document].id
    text, pages = document_text(review, doc)
    with Change(review, reviewer) as change:
        return create_claim(review, change, doc, anchor_at(text, start, end, pages),
                            CLAIM | {"category": category})


def estimates(result, field):
    item = next(f for f in result.fields if f.field == field)
    return {e.statistic: e for e in item.estimates}


def test_a_missed_claim_counts_in_unitizing_only_never_as_a_category(review):
    # Both reviewers found three passages and coded them alike; each also found one passage the
    # other missed. The old coding put the missed claims in a category "not extracted", so
    # kappa read 0.74 although every passage both found was coded alike.
    for start, category in ((0, "risk"), (200, "benefit"), (400, "open_question")):
        add(review, "Ann", start, start + 60, category)
        add(review, "Ben", start, start + 60, category)
    add(review, "Ann", 600, 660, "risk")
    add(review, "Ben", 800, 860, "benefit")
    result = review_agreement(review)
    assert (result.units, result.matched, result.missed) == (5, 3, 2)
    category = estimates(result, "category")
    assert category["percent agreement"].value == 1.0
    assert category["Cohen's kappa"].value == pytest.approx(1.0)
    assert category["Cohen's kappa"].n_units == 3
    specific = result.unitizing.specific
    assert specific.value == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))
    assert result.unitizing.u_alpha.value < 1
    for item in result.fields:
        assert "found" != item.field and "not extracted" not in item.unit
    data = result.as_json()
    assert set(data) >= {"unitizing", "classification", "robustness"}
    assert "not extracted" not in str(data)


def test_robustness_reports_the_three_thresholds(review):
    add(review, "Ann", 0, 100, "risk")
    add(review, "Ben", 40, 100, "risk")  # IoU 0.6: paired at 0.3 and 0.5, not at 0.7
    result = review_agreement(review)
    by_threshold = {r.min_overlap: r for r in result.robustness}
    assert sorted(by_threshold) == [0.3, 0.5, 0.7]
    assert (by_threshold[0.5].units, by_threshold[0.5].matched) == (1, 1)
    assert (by_threshold[0.7].units, by_threshold[0.7].matched) == (2, 0)
    assert by_threshold[0.7].specific == 0.0
    strict = review_agreement(review, min_overlap=0.7)
    assert (strict.units, strict.min_overlap) == (2, 0.7) and "70%" in strict.rule


@pytest.mark.parametrize("bad", [0, -0.1, 1.5])
def test_min_overlap_outside_zero_to_one_is_refused_in_one_sentence(review, bad):
    with pytest.raises(InvalidInput, match="between 0"):
        review_agreement(review, min_overlap=bad)


def test_the_lead_splits_and_joins_pairings_and_reconcile_follows(review):
    a = add(review, "Ann", 0, 100, "risk")
    b = add(review, "Ben", 0, 100, "risk")
    far = add(review, "Ben", 300, 310, "benefit")
    assert sorted(len(u.claims) for u in reconcile_units(review)) == [1, 2]
    set_pairing(review, a, b, "split", reviewer="Lead")
    assert [len(u.claims) for u in reconcile_units(review)] == [1, 1, 1]
    set_pairing(review, a, far, "pair", reviewer="Lead")
    units = next(iter(review_units(review).values()))
    joined = next(u for u in units if len(u.claims) == 2)
    assert {c.id for c in joined.claims.values()} == {a, far} and joined.confirmed
    assert pairing_corrections(review).decision(far, a) == "pair"
    assert clear_pairing(review, a, far) and clear_pairing(review, a, b)
    assert not clear_pairing(review, a, b)
    assert sorted(len(u.claims) for u in reconcile_units(review)) == [1, 2]


def test_pairing_refuses_what_cannot_be_one_passage(review):
    a = add(review, "Ann", 0, 100, "risk")
    a2 = add(review, "Ann", 200, 300, "risk")
    other_doc = add(review, "Ben", 0, 100, "risk", document=1)
    with pytest.raises(InvalidInput, match="different reviewers"):
        set_pairing(review, a, a2, "pair")
    with pytest.raises(InvalidInput, match="different documents"):
        set_pairing(review, a, other_doc, "pair")
    with pytest.raises(NotFound, match="No claim"):
        set_pairing(review, a, "nope", "pair")
    with pytest.raises(InvalidInput, match="'pair' or 'split'"):
        set_pairing(review, a, other_doc, "join")


def test_pairing_corrections_merge_and_two_leads_disagreeing_is_a_conflict(tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    with ReviewFile.open(team.a) as review:
        unit = next(u for u in reconcile_units(review) if len(u.claims) == 2)
        first, second = unit.claim_ids
    copy = tmp_path / "copy.review"
    copy.write_bytes(team.a.read_bytes())
    with ReviewFile.open(team.a) as review:
        set_pairing(review, first, second, "split", reviewer="Amara Okafor")
    with ReviewFile.open(copy) as review:
        set_pairing(review, first, second, "pair", reviewer="Chen Wei")
    merge_files(team.a, [copy])
    with ReviewFile.open(team.a) as review:
        conflicts = [c for c in list_conflicts(review) if c.entity == "pairing"]
        assert len(conflicts) == 1 and conflicts[0].field == "decision"
        assert {v.value for v in conflicts[0].values} == {"pair", "split"}
        items = build_report_data(review).problems.conflicts
        (item,) = [c for c in items if c.record.startswith("pairing")]
        assert item.record.startswith("pairing of two claims on D") and item.field == "decision"
        assert {value for value, _, _ in item.values} == {"pair", "split"}


def test_the_summary_rows_follow_the_leads_pairing(review):
    a = add(review, "Ann", 0, 100, "risk")
    b = add(review, "Ben", 0, 100, "risk")

    def row_of_a():
        return next(r for r in review_synthesis(review) if a in {c.id for c in r.claims})

    assert (row_of_a().agreement.found, row_of_a().agreement.expected) == (2, 2)
    set_pairing(review, a, b, "split")
    assert (row_of_a().agreement.found, row_of_a().agreement.expected) == (1, 2)


def test_malformed_pairing_records_from_a_teammate_decide_nothing(review):
    a = add(review, "Ann", 0, 100, "risk")
    b = add(review, "Ben", 0, 100, "risk")
    with Change(review, "Mallory") as change:
        for n, (claims, decision) in enumerate([(7, "split"), ([a], "split"), ([a, b, a], "nonsense"),
                                                ({"a": a}, "split"), ([a, 3], "split")]):
            change.set("pairing", f"bad-{n}", {"claims": claims, "decision": decision})
    assert pairing_corrections(review).decision(a, b) is None
    assert [len(u.claims) for u in reconcile_units(review)] == [2]


def test_unitizing_alpha_uses_the_team_that_extracted_most_documents_and_says_so(review):
    for name in ("Ann", "Ben", "Cat"):
        add(review, name, 0, 100, "risk")
    add(review, "Ann", 0, 100, "risk", document=1)
    add(review, "Ben", 50, 150, "risk", document=1)
    add(review, "Ann", 0, 100, "risk", document=2)
    add(review, "Ben", 0, 100, "risk", document=2)
    result = review_agreement(review)
    alpha = result.unitizing.u_alpha
    assert (alpha.n_units, alpha.n_raters) == (2, 2)  # Ann and Ben's two documents
    assert result.unitizing.note.startswith(
        "the unitizing alpha is computed on the 2 documents extracted by Ann and Ben; 1 of 3")
    assert 0 < alpha.value < 1
