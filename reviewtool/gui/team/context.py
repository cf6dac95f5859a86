"""What the team windows share: the host window's file, name and undo stack, and a signal
when the file changed."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile


class TeamContext(QObject):
    changed = Signal()  # the review file changed (merge, decision, undo or redo)
    problem = Signal(str)  # a known error while undoing or redoing, one sentence

    def __init__(self, host, parent: QObject | None = None):
        super().__init__(parent)
        self.host = host

    def path(self) -> Path | None:
        path = self.host.review_path()
        return Path(path) if path else None

    def reviewer(self) -> str:
        return self.host.reviewer_name()

    def undo_stack(self) -> QUndoStack:
        return self.host.undo_stack()

    def notify(self) -> None:
        self.host.reload()
        self.changed.emit()

    @contextlib.contextmanager
    def writing(self, path: Path | None = None) -> Iterator[ReviewFile]:
        """The review file, open for one short write on the UI thread."""
        path = path or self.path()
        if path is None:
            raise ReviewError("No review file is open; open one first.")
        with ReviewFile.open(path) as review:
            yield review
