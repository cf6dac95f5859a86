"""Team work in the desktop app: merge teammates' files, reconcile extractions, resolve
conflicts, agreement statistics.

The main window calls `team_actions(host)` once and puts the four actions in its menus:

    merge, reconcile, conflicts, agreement = team_actions(host)

`host` is any object providing

    review_path() -> Path | None   the open review file; None when nothing is open
    undo_stack() -> QUndoStack     where merges and reconciliation decisions are pushed
    reviewer_name() -> str         the name recorded on merges and decisions
    reload() -> None               called after the team windows changed the file (a merge,
                                   a decision, an undo or redo of one), to re-read it

and `parent` (default: `host` itself, which must then be a QWidget) owns the actions and
the windows they open. The windows read the file through core functions, each with its own
connection (long work in a worker thread), and never hold the host's connection.
Merges and reconciliation decisions go on the undo stack; conflict resolutions do not (see
commands.py and conflicts_panel.py).
"""

import importlib

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewtool.gui.team.context import TeamContext

# The windows (and the statistics libraries behind them) are imported when first opened,
# so that installing the actions costs the main window's start-up nothing.
ACTIONS = (  # name, text, shortcut, status tip, "module:window class"
    ("merge", "&Merge review files…", "Ctrl+Shift+M",
     "Merge teammates' copies of this review into it", "merge_dialog:MergeDialog"),
    ("reconcile", "&Reconcile extractions…", "Ctrl+Shift+R",
     "Compare the reviewers' claims side by side and record the consensus",
     "reconcile_view:ReconcileView"),
    ("conflicts", "&Conflicts…", "Ctrl+Shift+C",
     "Fields two reviewers changed concurrently, and their resolution",
     "conflicts_panel:ConflictsPanel"),
    ("agreement", "&Agreement statistics…", "Ctrl+Shift+A",
     "Agreement between reviewers, per field, with confidence intervals",
     "agreement_panel:AgreementPanel"),
)


class TeamWindows(QObject):
    """Owns the actions and opens each window once per host (raising it when already open)."""

    def __init__(self, host, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("team_windows")
        self.parent_widget = parent
        self.context = TeamContext(host, self)
        self.windows: dict[str, QWidget] = {}
        self.actions: list[QAction] = []
        for name, text, shortcut, tip, _ in ACTIONS:
            action = QAction(text, parent)
            action.setObjectName(f"team_{name}")
            action.setShortcut(QKeySequence(shortcut))
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False, name=name: self.open(name))
            self.actions.append(action)
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The windows wait for their worker threads when closed; they must, before the main
        # window (their parent) takes them down with it.
        if watched is self.parent_widget and event.type() == QEvent.Type.Close:
            self.close_all()
        return False

    def open(self, name: str) -> QWidget | None:
        if self.context.path() is None:
            box = QMessageBox(QMessageBox.Icon.Information, "No review open",
                              "Open or create a review file first.", parent=self.parent_widget)
            box.open()
            return None
        window = self.windows.get(name)
        if window is None:
            module, class_name = next(a[4] for a in ACTIONS if a[0] == name).split(":")
            window_class = getattr(importlib.import_module(f"{__name__}.{module}"), class_name)
            window = self.windows[name] = window_class(self.context, self.parent_widget)
        elif name == "merge" and not window.isVisible():
            window.reset()  # a new round: the file list of the last one is done
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def close_all(self) -> None:
        for window in self.windows.values():
            window.close()


def team_actions(host, parent: QWidget | None = None) -> list[QAction]:
    """The four team actions (merge, reconcile, conflicts, agreement), then the team
    folder's two (folder_sync.py); see the module doc."""
    from reviewtool.gui.team.folder_sync import team_folder_actions

    parent = parent if parent is not None else host
    if not isinstance(parent, QWidget):
        raise TypeError("team_actions needs a parent QWidget (the main window)")
    return TeamWindows(host, parent).actions + team_folder_actions(host, parent)


__all__ = ["TeamWindows", "team_actions"]
