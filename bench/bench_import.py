"""Benchmark: `reviewtool import FILE FOLDER` of plain-text documents, as a whole process.

Measures, in the same run and on the same files:

  reviewtool  `reviewtool import FILE FOLDER` in a fresh process (wall clock, interpreter
              start-up included) into a review file just made with `reviewtool new`.
  bare loop   a fresh `python` process running a bare sqlite3 loop doing the same work:
              read, decode UTF-8, NFC, SHA-256, insert text and original bytes into a table
              with an FTS5 index (same tokenizer), one transaction, WAL + synchronous=FULL.

Each is measured --repeat times (default 3), alternating, and the median is reported, with
documents/second, MB/second (of input file bytes) and the ratio. Afterwards it checks that
the review's full-text index is built (a search finds a word, and finds it in exactly the
documents that contain it). Targets: reviewtool under 3 s for 1,000 documents of ~10 KB,
and within 3x of the bare loop. If a target is missed (or with --profile), the import is run
once more under cProfile and the top costs are printed.

    python bench/bench_import.py [--documents 1000] [--size 10000] [--repeat 3] [--profile]
"""

import hashlib
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

TARGET_SECONDS = 3.0
TARGET_RATIO = 3.0


def bare_loop(db: Path, folder: Path) -> int:
    """The baseline: what an import must do at least, with nothing but sqlite3."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, "
                 "name TEXT NOT NULL, text TEXT NOT NULL, original BLOB NOT NULL)")
    conn.execute("CREATE VIRTUAL TABLE docs_fts USING fts5 (title, body, "
                 "tokenize = 'unicode61 remove_diacritics 2')")
    count = 0
    conn.execute("BEGIN IMMEDIATE")
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            continue
        data = path.read_bytes()
        text = unicodedata.normalize("NFC", data.decode("utf-8")).strip()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        cursor = conn.execute("INSERT OR IGNORE INTO docs (sha256, name, text, original) "
                              "VALUES (?, ?, ?, ?)", (digest, path.name, text, data))
        if cursor.rowcount:
            title = text.split("\n", 1)[0]
            conn.execute("INSERT INTO docs_fts (rowid, title, body) VALUES (?, ?, ?)",
                         (cursor.lastrowid, title, text))
            count += 1
    conn.execute("COMMIT")
    conn.close()
    return count


if __name__ == "__main__" and sys.argv[1:2] == ["--bare-loop"]:
    # Kept free of any import beyond the standard library's sqlite3, hashlib, unicodedata.
    bare_loop(Path(sys.argv[2]), Path(sys.argv[3]))
    sys.exit(0)


import argparse  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_load  # noqa: E402
from synthetic import write_corpus  # noqa: E402
from reviewtool.core.review.new_review import new_review


def reviewtool_command() -> list[str]:
    script = Path(sys.executable).parent / "reviewtool"
    if script.exists():
        return [str(script)]
    found = shutil.which("reviewtool")
    if found:
        return [found]
    return [sys.executable, "-c", "from reviewtool.cli import main; main()"]


def run(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr.decode()}")
    return elapsed


def new_review(tool: list[str], path: Path) -> None:
    subprocess.run(tool + ["new", str(path), "--title", "Import benchmark",
                           "--reviewer", "Bench Reviewer"], check=True,
                   stdout=subprocess.DEVNULL)


def unlink_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def verify_fts(review_path: Path, folder: Path, documents: int) -> list[str]:
    """Problems with the full-text index of the imported review (empty when it is complete)."""
    import re

    from reviewtool.core.store.reviewfile import ReviewFile
    from reviewtool.core.review.search import search

    problems = []
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    words: dict[str, set[str]] = {}
    for name, text in texts.items():
        for word in set(re.findall(r"[a-z]+", text.lower())):
            words.setdefault(word, set()).add(name)
    # A word in some documents but not most: the index must find exactly those.
    candidates = [w for w, names in words.items()
                  if 3 <= len(names) <= max(3, documents // 4) and len(w) > 6]
    rare = min(candidates, key=lambda w: (len(words[w]), w)) if candidates else "kratom"
    words.setdefault(rare, set())
    with ReviewFile.open(review_path, readonly=True) as review:
        conn = review.conn
        rows = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        if rows != documents:
            problems.append(f"documents_fts has {rows} rows for {documents} documents")
        found = {row[0] for row in conn.execute(
            "SELECT d.filename FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid "
            "WHERE documents_fts MATCH ?", (f'"{rare}"',))}
        if found != words[rare]:
            problems.append(f"'{rare}' is in {len(words[rare])} documents, the index finds "
                            f"{len(found)}")
        hits = search(review, "kratom withdrawal")
        if not hits:
            problems.append("a search for 'kratom withdrawal' finds nothing")
    print(f"full-text index: {rows} documents indexed; '{rare}' found in {len(found)} of the "
          f"{len(words[rare])} documents that contain it; search 'kratom withdrawal' gives "
          f"{len(hits)} hits" + ("" if not problems else "  PROBLEM: " + "; ".join(problems)))
    return problems


def profile_import(tool: list[str], folder: Path, workdir: Path, keep: bool,
                   top: int = 15) -> None:
    """Where the import's time goes: whole process (cProfile), SQL statements, start-up
    imports."""
    review = workdir / "profiled.review"
    unlink_db(review)
    new_review(tool, review)
    out = workdir / "import.prof"
    if tool[0].endswith("reviewtool"):
        command = [sys.executable, "-m", "cProfile", "-o", str(out), tool[0], "import",
                   str(review), str(folder)]
    else:
        command = [sys.executable, "-m", "cProfile", "-o", str(out)] + tool[1:] + [
            "import", str(review), str(folder)]
    elapsed = run(command)
    stats = pstats.Stats(str(out))
    total = stats.total_tt
    print(f"\n== profile of `reviewtool import` (cProfile, {elapsed:.2f} s wall with profiling "
          f"overhead, {total:.2f} s profiled){f'; saved to {out}' if keep else ''}")
    for index, title in ((3, "cumulative"), (2, "own")):
        print(f"\ntop {top} by {title} time (% of profiled total):")
        rows = sorted(stats.stats.items(), key=lambda item: item[1][index], reverse=True)
        shown = 0
        for (file, line, name), entry in rows:
            chain = ("<module>", "main", "invoke", "<built-in method builtins.exec>")
            if index == 3 and (name in chain or "click/" in file):
                continue  # the call chain down to import_paths says nothing
            seconds, calls = entry[index], entry[1]
            print(f"  {seconds:7.3f} s {100 * seconds / total:5.1f}%  {calls:>8} calls  "
                  f"{_short(file)}:{line}({name})")
            shown += 1
            if shown == top:
                break
    sql_breakdown(folder, workdir)
    startup_breakdown()


def sql_breakdown(folder: Path, workdir: Path, top: int = 8) -> None:
    """The import in this process, every SQL statement timed."""
    from bench_merge import TIMES, timed_sqlite

    from reviewtool.core.review.documents import import_paths
    from reviewtool.core.store.reviewfile import ReviewFile

    review = workdir / "sql.review"
    unlink_db(review)
    new_review(review, title="Import benchmark", reviewer="Bench Reviewer").close()
    with timed_sqlite():
        started = time.perf_counter()
        with ReviewFile.open(review) as opened:
            import_paths(opened, sorted(folder.glob("*.txt")))
        elapsed = time.perf_counter() - started
    in_sql = sum(seconds for seconds, _ in TIMES.values())
    print(f"\n== SQL statements of import_paths in-process ({elapsed:.2f} s, of which "
          f"{in_sql:.2f} s inside SQLite), top {top} (% of the in-process import):")
    for sql, (seconds, calls) in sorted(TIMES.items(), key=lambda i: -i[1][0])[:top]:
        text = sql if len(sql) <= 140 else sql[:137] + "..."
        print(f"  {seconds:7.3f} s {100 * seconds / elapsed:5.1f}%  x{calls:<5} {text}")


def startup_breakdown(top: int = 10) -> None:
    """What `import reviewtool.cli` costs, by the largest imports (python -X importtime)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import reviewtool.cli"],
                            capture_output=True, text=True, check=False)
    entries = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        try:
            entries.append((int(cumulative), len(name) - len(name.lstrip()), name.strip()))
        except ValueError:
            continue
    if not entries:
        return
    total = max(e[0] for e in entries)
    print(f"\n== start-up: `import reviewtool.cli` takes {total / 1000:.0f} ms "
          f"(python -X importtime); largest imports (cumulative, nested ones included):")
    for cumulative, _, name in sorted(entries, reverse=True)[1:top + 1]:
        print(f"  {cumulative / 1000:6.0f} ms  {name}")


def _short(file: str) -> str:
    for marker in ("/reviewtool/", "/lib/python3"):
        if marker in file:
            return file[file.index(marker) + 1:]
    return file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--size", type=int, default=10_000, help="characters per document")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="always profile the import")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and files here")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    folder = workdir / "corpus"
    try:
        if folder.exists():
            shutil.rmtree(folder)
        started = time.perf_counter()
        paths = write_corpus(folder, args.documents, args.size, args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} .txt files, {size / 1e6:.1f} MB, written in "
              f"{time.perf_counter() - started:.1f} s ({os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})")
        tool = reviewtool_command()
        startup_python = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(5))
        startup_tool = statistics.median(run(tool + ["--version"]) for _ in range(5))
        print(machine_load("before"))
        print(f"start-up alone: python {startup_python * 1000:.0f} ms, "
              f"`reviewtool --version` {startup_tool * 1000:.0f} ms")

        review = workdir / "import.review"
        bare_db = workdir / "bare.sqlite"
        tool_times, bare_times = [], []
        for attempt in range(args.repeat):
            order = ("tool", "bare") if attempt % 2 == 0 else ("bare", "tool")
            for which in order:
                if which == "tool":
                    unlink_db(review)
                    new_review(tool, review)
                    tool_times.append(run(tool + ["import", str(review), str(folder)]))
                else:
                    unlink_db(bare_db)
                    bare_times.append(run([sys.executable, str(Path(__file__).resolve()),
                                           "--bare-loop", str(bare_db), str(folder)]))
            print(f"run {attempt + 1}: reviewtool {tool_times[-1]:.2f} s, "
                  f"bare loop {bare_times[-1]:.2f} s")

        tool_s, bare_s = statistics.median(tool_times), statistics.median(bare_times)
        ratio = tool_s / bare_s
        n, mb = len(paths), size / 1e6
        print(f"\n{'':12}{'median s':>10}{'docs/s':>10}{'MB/s':>8}")
        print(f"{'reviewtool':12}{tool_s:10.2f}{n / tool_s:10.0f}{mb / tool_s:8.2f}")
        print(f"{'bare loop':12}{bare_s:10.2f}{n / bare_s:10.0f}{mb / bare_s:8.2f}")
        print(f"ratio reviewtool / bare loop: {ratio:.2f}x")
        print(machine_load("after"))
        problems = verify_fts(review, folder, n)
        scaled = args.documents == 1000 and args.size == 10_000
        time_ok = tool_s < TARGET_SECONDS
        ratio_ok = ratio <= TARGET_RATIO
        print(f"target: under {TARGET_SECONDS:.0f} s"
              f"{'' if scaled else ' (for 1,000 x 10 KB; this run used other sizes)'}: "
              f"{'met' if time_ok else 'MISSED'} ({tool_s:.2f} s); within "
              f"{TARGET_RATIO:.0f}x of the bare loop: {'met' if ratio_ok else 'MISSED'} "
              f"({ratio:.2f}x)")
        if args.profile or not (time_ok and ratio_ok):
            profile_import(tool, folder, workdir, keep=args.workdir is not None)
        return 1 if problems else 0
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
