"""What merging each file would add, before anything is written: the preview the app's Merge
dialog shows and `reviewtool merge --dry-run` prints.

Each file is first tried alone, so that a bad one is named and the others still merge; then
the good ones together, so that the counts are exact when files overlap (a dry run works on
a private copy of the target, see merge.py).
"""

from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import check_identity, read_header
from reviewtool.core.team.merge import MergeSummary, merge_files


@dataclass(frozen=True)
class FilePreview:
    path: Path
    summary: MergeSummary | None = None
    refusal: str = ""  # one sentence: why this file cannot be merged

    @property
    def adds_something(self) -> bool:
        return self.summary is not None and self.summary.versions > 0

    @property
    def result(self) -> str:
        """The verdict in a few words: the refusal, "nothing new" or "ready to merge"."""
        if self.refusal:
            return self.refusal
        return "ready to merge" if self.adds_something else "nothing new"

    def line(self) -> str:
        """One line for the command line, naming the file and what it would add."""
        if self.refusal:
            return f"{self.path.name}: refused: {self.refusal}"
        if not self.adds_something:
            return f"{self.path.name}: nothing new"
        return "would add from " + str(self.summary).replace(self.summary.source, self.path.name, 1)

    def as_json(self) -> dict:
        return {"file": str(self.path), "result": self.result, "refusal": self.refusal or None,
                "summary": self.summary.as_json() if self.summary else None}


def preview_merge(target: Path, sources: list[Path], *, force: bool = False,
                  reviewer: str | None = None) -> list[FilePreview]:
    """What merging `sources` into `target` would add, file by file, in the order given;
    `target` is never written. Raises ReviewError only when the target itself is unusable."""
    target = Path(target)
    check_identity(target, *read_header(target))
    previews: dict[Path, FilePreview] = {}
    good: list[Path] = []
    for source in dict.fromkeys(Path(s) for s in sources):
        try:
            merge_files(target, [source], dry_run=True, force=force, reviewer=reviewer)
        except ReviewError as error:
            previews[source] = FilePreview(source, refusal=str(error))
        else:
            good.append(source)
    if good:
        summaries = merge_files(target, good, dry_run=True, force=force, reviewer=reviewer)
        for source, summary in zip(good, summaries, strict=True):
            previews[source] = FilePreview(source, summary)
    return [previews[source] for source in dict.fromkeys(Path(s) for s in sources)]
