"""Every edit is an immutable version; current state is derived from the heads."""

import json

from reviewtool.core.store import ids
from reviewtool.core.store.changes import Change
from reviewtool.core.store.state import rebuild_all


def _fields(review, record_id):
    return {f: json.loads(v) for f, v in review.conn.execute(
        "SELECT field, value FROM heads WHERE record_id = ? AND shown", (record_id,))}


def test_edit_appends_a_version_with_its_parent(review):
    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "first"}, new=True)
    with Change(review, "Jonas Lindqvist") as change:
        change.set("note", record, {"text": "second"})
    rows = review.conn.execute(
        "SELECT v.version_id, v.value, r.name FROM versions v JOIN reviewers r "
        "ON r.reviewer_id = v.author_id WHERE record_id = ? ORDER BY hlc", (record,)).fetchall()
    assert [(json.loads(value), name) for _, value, name in rows] == [
        ("first", "Amara Okafor"), ("second", "Jonas Lindqvist")]
    parents = review.conn.execute("SELECT parent_id FROM version_parents WHERE version_id = ?",
                                  (rows[1][0],)).fetchall()
    assert parents == [(rows[0][0],)]
    assert _fields(review, record) == {"text": "second"}


def test_a_record_remembers_who_created_it_and_who_changed_it_last(review):
    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "first"}, new=True)
    with Change(review, "Jonas Lindqvist") as change:
        change.set("note", record, {"text": "second"})
    names = dict(review.conn.execute("SELECT reviewer_id, name FROM reviewers"))
    created_by, updated_by, created, updated = review.conn.execute(
        "SELECT created_by, updated_by, created, updated FROM records WHERE record_id = ?",
        (record,)).fetchone()
    assert (names[created_by], names[updated_by]) == ("Amara Okafor", "Jonas Lindqvist")
    assert created < updated
    rebuild_all(review.conn)
    assert review.conn.execute("SELECT created_by, updated_by FROM records WHERE record_id = ?",
                               (record,)).fetchone() == (created_by, updated_by)


def test_setting_the_same_value_writes_nothing(review):
    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "same"}, new=True)
    count = review.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    with Change(review) as change:
        assert change.set("note", record, {"text": "same"}) == 0
    assert review.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == count


def test_delete_is_a_tombstone(review):
    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "x"}, new=True)
    with Change(review) as change:
        change.delete("note", record)
    deleted, = review.conn.execute("SELECT deleted FROM records WHERE record_id = ?",
                                   (record,)).fetchone()
    assert deleted == 1
    assert _fields(review, record)["text"] == "x"  # the data is still there


def test_concurrent_heads_are_a_conflict_with_a_deterministic_winner(review):
    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "base"}, new=True)
    base, = review.conn.execute("SELECT version_id FROM heads WHERE record_id = ?", (record,)).fetchone()
    # Two edits that both replace `base`, as after merging two reviewers' files.
    author = review.conn.execute("SELECT author_id FROM versions").fetchone()[0]
    for n, stamp in ((1, "2030-01-01T00:00:00.000Z.0000"), (2, "2030-01-01T00:00:00.000Z.0001")):
        vid = ids.uuid7()
        review.conn.execute("INSERT INTO versions VALUES (?, ?, 'note', 'text', ?, ?, ?, ?)",
                            (vid, record, json.dumps(f"edit {n}"), author, stamp, vid))
        review.conn.execute("INSERT INTO version_parents VALUES (?, ?)", (vid, base))
    rebuild_all(review.conn)
    shown = review.conn.execute(
        "SELECT value FROM heads WHERE record_id = ? AND field = 'text' AND shown",
        (record,)).fetchall()
    assert [json.loads(value) for value, in shown] == ["edit 2"]  # the later stamp wins provisionally
    assert review.conn.execute("SELECT heads FROM field_conflicts WHERE record_id = ? AND "
                               "field = 'text'", (record,)).fetchone() == (2,)
    assert review.conn.execute("SELECT conflicts FROM records WHERE record_id = ?",
                               (record,)).fetchone()[0] == 1
    # An edit made now replaces both heads: that is how adjudication resolves a conflict.
    with Change(review) as change:
        change.set("note", record, {"text": "agreed"})
    assert review.conn.execute("SELECT count(*) FROM heads WHERE record_id = ? AND "
                               "field = 'text'", (record,)).fetchone()[0] == 1
    assert review.conn.execute("SELECT count(*) FROM field_conflicts").fetchone()[0] == 0


def test_clock_never_goes_backwards(review):
    record = ids.uuid7()
    review.set_local("clock", "2099-01-01T00:00:00.000Z.0005")  # a teammate's fast clock
    with Change(review) as change:
        change.set("note", record, {"text": "x"}, new=True)
    stamp, = review.conn.execute("SELECT hlc FROM versions WHERE record_id = ?", (record,)).fetchone()
    assert stamp > "2099-01-01T00:00:00.000Z.0005"


def test_failed_change_writes_nothing(review):
    count = review.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    try:
        with Change(review) as change:
            change.set("note", ids.uuid7(), {"text": "x"}, new=True)
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    assert review.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == count


def test_rebuild_from_history_reproduces_state(seeded):
    before = seeded.conn.execute("SELECT * FROM documents ORDER BY document_id").fetchall()
    seeded.conn.execute("DELETE FROM documents")
    seeded.conn.execute("DELETE FROM heads")
    rebuild_all(seeded.conn)
    assert seeded.conn.execute("SELECT * FROM documents ORDER BY document_id").fetchall() == before


def test_uuid7_sorts_by_creation():
    made = [ids.uuid7() for _ in range(1000)]
    assert made == sorted(made) and len(set(made)) == 1000


def test_the_check_notices_a_field_that_shows_no_value(review):
    from reviewtool.core.store.health import check_review

    record = ids.uuid7()
    with Change(review) as change:
        change.set("note", record, {"text": "x"}, new=True)
    assert all(f.ok for f in check_review(review.path))
    review.conn.execute("UPDATE heads SET shown = 0 WHERE record_id = ?", (record,))
    history, = [f for f in check_review(review.path) if f.check == "history"]
    assert not history.ok and "disagree" in history.detail
