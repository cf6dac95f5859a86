"""Help → About reviewtool: the version, when this copy was built, and the components it runs
on with their licences and licence texts (a desktop bundle must show them: Qt and PySide6 are
LGPL-3.0)."""

import platform
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from reviewtool import __version__
from reviewtool.build_info import Component, build, components, licence_text

QT_NOTE = ("Qt and PySide6 are used under the GNU Lesser General Public License v3; they are "
           "separate shared libraries in the program's folder, which you may replace with "
           "your own builds of them.")


class AboutDialog(QDialog):
    def __init__(self, parent=None, log_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("About reviewtool")
        self.resize(760, 560)
        self.components = components()

        self.heading = QLabel(f"<h2>reviewtool {__version__}</h2>"
                         "<p>Structured evidence review: claims recorded against the quoted "
                         "words they rest on.</p>")
        self.build_label = QLabel(build_line())
        self.build_label.setObjectName("build")
        self.build_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(QT_NOTE)
        note.setWordWrap(True)

        self.table = QTableWidget(len(self.components), 3)
        self.table.setHorizontalHeaderLabels(["Component", "Version", "Licence"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, component in enumerate(self.components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.text = QPlainTextEdit(readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlaceholderText("Choose a component to read its licence.")
        self.table.itemSelectionChanged.connect(self._show_licence)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.build_label)
        if log_path:
            layout.addWidget(QLabel(f"Log file: {log_path}"))
        layout.addWidget(note)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    def _show_licence(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        component = self.components[rows[0].row()]
        text = licence_text(component)
        self.text.setPlainText(text or f"{component.name} states its licence as "
                                       f"{component.licence}; its text is not included here.")


def build_line() -> str:
    facts = build()
    if facts is None:
        return f"Running from an installed package, on Python {platform.python_version()}."
    commit = f" from commit {facts['commit']}" if facts.get("commit") else ""
    return (f"Desktop bundle built {facts['date']}{commit}, with Python {facts['python']} "
            f"for {facts['platform']}.")
