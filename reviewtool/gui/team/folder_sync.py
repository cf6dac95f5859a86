"""Team → Team folder… and Team → Sync with team folder: the team folder in the app.

The folder is chosen once per review (core remembers it in the working file). While a
review is open, a sync runs in the background when the review is opened and closed, every
few minutes, and soon after the folder changes (QFileSystemWatcher); the status bar says
how it went: "Synced 2 min ago: 3 teammates, 41 new claims, 1 new conflict". Automatic syncs
that fail say so in the status bar only; a sync the reviewer asked for shows the sentence in
a dialog too. After a sync that brought something in, the host re-reads the file.

`host` is the main window's interface for optional features (see plugins.py); the
controller also listens to the host's `reviewOpened` and `reviewClosed` signals when it has
them, and puts its label in the host's status bar.
"""

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.folder import SyncReport, remembered_folder, sync_folder
from reviewtool.core.team.folder.entries import listing
from reviewtool.core.wording import counted
from reviewtool.gui.errors import report_error, show_known_error
from reviewtool.gui.review_changes import ReviewChanges
from reviewtool.gui.workers import Job, JobRunner

log = logging.getLogger("reviewtool")
SYNC_EVERY_MS = 3 * 60 * 1000
SETTLE_MS = 2000  # after the folder changes, wait for the sync service to finish writing
CLOSE_WAIT_MS = 60_000


def ago(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    return f"{hours} h ago" if hours < 24 else f"{hours // 24} d ago"


class TeamFolderSync(QObject):
    def __init__(self, host, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("team_folder_sync")
        self.host, self.parent_widget = host, parent
        self.runner = JobRunner(self)
        self.path: Path | None = None  # the open review
        self.folder: Path | None = None  # its team folder, once chosen
        self.last: SyncReport | None = None
        self.last_time = 0.0
        # A sync asked for while one ran on that file: its folder, and whether it was manual.
        self._pending: dict[Path, tuple[Path, bool]] = {}
        self._running: set[Path] = set()
        self._window_closing = False

        self.label = QLabel()
        self.label.setObjectName("team_folder_status")
        self.label.hide()
        if isinstance(parent, QMainWindow):
            parent.statusBar().addPermanentWidget(self.label)

        self.choose_action = QAction("Team &folder…", parent)
        self.choose_action.setObjectName("team_folder")
        self.choose_action.setStatusTip("Choose the shared folder this review syncs with")
        self.choose_action.triggered.connect(self.choose_folder)
        self.sync_action = QAction("S&ync with team folder", parent)
        self.sync_action.setObjectName("team_sync")
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.setStatusTip("Merge teammates' work from the team folder and publish yours")
        self.sync_action.triggered.connect(lambda: self.sync(manual=True))

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self.settle.start())
        self.settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settle.timeout.connect(self._folder_changed)
        self.every = QTimer(self, interval=SYNC_EVERY_MS)
        self.every.timeout.connect(lambda: self.sync(manual=False))
        self.clock = QTimer(self, interval=30_000)  # keeps "2 min ago" true
        self.clock.timeout.connect(self._show)

        for signal, slot in (("reviewOpened", self.opened), ("reviewClosed", self.closed)):
            if hasattr(host, signal):
                getattr(host, signal).connect(slot)
        parent.installEventFilter(self)

    # -- the open review --------------------------------------------------------------------

    def opened(self, path: Path) -> None:
        self.path, self.last = Path(path), None
        try:
            with ReviewFile.open(self.path, readonly=True) as review:
                self.folder = remembered_folder(review)
        except ReviewError:
            self.folder = None
        self._watch()
        if self.folder is not None:
            self.every.start()
            self.clock.start()
            self.sync(manual=False)
        self._show()

    def closed(self, path: Path) -> None:
        """Publish the last work once the review is closed (in the background; waited for
        when the window closes)."""
        path = Path(path)
        folder = self.folder if path == self.path else None
        self.path, self.folder, self.last = None, None, None
        self._watch()
        self.every.stop()
        self.clock.stop()
        self._show()
        if folder is None:
            return
        if not self._window_closing:
            self._start(path, folder, manual=False)
            return
        # The window is going away with the review: publish now, while it waits.
        try:
            sync_folder(path, folder, reviewer=self._reviewer())
        except ReviewError as error:
            log.warning("the team folder sync on closing failed: %s", error)

    def _reviewer(self) -> str:
        session = self.host.session
        return session.reviewer if session is not None else self.host.settings.reviewer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_widget and event.type() == QEvent.Type.Close:
            self._window_closing = True
            self.every.stop()
            self.settle.stop()
            self.runner.pool.waitForDone(CLOSE_WAIT_MS)  # a snapshot is not cut short
            for job in list(self.runner.jobs):  # nobody is left to hear how they ended
                job.signals.finished.disconnect()
                job.signals.failed.disconnect()
        return False

    # -- actions ----------------------------------------------------------------------------

    def choose_folder(self) -> None:
        if self.path is None:
            QMessageBox.information(self.parent_widget, "No review open",
                                    "Open or create a review file first.")
            return
        chosen = QFileDialog.getExistingDirectory(self.parent_widget, "Team Folder",
                                                  str(self.folder or Path.home()))
        if chosen:
            self.folder = Path(chosen)
            self._watch()
            self.every.start()
            self.clock.start()
            self.sync(manual=True)

    def sync(self, *, manual: bool) -> None:
        if self.path is None:
            return
        if self.folder is None:
            if manual:
                self.choose_folder()
            return
        self._start(self.path, self.folder, manual=manual)

    def _folder_changed(self) -> None:
        """Sync when a teammate's file arrived, not when only our own snapshot did."""
        last = self.last
        if last is not None and last.review_folder is not None and (
                listing(last.review_folder) == last.listing):
            return
        self.sync(manual=False)

    # -- running ----------------------------------------------------------------------------

    def _start(self, path: Path, folder: Path, *, manual: bool) -> None:
        if path in self._running:  # once the running one ends, sync again
            manual = manual or self._pending.get(path, (folder, False))[1]
            self._pending[path] = (folder, manual)
            return
        self._running.add(path)
        reviewer = self._reviewer()
        job = Job("Syncing with the team folder", None,
                  lambda _review, _job: sync_folder(path, folder, reviewer=reviewer))
        if self.path == path:
            self.label.setText("Syncing with the team folder…")
            self.label.show()
        self.runner.start(job, lambda report: self._done(path, report),
                          lambda error: self._failed(path, error, manual))

    def _done(self, path: Path, report: SyncReport) -> None:
        self._finish(path)
        if path != self.path:
            return
        self.last, self.last_time = report, time.monotonic()
        self._watch()
        if any(summary.versions for summary in report.merged) and self.host.session is not None:
            # The file changed behind the open session: every view re-reads it.
            self.host.session.publish(ReviewChanges.everything())
        self._show()

    def _failed(self, path: Path, error: BaseException, manual: bool) -> None:
        self._finish(path)
        if path == self.path and isinstance(error, ReviewError):
            self.label.setText("Team folder: not synced")
            self.label.setToolTip(str(error))
            self.label.show()
        if manual or not isinstance(error, ReviewError):
            report_error(error, lambda e: show_known_error(self.parent_widget, e))

    def _finish(self, path: Path) -> None:
        """Run the sync asked for meanwhile, even for a review closed since (its last work
        is published)."""
        self._running.discard(path)
        if path in self._pending:
            folder, manual = self._pending.pop(path)
            self._start(path, folder, manual=manual)

    # -- showing ----------------------------------------------------------------------------

    def status_text(self) -> str:
        if self.last is None:
            return ""
        text = f"Synced {ago(time.monotonic() - self.last_time)}: {self.last.headline()}"
        if self.last.notes:
            text += f"; {counted(len(self.last.notes), 'file')} not taken (see tooltip)"
        return text

    def _show(self) -> None:
        text = self.status_text()
        self.label.setText(text)
        self.label.setVisible(bool(text))
        notes = self.last.notes if self.last else []
        self.label.setToolTip("\n".join([f"Team folder: {self.folder}", *notes])
                              if self.folder else "")
        self.sync_action.setEnabled(self.path is not None)
        self.choose_action.setEnabled(self.path is not None)

    def _watch(self) -> None:
        watched = self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if self.path is None or self.folder is None:
            return
        try:
            with ReviewFile.open(self.path, readonly=True) as review:
                review_folder = self.folder / review.review_id
        except ReviewError:
            return
        target = review_folder if review_folder.is_dir() else self.folder
        if target.is_dir():
            self.watcher.addPath(str(target))
