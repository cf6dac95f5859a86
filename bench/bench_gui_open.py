"""How long the desktop app takes to open a big review and show the first page of claims.

    python bench/bench_gui_open.py [--documents 10000] [--claims 100000] [--cache PATH]

Builds the review once (bench/synthetic.py's `make_review` when it is there, else the small
generator below) and keeps it at --cache, so later runs measure only the opening. Targets:
open + first page of the claims table under 1 s, peak memory under 400 MB.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from reviewtool.core.review.new_review import new_review

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "reviewtool-bench" / "gui-open-10k-100k.review"
WORDS = ["kratom", "sleep", "withdrawal", "opioid", "dose", "users", "report", "insomnia", "study", "evidence", "trial", "patients", "effect", "risk", "benefit", "anxiety", "pain", "relief", "tolerance", "dependence", "survey", "clinical", "liver", "mood", "energy", "leaf", "extract", "alkaloid", "receptor", "week", "daily", "night"]
CATEGORIES = ("risk", "benefit", "open_question", "mechanism", "other")
CERTAINTIES = ("high", "moderate", "low", "very_low")
REVIEWERS = ("Amara Okafor", "Ben Lindqvist", "Chen Wei")


def build(path: Path, documents: int, claims: int, seed: int = 7) -> None:
    try:
        from bench.synthetic import make_review  # the shared generator, when it exists
    except ImportError:
        make_review = None
    path.parent.mkdir(parents=True, exist_ok=True)
    if make_review is not None:
        make_review(path, documents=documents, claims=claims, reviewers=len(REVIEWERS), seed=seed)
        return
    _make_review(path, documents, claims, seed)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 20))
    return " ".join(words).capitalize() + "."


def _make_review(path: Path, documents: int, claims: int, seed: int) -> None:
    """A minimal stand-in generator: one Change per 1,000 records, core functions only."""
    from reviewtool.core.review.anchors import anchor_at
    from reviewtool.core.store.changes import Change
    from reviewtool.core.review.claims import create_claim
    from reviewtool.core.review.documents import document_text, import_paths
    from reviewtool.core.forms.in_review import form_in_force
    from reviewtool.core.store.reviewfile import ReviewFile

    rng = random.Random(seed)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    review = new_review(partial, title="Synthetic review", question="How fast is it?",
                               reviewer=REVIEWERS[0])
    with tempfile.TemporaryDirectory() as folder:
        for number in range(documents):
            paragraphs = ["\n".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
                          for _ in range(rng.randint(4, 8))]
            Path(folder, f"doc{number:05d}.txt").write_text(
                f"Synthetic article {number}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
        outcomes = import_paths(review, [Path(folder)])
    document_ids = [o.document_id for o in outcomes if o.document_id]
    form = form_in_force(review, "claim")
    texts: dict[str, str] = {}
    made = 0
    while made < claims:
        reviewer = REVIEWERS[(made // 1000) % len(REVIEWERS)]
        with Change(review, reviewer) as change:
            for _ in range(min(1000, claims - made)):
                document_id = rng.choice(document_ids)
                if document_id not in texts:
                    texts[document_id] = document_text(review, document_id)[0]
                text = texts[document_id]
                start = rng.randrange(0, max(1, len(text) - 120))
                end = min(len(text), start + rng.randint(30, 110))
                answers = {"statement": _sentence(rng), "category": rng.choice(CATEGORIES),
                           "certainty": rng.choice(CERTAINTIES)}
                if rng.random() < 0.1:
                    answers.pop("statement")  # some drafts, as reviewers leave them
                create_claim(review, change, document_id, anchor_at(text, start, end), answers,
                             form, partial=True)
                made += 1
        if len(texts) > 2000:
            texts.clear()
    review.close()
    partial.rename(path)


def measure(path: Path) -> dict[str, float]:
    from PySide6.QtCore import QSettings

    from reviewtool.gui.app import create_application
    from reviewtool.gui.main_window import MainWindow

    app = create_application([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("reviewer/name", REVIEWERS[0])
        started = time.perf_counter()
        window = MainWindow(settings=settings)
        window.show()
        built = time.perf_counter() - started
        window.open_review(path)
        table = window.workbench.claims_view.table
        model = table.model()
        # "Shown" = every cell of the first screenful has been asked for and painted.
        for row in range(min(40, model.rowCount())):
            for column in range(model.columnCount()):
                model.data(model.index(row, column))
        app.processEvents()
        table.viewport().repaint()
        elapsed = time.perf_counter() - started
        rows = model.rowCount()
        # The full list of ids arrives from a worker thread while the first page is shown.
        while model.loading:
            app.processEvents()
            time.sleep(0.005)
        complete = time.perf_counter() - started
        all_rows = model.rowCount()
        window.close()
        app.processEvents()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"open_seconds": elapsed, "window_seconds": built, "first_page_rows": rows, "all_rows": all_rows,
            "complete_seconds": complete, "peak_mib": peak_kib / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    if args.build_only:
        started = time.perf_counter()
        build(args.cache, args.documents, args.claims)
        print(f"built {args.cache} in {time.perf_counter() - started:.0f} s")
        return
    if not args.cache.exists():
        # In a process of its own: the peak memory measured below is the app's, not the build's.
        subprocess.run([sys.executable, __file__, "--build-only", "--cache", str(args.cache),
                        "--documents", str(args.documents), "--claims", str(args.claims)],
                       check=True)
    figures = measure(args.cache)
    print(f"review: {args.cache} ({args.cache.stat().st_size / 2**20:.0f} MiB)")
    print(f"open + first page of the claims table ({figures['first_page_rows']:,} rows shown): "
          f"{figures['open_seconds']:.3f} s (target < 1 s; of which building the empty "
          f"window {figures['window_seconds']:.3f} s)")
    print(f"all {figures['all_rows']:,} claim ids loaded (worker thread): "
          f"{figures['complete_seconds']:.3f} s after opening began")
    print(f"peak memory (max RSS): {figures['peak_mib']:.0f} MiB (target < 400 MiB)")


if __name__ == "__main__":
    main()
