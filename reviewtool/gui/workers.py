"""Work that can take longer than a blink runs on a thread pool, never on the GUI thread.

A job is given the review file's *path* and opens its own connection in its thread (an
SQLite connection must not be shared between threads), like Anki's QueryOp/CollectionOp:
the work function receives the data store, never a widget. Results, progress and errors
come back to the GUI thread through queued signals.
"""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..core.reviewfile import ReviewFile

Work = Callable[[ReviewFile, "Job"], Any]


class JobSignals(QObject):
    progress = Signal(int, int, str)  # done, total (0 = unknown), what was just done
    finished = Signal(object)  # the work's result
    failed = Signal(object)  # the exception


class Job(QRunnable):
    def __init__(self, title: str, path: Path, work: Work, *, readonly: bool = True):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its signals have arrived
        self.title, self.path, self.work, self.readonly = title, Path(path), work, readonly
        self.signals = JobSignals()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            review = ReviewFile.open(self.path, readonly=self.readonly)
            try:
                result = self.work(review, self)
            finally:
                review.close()
        except BaseException as error:  # noqa: BLE001 (handed to the GUI thread: known error or bug)
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class JobRunner(QObject):
    """Starts jobs on its own pool and keeps them alive until they report back."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs: list[Job] = []

    def start(self, job: Job, on_done: Callable[[Any], None],
              on_failed: Callable[[BaseException], None]) -> Job:
        job.signals.finished.connect(on_done)
        job.signals.failed.connect(on_failed)
        job.signals.finished.connect(lambda _=None, j=job: self._forget(j))
        job.signals.failed.connect(lambda _=None, j=job: self._forget(j))
        self.jobs.append(job)
        if len(self.jobs) == 1:
            self.busyChanged.emit(True)
        self.pool.start(job)
        return job

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
            if not self.jobs:
                self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Cancel everything and wait for the threads (before closing the file)."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)


class ProgressWidget(QWidget):
    """Status-bar progress for a long job, with Cancel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the files already imported (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def track(self, job: Job) -> None:
        self.job = job
        self.label.setText(job.title + "…")
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.cancel_button.setEnabled(True)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._done)
        self.show()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.label.setText(f"{self.job.title}: {done} of {total}")

    def _done(self, _=None) -> None:
        self.job = None
        self.hide()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping…")
