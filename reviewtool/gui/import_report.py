"""After an import with files that could not be imported: each file with its reason, in
view at once (not behind a details button), selectable to copy."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.review.documents import ImportOutcome


class ImportReport(QDialog):
    def __init__(self, line: str, failed: list[ImportOutcome], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle("Import")
        self.summary = QLabel(f"{line}. These files were not imported:")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(failed), 2)
        self.table.setObjectName("importFailures")
        self.table.setHorizontalHeaderLabels(["File", "Why it was not imported"])
        self.table.setAccessibleName("Files not imported")
        self.table.setAccessibleDescription("Each file that could not be imported, with the reason")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, outcome in enumerate(failed):
            name = QTableWidgetItem(outcome.path.name)
            name.setToolTip(str(outcome.path))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(outcome.message))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, min(180 + 28 * len(failed), 560))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def reasons(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]
