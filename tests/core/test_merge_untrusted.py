"""A broken or hostile source file is refused with a clear message; the target is untouched."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from reviewtool.core.review.new_review import new_review
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import create_claim
from reviewtool.core.review.anchors import anchor_at
from reviewtool.core.review.documents import document_text, list_documents
from reviewtool.core.errors import MergeRefused, ReviewError
from reviewtool.core.store.health import check_review
from reviewtool.core.team.merge import merge_files
from reviewtool.core.store.migrations import schema_version
from reviewtool.core.store.reviewfile import ReviewFile


def copy_with_claim(target, path, reviewer, statement, category):
    """A copy of `target` at `path` in which `reviewer` added one claim."""
    shutil.copy(target, path)
    with ReviewFile.open(path) as review:
        document = list_documents(review)[0]
        text, pages = document_text(review, document.id)
        with Change(review, reviewer) as change:
            create_claim(review, change, document.id, anchor_at(text, 0, 30, pages),
                         {"statement": statement, "category": category})
    return path


@pytest.fixture
def team(seeded, tmp_path):
    """(target path, a valid teammate's file with one claim of their own)."""
    target = seeded.path
    seeded.close()
    mate = copy_with_claim(target, tmp_path / "mate.review", "Jonas Lindqvist",
                           "teammate's claim", "benefit")
    return target, mate


def tamper(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def assert_refused(target, source, match):
    before = target.read_bytes()
    with pytest.raises(MergeRefused, match=match) as raised:
        merge_files(target, [source])
    assert str(source) in str(raised.value) or source.name in str(raised.value)
    assert len(str(raised.value).splitlines()) == 1  # one line, whatever the file holds
    assert target.read_bytes() == before
    assert not target.with_name(target.name + ".before-merge").exists()


def test_valid_teammate_file_merges(team):
    target, mate = team
    summary, = merge_files(target, [mate])
    assert (summary.claims, summary.documents) == (1, 0)


def test_truncated_file(team, tmp_path):
    target, mate = team
    broken = tmp_path / "truncated.review"
    data = mate.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    assert_refused(target, broken, "damaged|malformed|not a review")


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 50])
def test_zero_bytes_and_random_bytes(team, tmp_path, content):
    target, _ = team
    junk = tmp_path / "junk.review"
    junk.write_bytes(content)
    assert_refused(target, junk, "empty|not an SQLite database")


def test_copied_while_open_without_its_wal(team, tmp_path):
    target, mate = team
    with ReviewFile.open(mate) as review:  # open: the file is in WAL mode
        copy = tmp_path / "copied-while-open.review"
        shutil.copy(mate, copy)
        assert review.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert_refused(target, copy, "copied while open")


def test_foreign_sqlite_database(team, tmp_path):
    target, _ = team
    other = tmp_path / "other.sqlite"
    tamper(other, "CREATE TABLE notes (x TEXT)")
    assert_refused(target, other, "not a reviewtool review file")


def test_newer_schema(team):
    target, mate = team
    tamper(mate, f"PRAGMA user_version = {schema_version() + 1}")
    assert_refused(target, mate, "newer reviewtool")


def test_table_replaced_by_a_view(team):
    target, mate = team
    tamper(mate, "ALTER TABLE versions RENAME TO versions_real",
           "CREATE VIEW versions AS SELECT * FROM versions_real")
    assert_refused(target, mate, "view")


def test_trigger_calling_functions(team):
    target, mate = team
    tamper(mate, "CREATE TRIGGER evil AFTER INSERT ON reviewers BEGIN "
                 "SELECT load_extension('/tmp/evil.so'); END")
    assert_refused(target, mate, "trigger")


def test_view_calling_functions(team):
    target, mate = team
    tamper(mate, "CREATE VIEW sneaky AS SELECT randomblob(1000000000)")
    assert_refused(target, mate, "view")


def test_wrong_value_types(team):
    target, mate = team
    tamper(mate, "UPDATE versions SET value = X'DEADBEEF' WHERE rowid = (SELECT min(rowid) FROM versions)")
    assert_refused(target, mate, "versions.value holds a blob value where reviewtool writes text")


def test_wrong_declared_column_types(team):
    target, mate = team
    tamper(mate, "CREATE TABLE r2 (reviewer_id INTEGER, name TEXT, created TEXT)",
           "INSERT INTO r2 SELECT * FROM reviewers", "DROP TABLE reviewers",
           "ALTER TABLE r2 RENAME TO reviewers")
    assert_refused(target, mate, "columns and types")


def test_a_generated_column_is_refused(team):
    # PRAGMA table_info (and so sqlite-utils' columns) does not list generated columns.
    target, mate = team
    tamper(mate, "ALTER TABLE reviewers ADD COLUMN g TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL")
    assert_refused(target, mate, "'reviewers' does not have the columns and types")


def test_fifty_megabyte_value(team):
    target, mate = team
    tamper(mate, "UPDATE versions SET value = json_quote(printf('%.*c', 50000000, 'x')) "
                 "WHERE rowid = (SELECT min(rowid) FROM versions)")
    assert_refused(target, mate, "MB, larger than reviewtool ever writes")


def test_history_hiding_target_values_is_refused(team):
    target, mate = team
    # A version claiming to replace a version of another field would hide that field's value.
    tamper(mate,
           "INSERT INTO version_parents SELECT a.version_id, b.version_id FROM versions a, versions b "
           "WHERE a.field = 'statement' AND b.field = 'title' LIMIT 1")
    assert_refused(target, mate, "history")


_NEW_VERSION = ("INSERT INTO versions SELECT 'forged-' || version_id, record_id, entity, field, "
                "value, author_id, hlc, change_id FROM versions WHERE field = 'statement' "
                "ORDER BY hlc DESC LIMIT 1")


@pytest.mark.parametrize("statements, reason", [
    ([_NEW_VERSION, "UPDATE versions SET author_id = 'nobody' WHERE version_id LIKE 'forged-%'"],
     "unknown reviewer"),
    ([_NEW_VERSION, "UPDATE versions SET hlc = 'yesterday' WHERE version_id LIKE 'forged-%'"],
     "malformed time stamp"),
    ([_NEW_VERSION, "UPDATE versions SET field = '' WHERE version_id LIKE 'forged-%'"],
     "no record, entity or field"),
    ([_NEW_VERSION, "UPDATE versions SET entity = 'appraisal' WHERE version_id LIKE 'forged-%'"],
     "changes its kind"),
    ([_NEW_VERSION,
      "INSERT INTO version_parents SELECT 'forged-' || version_id, version_id FROM versions "
      "WHERE field = 'statement' AND version_id NOT LIKE 'forged-%' ORDER BY hlc DESC LIMIT 1",
      "UPDATE versions SET hlc = '2000-01-01T00:00:00.000Z.0000' WHERE version_id LIKE 'forged-%'"],
     "older than the version it replaces"),
])
def test_malformed_history_is_refused(team, statements, reason):
    target, mate = team
    tamper(mate, *statements)
    assert_refused(target, mate, reason)


def test_a_record_of_two_kinds_in_two_files_is_refused(team, tmp_path):
    """Each file alone is consistent; merged together, one record would be two things."""
    target, mate = team
    other = tmp_path / "other.review"
    shutil.copy(mate, other)
    # In `other`, the teammate's claim is an appraisal throughout, in versions of its own.
    tamper(other, "UPDATE versions SET entity = 'appraisal', version_id = 'x-' || version_id "
                  "WHERE record_id IN "
                  "(SELECT record_id FROM versions WHERE field = 'statement' "
                  "AND value = '\"teammate''s claim\"')")
    before = target.read_bytes()
    with pytest.raises(MergeRefused, match="changes its kind"):
        merge_files(target, [mate, other])
    assert target.read_bytes() == before


def test_several_bad_sources_name_the_first_and_leave_no_copies(team, tmp_path, monkeypatch):
    """Sources are verified side by side; the report still follows the order given."""
    target, mate = team
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    first, second = tmp_path / "first.review", tmp_path / "second.review"
    first.write_bytes(b"")
    second.write_bytes(bytes(range(256)) * 50)
    before = target.read_bytes()
    for order in ([mate, first, second], [mate, second, first]):
        with pytest.raises(MergeRefused) as raised:
            merge_files(target, order)
        assert str(order[1]) in str(raised.value)
    assert target.read_bytes() == before
    assert list((tmp_path / "scratch").iterdir()) == []


def test_different_review_needs_force(team, tmp_path):
    target, _ = team
    stranger = tmp_path / "stranger.review"
    new_review(stranger, title="Other review", reviewer="Someone").close()
    assert_refused(target, stranger, "different review.*--force")
    summary, = merge_files(target, [stranger], force=True)
    assert summary.versions > 0


def test_read_only_target(team):
    target, mate = team
    target.chmod(0o444)
    try:
        before = target.read_bytes()
        with pytest.raises(ReviewError, match="read-only"):
            merge_files(target, [mate])
        assert target.read_bytes() == before
    finally:
        target.chmod(0o644)


def test_dry_run_changes_nothing(team):
    target, mate = team
    before = target.read_bytes()
    summary, = merge_files(target, [mate], dry_run=True)
    assert summary.claims == 1
    assert target.read_bytes() == before


def test_killed_in_the_middle_of_a_merge_leaves_the_target_intact(team):
    target, mate = team
    with ReviewFile.open(target) as review:
        before = canonical_json(review)
    script = textwrap.dedent(f"""
        import os, signal
        import reviewtool.core.team.merge as merge
        real = merge.derive
        def derive_then_die(conn, **options):
            real(conn, **options)                 # the versions are in, the transaction is open
            os.kill(os.getpid(), signal.SIGKILL)
        merge.derive = derive_then_die
        merge.merge_files({str(target)!r}, [{str(mate)!r}], snapshot=False)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    assert all(f.ok for f in check_review(target))
    with ReviewFile.open(target) as review:
        assert canonical_json(review) == before
    summary, = merge_files(target, [mate])  # and the merge can simply be run again
    assert summary.claims == 1


def test_more_files_than_one_transaction_can_attach(team, tmp_path):
    """Eleven files need two rounds of attaching; a file refused in the second still leaves
    the target as it was, and without it all of them merge."""
    target, _ = team
    files = [copy_with_claim(target, tmp_path / f"reviewer{n}.review", f"Reviewer {n}",
                             f"claim {n}", "risk") for n in range(11)]
    # The first file's claim, as an appraisal in versions of its own: refused only when the
    # eleventh file meets the first in the merge.
    bad = tmp_path / "bad.review"
    shutil.copy(files[0], bad)
    tamper(bad, "UPDATE versions SET entity = 'appraisal', version_id = 'x-' || version_id "
                "WHERE record_id IN (SELECT record_id FROM versions WHERE value = '\"claim 0\"')")
    with ReviewFile.open(target) as review:
        claims_before = review.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    before = target.read_bytes()
    with pytest.raises(MergeRefused, match="bad.review.*changes its kind"):
        merge_files(target, files[:10] + [bad])
    assert target.read_bytes() == before
    summaries = merge_files(target, files)
    assert [s.claims for s in summaries] == [1] * 11
    with ReviewFile.open(target) as review:
        assert review.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == claims_before + 11
    assert all(f.ok for f in check_review(target))


def test_a_write_made_during_a_merge_of_many_files_survives(team, tmp_path, monkeypatch):
    """Eleven files are merged through a private copy; an edit made to the target meanwhile
    (as `set` in another window would) must not be overwritten by that copy."""
    from reviewtool.core.review.claims import list_claims
    from reviewtool.core.review.records import update_answers
    from reviewtool.core.team import merge

    target, mate = team
    merge_files(target, [mate])
    with ReviewFile.open(target) as review:
        claim = list_claims(review)[0]
    files = [copy_with_claim(target, tmp_path / f"r{n}.review", f"Reviewer {n}", f"claim {n}",
                             "risk") for n in range(11)]
    merge_into = merge._merge_into

    def merge_then_edit_the_target(review, *args, **kwargs):
        summaries = merge_into(review, *args, **kwargs)
        if review.path != target:  # the private copy is done: now a write lands in the target
            with ReviewFile.open(target) as other:
                assert update_answers(other, claim.id, {"notes": "written meanwhile"}) == 1
        return summaries

    monkeypatch.setattr(merge, "_merge_into", merge_then_edit_the_target)
    assert [s.claims for s in merge_files(target, files)] == [1] * 11
    with ReviewFile.open(target) as review:
        kept, = [c for c in list_claims(review) if c.id == claim.id]
        assert kept.answers.get("notes") == "written meanwhile"
        assert review.conn.execute("SELECT count(*) FROM merges").fetchone()[0] == 12
    assert all(f.ok for f in check_review(target))
