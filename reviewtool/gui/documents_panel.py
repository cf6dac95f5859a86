"""The document list with its full-text search box."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.wording import counted
from reviewtool.gui.documents_model import APPRAISED, CLAIMS, ID_ROLE, TITLE, DocumentsModel
from reviewtool.gui.icons import icon

SEARCH_DELAY_MS = 300


class DocumentsPanel(QWidget):
    documentChosen = Signal(str)
    searchRequested = Signal(str)  # "" = show every document again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocumentsModel(parent=self)
        self.search = QLineEdit()
        self.search.setObjectName("documentSearch")
        self.search.setAccessibleName("Search documents and claims")
        self.search.setPlaceholderText("Search documents and claims")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setToolTip("Every word must occur; \"quotes\" find a phrase. (Ctrl+Shift+F)")
        self.result = QLabel()
        self.result.setEnabled(False)
        self.result.hide()
        # A table, not a tree: QTreeView lays out every top-level row, QTableView only the
        # rows it paints, which keeps 10,000 documents instant.
        self.view = QTableView()
        self.view.setObjectName("documentList")
        self.view.setAccessibleName("Documents")
        self.view.setAccessibleDescription("Every document with its number of claims and "
                                           "whether you have appraised it; choose one to read it")
        self.view.setTabKeyNavigation(False)  # Tab moves to the next panel; arrows move within
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        # Titles get two lines, so that a long one reads whole; rows stay a fixed height.
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, never ResizeToContents: that measures every row.
        metrics = self.fontMetrics()
        for column, sample in ((CLAIMS, "Claims"), (APPRAISED, "✓")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search.textEdited.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.textChanged.connect(self._maybe_cleared)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.result)
        layout.addWidget(self.view, 1)

    def set_session(self, session) -> None:
        self.search.clear()
        self.result.hide()
        self.model.set_session(session)

    def current_document(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: str | None) -> None:
        row = self.model.row_of(document_id) if document_id else None
        if row is None:
            self.view.selectionModel().clearCurrentIndex()
            return
        index = self.model.index(row, TITLE)
        if index != self.view.currentIndex():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) document."""
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row()
        row = 0 if current < 0 else min(max(current + delta, 0), rows - 1)
        self.select_document(self.model.id_at(row))

    def show_results(self, query: str, document_ids: list[str], snippets: dict[str, str]) -> None:
        if query != self.search.text().strip():
            return  # the reviewer has typed on since
        keep = self.current_document()
        self.model.set_matches(document_ids, snippets)
        count = len(document_ids)
        self.result.setText(f"{counted(count, 'document matches', 'documents match')} “{query}”")
        self.result.show()
        if keep:
            self.select_document(keep)

    def shown_query(self) -> str:
        """The search whose results the list shows, or "" when it shows every document."""
        return self.search.text().strip() if self.model.matches is not None else ""

    def _search_now(self) -> None:
        self._timer.stop()
        self.searchRequested.emit(self.search.text().strip())

    def _maybe_cleared(self, text: str) -> None:
        if not text.strip() and self.model.matches is not None:
            keep = self.current_document()
            self.model.set_matches(None)
            self.result.hide()
            self.searchRequested.emit("")
            if keep:
                self.select_document(keep)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.documentChosen.emit(current.data(ID_ROLE))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.hasFocus() and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)
