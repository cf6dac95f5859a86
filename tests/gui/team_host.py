"""A stand-in for the main window, as the team windows see it: a widget with an open review
(a real Session, the app's write path), recording what the Session published."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reviewtool.gui.session import Session


class TeamHost(QWidget):
    def __init__(self, path: Path | None, reviewer: str = "Amara Okafor"):
        super().__init__()
        self.session = Session.open(path, reviewer, self) if path else None
        self.changes = []  # every ReviewChanges the Session published
        self.failures = []
        if self.session is not None:
            self.session.changed.connect(self.changes.append)
            self.session.failed.connect(self.failures.append)

    @property
    def stack(self):
        return self.session.undo_stack

    @property
    def reloads(self) -> int:
        return len(self.changes)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)  # the team windows close first (see TeamWindows)
        if self.session is not None:
            self.session.close()
            self.session = None


def open_team(qtbot, path: Path | None, reviewer: str = "Amara Okafor"):
    """A host window with the team actions; returns (host, TeamWindows)."""
    from reviewtool.gui.team import TeamWindows

    host = TeamHost(path, reviewer)
    qtbot.addWidget(host)
    windows = TeamWindows(host, host)
    host.addActions(windows.actions)
    return host, windows
