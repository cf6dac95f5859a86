"""One set of limits (core/limits.py) for every writer and for merge: reviewtool never writes
what a teammate's merge would refuse, and says so when the value is entered."""

import shutil

import pytest

from reviewtool.core import limits
from reviewtool.core.errors import InvalidInput, MergeRefused, ReviewError
from reviewtool.core.review.anchors import anchor_at
from reviewtool.core.review.claims import create_claim, list_claims
from reviewtool.core.review.documents import document_text, import_paths, list_documents
from reviewtool.core.review.new_review import new_review
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.merge import merge_files

from ..conftest import SEEDS


def add_claim(review, **answers):
    document = list_documents(review)[0]
    text, pages = document_text(review, document.id)
    with Change(review) as change:
        return create_claim(review, change, document.id, anchor_at(text, 10, 80, pages),
                            {"statement": "s", "category": "risk", **answers})


def test_a_note_over_the_limit_is_refused_when_entered_and_nothing_is_written(seeded):
    before = len(list_claims(seeded))
    with pytest.raises(InvalidInput, match=r"field 'notes' would hold 9(\.0)? MB, more than the 8 MB"):
        add_claim(seeded, notes="n" * (9 * limits.MIB))
    assert len(list_claims(seeded)) == before


def test_what_a_writer_accepts_merge_accepts_and_what_it_refuses_merge_refuses(
        tmp_path, review_path, monkeypatch):
    monkeypatch.setattr(limits, "FIELD_VALUE", 64 * 1024)
    monkeypatch.setitem(limits._COLUMNS, ("versions", "value"), 64 * 1024)
    with ReviewFile.open(review_path) as review:
        import_paths(review, SEEDS)
    teammate = tmp_path / "teammate.review"
    shutil.copy(review_path, teammate)
    with ReviewFile.open(teammate) as review:
        add_claim(review, notes="n" * 60_000)  # just under: written, and merged
        with pytest.raises(InvalidInput):
            add_claim(review, notes="n" * 70_000)  # just over: refused at entry
    assert merge_files(review_path, [teammate])[0].claims == 1
    # A file holding the larger value (written by hand) is what merge refuses.
    import sqlite3
    with sqlite3.connect(teammate) as conn:
        conn.execute("UPDATE versions SET value = json_quote(?) WHERE field = 'notes'", ("n" * 70_000,))
    with pytest.raises(MergeRefused, match="larger than reviewtool ever writes there"):
        merge_files(review_path, [teammate])


def test_an_import_whose_text_a_review_file_cannot_carry_is_refused(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DOCUMENT_TEXT", 1 * limits.MIB)
    source = tmp_path / "cjk.txt"
    source.write_text("睡眠と葛について。\n" * 40_000, encoding="utf-16")  # 0.8 MB, 1.2 MB as UTF-8
    (outcome,) = import_paths(review, [source])
    assert outcome.status == "failed"
    assert outcome.message == ("its text is 1.1 MB, over the 1 MB a review file can carry to "
                               "teammates; split the document and import the parts")


def test_a_reviewer_name_too_long_for_merge_is_refused_when_given(tmp_path):
    path = tmp_path / "r.review"
    with pytest.raises(ReviewError, match="A reviewer name of 70,000 characters is too long"):
        new_review(path, title="T", reviewer="x" * 70_000)
    assert not path.exists()


def test_a_form_too_large_to_merge_is_refused_when_added(review, monkeypatch):
    from reviewtool.core.forms import shipped_forms
    from reviewtool.core.forms.in_review import store_form

    monkeypatch.setattr(limits, "FORM_DEFINITION", 1000)
    with pytest.raises(ReviewError, match="a form definition can take"):
        store_form(review, next(iter(shipped_forms().values())))


def test_merge_reads_the_same_limits():
    from reviewtool.core.store import untrusted

    for table, columns in untrusted.EXPECTED.items():
        for column in columns:
            assert untrusted._limit(table, column) == limits.column_limit(table, column)
    assert untrusted.MAX_SOURCE_BYTES == limits.SOURCE_FILE


def test_a_batch_cell_over_the_limit_is_named_by_its_row(seeded, tmp_path, monkeypatch):
    import csv

    from reviewtool.core.review.batch_entry import add_claims

    monkeypatch.setattr(limits, "FIELD_VALUE", 200_000)
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["document", "quote", "statement", "category", "notes"])
        writer.writerow([SEEDS[0].name, "Kratom, derived from Mitragyna speciosa leaves", "s",
                         "risk", "fine"])
        writer.writerow([SEEDS[0].name, "Kratom, derived from Mitragyna speciosa leaves", "s",
                         "risk", "n" * 300_000])
    csv.field_size_limit(131072)  # as Python starts
    with pytest.raises(ReviewError, match=r"claims.csv, row 3 has a cell longer than the "
                                          r"195.3 KB a field can hold; shorten it.$"):
        add_claims(seeded, path)
    assert list_claims(seeded) == []
    # Within the limit but over csv's own default of 128 KB: accepted whole.
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["document", "quote", "statement", "category", "notes"])
        writer.writerow([SEEDS[0].name, "Kratom, derived from Mitragyna speciosa leaves", "s",
                         "risk", "n" * 150_000])
    assert len(add_claims(seeded, path)) == 1
