"""The read queries behind the app's lists: filtered, sorted ids; rows by id."""

import pytest

from reviewtool.core.review.appraisals import save_appraisal
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import add_claim
from reviewtool.core.review.documents import list_documents
from reviewtool.core.store.ids import reviewer_id
from reviewtool.core.review.queries import (
    CLAIM_SORTS,
    ClaimFilters,
    claim_ids,
    claim_rows,
    claim_spans,
    document_ids,
    document_rows,
    review_summary,
    reviewer_names,
)
from reviewtool.core.review.records import delete_record


@pytest.fixture
def claims(seeded):
    """Five claims over two documents by two reviewers; returns (review, documents, ids)."""
    docs = list_documents(seeded)
    made = {
        "risk_low": add_claim(seeded, docs[0].id, 0, 20, {"statement": "b risk", "category": "risk",
                                                          "certainty": "low"}),
        "benefit_high": add_claim(seeded, docs[0].id, 30, 60, {"statement": "a benefit",
                                                               "category": "benefit",
                                                               "certainty": "high"}),
        "draft": add_claim(seeded, docs[0].id, 10, 40, {"category": "risk"}),
        "ben": add_claim(seeded, docs[1].id, 5, 25, {"statement": "c question",
                                                     "category": "open_question",
                                                     "certainty": "very_low"},
                         reviewer="Ben Lindqvist"),
        "mechanism": add_claim(seeded, docs[1].id, 50, 70, {"statement": "d mechanism",
                                                            "category": "mechanism"}),
    }
    return seeded, docs, made


def test_filters(claims):
    review, docs, made = claims
    assert set(claim_ids(review)) == set(made.values())
    assert set(claim_ids(review, ClaimFilters(category="risk"))) == {made["risk_low"], made["draft"]}
    assert claim_ids(review, ClaimFilters(certainty="high")) == [made["benefit_high"]]
    assert claim_ids(review, ClaimFilters(reviewer_id=reviewer_id("Ben Lindqvist"))) == [made["ben"]]
    assert set(claim_ids(review, ClaimFilters(document_id=docs[1].id))) == {made["ben"], made["mechanism"]}
    assert claim_ids(review, ClaimFilters(incomplete=True)) == [made["draft"]]
    assert len(claim_ids(review, ClaimFilters(incomplete=False))) == 4
    assert claim_ids(review, ClaimFilters(orphaned=True)) == []
    assert claim_ids(review, ClaimFilters(conflicted=True)) == []
    assert claim_ids(review, ClaimFilters(category="risk", document_id=docs[1].id)) == []


def test_sorts(claims):
    review, _docs, made = claims
    assert claim_ids(review) == list(made.values())  # created order by default
    by_statement = claim_ids(review, sort="statement")
    assert by_statement == [made["draft"], made["benefit_high"], made["risk_low"], made["ben"],
                            made["mechanism"]]  # '' first, then a, b, c, d
    assert claim_ids(review, sort="statement", descending=True) == by_statement[::-1]
    # Choice columns sort in the form's order of choices (GRADE high → very low), blanks last.
    assert claim_ids(review, sort="certainty") == [made["benefit_high"], made["risk_low"],
                                                   made["ben"], made["draft"], made["mechanism"]]
    by_category = claim_ids(review, sort="category")
    assert [made[k] for k in ("risk_low", "draft")] == by_category[:2]
    assert by_category[2:] == [made["benefit_high"], made["ben"], made["mechanism"]]
    assert claim_ids(review, sort="reviewer")[-1] == made["ben"]
    assert claim_ids(review, sort="status")[-1] == made["draft"]
    for sort in CLAIM_SORTS:
        assert sorted(claim_ids(review, sort=sort)) == sorted(made.values())
    with pytest.raises(ValueError):
        claim_ids(review, sort="nonsense; DROP TABLE claims")


def test_claim_rows_keep_the_order_asked_and_skip_deleted(claims):
    review, docs, made = claims
    wanted = [made["ben"], made["risk_low"], made["draft"]]
    delete_record(review, made["draft"])
    rows = claim_rows(review, wanted)
    assert [row.id for row in rows] == wanted[:2]
    ben = rows[0]
    assert (ben.reviewer, ben.document_title, ben.category, ben.certainty) == (
        "Ben Lindqvist", docs[1].title, "open_question", "very_low")
    assert ben.exact and ben.complete and not ben.orphaned and ben.conflicts == 0


def test_claim_rows_in_chunks(claims):
    review, _docs, made = claims
    many = list(made.values()) * 300  # more ids than one statement may bind
    assert len(claim_rows(review, many)) == len(many)


def test_claim_spans_of_a_document(claims):
    review, docs, made = claims
    spans = claim_spans(review, docs[0].id)
    assert [(s.start, s.end) for s in spans] == [(0, 20), (10, 40), (30, 60)]
    assert [s.id for s in spans] == [made["risk_low"], made["draft"], made["benefit_high"]]
    assert not spans[1].complete and spans[0].category == "risk"


def test_document_rows_counts_and_appraisal(claims):
    review, docs, _made = claims
    with Change(review, "Amara Okafor") as change:
        save_appraisal(review, change, docs[1].id, {"source_type": "news",
                                                    "overall_quality": "high"})
    rows = {row.id: row for row in document_rows(review, reviewer="Amara Okafor")}
    assert (rows[docs[0].id].claims, rows[docs[1].id].claims, rows[docs[2].id].claims) == (3, 2, 0)
    assert rows[docs[1].id].appraised and not rows[docs[0].id].appraised
    assert not any(r.appraised for r in document_rows(review, reviewer="Ben Lindqvist"))
    assert [r.id for r in document_rows(review, [docs[2].id, docs[0].id])] == [docs[2].id, docs[0].id]


def test_document_ids_sorted(claims):
    review, docs, _made = claims
    assert document_ids(review) == [d.id for d in docs]  # by title, as list_documents
    assert document_ids(review, "claims", descending=True)[0] == docs[0].id
    assert document_ids(review, "appraised", reviewer="Amara Okafor") == [d.id for d in docs]


def test_reviewers_and_summary(claims):
    review, _docs, _made = claims
    assert [name for _, name in reviewer_names(review)] == ["Amara Okafor", "Ben Lindqvist"]
    summary = review_summary(review)
    assert summary == {"title": "Kratom and sleep", "question": "What do articles claim?",
                       "documents": 3, "claims": 5}
