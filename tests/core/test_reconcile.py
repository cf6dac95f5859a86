"""Reconciliation of two reviewers' extractions of the demo articles."""

import json

import pytest

from reviewtool.core.review.anchors import anchor_at
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import create_claim, final_claims, get_claim, list_claims
from reviewtool.core.review.documents import document_text
from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.team.merge import merge_files
from reviewtool.core.team.reconcile import (
    AGREED_RATIONALE,
    accept_agreements,
    blind_labels,
    reconcile_units,
    record_consensus,
    reject_unit,
    rejected_claim_ids,
    superseded_consensus,
)
from reviewtool.core.review.records import delete_record, restore_record, update_answers
from reviewtool.core.store.reviewfile import ReviewFile
from tests.builders import LEAD, SECOND, build_team

# Units in the demo data, counted by hand from examples/extractions: 20 passages, 16 found by
# both; 6 of those agree on every compared field (multi-choice "reasons for rating down"
# included); the other 10 differ on at least one.
UNITS, MISSED, AGREED = 20, 4, 6


@pytest.fixture
def team(tmp_path):
    return build_team(tmp_path / "team")


@pytest.fixture
def merged(team):
    merge_files(team.a, [team.b])
    with ReviewFile.open(team.a) as review:
        yield review


def by_status(units):
    counts = {}
    for unit in units:
        counts[unit.status] = counts.get(unit.status, 0) + 1
    return counts


def test_one_reviewer_alone_has_nothing_to_reconcile(team):
    with ReviewFile.open(team.a) as review:
        assert reconcile_units(review) == []


def test_units_compare_every_structured_field(merged):
    units = reconcile_units(merged)
    assert len(units) == UNITS
    assert by_status(units) == {"agreed": AGREED, "differs": UNITS - MISSED - AGREED,
                                "missed": MISSED}
    assert len({u.document_id for u in units}) == 3
    compared = [f.id for f in units[0].fields]
    assert compared == ["category", "stance", "evidence_cited", "certainty",
                        "downgrade_reasons", "dose_dependent"]
    # Kind of claim: risk for Amara, other for Jonas; every other field agrees.
    unit = next(u for u in units if {f.id for f in u.differing} == {"category"})
    category = unit.differing[0]
    assert set(category.values.values()) == {"risk", "other"}
    assert category.values[LEAD] == unit.claims[LEAD].answers["category"]
    assert not unit.agreed and unit.status == "differs"


def test_a_missed_passage_is_a_disagreement(merged):
    missed = [u for u in reconcile_units(merged) if u.status == "missed"]
    assert {u.missing for u in missed} == {(LEAD,), (SECOND,)}
    for unit in missed:
        assert len(unit.claims) == 1 and not unit.agreed
        assert all(f.agree for f in unit.fields)  # nothing to compare it with


def test_multi_choice_is_compared_as_a_set(merged):
    unit = next(u for u in reconcile_units(merged) if u.status == "agreed"
                and len(u.claims[LEAD].answers.get("downgrade_reasons", [])) > 1)
    reasons = next(f for f in unit.fields if f.id == "downgrade_reasons")
    assert reasons.agree and reasons.values[LEAD] == reasons.values[SECOND]
    differing = [u for u in reconcile_units(merged) if [f.id for f in u.differing] == ["downgrade_reasons"]]
    assert differing, "the demo has a passage where only the reasons for rating down differ"


def test_accept_agreements_in_one_change_creates_exactly_the_agreed_consensus(merged):
    before = reconcile_units(merged)
    agreed = {u.key: u for u in before if u.agreed}
    created = accept_agreements(merged, reviewer="Mina Haddad")
    assert len(created) == len(agreed) == AGREED
    changes = merged.conn.execute(
        f"SELECT count(DISTINCT change_id) FROM versions WHERE record_id IN "
        f"({','.join('?' * len(created))})", created).fetchone()[0]
    assert changes == 1
    consensus = {tuple(sorted(c.consensus_of)): c for c in (get_claim(merged, i) for i in created)}
    assert set(consensus) == {u.claim_ids for u in agreed.values()}
    for unit in agreed.values():
        claim = consensus[unit.claim_ids]
        earliest = unit.earliest
        assert claim.reviewer == "Mina Haddad" and claim.document_id == unit.document_id
        assert claim.anchor == earliest.anchor
        for field in unit.fields:
            assert claim.answers.get(field.id) == earliest.answers.get(field.id)
        for text_field in ("statement", "population", "notes"):
            assert claim.answers.get(text_field) == earliest.answers.get(text_field)
    after = reconcile_units(merged)
    assert {u.key for u in after if u.status == "reconciled"} == set(agreed)
    assert all(u.rationale == AGREED_RATIONALE for u in after if u.reconciled)
    assert by_status(after)["differs"] == UNITS - MISSED - AGREED
    assert accept_agreements(merged) == []  # nothing left to accept


def test_accept_takes_a_citation_from_whichever_claim_gives_one(merged):
    unit = next(u for u in reconcile_units(merged) if u.agreed)
    earliest, other = sorted(unit.claims.values(), key=lambda c: (c.created, c.id))
    for claim, citation in ((earliest, None), (other, "Smith 2020")):
        answers = {**claim.answers, "evidence_cited": "cites_study", "citation": citation}
        update_answers(merged, claim.id, answers, reviewer=claim.reviewer)
    created = [get_claim(merged, i) for i in accept_agreements(merged, document_id=unit.document_id)]
    assert {c.document_id for c in created} == {unit.document_id}
    consensus, = [c for c in created if set(c.consensus_of) == set(unit.claim_ids)]
    assert consensus.answers["citation"] == "Smith 2020"


def test_final_claims_no_longer_double_counts_reconciled_claims(merged):
    claims = list_claims(merged)
    assert len(final_claims(merged)) == len(claims)
    created = accept_agreements(merged)
    final = {c.id for c in final_claims(merged)}
    assert len(final) == len(claims) - 2 * len(created) + len(created)
    for claim in (get_claim(merged, i) for i in created):
        assert claim.id in final and not set(claim.consensus_of) & final


def test_undo_and_redo_of_accept_by_tombstones(merged):
    created = accept_agreements(merged)
    with merged.transaction():
        for claim_id in created:
            delete_record(merged, claim_id)
    assert by_status(reconcile_units(merged)).get("reconciled") is None
    with merged.transaction():
        for claim_id in created:
            restore_record(merged, claim_id)
    assert by_status(reconcile_units(merged))["reconciled"] == AGREED


def test_record_consensus_with_rationale_and_chosen_quote(merged):
    unit = next(u for u in reconcile_units(merged) if u.status == "differs")
    later = max(unit.claims.values(), key=lambda c: (c.created, c.id))
    answers = {**unit.earliest.answers, "category": "risk", "certainty": "low"}
    answers.pop("downgrade_reasons", None)
    claim_id = record_consensus(merged, list(unit.claim_ids), answers,
                                "Low: only a survey supports it.", anchor_from=later.id)
    claim = get_claim(merged, claim_id)
    assert claim.anchor == later.anchor and claim.reviewer == LEAD
    assert claim.answers["certainty"] == "low"
    again = next(u for u in reconcile_units(merged) if u.key == unit.key)
    assert again.status == "reconciled" and again.consensus.id == claim_id
    assert again.rationale == "Low: only a survey supports it."


@pytest.mark.parametrize("change, message", [
    ({"category": "danger"}, "category"),
    ({"statement": ""}, "statement: required"),
    ({"colour": "red"}, "unknown field 'colour'"),
])
def test_record_consensus_validates_against_the_claim_form(merged, change, message):
    unit = next(u for u in reconcile_units(merged) if u.status == "differs")
    count = len(list_claims(merged))
    with pytest.raises(InvalidInput, match=message):
        record_consensus(merged, list(unit.claim_ids), {**unit.earliest.answers, **change}, "why")
    assert len(list_claims(merged)) == count


def test_record_consensus_refuses_what_is_not_one_unit(merged):
    units = reconcile_units(merged)
    unit = next(u for u in units if u.status == "differs")
    answers = unit.earliest.answers
    with pytest.raises(InvalidInput, match="rationale"):
        record_consensus(merged, list(unit.claim_ids), answers, "   ")
    with pytest.raises(InvalidInput, match="reconciles"):
        record_consensus(merged, [], answers, "why")
    elsewhere = next(u for u in units if u.document_id != unit.document_id)
    with pytest.raises(InvalidInput, match="one document"):
        record_consensus(merged, [*unit.claim_ids, *elsewhere.claim_ids], answers, "why")
    with pytest.raises(InvalidInput, match="quote"):
        record_consensus(merged, list(unit.claim_ids), answers, "why", anchor_from=elsewhere.claim_ids[0])
    with pytest.raises(NotFound):
        record_consensus(merged, ["no-such-claim"], answers, "why")
    consensus = record_consensus(merged, list(unit.claim_ids), answers, "why")
    with pytest.raises(InvalidInput, match="itself a consensus"):
        record_consensus(merged, [consensus], answers, "why")


def test_a_new_consensus_retires_the_old_one(merged):
    unit = next(u for u in reconcile_units(merged) if u.status == "differs")
    first = record_consensus(merged, list(unit.claim_ids), unit.earliest.answers, "first try")
    assert superseded_consensus(merged, list(unit.claim_ids)) == [first]
    second = record_consensus(merged, list(unit.claim_ids), unit.earliest.answers, "second look")
    live = [c.id for c in list_claims(merged, consensus=True)]
    assert live == [second]
    final = [c for c in final_claims(merged) if set(c.consensus_of) & set(unit.claim_ids)]
    assert [c.id for c in final] == [second]


def test_a_later_reviewer_makes_an_accepted_consensus_outdated(merged):
    accept_agreements(merged)
    unit = next(u for u in reconcile_units(merged) if u.status == "reconciled")
    text, pages = document_text(merged, unit.document_id)
    anchor = unit.earliest.anchor
    with Change(merged, "Chen Wei") as change:
        create_claim(merged, change, unit.document_id, anchor_at(text, anchor.start, anchor.end, pages),
                     unit.earliest.answers)
    grown = next(u for u in reconcile_units(merged) if set(unit.claim_ids) < set(u.claim_ids))
    assert grown.outdated and not grown.reconciled and grown.agreed
    assert grown.key not in {u.key for u in reconcile_units(merged) if u.reconciled}
    assert all(set(grown.claim_ids) - set(get_claim(merged, c).consensus_of)
               for c in accept_agreements(merged))  # accept leaves it to the adjudicator
    new = record_consensus(merged, list(grown.claim_ids), grown.earliest.answers, "three agree")
    assert superseded_consensus(merged, list(grown.claim_ids)) == [new]


def test_drafts_are_not_accepted(merged):
    unit = next(u for u in reconcile_units(merged) if u.agreed)
    claim = unit.claims[SECOND]
    with Change(merged, SECOND) as change:
        change.set("claim", claim.id, {"_complete": False})
    again = next(u for u in reconcile_units(merged) if u.key == unit.key)
    assert again.status == "draft" and not again.agreed
    assert len(accept_agreements(merged)) == AGREED - 1


def test_no_claim_here_is_a_rejecting_consensus(merged):
    unit = next(u for u in reconcile_units(merged) if u.status == "missed")
    rejected = reject_unit(merged, list(unit.claim_ids), "A recommendation, not a claim.")
    again = next(u for u in reconcile_units(merged) if u.key == unit.key)
    assert again.status == "rejected" and again.rationale == "A recommendation, not a claim."
    assert rejected_claim_ids(merged) == {rejected}
    stored = dict(merged.conn.execute(
        "SELECT field, value FROM heads WHERE record_id = ? AND shown", (rejected,)).fetchall())
    assert json.loads(stored["_rejected"]) is True and json.loads(stored["_complete"]) is True
    assert get_claim(merged, rejected).answers == {}
    assert not {c.id for c in final_claims(merged)} & set(unit.claim_ids)
    with pytest.raises(InvalidInput, match="rationale"):
        reject_unit(merged, list(unit.claim_ids), "")


def test_final_claims_leave_out_rejected_consensus(merged):
    unit = next(u for u in reconcile_units(merged) if u.status == "missed")
    rejected = reject_unit(merged, list(unit.claim_ids), "not a claim")
    assert rejected not in {c.id for c in final_claims(merged)}


def test_blind_labels_are_stable_and_the_same_in_every_copy(team):
    merge_files(team.a, [team.b])
    merge_files(team.b, [team.a])
    with ReviewFile.open(team.a) as a, ReviewFile.open(team.b) as b:
        labels = reconcile_units(a)[0].labels
        assert sorted(labels.values()) == ["Reviewer 1", "Reviewer 2"]
        assert set(labels) == {LEAD, SECOND}
        assert all(u.labels == labels for u in reconcile_units(a) + reconcile_units(b))
        assert all(u.reviewers == tuple(sorted(labels, key=labels.get)) for u in reconcile_units(a))
        assert blind_labels(a, [SECOND, LEAD]) == blind_labels(a, [LEAD, SECOND]) == labels
        unit = reconcile_units(a)[0]
        assert unit.name(LEAD, blind=True) == labels[LEAD] and unit.name(LEAD) == LEAD


def test_proposed_answers_leave_differing_fields_to_the_adjudicator(merged):
    from reviewtool.core.forms.in_review import form_in_force
    from reviewtool.core.team.reconcile import proposed_answers

    form = form_in_force(merged, "claim")
    unit = next(u for u in reconcile_units(merged) if u.status == "differs")
    proposed = proposed_answers(form, unit)
    assert not {f.id for f in unit.differing} & set(proposed)
    assert {f.id for f in unit.fields if f.agree and f.values[unit.earliest.reviewer] is not None} <= set(proposed)
    assert proposed["statement"] == unit.earliest.statement


def test_two_copies_deciding_the_same_passage_is_unsettled_until_decided_again(team):
    merge_files(team.a, [team.b])
    merge_files(team.b, [team.a])
    for path, adjudicator in ((team.a, LEAD), (team.b, SECOND)):
        with ReviewFile.open(path) as review:
            accept_agreements(review, reviewer=adjudicator)
    merge_files(team.a, [team.b])
    with ReviewFile.open(team.a) as review:
        units = reconcile_units(review)
        unsettled = [u for u in units if u.status == "unsettled"]
        assert len(unsettled) == AGREED and all(u.consensus and len(u.others) == 1 for u in unsettled)
        assert accept_agreements(review) == []  # not decided a third time behind anyone's back
        unit = unsettled[0]
        new = record_consensus(review, list(unit.claim_ids), unit.earliest.answers, "settled")
        again = next(u for u in reconcile_units(review) if u.key == unit.key)
        assert again.status == "reconciled" and again.consensus.id == new and again.others == ()
        assert superseded_consensus(review, list(unit.claim_ids)) == [new]
