"""The current document's details: its bibliographic metadata, editable, and how it is cited.

Each field is committed when the reviewer leaves it (Enter or Tab), as one undoable edit
through core (document_metadata.set_metadata); a value core refuses is reported and the
field shows the stored value again. A reference without its full text says so and offers to
attach its file.
"""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.errors import NotFound, ReviewError
from reviewtool.core.review import citation
from reviewtool.core.review.document_metadata import FIELDS, TYPES
from reviewtool.core.review.documents import Document, get_document
from reviewtool.gui.review_changes import ReviewChanges

PLACEHOLDERS = {
    "authors": "Family, Given; Family, Given — or an organisation",
    "published": "YYYY, YYYY-MM or YYYY-MM-DD",
    "accessed": "YYYY-MM-DD, for a web page",
    "url": "https://…",
    "doi": "10.xxxx/…",
}


class NoteEdit(QPlainTextEdit):
    """A few lines of text that, like a line edit, say when the reviewer is done with them."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        self.editingFinished.emit()
        super().focusOutEvent(event)


class DocumentDetailsPanel(QWidget):
    failed = Signal(object)  # a ReviewError to show
    textAttached = Signal(str)  # a document received its full text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = None
        self.document: Document | None = None
        self.empty = QLabel("Choose a document to see its details.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.cite = QLabel()
        self.cite.setObjectName("documentCitation")
        self.cite.setWordWrap(True)
        self.cite.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.no_text = QLabel("No full text: this document is a reference only. Attach its file "
                              "to read it and record claims on it.")
        self.no_text.setObjectName("noFullText")
        self.no_text.setWordWrap(True)
        self.attach = QPushButton("Attach File…")
        self.attach.setObjectName("attachFile")
        self.attach.clicked.connect(self.attach_dialog)
        self.editors: dict[str, QWidget] = {}
        self._shown: dict[str, str] = {}  # the text each editor was last given
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, label in FIELDS.items():
            editor = self._editor(field)
            editor.setObjectName(f"meta_{field}")
            self.editors[field] = editor
            form.addRow(label, editor)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 8, 12, 8)
        column.addWidget(self.cite)
        column.addWidget(self.no_text)
        column.addWidget(self.attach, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _editor(self, field: str) -> QWidget:
        if field == "note":
            editor = NoteEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().height() * 5)
        elif field == "type":
            editor = QComboBox()
            editor.setEditable(True)
            editor.addItems(["", *TYPES])
            editor.lineEdit().editingFinished.connect(lambda: self._commit(field))
            editor.activated.connect(lambda _index: self._commit(field))
            return editor
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(PLACEHOLDERS.get(field, ""))
        editor.editingFinished.connect(lambda: self._commit(field))
        return editor

    # -- what is shown ----------------------------------------------------------------------

    def set_session(self, session) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
        self.show_document(None)

    def show_document(self, document_id: str | None, *, force: bool = True) -> None:
        if self.document is not None and document_id != self.document.id:
            self.flush()  # what was typed belongs to the document it was typed for
        try:
            self.document = (get_document(self.session.review, document_id)
                             if self.session is not None and document_id else None)
        except NotFound:
            self.document = None
        self.stack.setCurrentIndex(1 if self.document else 0)
        if self.document:
            self._fill(force)

    def _changed(self, changes: ReviewChanges) -> None:
        if self.document is not None and changes.touches_document(self.document.id):
            self.show_document(self.document.id, force=False)

    def _fill(self, force: bool = True) -> None:
        metadata = self.document.metadata()
        self.cite.setText(citation.reference(metadata))
        self.no_text.setVisible(not self.document.has_text)
        self.attach.setVisible(not self.document.has_text)
        for field in FIELDS:
            self._show_value(field, metadata[field], force=force)

    def _show_value(self, field: str, value: Any, *, force: bool = True) -> None:
        text = "; ".join(value) if field == "authors" else str(value)
        editor = self.editors[field]
        if not force and self.value_of(field) != self._shown.get(field, ""):
            return  # the reviewer is typing there: another change must not overwrite it
        self._shown[field] = text
        if isinstance(editor, QComboBox):
            editor.setEditText(text)
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif editor.text() != text:
            editor.setText(text)
            editor.setCursorPosition(0)  # a long title shows its start

    def value_of(self, field: str) -> str:
        editor = self.editors[field]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text()

    # -- edits ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Commit whatever field the reviewer is still typing in."""
        for field in FIELDS:
            if self.value_of(field) != self._shown.get(field, ""):
                self._commit(field)

    def _commit(self, field: str) -> None:
        if self.session is None or self.document is None:
            return
        shown = self.document.metadata()[field]
        typed = self.value_of(field)
        if typed == ("; ".join(shown) if field == "authors" else shown):
            return
        try:
            self.session.edit_document_metadata(self.document.id, {field: typed})
        except ReviewError as error:
            self._show_value(field, shown)
            self.failed.emit(error)
            return
        self._show_value(field, self.document.metadata()[field])  # as stored, cleaned

    def attach_dialog(self) -> None:
        if self.document is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Attach File", "", "Documents (*.txt *.md *.html *.htm *.pdf *.docx)")
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        """Give the document the text of a file (not undoable: the file's text is kept)."""
        document_id = self.document.id
        try:
            self.session.attach_text(document_id, path)
        except ReviewError as error:
            self.failed.emit(error)
            return
        self.textAttached.emit(document_id)
