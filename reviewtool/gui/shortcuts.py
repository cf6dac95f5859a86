"""Help → Keyboard Shortcuts: generated from the window's actions, so it never drifts."""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Dedicated keys on some keyboards (the Undo key, the Help key...): they work, but listing
# them beside Ctrl+Z only clutters the list.
_DEDICATED = {Qt.Key.Key_New, Qt.Key.Key_Open, Qt.Key.Key_Close, Qt.Key.Key_Save, Qt.Key.Key_Undo,
              Qt.Key.Key_Redo, Qt.Key.Key_Find, Qt.Key.Key_Help, Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Exit,
              Qt.Key.Key_Paste}


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions:
        keys = [seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts()
                if seq.count() and seq[0].key() not in _DEDICATED]
        if not keys:
            continue
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
        rows.append((str(action.property("menu") or ""), text, ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], extra: Iterable[tuple[str, str, str]] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, text, keys in [*shortcut_rows(actions), *extra]:
            if menu not in groups:
                group = QTreeWidgetItem(self.tree, [menu])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[menu] = group
            QTreeWidgetItem(groups[menu], [text, keys])
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(520, 600)

    def rows(self) -> list[tuple[str, str]]:
        result = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                result.append((group.child(j).text(0), group.child(j).text(1)))
        return result
