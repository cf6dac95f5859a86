"""Benchmark: the PDF report of a review with 10,000 claims in 500 findings.

    python bench/bench_report.py [--documents 200] [--claims 10000] [--findings 500]
                                 [--layout default] [--runs 3] [--limit 15] [--workdir DIR]

Builds the review with bench/synthetic.py (reused from --workdir when it is already there),
groups every claim under one of the findings, then times the report data (core, one pass
over the file) once and the rendering (report data to PDF bytes) --runs times, and prints
the median, pages and pages per second. Exits 1 if the median rendering takes longer than
--limit seconds.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import machine_load  # noqa: E402
from synthetic import make_review  # noqa: E402

from reviewtool.core.store.changes import Change  # noqa: E402
from reviewtool.core.review.claims import list_claims  # noqa: E402
from reviewtool.core.review.findings import STANCES, create_finding, link_claim, list_findings  # noqa: E402
from reviewtool.core.synthesis.report_data import build_report_data  # noqa: E402
from reviewtool.core.store.reviewfile import ReviewFile  # noqa: E402
from reviewtool.report.layouts import load_layout  # noqa: E402
from reviewtool.report.pdf import render_pdf  # noqa: E402

PER_CHANGE = 1_000


def group_all_claims(path: Path, findings: int, seed: int) -> None:
    """Every claim under a finding: the generator links about half; link the rest."""
    rng = random.Random(seed)
    with ReviewFile.open(path) as review:
        existing = [f.id for f in list_findings(review)]
        if len(existing) < findings:
            with Change(review) as change:
                for n in range(len(existing), findings):
                    existing.append(create_finding(change, f"Synthetic finding {n + 1}",
                                                   rng.choice(["risk", "benefit",
                                                               "open_question", "other"])))
        loose = [c.id for c in list_claims(review) if not c.finding_id]
        for start in range(0, len(loose), PER_CHANGE):
            with Change(review) as change:
                for claim_id in loose[start:start + PER_CHANGE]:
                    link_claim(change, claim_id, rng.choice(existing),
                               rng.choices(STANCES, weights=(6, 2, 2))[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--findings", type=int, default=500)
    parser.add_argument("--layout", default="default")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=15.0,
                        help="seconds allowed for the median rendering")
    parser.add_argument("--workdir", type=Path,
                        help="keep the review and the PDF here, and reuse the review")
    args = parser.parse_args()

    print(machine_load("before"))
    with tempfile.TemporaryDirectory(prefix="reviewtool-bench-") as temp:
        folder = args.workdir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"report-{args.documents}d-{args.claims}c-{args.findings}f.review"
        if path.exists():
            print(f"review reused: {path}")
        else:
            started = time.perf_counter()
            make_review(path, documents=args.documents, claims=args.claims, reviewers=2,
                        findings=args.findings, seed=1)
            group_all_claims(path, args.findings, seed=1)
            print(f"review built: {args.documents} documents, {args.claims} claims, "
                  f"{args.findings} findings ({time.perf_counter() - started:.1f} s)")

        started = time.perf_counter()
        with ReviewFile.open(path, readonly=True) as review:
            data = build_report_data(review)
        built = time.perf_counter() - started
        grouped = sum(len(r.claims) for s in data.sections for r in s.rows if r.kind == "finding")
        print(f"report data: {built:.2f} s ({grouped} claims in "
              f"{len(data.evidence_map.rows)} findings)")

        layout = load_layout(args.layout)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            pdf = render_pdf(data, layout)
            times.append(time.perf_counter() - started)
        rendered = statistics.median(times)
        pages = pdf.count(b"/Type /Page\n")
        if args.workdir:
            (folder / "bench.pdf").write_bytes(pdf)
        print(f"rendered ({args.layout}): median {rendered:.2f} s of "
              f"{', '.join(f'{t:.2f}' for t in times)}; {pages} pages, "
              f"{pages / rendered:.0f} pages/s, {len(pdf) / 1e6:.1f} MB")
        print(f"total (data + rendering): {built + rendered:.2f} s")
    print(machine_load("after"))
    if rendered > args.limit:
        print(f"rendering is slower than the {args.limit:.0f} s allowed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
