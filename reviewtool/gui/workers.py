"""Work that can take longer than a blink runs on a thread pool, never on the GUI thread.

A job is given the review file's *path* and opens its own connection in its thread (an
SQLite connection must not be shared between threads), like Anki's QueryOp/CollectionOp:
the work function receives the data store, never a widget. Results, progress and errors
come back to the GUI thread through queued signals; errors then take the one path of
errors.report_error.
"""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from reviewtool.core.store.reviewfile import ReviewFile

Work = Callable[[ReviewFile | None, "Job"], Any]


class JobSignals(QObject):
    progress = Signal(int, int, str)  # done, total (0 = unknown), what was just done
    finished = Signal(object)  # the work's result
    failed = Signal(object)  # the exception


class Job(QRunnable):
    """`work(review, job)` on a connection of its own to the file at `path`; with no path,
    `review` is None (work that opens files itself, such as a merge)."""

    def __init__(self, title: str, path: Path | None, work: Work, *, readonly: bool = True):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its signals have arrived
        self.title, self.work, self.readonly = title, work, readonly
        self.path = Path(path) if path is not None else None
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
            if self.path is None:
                result = self.work(None, self)
            else:
                with ReviewFile.open(self.path, readonly=self.readonly) as review:
                    result = self.work(review, self)
        except BaseException as error:  # noqa: BLE001 (handed to the GUI thread: known error or bug)
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class JobRunner(QObject):
    """Starts jobs on its own pool and keeps them alive until they report back.

    Jobs started with a `kind` supersede each other: when a newer job of the same kind has
    been started (a new search, a reload), an older one is cancelled and its outcome is
    dropped, so only the latest reaches its callbacks.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs: list[Job] = []
        self._latest: dict[str, Job] = {}

    def start(self, job: Job, on_done: Callable[[Any], None],
              on_failed: Callable[[BaseException], None], *, kind: str | None = None) -> Job:
        if kind is not None:
            older = self._latest.get(kind)
            if older is not None:
                older.cancel()
            self._latest[kind] = job
        job.signals.finished.connect(lambda result, j=job: self._settle(j, kind, on_done, result))
        job.signals.failed.connect(lambda error, j=job: self._settle(j, kind, on_failed, error))
        self.jobs.append(job)
        if len(self.jobs) == 1:
            self.busyChanged.emit(True)
        self.pool.start(job)
        return job

    def _settle(self, job: Job, kind: str | None, callback: Callable[[Any], None],
                outcome: Any) -> None:
        if not shiboken6.isValid(self):  # its window went away: the outcome has nowhere to go
            return
        current = kind is None or self._latest.get(kind) is job
        if kind is not None and current:
            del self._latest[kind]
        if job in self.jobs:
            self.jobs.remove(job)
            if not self.jobs:
                self.busyChanged.emit(False)
        if current:
            callback(outcome)

    @property
    def busy(self) -> bool:
        """Work started whose outcome has not been handed back yet."""
        return bool(self.jobs)

    def threads_alive(self) -> int:
        return self.pool.activeThreadCount()

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Cancel everything and wait for the threads (before closing the file); msecs=-1
        waits for work that must not be cut short, such as a merge."""
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
