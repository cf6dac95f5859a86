"""Benchmark: agreement of a review with 10,000 claims by 3 reviewers on 500 documents.

    python bench/bench_agreement.py [--documents 500] [--claims 10000] [--reviewers 3]
                                    [--runs 3] [--limit 15] [--workdir DIR]

Builds the review with bench/synthetic.py (reused from --workdir when it is already there;
about half of a later reviewer's claims quote a sentence an earlier one quoted), then times,
--runs times each: the pairing of every document's claims (optimal assignment per reviewer
pair, cliques), and the whole `review_agreement` (pairing at the chosen threshold and at 0.3,
0.5, 0.7, specific agreement, the unitizing alpha over the documents with its bootstrap, and
every field's statistics with their intervals). Prints the medians and the counts; exits 1 if
the median `review_agreement` takes longer than --limit seconds.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import machine_load  # noqa: E402
from synthetic import make_review  # noqa: E402

from reviewtool.core.review.claims import list_claims  # noqa: E402
from reviewtool.core.store.reviewfile import ReviewFile  # noqa: E402
from reviewtool.core.team.agreement.matching import units_by_document  # noqa: E402
from reviewtool.core.team.agreement.review import review_agreement  # noqa: E402
from reviewtool.core.team.pairings import pairing_corrections  # noqa: E402


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--reviewers", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=15.0)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="bench-agreement-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"agreement-{args.documents}-{args.claims}-{args.reviewers}.review"
    if not path.exists():
        start = time.perf_counter()
        make_review(path, documents=args.documents, claims=args.claims, reviewers=args.reviewers)
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")
    print(machine_load("before"))
    with ReviewFile.open(path, readonly=True) as review:
        claims = list_claims(review, consensus=False)
        corrections = pairing_corrections(review)
        pairing, units = timed(lambda: units_by_document(claims, corrections), args.runs)
        whole, result = timed(lambda: review_agreement(review), args.runs)
    print(machine_load("after"))
    n_units = sum(len(u) for u in units.values())
    print(f"{len(claims):,} claims by {args.reviewers} reviewers on {len(units):,} documents "
          f"-> {n_units:,} passage units ({result.matched:,} found by all)")
    print(f"pairing (all documents):        {pairing:6.2f} s  (median of {args.runs})")
    print(f"review_agreement (everything):  {whole:6.2f} s  (median of {args.runs})")
    print(f"specific agreement {result.unitizing.specific.value:.3f}, unitizing alpha "
          f"{result.unitizing.u_alpha.value:.3f} over {result.unitizing.u_alpha.n_units} documents")
    met = whole <= args.limit
    print(f"target: review_agreement under {args.limit:g} s — {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
