"""Stamps order correctly whatever the skew and however many events share a millisecond;
files written with five-digit counters stay valid; stamps that are not real are refused."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtool.core.errors import MergeRefused
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.records import update_answers
from reviewtool.core.store import clock
from reviewtool.core.store.health import check_review
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.merge import merge_files

from .test_merge_untrusted import team  # noqa: F401  (a fixture)
from .test_merge_untrusted import tamper

MS = 1_790_000_000_000


def test_the_counter_carries_into_the_milliseconds():
    assert clock.tick(clock.Stamp(MS, 9998), MS) == clock.Stamp(MS, 9999)
    assert clock.tick(clock.Stamp(MS, 9999), MS) == clock.Stamp(MS + 1, 0)
    assert str(clock.tick(clock.Stamp(MS, 9999), MS)).endswith(".0000")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["tick", "receive"]),
                          st.integers(-10**6, 10**6), st.integers(0, 10**5)), max_size=60))
def test_stamps_sort_as_text_in_the_order_they_were_made(events):
    """Any mix of local events at a skewed wall clock and stamps received from teammates
    (whatever their counters): each new stamp is later, as text too."""
    last = None
    for kind, skew, counter in events:
        if kind == "tick":
            new = clock.tick(last, MS + skew)
            assert last is None or (new > last and str(new) > str(last))
            assert new.counter <= clock.MAX_COUNTER
        else:
            new = clock.receive(last, clock.Stamp(MS + skew, min(counter, clock.MAX_COUNTER)))
            assert last is None or new >= last
        last = new


def test_the_sql_key_orders_by_the_counter_as_a_number():
    conn = sqlite3.connect(":memory:")
    stamps = ["2026-01-01T00:00:00.000Z.9014", "2026-01-01T00:00:00.000Z.10010",
              "2026-01-01T00:00:00.001Z.0000", "2025-12-31T23:59:59.999Z.99999"]
    ordered = [row[0] for row in conn.execute(
        f"SELECT column1 FROM (VALUES {', '.join(f'({s!r})' for s in stamps)}) "
        f"ORDER BY {clock.sql_key('column1')}")]
    assert ordered == sorted(stamps, key=clock.Stamp.parse)
    assert ordered == [stamps[3], stamps[0], stamps[1], stamps[2]]




def test_a_fast_teammate_and_many_edits_in_one_millisecond_still_merge(team):
    """The lead takes in a clock ahead of its own and makes more than 9,999 events at that
    millisecond (the counter used to reach five digits and sort wrongly as text)."""
    lead, mate = team
    merge_files(lead, [mate])
    with ReviewFile.open(lead) as review:
        ahead = clock.now_ms() + 10 * 60 * 1000  # a teammate's laptop 10 minutes fast
        review.set_local("clock", str(clock.Stamp(ahead, 9998)))
        claim = list_claims(review)[0]
        for note in ("a", "b", "c"):
            update_answers(review, claim.id, {"notes": note})
        stamps = [row[0] for row in review.conn.execute(
            "SELECT hlc FROM versions WHERE field = 'notes' ORDER BY rowid")]
    assert stamps == [str(clock.Stamp(ahead, 9999)), str(clock.Stamp(ahead + 1, 0)),
                      str(clock.Stamp(ahead + 1, 1))]
    merge_files(mate, [lead])
    with ReviewFile.open(mate) as review:
        assert [c.answers.get("notes") for c in list_claims(review) if c.id == claim.id] == ["c"]


def test_a_file_with_five_digit_counters_stays_valid(team):
    """Written by an older reviewtool: a parent at counter 9999, its replacement at 10000."""
    lead, mate = team
    with ReviewFile.open(mate) as review:
        claim = [c for c in list_claims(review) if c.answers["statement"] == "teammate's claim"][0]
        for note in ("a", "b"):
            update_answers(review, claim.id, {"notes": note})
    tamper(mate, "UPDATE versions SET hlc = '2026-01-01T00:00:00.000Z.9999' WHERE value = '\"a\"'",
           "UPDATE versions SET hlc = '2026-01-01T00:00:00.000Z.10000' WHERE value = '\"b\"'")
    clock_finding, = [f for f in check_review(mate) if f.check == "clock"]
    assert clock_finding.ok and "1 stamps have a counter past 9999" in clock_finding.detail
    merge_files(lead, [mate])
    with ReviewFile.open(lead) as review:
        assert [c.answers.get("notes") for c in list_claims(review) if c.id == claim.id] == ["b"]


def test_check_explains_a_version_stamped_before_its_parent(team):
    _, mate = team
    with ReviewFile.open(mate) as review:
        claim = list_claims(review)[0]
        for note in ("a", "b"):
            update_answers(review, claim.id, {"notes": note})
    tamper(mate, "UPDATE versions SET hlc = '2020-01-01T00:00:00.000Z.0000' WHERE value = '\"b\"'")
    finding, = [f for f in check_review(mate) if f.check == "clock"]
    assert not finding.ok and "1 versions are stamped before the versions they replace" in finding.detail


@pytest.mark.parametrize("stamp, reason", [
    ("2026-13-01T00:00:00.000Z.0000", "not a real date"),
    ("2026-02-31T00:00:00.000Z.0000", "not a real date"),
    ("0000-01-01T00:00:00.000Z.0000", "not a real date"),
    ("2026-01-01T00:00:00.000Z.9abc", "malformed time stamp"),
    ("2026-01-01T00:00:00.000Z.", "malformed time stamp"),
    ("9999-12-31T23:59:59.999Z.0000", "days ahead of this computer's clock"),
])
def test_stamps_that_are_not_real_are_refused(team, stamp, reason):
    lead, mate = team
    tamper(mate, f"UPDATE versions SET hlc = '{stamp}' WHERE rowid = (SELECT max(rowid) FROM versions)")
    before = lead.read_bytes()
    with pytest.raises(MergeRefused, match=reason):
        merge_files(lead, [mate])
    assert lead.read_bytes() == before


@pytest.mark.parametrize("stamp", ["2026-01-01T24:00:00.000Z.0000", "2026-01-01T23:60:00.000Z.0000",
                                   "2026-04-31T00:00:00.000Z.0000", "2026-00-10T00:00:00.000Z.0000"])
def test_times_out_of_range_are_refused(team, stamp):
    lead, mate = team
    tamper(mate, f"UPDATE versions SET hlc = '{stamp}' WHERE rowid = (SELECT max(rowid) FROM versions)")
    with pytest.raises(MergeRefused, match="not a real date"):
        merge_files(lead, [mate])
