"""What is unsettled: open conflicts and passages not reconciled, one definition for all."""

import json
import shutil

import pytest

from reviewtool.core.errors import InvalidInput
from reviewtool.core.review.batch_judgements import add_judgements
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.finding_judgements import judgement_of
from reviewtool.core.review.findings import find_by_statement
from reviewtool.core.review.records import update_answers
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.batch_consensus import apply_decisions
from reviewtool.core.team.conflicts import get_conflict, resolve_conflict
from reviewtool.core.team.merge import merge_files
from reviewtool.core.team.reconcile import accept_agreements, reconcile_units
from reviewtool.core.team.unsettled import require_settled, unsettled_items
from tests.builders import EXTRACTIONS, LEAD, SECOND, build_team

INSOMNIA = "Kratom can cause insomnia or disturbed sleep"


@pytest.fixture
def merged(tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    return team.a


def test_every_unreconciled_passage_and_open_conflict_is_unsettled(merged):
    with ReviewFile.open(merged) as review:
        items = unsettled_items(review)
        units = reconcile_units(review)
        passages = [i for i in items if i.kind == "passage"]
        assert len(passages) == len(units) == 20
        assert {i.status for i in passages} == {"differs", "missed", "agreed"}
        conflicts = [i for i in items if i.kind == "conflict"]
        # both reviewers named the insomnia finding, one filing it as a risk, one as an open question
        (category,) = conflicts
        assert category.entity == "finding" and category.field == "Kind of claim"
        assert "Risk (Amara Okafor) / Open question (Jonas Lindqvist)" in category.summary
        accepted = accept_agreements(review, LEAD)
        assert len(unsettled_items(review)) == len(items) - len(accepted)


def test_a_concurrent_edit_is_unsettled_until_resolved(merged, tmp_path):
    other = tmp_path / "other.review"
    shutil.copy(merged, other)
    with ReviewFile.open(merged) as review:
        claim = list_claims(review)[0]
        update_answers(review, claim.id, {"notes": "checked the source"})
    with ReviewFile.open(other) as review:
        update_answers(review, claim.id, {"notes": "no source given"}, reviewer=SECOND)
    merge_files(merged, [other])
    with ReviewFile.open(merged) as review:
        (notes,) = [i for i in unsettled_items(review)
                    if i.kind == "conflict" and i.record_id == claim.id]
        assert notes.claim_ids == (claim.id,) and notes.status == "conflict"
        assert json.loads(json.dumps(notes.as_json()))["field"] == "Notes"
        resolve_conflict(review, get_conflict(review, notes.id), "checked the source",
                         reason="the source is named", reviewer=LEAD)
        assert notes.id not in {i.id for i in unsettled_items(review)}


def test_final_needs_nothing_unsettled():
    require_settled(())
    with pytest.raises(InvalidInput) as refused:
        require_settled(("passage “x”: reviewers' answers differ",))
    assert "1 item is unsettled" in str(refused.value)
    assert refused.value.problems == ["unsettled: passage “x”: reviewers' answers differ"]


def test_the_lead_settles_everything_from_the_demo_files(merged):
    with ReviewFile.open(merged) as review:
        assert apply_decisions(review, EXTRACTIONS / "lead-consensus.csv", reviewer=LEAD) == 20
        assert [i.kind for i in unsettled_items(review)] == ["conflict"]  # the finding's kind
        judged = add_judgements(review, EXTRACTIONS / "lead-findings.csv", reviewer=LEAD)
        assert len(judged) == 7
        insomnia = judgement_of(review, find_by_statement(review, INSOMNIA))
        assert insomnia.certainty == "very_low" and insomnia.domains()["inconsistency"] == "serious"
        # a consensus keeps the finding its reviewers' claims share
        consensus = list_claims(review, consensus=True)
        assert sum(c.finding_id is not None for c in consensus) >= 14


def test_bad_decisions_are_listed_and_nothing_is_written(merged, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("document,quote,decision,category,rationale\n"
                   "000_e191bdc32989ef7d.txt,words in no quote,consensus,,why\n"
                   "000_e191bdc32989ef7d.txt,One notable concern,maybe,,why\n"
                   "000_e191bdc32989ef7d.txt,One notable concern,consensus,danger,why\n",
                   encoding="utf-8")
    with ReviewFile.open(merged) as review:
        before = len(list_claims(review))
        with pytest.raises(InvalidInput) as refused:
            apply_decisions(review, bad, reviewer=LEAD)
        assert len(list_claims(review)) == before  # not even the agreements were accepted
    problems = refused.value.problems
    assert len(problems) == 3 and "nothing was written" in str(refused.value)
    assert "no passage awaiting a decision" in problems[0]
    assert "'maybe' is not one of" in problems[1] and "category" in problems[2]


def test_bad_judgements_are_listed_and_nothing_is_written(merged, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("finding,certainty,imprecision,colour\n"
                   f"{INSOMNIA},low,serious,\n"
                   "No such finding,low,,\n"
                   f"{INSOMNIA},medium,,red\n", encoding="utf-8")
    with ReviewFile.open(merged) as review:
        with pytest.raises(InvalidInput) as refused:
            add_judgements(review, bad, reviewer=LEAD)
        assert judgement_of(review, find_by_statement(review, INSOMNIA)).answers == {}
    problems = refused.value.problems
    assert "2 of 3 judgements" in str(refused.value)
    assert any("row 3: finding: no finding 'No such finding'" in p for p in problems)
    assert any(p.startswith("row 4: certainty:") for p in problems)
    assert any("unknown column 'colour'" in p for p in problems)


def test_the_evidence_profile_lists_each_judged_finding_by_domain(merged):
    from reviewtool.core.synthesis.report_data import build_report_data

    with ReviewFile.open(merged) as review:
        assert build_report_data(review).profile.rows == ()  # nobody judged anything yet
        add_judgements(review, EXTRACTIONS / "lead-findings.csv", reviewer=LEAD)
        profile = build_report_data(review).profile
    assert profile.headers == ("Risk of bias", "Inconsistency", "Indirectness", "Imprecision",
                               "Publication bias")
    rows = {r.statement: r for r in profile.rows}
    assert len(rows) == 7
    dependence = rows["Long-term kratom use can lead to dependence"]
    assert dependence.domains == ("Not serious",) * 5 and dependence.certainty == "Low"
    assert dependence.rated_up == "none"
    gap = rows["Kratom use needs medical supervision"]
    assert gap.domains == ("–",) * 5 and gap.certainty == "not rated"
