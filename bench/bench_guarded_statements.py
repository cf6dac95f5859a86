"""Benchmark: the cost of classifying SQLite failures on every statement.

A review file's connection is a GuardedConnection (core/store/sqlite_errors.py): each
statement, fetch and row goes through a Python wrapper that turns known result codes into one
sentence. Measured against a plain sqlite3 connection on the same in-memory data, median of
--repeat runs:

  rows        iterate 100,000 rows of one SELECT (`for row in conn.execute(...)`)
  fetchall    the same SELECT with fetchall()
  statements  10,000 single-row SELECTs, each execute + fetchone

Target: under 1.5x on row iteration and under 2 µs added per statement.

    python bench/bench_guarded_statements.py [--repeat 5]
"""

import argparse
import sqlite3
import statistics
import time

from reviewtool.core.store.sqlite_errors import guarded_connect

ROWS = 100_000


def _filled(conn):
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
    conn.executemany("INSERT INTO t (value) VALUES (?)", ((f"value {n}",) for n in range(ROWS)))
    return conn


def _median(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    plain = _filled(sqlite3.connect(":memory:", isolation_level=None))
    guarded = _filled(guarded_connect("bench", ":memory:", isolation_level=None))
    cases = {
        "rows": lambda c: sum(1 for _ in c.execute("SELECT id, value FROM t")),
        "fetchall": lambda c: len(c.execute("SELECT id, value FROM t").fetchall()),
        "statements": lambda c: [c.execute("SELECT value FROM t WHERE id = ?", (n,)).fetchone()
                                 for n in range(1, 10_001)],
    }
    print(f"{'case':<12}{'plain':>10}{'guarded':>10}{'ratio':>8}")
    for name, work in cases.items():
        a = _median(lambda: work(plain), repeat)
        b = _median(lambda: work(guarded), repeat)
        print(f"{name:<12}{a * 1000:>8.1f}ms{b * 1000:>8.1f}ms{b / a:>8.2f}")
    per_statement = (_median(lambda: cases["statements"](guarded), repeat)
                     - _median(lambda: cases["statements"](plain), repeat)) / 10_000
    print(f"added per statement: {per_statement * 1e6:.2f} µs")


if __name__ == "__main__":
    main()
