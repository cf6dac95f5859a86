"""Creating, opening and refusing review files."""

import sqlite3

import pytest

from reviewtool.core.review.new_review import new_review
from reviewtool.core.errors import NewerSchema, NotAReviewFile, ReviewError
from reviewtool.core.store.migrations import schema_version
from reviewtool.core.store.reviewfile import APPLICATION_ID, ReviewFile


def test_new_file_is_marked_and_configured(review_path):
    conn = sqlite3.connect(review_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    # Closed, the file stands alone (no -wal needed); open, it runs in WAL mode.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with ReviewFile.open(review_path) as review:
        assert review.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert review.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert review.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert review.owner == "Amara Okafor"


def test_new_stores_title_question_and_forms(review):
    fields = dict(review.conn.execute(
        "SELECT field, value ->> '$' FROM heads WHERE record_id = ? AND shown", (review.review_id,)).fetchall())
    assert fields == {"title": "Kratom and sleep", "question": "What do articles claim?"}
    forms = {row[0] for row in review.conn.execute("SELECT form_id FROM forms")}
    assert {"claim", "appraisal"} <= forms


def test_review_id_is_uuid7(review):
    assert review.review_id[14] == "7"


def test_new_refuses_to_overwrite(review_path):
    before = review_path.read_bytes()
    with pytest.raises(ReviewError, match="already exists"):
        new_review(review_path, title="Other", reviewer="X")
    assert review_path.read_bytes() == before


def test_new_leaves_no_temporary_files(tmp_path):
    new_review(tmp_path / "a.review", title="T", reviewer="R").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.review"]


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"hello, this is plain text and not a database at all" * 3, "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\x00" * 10, "not an SQLite database"),
])
def test_non_review_files_are_refused_unchanged(tmp_path, content, message):
    path = tmp_path / "x.review"
    path.write_bytes(content)
    with pytest.raises(NotAReviewFile, match=message):
        ReviewFile.open(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAReviewFile, match="not a reviewtool review file"):
        ReviewFile.open(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(NotAReviewFile, match="does not exist"):
        ReviewFile.open(tmp_path / "nope.review")


def test_newer_schema_is_refused_unchanged(review_path):
    conn = sqlite3.connect(review_path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    before = review_path.read_bytes()
    with pytest.raises(NewerSchema, match="newer reviewtool"):
        ReviewFile.open(review_path)
    assert review_path.read_bytes() == before


def test_older_schema_is_migrated_after_a_backup(review_path):
    from reviewtool.core.store.migrations import migrations

    # A reviewtool with one more migration than this one opens today's file.
    current = migrations()
    extra = (len(current) + 1, "CREATE TABLE extra_table (x INTEGER);")
    with ReviewFile.open(review_path, steps=current + (extra,)) as review:
        assert "extra_table" in review.db.table_names()
        assert review.conn.execute("PRAGMA user_version").fetchone()[0] == len(current) + 1
    backups = list(review_path.parent.glob("*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(current)
    old.close()


def test_transaction_rolls_back_on_error(review):
    with pytest.raises(RuntimeError):
        with review.transaction():
            review.set_local("probe", "1")
            raise RuntimeError("boom")
    assert review.local("probe") is None


def test_read_only_file_cannot_be_changed(review_path):
    with ReviewFile.open(review_path, readonly=True) as review:
        with pytest.raises(ReviewError, match="read-only"):
            with review.transaction():
                pass
