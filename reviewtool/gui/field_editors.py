"""One editor widget per form field type, all with the same small interface.

`edited` fires on every change (to show or hide conditional fields at once); `finished`
fires when the reviewer is done with the field (editingFinished, leaving a long text, a
choice picked, a box ticked): that is when the form commits it. Text is read with the
form's own parse_value, so the GUI accepts exactly what the CLI and CSV accept.
"""

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.forms import Field, format_value, parse_value

NONE_LABEL = "—"


class FieldEditor(QWidget):
    edited = Signal()
    finished = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def value(self) -> Any:
        """The answer as stored (None when empty); raises InvalidValue for bad text."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a stored answer without emitting edited/finished."""
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def watch_focus(self, watcher: QObject) -> None:
        self.focus_widget().installEventFilter(watcher)

    def name_for_screen_readers(self) -> None:
        """The field's label as the control's name, its help as the description."""
        required = " (required)" if self.field.required else ""
        widget = self.focus_widget()
        widget.setAccessibleName(self.field.label + required)
        widget.setAccessibleDescription(" ".join((self.field.help or self.field.label).split()))


class LineEditor(FieldEditor):
    """number and date: one line of text read with parse_value."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.line = QLineEdit(self)
        if field.type == "number":
            low = "" if field.min is None else f"{field.min:g}"
            high = "" if field.max is None else f"{field.max:g}"
            self.line.setPlaceholderText(f"a number from {low} to {high}" if low and high
                                         else "a number, e.g. 12 or 2.5")
            self.line.setMaximumWidth(220)
        elif field.type == "date":
            self.line.setPlaceholderText("YYYY-MM-DD")
            self.line.setMaximumWidth(160)
        self.line.textEdited.connect(self.edited)
        self.line.editingFinished.connect(self.finished)
        self._layout.addWidget(self.line)

    def value(self) -> Any:
        return parse_value(self.field, self.line.text())

    def set_value(self, value: Any) -> None:
        text = format_value(self.field, value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)  # show the beginning of a long answer

    def focus_widget(self) -> QWidget:
        return self.line


class LongTextEditor(FieldEditor):
    """long_text: paragraphs in a box four lines high; Enter starts a new line."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.text = _PlainText(self)
        self.text.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.text.textChanged.connect(self._changed)
        self.text.left.connect(self._left)
        self._dirty = False
        self._layout.addWidget(self.text)
        self._size()

    def _size(self) -> None:
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)

    def _changed(self) -> None:
        self._dirty = True
        self.edited.emit()

    def _left(self) -> None:
        if self._dirty:
            self._dirty = False
            self.finished.emit()

    def value(self) -> Any:
        return parse_value(self.field, self.text.toPlainText())

    def set_value(self, value: Any) -> None:
        text = format_value(self.field, value) if self.field.type == "text" else value or ""
        if self.text.toPlainText() != text:
            self.text.blockSignals(True)
            self.text.setPlainText(text)
            self.text.blockSignals(False)
            self._size()
        self._dirty = False

    def focus_widget(self) -> QWidget:
        return self.text


class GrowingTextEditor(LongTextEditor):
    """text: one paragraph, wrapped, in a box that grows with it from two lines to eight
    (a long claim reads whole instead of scrolling sideways); Enter finishes the field."""

    MIN_LINES, MAX_LINES = 2, 8

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.text.single_paragraph = True
        self.text.entered.connect(self._entered)
        self.text.textChanged.connect(self._size)

    def _entered(self) -> None:
        self._dirty = False
        self.finished.emit()

    def _size(self) -> None:
        text = self.text
        lines = 0
        block = text.document().firstBlock()
        while block.isValid():
            lines += max(block.layout().lineCount(), 1)
            block = block.next()
        lines = min(max(lines, self.MIN_LINES), self.MAX_LINES)
        text.setFixedHeight(text.fontMetrics().lineSpacing() * lines + 12)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size()  # the wrap, and so the height, follows the width


class _PlainText(QPlainTextEdit):
    left = Signal()
    entered = Signal()  # Enter in a one-paragraph field
    single_paragraph = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def keyPressEvent(self, event) -> None:
        if self.single_paragraph and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()  # one paragraph: Enter is "done", never a line break
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        if self.single_paragraph and source.hasText():
            self.insertPlainText(" ".join(source.text().split()))  # pasted lines join up
            return
        super().insertFromMimeData(source)


class ComboEditor(FieldEditor):
    """choice, ordinal and boolean: pick one, or "—" for no answer.

    Values are kept in a Python list beside the items, so that True, False and "no
    answer" come back exactly as given (no round trip through QVariant).
    """

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self.values: list[Any] = [None]
        self.descriptions: list[str] = [""]
        self.combo.addItem(NONE_LABEL)
        if field.type == "boolean":
            for label, value in (("Yes", True), ("No", False)):
                self._add(label, value, "")
        for choice in field.choices:
            self._add(choice.label, choice.value, choice.description)
        self.combo.activated.connect(self._picked)
        self._layout.addWidget(self.combo)

    def _add(self, label: str, value: Any, description: str) -> None:
        self.combo.addItem(label)
        self.values.append(value)
        self.descriptions.append(description)
        if description:
            self.combo.setItemData(self.combo.count() - 1, description, Qt.ItemDataRole.ToolTipRole)

    def _picked(self) -> None:
        self._describe()
        self.edited.emit()
        self.finished.emit()

    def _describe(self) -> None:
        index = self.combo.currentIndex()
        tip = self.descriptions[index] if 0 <= index < len(self.descriptions) else ""
        self.combo.setToolTip(tip or self.field.help)

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self.values[index] if 0 <= index < len(self.values) else None

    def set_value(self, value: Any) -> None:
        index = next((i for i, v in enumerate(self.values)
                      if v == value and isinstance(v, bool) == isinstance(value, bool)), -1)
        if index < 0 and value is not None:  # recorded under an older form: show it as it is
            self._add(str(value), value, "")
            index = self.combo.count() - 1
        if self.combo.currentIndex() != max(index, 0):
            self.combo.setCurrentIndex(max(index, 0))
        self._describe()

    def select(self, value: Any) -> None:
        """Choose a value as the reviewer would (emits edited and finished)."""
        self.set_value(value)
        self._picked()

    def focus_widget(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.boxes: list[QCheckBox] = []
        for choice in field.choices:
            box = QCheckBox(choice.label, self)
            box.setProperty("value", choice.value)
            box.setToolTip(choice.description)
            box.clicked.connect(self._ticked)
            self.boxes.append(box)
            self._layout.addWidget(box)

    def _ticked(self) -> None:
        self.edited.emit()
        self.finished.emit()

    def value(self) -> Any:
        return [box.property("value") for box in self.boxes if box.isChecked()] or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for box in self.boxes:
            box.setChecked(box.property("value") in chosen)

    def focus_widget(self) -> QWidget:
        return self.boxes[0] if self.boxes else self

    def watch_focus(self, watcher: QObject) -> None:
        for box in self.boxes:
            box.installEventFilter(watcher)


def editor_for(field: Field, parent: QWidget | None = None) -> FieldEditor:
    if field.type == "text":
        return GrowingTextEditor(field, parent)
    if field.type in ("number", "date"):
        return LineEditor(field, parent)
    if field.type == "long_text":
        return LongTextEditor(field, parent)
    if field.type in ("choice", "ordinal", "boolean"):
        return ComboEditor(field, parent)
    if field.type == "multi_choice":
        return MultiChoiceEditor(field, parent)
    raise AssertionError(f"unhandled field type {field.type!r}")


def is_focus_in(event: QEvent) -> bool:
    return event.type() == QEvent.Type.FocusIn
