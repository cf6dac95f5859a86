"""A fuzzer of teammates' files: one value of a valid file's rows mutated at random, or one
row deleted. Merge
either refuses it with one sentence and leaves the target byte-identical, or accepts it and
every read command works on the result."""

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.untrusted import EXPECTED
from reviewtool.core.team.merge import merge_files

from ..cli.runner import run
from ..core.test_merge_untrusted import copy_with_claim
from ..builders import build_team
from .conftest import LONG, points

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1)
    | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8)
values = st.one_of(
    st.none(), st.integers(-2**63, 2**63 - 1), st.floats(), st.binary(max_size=40),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    json_values.map(json.dumps),
    st.sampled_from(["2026-13-01T00:00:00.000Z.0000", "9999-12-31T23:59:59.999Z.0000",
                     "2026-01-01T00:00:00.000Z.99999", '{"start": "abc"}', "[0, 1e308, \"x\"]",
                     '{"id": "claim", "version": 99}', '"unknown-document"', "true", "{}"]),
)
BAD_UTF8 = st.binary(min_size=1, max_size=8).filter(lambda b: not _utf8(b))


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    team = build_team(folder / "team")
    mate = copy_with_claim(team.a, folder / "mate.review", "Jonas Lindqvist", "mate's", "risk")
    return team.a, mate


DELETE = object()  # instead of a value: delete the row


def _mutate(path: Path, table: str, column: str, pick: int, value, raw_utf8: bytes | None) -> None:
    columns = list(EXPECTED[table])
    names = ", ".join(f'"{c}"' for c in columns)
    match = " AND ".join(f'"{c}" IS ?' for c in columns)  # some tables have no rowid
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(f'SELECT {names} FROM "{table}"').fetchall()
        assume(rows)
        row = rows[pick % len(rows)]
        if value is DELETE:
            conn.execute(f'DELETE FROM "{table}" WHERE {match}', row)
            conn.commit()
            return
        new = "CAST(? AS TEXT)" if raw_utf8 is not None else "?"
        conn.execute(f'UPDATE "{table}" SET "{column}" = {new} WHERE {match}',
                     (raw_utf8 if raw_utf8 is not None else value, *row))
        conn.commit()
    except sqlite3.IntegrityError:
        assume(False)  # a constraint of the schema refused the change itself
    finally:
        conn.close()


READS = [("docs",), ("claims", "--json"), ("appraisals",), ("findings",), ("conflicts",),
         ("check",), ("agreement",)]


@settings(max_examples=points(12, 300), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cell=st.sampled_from([(t, c) for t, columns in EXPECTED.items() for c in columns]),
       pick=st.integers(0, 10**6), value=values | st.just(DELETE),
       raw=st.one_of(st.none(), BAD_UTF8))
def test_merge_refuses_in_one_sentence_or_every_read_works(pair, cell, pick, value, raw):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        target, source = folder / "target.review", folder / "source.review"
        shutil.copyfile(pair[0], target)
        shutil.copyfile(pair[1], source)
        _mutate(source, *cell, pick, value, None if value is DELETE else raw)
        before = target.read_bytes()
        try:
            merge_files(target, [source])
        except ReviewError as refusal:
            assert len(str(refusal).splitlines()) == 1 and str(refusal).endswith(".")
            assert target.read_bytes() == before
            return
        for command, *options in READS + ([("report",)] if LONG else []):
            extra = ["--output", folder / "r.pdf"] if command == "report" else []
            result = run(command, target, *options, *extra)
            assert result.exit_code == 0, (cell, value, raw, command, result.output)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
