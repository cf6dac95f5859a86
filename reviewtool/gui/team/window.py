"""What the team windows share: a window over the open review that reloads its data in the
background whenever it is shown, refreshed (F5) or the Session says the file changed."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.errors import report_error
from reviewtool.gui.workers import Job, JobRunner
from reviewtool.gui.team.context import TeamContext


class TeamWindow(QWidget):
    """Subclasses set LOAD (a plain function of a read-only ReviewFile, run off the UI
    thread) and implement loaded(result), called on the UI thread."""

    LOAD: Callable[[ReviewFile], Any]

    def __init__(self, context: TeamContext, parent: QWidget | None, title: str,
                 size: tuple[int, int]):
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.runner = JobRunner(self)
        self.setWindowTitle(title)
        self.resize(*size)
        self.progress = QProgressBar(maximum=0, textVisible=False, visible=False)
        self.progress.setMaximumWidth(120)
        self.status = QLabel(wordWrap=True)  # the outcome of the last action, or a problem
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.close_button = QPushButton("Close")  # each window puts it in its bottom row
        self.close_button.setToolTip("Close this window (Esc)")
        self.close_button.clicked.connect(self.close)
        self.runner.busyChanged.connect(self.busy)
        self._listening = None  # the Session whose changes this window follows while shown

    def refresh(self) -> None:
        path = self.context.path()
        if path is None:
            self.status.setText("No review file is open.")
            return
        load = self.loader()
        self.runner.start(Job(self.windowTitle(), path, lambda review, _job: load(review)),
                          self.loaded, lambda error: report_error(error, self.status.setText),
                          kind="load")

    def loader(self) -> Callable[[ReviewFile], Any]:
        """What to run in the worker; LOAD unless the window's own settings change it."""
        return type(self).LOAD

    def loaded(self, result: Any) -> None:
        raise NotImplementedError

    def busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    def _file_changed(self, changes) -> None:
        if self.isVisible() and not self.ignores(changes):
            self.refresh()

    def ignores(self, changes) -> bool:
        """True for changes that cannot alter what this window shows (subclasses narrow it)."""
        return False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._listen(self.context.host.session)
        self.refresh()

    def hideEvent(self, event) -> None:
        self._listen(None)
        super().hideEvent(event)

    def _listen(self, session) -> None:
        if self._listening is not None:
            self._listening.changed.disconnect(self._file_changed)
        self._listening = session
        if session is not None:
            session.changed.connect(self._file_changed)

    def keyPressEvent(self, event) -> None:
        # Escape closes, as in a dialog (a key no control used reaches the window)
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.runner.wait(-1)
        super().closeEvent(event)
