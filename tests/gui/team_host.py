"""A stand-in for the main window: what reviewtool.gui.team needs from it (see its __init__)."""

from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget


class FakeHost(QWidget):
    def __init__(self, path: Path | None, reviewer: str = "Amara Okafor"):
        super().__init__()
        self.path = path
        self.reviewer = reviewer
        self.stack = QUndoStack(self)
        self.reloads = 0

    def review_path(self) -> Path | None:
        return self.path

    def undo_stack(self) -> QUndoStack:
        return self.stack

    def reviewer_name(self) -> str:
        return self.reviewer

    def reload(self) -> None:
        self.reloads += 1


def open_team(qtbot, path: Path | None, reviewer: str = "Amara Okafor"):
    """A host window with the team actions; returns (host, TeamWindows)."""
    from reviewtool.gui.team import TeamWindows, team_actions

    host = FakeHost(path, reviewer)
    qtbot.addWidget(host)
    actions = team_actions(host)
    host.addActions(actions)
    return host, host.findChild(TeamWindows)
