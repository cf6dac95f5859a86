"""Benchmark: importing a reference library (RIS, Zotero's "export with files" layout).

A library of --entries entries (default 1,000), every other one with a ~10 KB text file in
files/<n>/, the rest references without a file. Measures, in one process, median of --repeat:

  first      import_library into a new review (every entry imported)
  again      the same library again (nothing to add: every entry "already present")
  changed    after a tenth of the entries changed their date in the library ("updated")
  files only import_paths of the same attachment files alone, as the yardstick: what storing
             the texts costs without the library

Target: the first import within 2x of importing the files alone, and a second import of an
unchanged library under 2 s for 1,000 entries.

    python bench/bench_library_import.py [--entries 1000] [--repeat 3]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_load  # noqa: E402
from synthetic import make_texts  # noqa: E402

from reviewtool.core.review.documents import import_paths  # noqa: E402
from reviewtool.core.review.library_import import import_library  # noqa: E402
from reviewtool.core.review.new_review import new_review  # noqa: E402

TARGET_RATIO = 2.0
TARGET_AGAIN_SECONDS = 2.0


def write_library(folder: Path, entries: int, changed: int = 0) -> tuple[Path, list[Path]]:
    files = []
    texts = make_texts(entries // 2 + 1, size=10_000, seed=7)
    lines = []
    for n in range(entries):
        year = 2000 + n % 24 + (1 if n < changed else 0)
        lines += ["TY  - JOUR", f"TI  - Kratom study number {n}", f"AU  - Author{n}, Ana",
                  f"AU  - Müller{n}, Jörg", "T2  - Journal of Sleep", f"DA  - {year}/05/01/",
                  f"DO  - 10.1000/bench.{n}"]
        if n % 2 == 0:
            path = folder / "files" / str(n) / f"study {n}.txt"
            if not path.exists():
                path.parent.mkdir(parents=True)
                path.write_text(texts[n // 2], encoding="utf-8")
            files.append(path)
            lines.append(f"L1  - files/{n}/study {n}.txt")
        lines += ["ER  - ", ""]
    library = folder / "library.ris"
    library.write_text("\n".join(lines), encoding="utf-8")
    return library, files


def timed(action) -> tuple[float, list]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(machine_load("before"))
    runs: dict[str, list[float]] = {"first": [], "again": [], "changed": [], "files only": []}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        library, files = write_library(folder, args.entries)
        for run in range(args.repeat):
            path = folder / f"library-{run}.review"
            with new_review(path, title="Bench", reviewer="Bench") as review:
                seconds, outcomes = timed(lambda: import_library(review, library))
                assert sum(o.status == "imported" for o in outcomes) == args.entries
                runs["first"].append(seconds)
                seconds, outcomes = timed(lambda: import_library(review, library))
                assert all(o.status == "present" for o in outcomes)
                runs["again"].append(seconds)
                write_library(folder, args.entries, changed=args.entries // 10)
                seconds, outcomes = timed(lambda: import_library(review, library))
                assert sum(o.status == "updated" for o in outcomes) == args.entries // 10
                runs["changed"].append(seconds)
                write_library(folder, args.entries)
            files_path = folder / f"files-{run}.review"
            with new_review(files_path, title="Bench", reviewer="Bench") as review:
                seconds, outcomes = timed(lambda: import_paths(review, files))
                assert all(o.status == "imported" for o in outcomes)
                runs["files only"].append(seconds)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    print(f"{args.entries:,} entries, {len(files):,} with a ~10 KB text file; "
          f"median of {args.repeat}:")
    for name, seconds in medians.items():
        print(f"  {name:<11} {seconds:6.2f} s   ({args.entries / seconds:,.0f} entries/s)")
    ratio = medians["first"] / medians["files only"]
    print(f"first import / files alone: {ratio:.2f}x (target <= {TARGET_RATIO}x): "
          f"{'met' if ratio <= TARGET_RATIO else 'missed'}")
    print(f"import of the unchanged library again: {medians['again']:.2f} s (target < "
          f"{TARGET_AGAIN_SECONDS} s): "
          f"{'met' if medians['again'] < TARGET_AGAIN_SECONDS else 'missed'}")
    print(machine_load("after"))


if __name__ == "__main__":
    main()
