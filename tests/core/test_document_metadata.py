"""Document metadata: cleaned values, edits as versions, merges with conflicts per field."""

import shutil

import pytest

from reviewtool.core.errors import InvalidInput
from reviewtool.core.review.document_metadata import clean_value, set_metadata
from reviewtool.core.review.documents import get_document, list_documents
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.core.team.merge import merge_files


def test_values_are_stored_clean():
    assert clean_value("authors", "Okafor, Amara;  Lindqvist, Jonas ;") == [
        "Okafor, Amara", "Lindqvist, Jonas"]
    assert clean_value("doi", "https://doi.org/10.1016/j.sleep.2020.01.002") == \
        "10.1016/j.sleep.2020.01.002"
    assert clean_value("doi", "doi: 10.1000/xyz") == "10.1000/xyz"
    assert clean_value("published", "2020/05/01/") == "2020-05-01"
    assert clean_value("published", "2020") == "2020"
    assert clean_value("title", "  Kratom\n and   sleep ") == "Kratom and sleep"
    for field, bad in (("published", "May 2020"), ("accessed", "2023-02-30"),
                       ("doi", "not a doi"), ("url", "www.example.org"), ("title", " ")):
        with pytest.raises(ValueError):
            clean_value(field, bad)


def test_set_metadata_shows_in_the_document_and_its_json(seeded):
    doc = list_documents(seeded)[0]
    changed = set_metadata(seeded, doc.id, {"authors": "Okafor, Amara; Lindqvist, Jonas",
                                            "published": "2021-03", "container": "Sleep Health",
                                            "doi": "10.1000/abc.1"})
    assert changed == 4
    again = get_document(seeded, doc.id)
    assert again.authors == ("Okafor, Amara", "Lindqvist, Jonas")
    assert (again.published, again.container, again.doi) == ("2021-03", "Sleep Health",
                                                             "10.1000/abc.1")
    assert again.as_json()["authors"] == ["Okafor, Amara", "Lindqvist, Jonas"]
    assert set_metadata(seeded, doc.id, {"container": "Sleep Health"}) == 0  # same value
    assert set_metadata(seeded, doc.id, {"container": ""}) == 1
    assert get_document(seeded, doc.id).container == ""


def test_a_bad_value_changes_nothing(seeded):
    doc = list_documents(seeded)[0]
    with pytest.raises(InvalidInput, match="published: 'yesterday' is not a date"):
        set_metadata(seeded, doc.id, {"container": "Kept out", "published": "yesterday"})
    assert get_document(seeded, doc.id).container == ""


def _two_reviewers(seeded, tmp_path):
    seeded.close()
    a = seeded.path
    b = tmp_path / "b.review"
    shutil.copyfile(a, b)
    with ReviewFile.open(a) as review:
        document_id = list_documents(review)[0].id
    return a, b, document_id


def test_same_field_changed_by_two_reviewers_is_one_conflict(seeded, tmp_path):
    a, b, document_id = _two_reviewers(seeded, tmp_path)
    with ReviewFile.open(a) as review:
        set_metadata(review, document_id, {"published": "2020"})
    with ReviewFile.open(b) as review:
        set_metadata(review, document_id, {"published": "2021"}, reviewer="Jonas Lindqvist")
    summary, = merge_files(a, [b], force=True)
    with ReviewFile.open(a) as review:
        conflicts = list_conflicts(review)
        assert [(c.record_id, c.field) for c in conflicts] == [(document_id, "published")]
        assert sorted(v.value for v in conflicts[0].values) == ["2020", "2021"]
        assert get_document(review, document_id).published in ("2020", "2021")


def test_different_fields_changed_by_two_reviewers_are_both_kept(seeded, tmp_path):
    a, b, document_id = _two_reviewers(seeded, tmp_path)
    with ReviewFile.open(a) as review:
        set_metadata(review, document_id, {"published": "2020"})
    with ReviewFile.open(b) as review:
        set_metadata(review, document_id, {"authors": ["Doe, Jane"]}, reviewer="Jonas Lindqvist")
    merge_files(a, [b], force=True)
    with ReviewFile.open(a) as review:
        assert list_conflicts(review) == []
        document = get_document(review, document_id)
        assert (document.published, document.authors) == ("2020", ("Doe, Jane",))


def test_a_document_is_found_by_its_authors_container_and_doi(seeded):
    from reviewtool.core.review.search import search

    doc = list_documents(seeded)[0]
    set_metadata(seeded, doc.id, {"authors": ["Ødegård, Åse"], "container": "Schlafmedizin",
                                  "doi": "10.1000/abc.1"})
    for query in ("ødegard", "schlafmedizin", '"10.1000/abc.1"'):
        assert [h.id for h in search(seeded, query) if h.kind == "document"] == [doc.id], query


def test_a_metadata_conflict_is_resolved_with_a_value_as_set_takes_it(seeded, tmp_path):
    from reviewtool.core.errors import InvalidInput
    from reviewtool.core.team.conflicts import parse_resolution, resolve_conflict

    a, b, document_id = _two_reviewers(seeded, tmp_path)
    for path, value, name in ((a, "Doe, Jane", None), (b, "Roe, Rick", "Jonas Lindqvist")):
        with ReviewFile.open(path) as review:
            set_metadata(review, document_id, {"authors": value, "published": "2020"}
                         if name else {"authors": value, "published": "2021"}, reviewer=name)
    merge_files(a, [b], force=True)
    with ReviewFile.open(a) as review:
        conflicts = {c.field: c for c in list_conflicts(review)}
        assert set(conflicts) == {"authors", "published"}
        with pytest.raises(InvalidInput, match="published: 'spring' is not a date"):
            parse_resolution(review, conflicts["published"], "spring")
        for field, typed in (("published", "2020"), ("authors", "Doe, Jane; Roe, Rick")):
            resolve_conflict(review, conflicts[field], parse_resolution(review, conflicts[field],
                                                                        typed))
        document = get_document(review, document_id)
        assert (document.published, document.authors) == ("2020", ("Doe, Jane", "Roe, Rick"))
        assert list_conflicts(review) == []
