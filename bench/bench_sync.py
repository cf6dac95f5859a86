"""Benchmark: a team-folder sync with 10 teammates of 10,000 claims each.

Setup (not timed; shared with bench_merge.py through --workdir): a base review of 1,000
documents and 1,000 claims and 10 reviewer copies, each with 10,000 claims of its own
(bench_merge.prepare). Each reviewer's file is published into a team folder as its snapshot
(`FOLDER/<review id>/<reviewer id>.review`), and a working file (a copy of the base) is
synced with the folder once: that first sync merges all ten snapshots (timed, for the
record). Then, each --repeat times (default 5), median reported:

  unchanged   `sync_folder` when nothing changed anywhere (target: under 1 s)
  touched     the same after a sync service touched every snapshot (new modification times,
              same content): each is recognised by its SHA-256 instead of being merged

    python bench/bench_sync.py [--reviewers 10] [--claims-each 10000] [--repeat 5] [--workdir DIR]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_merge import prepare  # noqa: E402
from machine import machine_load  # noqa: E402
from synthetic import reviewer_names  # noqa: E402

from reviewtool.core.store import ids  # noqa: E402
from reviewtool.core.store.reviewfile import ReviewFile, copy_review_file  # noqa: E402
from reviewtool.core.team.folder import sync_folder  # noqa: E402

TARGET_SECONDS = 1.0


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--base-claims", type=int, default=1000)
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--claims-each", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, help="keep the generated files here for reuse")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        base, sources = prepare(workdir, args)
        team = workdir / "team-folder"
        shutil.rmtree(team, ignore_errors=True)
        with ReviewFile.open(base, readonly=True) as review:
            folder = team / review.review_id
        folder.mkdir(parents=True)
        for name, source in zip(reviewer_names(len(sources)), sources):
            copy_review_file(source, folder / f"{ids.reviewer_id(name)}.review")
        mine = workdir / "working.review"
        shutil.copyfile(base, mine)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"team folder: {len(sources)} snapshots, {size / 1024**2:,.0f} MiB")
        print(machine_load("before"))
        first, report = timed(lambda: sync_folder(mine, team, reviewer="Bench Lead"))
        print(f"first sync (merges every snapshot): {first:.1f} s; {report.headline()}")
        unchanged, touched = [], []
        for _ in range(args.repeat):
            seconds, report = timed(lambda: sync_folder(mine, team, reviewer="Bench Lead"))
            assert not report.merged and not report.published
            unchanged.append(seconds)
            for snapshot in folder.iterdir():
                os.utime(snapshot)
            seconds, report = timed(lambda: sync_folder(mine, team, reviewer="Bench Lead"))
            assert not report.merged
            touched.append(seconds)
        print(machine_load("after"))
        median = statistics.median(unchanged)
        print(f"unchanged: median {median * 1000:.0f} ms "
              f"(runs: {', '.join(f'{s * 1000:.0f}' for s in unchanged)} ms); target < "
              f"{TARGET_SECONDS:.0f} s: {'met' if median < TARGET_SECONDS else 'NOT met'}")
        print(f"touched (every snapshot hashed, none merged): median "
              f"{statistics.median(touched):.2f} s for {size / 1024**2:,.0f} MiB")
        return 0 if median < TARGET_SECONDS else 1
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
