"""Two reviewers' files built from the demo data, for the team-work tests (core and GUI).

The lead imports the three demo articles and sends each reviewer a copy; Amara Okafor (the
lead, who also extracts) and Jonas Lindqvist add their claims independently.
"""

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.review.new_review import new_review
from reviewtool.core.review.batch_entry import add_claims
from reviewtool.core.review.documents import import_paths
from reviewtool.core.store.reviewfile import ReviewFile

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
EXTRACTIONS = ROOT / "examples" / "extractions"
LEAD, SECOND = "Amara Okafor", "Jonas Lindqvist"

_template: dict[str, Path] = {}


@dataclass(frozen=True)
class Team:
    a: Path  # Amara's file (the lead's, where merges go)
    b: Path  # Jonas's copy


def build_team(folder: Path) -> Team:
    """Copies of a pair of files built once per test session (building takes a second)."""
    if "folder" not in _template:
        source = Path(tempfile.mkdtemp(prefix="reviewtool-team-"))
        atexit.register(shutil.rmtree, source, ignore_errors=True)
        _build(source)
        _template["folder"] = source
    folder.mkdir(parents=True, exist_ok=True)
    team = Team(folder / "a.review", folder / "b.review")
    shutil.copyfile(_template["folder"] / "a.review", team.a)
    shutil.copyfile(_template["folder"] / "b.review", team.b)
    return team


def _build(folder: Path) -> None:
    a, b = folder / "a.review", folder / "b.review"
    with new_review(a, title="Kratom and sleep", reviewer=LEAD) as review:
        import_paths(review, SEEDS)
    shutil.copyfile(a, b)
    with ReviewFile.open(a) as review:
        add_claims(review, EXTRACTIONS / "reviewer-a-claims.csv")
    with ReviewFile.open(b) as review:
        add_claims(review, EXTRACTIONS / "reviewer-b-claims.csv", reviewer=SECOND)
