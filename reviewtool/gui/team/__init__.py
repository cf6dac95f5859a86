"""Team work in the desktop app: merge teammates' files, reconcile extractions, resolve
conflicts, agreement statistics.

The main window makes one TeamWindows and puts its four actions in the Team menu. The
windows read the file through core functions, each with its own connection (long work in a
worker thread), and write only through the host's Session (`host.session`), whose `changed`
signal they follow while shown. Merges and reconciliation decisions go on the Session's
undo stack; conflict resolutions do not (see Session.resolve_conflict).
"""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewtool.gui.team.context import TeamContext

# The windows (and the statistics libraries behind them) are imported when first opened,
# so that installing the actions costs the main window's start-up nothing.
ACTIONS = (  # name, text, shortcut, status tip
    ("merge", "&Merge review files…", "Ctrl+Shift+M",
     "Merge teammates' copies of this review into it"),
    ("reconcile", "&Reconcile extractions…", "Ctrl+Shift+R",
     "Compare the reviewers' claims side by side and record the consensus"),
    ("conflicts", "&Conflicts…", "Ctrl+Shift+C",
     "Fields two reviewers changed concurrently, and their resolution"),
    ("agreement", "&Agreement statistics…", "Ctrl+Shift+A",
     "Agreement between reviewers, per field, with confidence intervals"),
)


class TeamWindows(QObject):
    """Owns the actions and opens each window once per host (raising it when already open)."""

    def __init__(self, host, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("team_windows")
        self.parent_widget = parent
        self.context = TeamContext(host)
        self.windows: dict[str, QWidget] = {}
        self.actions: list[QAction] = []
        for name, text, shortcut, tip in ACTIONS:
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
            window = self.windows[name] = window_class(name)(self.context, self.parent_widget)
        elif name == "merge" and not window.isVisible():
            window.reset()  # a new round: the file list of the last one is done
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def close_all(self) -> None:
        for window in self.windows.values():
            window.close()


def window_class(name: str) -> type[QWidget]:
    """The window of a team action, imported on first use."""
    if name == "merge":
        from reviewtool.gui.team.merge_dialog import MergeDialog
        return MergeDialog
    if name == "reconcile":
        from reviewtool.gui.team.reconcile_view import ReconcileView
        return ReconcileView
    if name == "conflicts":
        from reviewtool.gui.team.conflicts_panel import ConflictsPanel
        return ConflictsPanel
    from reviewtool.gui.team.agreement_panel import AgreementPanel
    return AgreementPanel


__all__ = ["TeamWindows"]
