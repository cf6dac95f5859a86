"""A file written with schema 1 (tests/data/make_schema1_review.py) keeps its meaning."""

import json
import shutil
import sqlite3
from pathlib import Path

from reviewtool.core.review.new_review import new_review
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.store.health import check_review
from reviewtool.core.team.merge import merge_files
from reviewtool.core.store.migrations import schema_version
from reviewtool.core.store.reviewfile import ReviewFile

DATA = Path(__file__).parent.parent / "data"


def _schema1_copy(folder: Path, name: str = "old.review") -> Path:
    path = folder / name
    shutil.copy(DATA / "schema1.review", path)
    return path


def test_a_schema_1_file_is_migrated_without_changing_its_content(tmp_path):
    path = _schema1_copy(tmp_path)
    with ReviewFile.open(path) as review:
        assert review.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert canonical_json(review) == (DATA / "schema1.json").read_text(encoding="utf-8")
        # The conflict keeps both values and its provisional winner; the statement both
        # reviewers set alike has two heads and no conflict.
        conflicts = review.conn.execute("SELECT field, heads FROM field_conflicts").fetchall()
        assert conflicts == [("category", 2)]
        shown = review.conn.execute("""SELECT field, count(*), sum(shown) FROM heads
            GROUP BY record_id, field HAVING count(*) > 1 ORDER BY field""").fetchall()
        assert shown == [("category", 2, 1), ("statement", 2, 1)]
    assert [f for f in check_review(path) if not f.ok] == []
    backup, = tmp_path.glob("old.review.v1*.bak")
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_schema_1_file_merges_into_a_current_one(tmp_path):
    source = _schema1_copy(tmp_path)
    before = source.read_bytes()
    target = tmp_path / "new.review"
    new_review(target, title="Another review", reviewer="Amara Okafor").close()
    summary, = merge_files(target, [source], force=True)
    assert summary.claims == 3 and summary.conflicts == 1
    assert source.read_bytes() == before  # migrated in a private copy only
    expected = json.loads((DATA / "schema1.json").read_text(encoding="utf-8"))
    with ReviewFile.open(target) as review:
        merged = json.loads(canonical_json(review))
    for key in ("claims", "conflicts", "deleted", "documents"):
        assert merged[key] == expected[key]


def test_reading_a_schema_1_file_leaves_it_as_it_is(tmp_path, monkeypatch):
    """Read-only commands read an upgraded private copy; the file itself is not touched."""
    from reviewtool.core.team.conflicts import list_conflicts

    path = _schema1_copy(tmp_path)
    before = path.read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    with ReviewFile.open(path, readonly=True) as review:
        conflict, = list_conflicts(review)
        assert (conflict.field, conflict.shown) == ("category", "benefit")
        assert canonical_json(review) == (DATA / "schema1.json").read_text(encoding="utf-8")
    schema, = [f for f in check_review(path) if f.check == "schema"]
    assert schema.ok and schema.detail.startswith("file format 1 ")
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == [] and list(scratch.iterdir()) == []
