"""Find in the open document, and the words of a search marked in it.

Ctrl+F opens the bar under the reader; what is typed is found as one phrase (case and
accents ignored), every match marked, the current one selected, so that Ctrl+E records a
claim on it. Enter or F3 goes to the next match, Shift+Enter or Shift+F3 to the previous,
Esc closes the bar. A document opened from search results shows the search's words marked
the same way (core's find_spans, which reads a search as the search itself does).
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reviewtool.core.review.search import find_spans
from reviewtool.core.wording import counted
from reviewtool.gui.icons import icon


class FindBar(QWidget):
    def __init__(self, reader, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.reader = reader
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._search_query = ""  # the words of a document search, when they are shown
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in this document")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find in this document")
        self.field.setAccessibleDescription(
            "Type a phrase; Enter or F3 goes to the next match, Shift+Enter or Shift+F3 to "
            "the previous one, Escape closes.")
        self.previous_button = self._button("previous", "Previous match (Shift+F3)", -1)
        self.next_button = self._button("next", "Next match (F3)", 1)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 of 000 matches"))
        close = QToolButton()
        close.setText("Close")
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close the find bar")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.field, 1)
        for widget in (self.previous_button, self.next_button, self.count, close):
            layout.addWidget(widget)
        self.field.textEdited.connect(lambda _: self.find_typed())
        self.field.returnPressed.connect(lambda: self.step(1))
        self.hide()

    def _button(self, glyph: str, tip: str, delta: int) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(glyph))
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(lambda: self.step(delta))
        return button

    # -- what is marked ------------------------------------------------------------------------

    def open_bar(self) -> None:
        """Ctrl+F: show the bar with its text selected, ready to type over."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._search_query = ""
        self._mark([])
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_typed(self) -> None:
        self._search_query = ""
        self._mark(find_spans(self.reader.toPlainText(), self.field.text(), phrase=True))
        if self.matches:
            self._go(self._first_after_cursor())

    def show_search(self, query: str) -> None:
        """Mark the words of a document search in the document now shown ("" clears)."""
        self._search_query = query
        if query:
            self.field.setText(query)
            self.show()
            self._mark(find_spans(self.reader.toPlainText(), query))
            if self.matches:
                self._go(0, focus=False)
        elif self.isVisible():
            self.document_changed()
        else:
            self._mark([])

    def document_changed(self) -> None:
        """Another document is shown: find the same text in it."""
        if self._search_query:
            self.show_search(self._search_query)
        elif self.isVisible() and self.field.text():
            self._mark(find_spans(self.reader.toPlainText(), self.field.text(), phrase=True))
        else:
            self._mark([])

    def step(self, delta: int) -> None:
        """F3 / Shift+F3: the next or previous match, wrapping around."""
        if not self.isVisible():
            self.open_bar()
            return
        if not self.matches:
            self.count.setText("No matches")
            return
        self._go((self.current + delta) % len(self.matches))

    # -- painting ------------------------------------------------------------------------------

    def _first_after_cursor(self) -> int:
        position = self.reader.cursor_offset()
        return next((i for i, (start, _) in enumerate(self.matches) if start >= position), 0)

    def _mark(self, matches: list[tuple[int, int]]) -> None:
        self.matches, self.current = matches, -1
        self.reader.set_marks(matches, None)
        text = self.field.text().strip()
        self.count.setText(counted(len(matches), "match", "matches") if text else "")

    def _go(self, index: int, focus: bool = True) -> None:
        self.current = index
        start, end = self.matches[index]
        self.reader.set_marks(self.matches, index)
        self.reader.select_range(start, end)
        self.reader.centerCursor()
        self.count.setText(f"{index + 1} of {counted(len(self.matches), 'match', 'matches')}")

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.step(-1)
            return
        super().keyPressEvent(event)
