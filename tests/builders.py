"""The review files the tests work on, built once per test run from the demo corpus through
the product's own functions, and copied for each test that asks (building takes a second).

- `build_team(folder)`: the lead's file (the three articles, no claims) and the copies the
  two reviewers filled in independently: Amara Okafor (the lead, who also extracts) and
  Jonas Lindqvist, each with their claims.
- `build_demo(path)`: one file holding both reviewers' claims and appraisals, unmerged, for
  the report, synthesis and export tests.

The product's own demo (`reviewtool demo`, core/demo.py) goes further: it merges the
reviewers' files and writes the report.
"""

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.review.batch_entry import add_appraisals, add_claims
from reviewtool.core.review.documents import import_paths
from reviewtool.core.review.new_review import new_review
from reviewtool.core.store.reviewfile import ReviewFile

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
EXTRACTIONS = ROOT / "examples" / "extractions"
LEAD, SECOND = "Amara Okafor", "Jonas Lindqvist"
TITLE = "Kratom and sleep"
QUESTION = "What do web articles claim about kratom, opioid withdrawal and sleep?"
# A finding both reviewers' extractions name, with claims from more than one article.
INSOMNIA = "Kratom can cause insomnia or disturbed sleep"
CLAIMS_EACH = 18  # claims in each reviewer's extraction


@dataclass(frozen=True)
class Team:
    lead: Path  # the lead's file as sent out: documents only
    a: Path  # Amara's copy with her claims (merges in the tests go here)
    b: Path  # Jonas's copy with his claims


def build_team(folder: Path) -> Team:
    """Fresh copies of the team's three files in `folder`."""
    template = _template("team", _build_team)
    folder.mkdir(parents=True, exist_ok=True)
    team = Team(folder / "lead.review", folder / "a.review", folder / "b.review")
    for path in (team.lead, team.a, team.b):
        shutil.copyfile(template / path.name, path)
    return team


def build_demo(path: Path) -> Path:
    """A fresh copy, at `path`, of one review with both reviewers' claims and appraisals."""
    shutil.copyfile(_template("demo", _build_demo) / "demo.review", path)
    return path


_templates: dict[str, Path] = {}


def _template(name: str, build) -> Path:
    if name not in _templates:
        folder = Path(tempfile.mkdtemp(prefix=f"reviewtool-{name}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        build(folder)
        _templates[name] = folder
    return _templates[name]


def _build_team(folder: Path) -> None:
    lead, a, b = folder / "lead.review", folder / "a.review", folder / "b.review"
    with new_review(lead, title=TITLE, reviewer=LEAD) as review:
        import_paths(review, SEEDS)
    shutil.copyfile(lead, a)  # the lead sends each reviewer a copy
    shutil.copyfile(lead, b)
    with ReviewFile.open(a) as review:
        add_claims(review, EXTRACTIONS / "reviewer-a-claims.csv")
    with ReviewFile.open(b) as review:
        add_claims(review, EXTRACTIONS / "reviewer-b-claims.csv", reviewer=SECOND)


def _build_demo(folder: Path) -> None:
    with new_review(folder / "demo.review", title=TITLE, reviewer=LEAD,
                    question=QUESTION) as review:
        import_paths(review, SEEDS)
        add_claims(review, EXTRACTIONS / "reviewer-a-claims.csv")
        add_claims(review, EXTRACTIONS / "reviewer-b-claims.csv", reviewer=SECOND)
        add_appraisals(review, EXTRACTIONS / "reviewer-a-appraisals.csv")
        add_appraisals(review, EXTRACTIONS / "reviewer-b-appraisals.csv", reviewer=SECOND)
