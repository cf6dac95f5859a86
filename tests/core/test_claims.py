"""Claims and appraisals: create, edit, delete, list, validated by their forms."""

import json
import time

import pytest

from reviewtool.core.review.anchors import anchor_at, find_quote
from reviewtool.core.review.appraisals import list_appraisals, save_appraisal
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import add_claim, create_claim, final_claims, get_claim, list_claims
from reviewtool.core.review.documents import document_text, list_documents
from reviewtool.core.errors import InvalidInput, NotFound
from reviewtool.core.review.records import delete_record, restore_record, update_answers


def first_document(review):
    document = list_documents(review)[0]
    return document, *document_text(review, document.id)


def new_claim(review, quote="potentially causing insomnia in some users", **answers):
    document, text, pages = first_document(review)
    answers = {"statement": "Kratom may cause insomnia", "category": "risk", **answers}
    with Change(review) as change:
        return create_claim(review, change, document.id,
                            anchor_at(text, *find_quote(text, quote), pages), answers)


def test_claim_records_reviewer_time_quote_and_answers(seeded):
    claim = get_claim(seeded, new_claim(seeded, certainty="low"))
    document, text, _ = first_document(seeded)
    assert claim.reviewer == "Amara Okafor" and claim.created.endswith("Z")
    assert text[claim.anchor.start:claim.anchor.end] == claim.anchor.exact
    data = claim.as_json()
    assert data["quote"]["exact"] == "potentially causing insomnia in some users"
    assert data["fields"] == {"statement": "Kratom may cause insomnia", "category": "risk",
                              "certainty": "low"}
    assert data["document_id"] == document.id and data["complete"] is True


def test_invalid_answers_are_refused_with_every_problem(seeded):
    with pytest.raises(InvalidInput) as raised:
        new_claim(seeded, category="danger", certainty="medium")
    text = str(raised.value)
    assert "category" in text and "certainty" in text
    assert list_claims(seeded) == []


def test_edit_validates_and_keeps_history(seeded):
    claim_id = new_claim(seeded)
    time.sleep(0.002)
    update_answers(seeded, claim_id, {"certainty": "very_low"}, reviewer="Jonas Lindqvist")
    claim = get_claim(seeded, claim_id)
    assert claim.answers["certainty"] == "very_low" and claim.updated > claim.created
    assert claim.reviewer == "Amara Okafor"  # the claim stays its creator's
    with pytest.raises(InvalidInput, match="certainty"):
        update_answers(seeded, claim_id, {"certainty": "sure"})
    with pytest.raises(InvalidInput, match="statement: required"):
        update_answers(seeded, claim_id, {"statement": None})
    versions = seeded.conn.execute(
        "SELECT count(*) FROM versions WHERE record_id = ? AND field = 'certainty'",
        (claim_id,)).fetchone()[0]
    assert versions == 1


def test_hidden_field_is_cleared_when_its_condition_no_longer_holds(seeded):
    claim_id = new_claim(seeded, evidence_cited="cites_review", citation="2019 review")
    update_answers(seeded, claim_id, {"evidence_cited": "anecdote"})
    assert "citation" not in get_claim(seeded, claim_id).answers


def test_delete_is_a_tombstone_and_can_be_undone(seeded):
    claim_id = new_claim(seeded)
    delete_record(seeded, claim_id)
    assert list_claims(seeded) == []
    assert seeded.conn.execute("SELECT count(*) FROM versions WHERE record_id = ?",
                               (claim_id,)).fetchone()[0] > 0
    restore_record(seeded, claim_id)
    assert [c.id for c in list_claims(seeded)] == [claim_id]
    with pytest.raises(NotFound):
        delete_record(seeded, "no-such-id")


def test_draft_claim_lacks_required_fields_until_filled(seeded):
    document, text, _ = first_document(seeded)
    start, end = find_quote(text, "potentially causing insomnia in some users")
    claim_id = add_claim(seeded, document.id, start, end, {"category": "risk"})
    assert get_claim(seeded, claim_id).complete is False
    update_answers(seeded, claim_id, {"statement": "Kratom may cause insomnia"}, partial=True)
    assert get_claim(seeded, claim_id).complete is True


def test_list_filters(seeded):
    risk = new_claim(seeded)
    benefit = new_claim(seeded, quote="manage withdrawal symptoms", category="benefit",
                        statement="Kratom eases withdrawal")
    assert [c.id for c in list_claims(seeded, category="risk")] == [risk]
    assert [c.id for c in list_claims(seeded, category="benefit")] == [benefit]
    other = list_documents(seeded)[1].id
    assert list_claims(seeded, document_id=other) == []


def test_final_claims_prefer_consensus(seeded):
    a = new_claim(seeded)
    document, text, pages = first_document(seeded)
    with Change(seeded, "Jonas Lindqvist") as change:
        b = create_claim(seeded, change, document.id,
                         anchor_at(text, *find_quote(text, "causing insomnia in some users"), pages),
                         {"statement": "May cause insomnia", "category": "risk"})
    assert {c.id for c in final_claims(seeded)} == {a, b}
    with Change(seeded, "Lead") as change:
        consensus = create_claim(seeded, change, document.id, get_claim(seeded, a).anchor,
                                 {"statement": "Kratom may cause insomnia", "category": "risk"},
                                 consensus_of=[a, b])
    assert [c.id for c in final_claims(seeded)] == [consensus]


def test_appraisal_one_per_reviewer_and_document(seeded):
    document = list_documents(seeded)[0]
    answers = {"source_type": "blog", "overall_quality": "low"}
    with Change(seeded) as change:
        first = save_appraisal(seeded, change, document.id, answers)
    with Change(seeded) as change:
        again = save_appraisal(seeded, change, document.id, {"overall_quality": "very_low"})
    assert first == again
    with Change(seeded, "Jonas Lindqvist") as change:
        save_appraisal(seeded, change, document.id, answers)
    found = list_appraisals(seeded, document_id=document.id)
    assert sorted(a.reviewer for a in found) == ["Amara Okafor", "Jonas Lindqvist"]
    mine = next(a for a in found if a.reviewer == "Amara Okafor")
    assert mine.answers == {"source_type": "blog", "overall_quality": "very_low"}
    json.dumps(mine.as_json())


def test_search_covers_claim_statement_quote_and_notes(seeded):
    from reviewtool.core.review.search import search

    claim_id = new_claim(seeded, statement="Sleeplessness reported by users", notes="zygomorphic")
    for query in ("sleeplessness", "potentially causing", "zygomorphic"):
        hits = [h for h in search(seeded, query) if h.kind == "claim"]
        assert [h.id for h in hits] == [claim_id], query
    delete_record(seeded, claim_id)
    assert not [h for h in search(seeded, "zygomorphic") if h.kind == "claim"]


def test_claim_on_a_repeated_passage_follows_its_context_through_a_reimport(seeded, tmp_path):
    """A claim added on the second copy of a repeated sentence stays on the second copy when
    the document is re-imported with text added before both copies."""
    from reviewtool.core.review.documents import import_paths
    from reviewtool.core.review.reimport import reimport_document

    sentence = "Kratom may cause insomnia in some users"
    original = tmp_path / "repeated.txt"
    original.write_text(f"{sentence}. Others report that kratom helps them sleep. The second "
                        f"article warns: {sentence}, especially at higher doses.\n",
                        encoding="utf-8")
    import_paths(seeded, [original])
    document = next(d for d in list_documents(seeded) if d.filename == "repeated.txt")
    text, _ = document_text(seeded, document.id)
    second = text.rindex(sentence)
    claim_id = add_claim(seeded, document.id, second, second + len(sentence))

    better = tmp_path / "repeated-v2.txt"
    better.write_text("Editor's note. " + "This page was rewritten for the new edition. " * 8
                      + original.read_text(encoding="utf-8"), encoding="utf-8")
    reimport_document(seeded, document.id, better)
    claim = get_claim(seeded, claim_id)
    new_text, _ = document_text(seeded, document.id)
    assert claim.anchor.start == new_text.rindex(sentence) and not claim.anchor.orphaned
    assert claim.anchor.prefix.endswith("warns: ")
