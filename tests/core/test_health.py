"""`check`: what it finds in a file that is not as reviewtool writes it."""

import sqlite3

import pytest

from reviewtool.core.store.health import check_review


def _schema_finding(path):
    finding, = [f for f in check_review(path) if f.check == "schema"]
    return finding


def test_a_sound_file_passes(review_path):
    assert all(f.ok for f in check_review(review_path))


@pytest.mark.parametrize("statement, words", [
    ("CREATE TRIGGER t AFTER INSERT ON local BEGIN SELECT 1; END", "trigger 't'"),
    ("CREATE VIEW v AS SELECT * FROM versions", "view 'v'"),
    ("ALTER TABLE reviewers ADD COLUMN extra TEXT", "other columns than reviewtool writes: reviewers"),
    ("ALTER TABLE merges ADD COLUMN g TEXT GENERATED ALWAYS AS (1) VIRTUAL",
     "other columns than reviewtool writes: merges"),
    ("DROP TABLE claims_fts", "missing tables: claims_fts"),
])
def test_schema_changes_are_found(review_path, statement, words):
    with sqlite3.connect(review_path) as conn:
        conn.execute(statement)
    conn.close()
    finding = _schema_finding(review_path)
    assert not finding.ok and words in finding.detail


def test_damaged_pages_are_reported_not_raised(seeded):
    path = seeded.path
    seeded.close()
    with open(path, "r+b") as handle:  # overwrite pages past the schema with garbage
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)
    findings = check_review(path)
    assert not all(f.ok for f in findings)
    assert any("damaged" in f.detail for f in findings if not f.ok)
