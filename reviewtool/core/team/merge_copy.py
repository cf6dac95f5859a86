"""Merging into a copy: teammates' files merged into a new file made from the target, which
stays as it is (to look at a merge before taking it, or to keep one file per round)."""

from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import copy_review_file
from reviewtool.core.team.merge import MergeSummary, merge_files


def merge_into_copy(target: Path, sources: list[Path], copy: Path, *, force: bool = False,
                    reviewer: str | None = None) -> list[MergeSummary]:
    """Copy `target` to the new file `copy` and merge `sources` into the copy; `target` is
    only read. The copy is removed again if the merge is refused."""
    target, copy = Path(target), Path(copy)
    if copy.exists():
        raise ReviewError(f"{copy} already exists; choose a new file name for the copy.")
    if copy.resolve() == target.resolve() or copy.resolve() in {Path(s).resolve() for s in sources}:
        raise ReviewError(f"{copy} is one of the files being merged; choose a new file name.")
    copy_review_file(target, copy)
    try:
        return merge_files(copy, sources, force=force, reviewer=reviewer, snapshot=False)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
