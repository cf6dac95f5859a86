"""Fixtures shared by every test layer."""

import os
import shutil
from pathlib import Path

import pytest
from reviewtool.core.review.new_review import new_review

from tests.builders import CORPUS, ROOT, SEEDS  # noqa: F401  (imported by the test modules)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Titles as imported: two articles start with their text (titled by file name), one with a headline.
SEED_TITLES = [SEEDS[0].stem, SEEDS[1].stem, "Kratom and Sleep: Can it Help with Insomnia?"]


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    from reviewtool.core.store.reviewfile import ReviewFile

    path = tmp_path / "team.review"
    new_review(path, title="Kratom and sleep", question="What do articles claim?",
                      reviewer="Amara Okafor").close()
    return path


@pytest.fixture
def review(review_path: Path):
    from reviewtool.core.store.reviewfile import ReviewFile

    with ReviewFile.open(review_path) as opened:
        yield opened


@pytest.fixture
def seeded(review):
    """A review holding the three demo articles."""
    from reviewtool.core.review.documents import import_paths

    outcomes = import_paths(review, SEEDS)
    assert [o.status for o in outcomes] == ["imported"] * 3
    return review


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    return folder
