"""Starting a review: a new file with its title, question, owner and the shipped forms."""

from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.core.forms.in_review import store_shipped_forms
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile


def new_review(path: Path | str, *, title: str, reviewer: str, question: str = "") -> ReviewFile:
    """Create a review file (never over an existing one) and return it open."""
    title, reviewer = title.strip(), " ".join(reviewer.split())
    if not title:
        raise ReviewError("The review needs a title; give one with --title.")
    if not reviewer:
        raise ReviewError("The review needs a reviewer name; give one with --reviewer.")

    def set_up(review: ReviewFile, review_id: str) -> None:
        with review.transaction():
            review.set_local("owner", reviewer)
        with Change(review, reviewer) as change:
            change.set("review", review_id, {"title": title, "question": question.strip()})
        store_shipped_forms(review)

    return ReviewFile.create(path, set_up=set_up)
