"""Benchmark: merging 10 reviewer files of 10,000 claims each into one review file.

Setup (not timed; kept with --workdir so later runs skip it): a base review of 1,000 documents
and 1,000 claims (synthetic.make_review), and 10 reviewer copies of it, each with 10,000 new
claims of its own reviewer and 200 edits of base claims from a shared pool, so the merge also
creates conflicts (synthetic.split_into_reviewer_files).

Measured, in the same run, each --repeat times (default 3), median reported:

  merge          core `merge_files(target, sources, snapshot=False)` into a fresh copy of the
                 base (in-process wall clock: verifying the sources, copying them, the merge
                 transactions and the state rebuild)
  merge+snapshot the same with snapshot=True (the target is copied to FILE.before-merge first)
  baseline       plain SQLite: ATTACH the 10 files and INSERT OR IGNORE ... SELECT their
                 `versions` and `version_parents` rows into an empty database with the review
                 schema, in one transaction (same journal mode and synchronous=FULL as the
                 merge target)

Targets: merge under 5 s and within 5x of the baseline. If a target is missed (or with
--profile), one more merge runs with every SQL statement timed (a Connection subclass whose
execute/executemany record the time per statement, rows of SELECTs fetched inside the timing)
and under cProfile, and the top statements and Python functions are printed.

    python bench/bench_merge.py [--reviewers 10] [--claims-each 10000] [--repeat 3]
                                [--workdir DIR] [--profile]
"""

import argparse
import contextlib
import cProfile
import hashlib
import os
import pstats
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_load  # noqa: E402
from synthetic import make_review, split_into_reviewer_files  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_RATIO = 5.0
ATTACH_LIMIT = 10  # SQLite's default maximum of attached databases


def prepare(workdir: Path, args) -> tuple[Path, list[Path]]:
    """The base review and the reviewer files, made once per parameter set."""
    from reviewtool.core.store.migrations import migrations

    schema = hashlib.sha256(repr(migrations()).encode()).hexdigest()[:8]
    key = (f"d{args.documents}-b{args.base_claims}-r{args.reviewers}-c{args.claims_each}"
           f"-s{args.seed}-schema{schema}")
    folder = workdir / key
    base = folder / "base.review"
    marker = folder / "complete"
    if marker.exists():
        sources = sorted((folder / "reviewers").glob("reviewer-*.review"))
        print(f"setup: reusing {folder}")
        return base, sources
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    make_review(base, documents=args.documents, claims=args.base_claims, reviewers=2,
                seed=args.seed)
    made = time.perf_counter()
    sources = split_into_reviewer_files(base, folder / "reviewers", args.reviewers,
                                        args.claims_each, seed=args.seed)
    done = time.perf_counter()
    marker.write_text("ok\n")
    print(f"setup: base review ({args.documents} documents, {args.base_claims} claims) in "
          f"{made - started:.1f} s; {args.reviewers} reviewer files of {args.claims_each} "
          f"claims in {done - made:.1f} s")
    return base, sources


def fresh_target(base: Path, workdir: Path) -> Path:
    target = workdir / "target.review"
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm"),
                 target.with_name(target.name + ".before-merge")):
        path.unlink(missing_ok=True)
    shutil.copyfile(base, target)
    return target


def time_merge(base: Path, sources: list[Path], workdir: Path, snapshot: bool) -> float:
    from reviewtool.core.team.merge import merge_files

    target = fresh_target(base, workdir)
    started = time.perf_counter()
    merge_files(target, sources, snapshot=snapshot)
    return time.perf_counter() - started


def time_baseline(sources: list[Path], workdir: Path) -> float:
    """ATTACH + INSERT ... SELECT of the sources' versions into an empty review schema."""
    from reviewtool.core.store.migrations import migrate

    db = workdir / "baseline.sqlite"
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
        path.unlink(missing_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, 0)  # the review schema, empty
    conn.execute("PRAGMA journal_mode = DELETE")  # as the merge target (opened with wal=False)
    conn.execute("PRAGMA synchronous = FULL")
    started = time.perf_counter()
    for first in range(0, len(sources), ATTACH_LIMIT):
        group = sources[first:first + ATTACH_LIMIT]
        names = [f"src{n}" for n in range(len(group))]
        for name, source in zip(names, group):
            conn.execute(f"ATTACH DATABASE ? AS {name}", (str(source),))
        conn.execute("BEGIN IMMEDIATE")
        for name in names:
            conn.execute(f"INSERT OR IGNORE INTO main.versions SELECT * FROM {name}.versions")
            conn.execute(f"INSERT OR IGNORE INTO main.version_parents "
                         f"SELECT * FROM {name}.version_parents")
        conn.execute("COMMIT")
        for name in names:
            conn.execute(f"DETACH DATABASE {name}")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def check_result(base: Path, sources: list[Path], workdir: Path) -> None:
    """Run one merge and print what it produced, as a sanity check of the benchmark."""
    from reviewtool.core.team.merge import merge_files

    target = fresh_target(base, workdir)
    summaries = merge_files(target, sources, snapshot=False)
    conn = sqlite3.connect(target)
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    versions = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    conflicted = conn.execute("SELECT count(*) FROM records WHERE conflicts > 0").fetchone()[0]
    conn.close()
    print(f"merged: {sum(s.versions for s in summaries):,} new versions, "
          f"{sum(s.claims for s in summaries):,} new claims, {sum(s.edits for s in summaries):,} "
          f"edits; target now has {claims:,} claims, {versions:,} versions, {conflicted} "
          f"records in conflict")


# -- profiling --------------------------------------------------------------------------------

TIMES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
_SPACE = re.compile(r"\s+")
_SOURCE = re.compile(r"\bsrc\d+\b")


def _key(sql: str) -> str:
    return _SOURCE.sub("srcN", _SPACE.sub(" ", sql).strip())


class _Rows:
    """The fetched rows of a SELECT, behaving as the cursor callers use."""

    def __init__(self, cursor: sqlite3.Cursor, rows: list):
        self._rows, self._index = rows, 0
        self.description, self.rowcount = cursor.description, cursor.rowcount
        self.lastrowid = cursor.lastrowid

    def fetchone(self):
        if self._index >= len(self._rows):
            return None
        self._index += 1
        return self._rows[self._index - 1]

    def fetchall(self):
        rows, self._index = self._rows[self._index:], len(self._rows)
        return rows

    def __iter__(self):
        while self._index < len(self._rows):
            self._index += 1
            yield self._rows[self._index - 1]


class TimedConnection(sqlite3.Connection):
    """A connection that adds the time of each statement to TIMES[sql] = [seconds, calls]."""

    def execute(self, sql, parameters=()):
        started = time.perf_counter()
        cursor = super().execute(sql, parameters)
        if cursor.description is not None:  # rows to read: read them inside the timing
            cursor = _Rows(cursor, cursor.fetchall())
        entry = TIMES[_key(sql)]
        entry[0] += time.perf_counter() - started
        entry[1] += 1
        return cursor

    def executemany(self, sql, parameters):
        started = time.perf_counter()
        cursor = super().executemany(sql, parameters)
        entry = TIMES[_key(sql)]
        entry[0] += time.perf_counter() - started
        entry[1] += 1
        return cursor


@contextlib.contextmanager
def timed_sqlite():
    """Within: every sqlite3.connect() gives a TimedConnection; TIMES starts empty."""
    original_connect = sqlite3.connect

    def timed_connect(*args, **kwargs):
        kwargs.setdefault("factory", TimedConnection)
        return original_connect(*args, **kwargs)

    TIMES.clear()
    sqlite3.connect = timed_connect
    try:
        yield TIMES
    finally:
        sqlite3.connect = original_connect


def profile_merge(base: Path, sources: list[Path], workdir: Path, top: int = 15) -> None:
    from reviewtool.core.team.merge import merge_files

    target = fresh_target(base, workdir)
    with timed_sqlite():
        started = time.perf_counter()
        merge_files(target, sources, snapshot=False)
        traced = time.perf_counter() - started
    sql_total = sum(t for t, _ in TIMES.values())
    print(f"\nSQL statements of merge_files (snapshot=False), timed one by one: {traced:.2f} s "
          f"in all, {sql_total:.2f} s ({100 * sql_total / traced:.0f}%) inside SQLite calls; "
          f"top {top} (% of the merge's wall time):")
    for sql, (seconds, calls) in sorted(TIMES.items(), key=lambda i: -i[1][0])[:top]:
        text = sql if len(sql) <= 150 else sql[:147] + "..."
        print(f"  {seconds:7.3f} s {100 * seconds / traced:5.1f}%  x{calls:<5} {text}")

    target = fresh_target(base, workdir)
    profiler = cProfile.Profile()
    profiler.enable()
    merge_files(target, sources, snapshot=False)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"\nPython functions of merge_files (cProfile, {total:.2f} s profiled), top {top} "
          "by cumulative time:")
    rows = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)
    for (file, line, name), (cc, nc, tt, ct, _) in rows[:top]:
        short = file[file.index("reviewtool/"):] if "reviewtool/" in file else file
        print(f"  {ct:7.3f} s {100 * ct / total:5.1f}%  {nc:>7} calls  {short}:{line}({name})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--claims-each", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--base-claims", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the generated files here for reuse")
    parser.add_argument("--profile", action="store_true", help="always profile the merge")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-merge-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        base, sources = prepare(workdir, args)
        size = sum(p.stat().st_size for p in sources)
        print(f"sources: {len(sources)} files, {size / 1e6:.0f} MB in all ({os.cpu_count()} "
              f"cores, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})")
        check_result(base, sources, workdir)

        print(machine_load("before"))
        plain, snap, baseline = [], [], []
        for attempt in range(args.repeat):
            plain.append(time_merge(base, sources, workdir, snapshot=False))
            snap.append(time_merge(base, sources, workdir, snapshot=True))
            baseline.append(time_baseline(sources, workdir))
            print(f"run {attempt + 1}: merge {plain[-1]:.2f} s, merge+snapshot {snap[-1]:.2f} s, "
                  f"baseline {baseline[-1]:.2f} s")
        print(machine_load("after"))
        merge_s, snap_s = statistics.median(plain), statistics.median(snap)
        base_s = statistics.median(baseline)
        print(f"\n{'':16}{'median s':>10}{'x baseline':>12}")
        print(f"{'merge':16}{merge_s:10.2f}{merge_s / base_s:12.2f}")
        print(f"{'merge+snapshot':16}{snap_s:10.2f}{snap_s / base_s:12.2f}")
        print(f"{'baseline':16}{base_s:10.2f}{1:12.2f}")
        met = []
        for name, seconds in (("merge", merge_s), ("merge+snapshot", snap_s)):
            time_ok, ratio_ok = seconds < TARGET_SECONDS, seconds / base_s <= TARGET_RATIO
            met.append(time_ok and ratio_ok)
            print(f"target {name}: under {TARGET_SECONDS:.0f} s: "
                  f"{'met' if time_ok else 'MISSED'} ({seconds:.2f} s); within "
                  f"{TARGET_RATIO:.0f}x of the baseline: {'met' if ratio_ok else 'MISSED'} "
                  f"({seconds / base_s:.2f}x)")
        if args.profile or not all(met):
            profile_merge(base, sources, workdir)
        return 0
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
