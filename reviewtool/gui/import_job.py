"""Importing files in the background: the job, and what to tell the user afterwards."""

from collections.abc import Sequence
from pathlib import Path

from reviewtool.core.review.documents import ImportOutcome, import_paths
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.workers import Job


def import_job(review_path: Path, paths: Sequence[Path], reviewer: str) -> Job:
    """Import files and folders; progress counts files, Cancel stops after the batch in
    flight (everything reported as imported is already committed)."""

    def work(review: ReviewFile, job: Job) -> list[ImportOutcome]:
        from reviewtool.core.importing.references import split_inputs
        from reviewtool.core.review.library_import import import_libraries

        files, libraries = split_inputs([Path(p) for p in paths])
        total = len(files) + len(libraries)  # a library counts once, its entries as it goes
        done = 0
        job.report(0, total)

        def counted(outcome: ImportOutcome) -> None:
            nonlocal done
            done += 1
            job.report(done, total, str(outcome))

        outcomes = import_paths(review, files, reviewer=reviewer, on_outcome=counted,
                                cancelled=job.is_cancelled)
        for library in libraries:
            outcomes += import_libraries(
                review, [library], reviewer=reviewer, cancelled=job.is_cancelled,
                on_outcome=lambda outcome: job.report(done, total, str(outcome)))
            done += 1
            job.report(done, total, library.name)
        return outcomes

    return Job("Importing", review_path, work, readonly=False)


class ImportRun:
    """An import under way: how far it has got, for Quit to say and to note."""

    def __init__(self, path: Path, job: Job):
        self.path, self.job = path, job
        self.done = self.total = 0
        job.signals.progress.connect(self._progress)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.done, self.total = done, total

    def note(self) -> str:
        return (f"The last import into {self.path.name} was stopped when reviewtool quit, "
                f"after {self.done:,} of {self.total:,} files; everything up to there was "
                "imported. Import the same files or folder again to add the rest (files "
                "already imported are recognised and skipped).")


def summarize(outcomes: Sequence[ImportOutcome]) -> tuple[str, list[ImportOutcome]]:
    """One status line, and the files that could not be imported."""
    imported = sum(o.status == "imported" for o in outcomes)
    updated = sum(o.status == "updated" for o in outcomes)
    present = sum(o.status == "present" for o in outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    line = f"{imported} imported, {f'{updated} updated, ' if updated else ''}{present} already present"
    if failed:
        line += f", {len(failed)} could not be imported"
    return line, failed
