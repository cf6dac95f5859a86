"""Work off the UI thread, and the one way errors reach the user in the team windows.

A task runs a plain function in a QThread; the function opens its own ReviewFile (an SQLite
connection belongs to one thread) and returns plain data, which is handed back on the UI
thread. Known errors (ReviewError) become one sentence in the window; anything else is a bug
and goes to sys.excepthook with its traceback.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...core.errors import ReviewError
from ...core.reviewfile import ReviewFile


def report(error: BaseException, show: Callable[[str], None]) -> None:
    if isinstance(error, ReviewError):
        show(str(error))
    else:
        sys.excepthook(type(error), error, error.__traceback__)


def reading(path: Path, work: Callable[[ReviewFile], Any]) -> Callable[[], Any]:
    """`work(review)` on a read-only connection of its own, opened in the worker thread."""
    def run() -> Any:
        with ReviewFile.open(path, readonly=True) as review:
            return work(review)
    return run


class _Task(QThread):
    def __init__(self, work: Callable[[], Any], parent: QObject):
        super().__init__(parent)
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as error:  # handed to the UI thread, which reports it
            self.error = error


class TaskRunner(QObject):
    """Runs tasks one kind at a time: a newer task of a kind makes an older one's result moot.

    `busy` tells progress indicators when work starts and stops.
    """

    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: dict[_Task, tuple[str, Callable, Callable]] = {}
        self._latest: dict[str, _Task] = {}

    @property
    def running(self) -> bool:
        """Work started whose result has not been handed back yet."""
        return bool(self._running)

    def threads_alive(self) -> int:
        return sum(task.isRunning() for task in self._running)

    def start(self, kind: str, work: Callable[[], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> None:
        task = _Task(work, self)
        self._running[task] = (kind, done, failed)
        self._latest[kind] = task
        task.finished.connect(self._finished)
        if len(self._running) == 1:
            self.busy.emit(True)
        task.start()

    @Slot()
    def _finished(self) -> None:
        task = self.sender()
        kind, done, failed = self._running.pop(task)
        current = self._latest.get(kind) is task
        if current:
            del self._latest[kind]
        task.deleteLater()
        if not self._running:
            self.busy.emit(False)
        if current:
            if task.error is not None:
                failed(task.error)
            else:
                done(task.result)

    def wait(self) -> None:
        """Block until every task has ended (before the window holding them goes away)."""
        for task in list(self._running):
            task.wait()
