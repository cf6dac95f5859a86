"""Taking a merge back: putting back the review file as it was before.

A merge adds history, which no edit can take back. Before writing, a merge keeps the target
as it was beside it, as FILE.before-merge (see merge.py). `undo_merge` writes that copy back
over FILE, keeping the merged file as FILE.after-merge so that nothing is lost; the app's
undo stack uses `put_back` with private copies of its own, so undo and redo of a merge do
not depend on the copy the next merge replaces.

Each put-back is one step of SQLite's backup API into an open connection of the file: all
of it or none of it, and other connections to the file stay valid and see the new content.
"""

import contextlib
import shutil
import sqlite3
import tempfile
from pathlib import Path

from reviewtool.core.errors import NotAReviewFile, ReviewError
from reviewtool.core.store.reviewfile import ReviewFile, check_identity, read_header, save_copy

BEFORE_MERGE = ".before-merge"
AFTER_MERGE = ".after-merge"


def before_merge_path(path: Path) -> Path:
    return path.with_name(path.name + BEFORE_MERGE)


def after_merge_path(path: Path) -> Path:
    return path.with_name(path.name + AFTER_MERGE)


def put_back(review: ReviewFile, copy: Path, *, keep: Path | None = None) -> None:
    """Write the review file `copy` over `review` in one step; with `keep`, first save the
    review as it is now to that new file (for a redo)."""
    try:
        if keep is not None:
            keep.unlink(missing_ok=True)
            save_copy(review.conn, keep)
        with contextlib.closing(sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro",
                                                uri=True)) as source:
            source.backup(review.conn)
    except sqlite3.Error as error:  # e.g. busy in another program: one sentence
        raise ReviewError(f"{review.path} could not be changed back ({error}); close other "
                          "programs using it and try again.") from error


def check_same_review(review: ReviewFile, copy: Path) -> None:
    """Refuse a copy that is not a review file of the same review as `review`."""
    check_identity(copy, *read_header(copy))
    try:
        with contextlib.closing(sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro",
                                                uri=True)) as conn:
            row = conn.execute("SELECT review_id FROM review").fetchone()
    except sqlite3.Error as error:
        raise NotAReviewFile(f"{copy} cannot be read as a review file ({error}).") from error
    if row is None or row[0] != review.review_id:
        raise ReviewError(f"{copy} belongs to another review, not to {review.path.name}; "
                          "it was left as it is and nothing was changed.")


def undo_merge(path: Path) -> Path:
    """Put back FILE.before-merge over FILE; the merged file is kept as FILE.after-merge
    (returned), and FILE.before-merge is removed, so that a second undo cannot take back
    edits made since. Refuses, changing nothing, when there is no copy or it belongs to
    another review."""
    path = Path(path)
    before = before_merge_path(path)
    if not before.exists():
        raise ReviewError(f"There is no {before.name} beside {path.name}: no merge to undo "
                          "(the copy is made by each merge and removed by undo-merge).")
    with ReviewFile.open(path) as review:
        if review.readonly or not path.stat().st_mode & 0o222:
            raise ReviewError(f"{path} is read-only; make it writable (chmod u+w) and try again.")
        check_same_review(review, before)
        after = after_merge_path(path)
        put_back(review, before, keep=after)
    before.unlink()
    return after


def keep_private_copy(path: Path) -> Path:
    """A private copy of FILE.before-merge (which the next merge replaces), in a new temporary
    folder the caller removes. It copies the whole file: call it off the UI thread."""
    folder = Path(tempfile.mkdtemp(prefix="reviewtool-undo-merge-"))
    kept = folder / "before.review"
    shutil.copyfile(before_merge_path(path), kept)
    return kept
