"""A form generated from its definition (forms/*.toml): one row per field, with conditional
fields shown and hidden as answers change and problems shown under the field they concern.

The widget holds no data of its own beyond what it shows: it emits `fieldCommitted` when a
field is finished with a new, valid value, and its owner saves it and hands the saved
answers back with `set_answers`. Messages come from the form's own `validate_answers`.
"""

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.forms import Form, InvalidValue, clean_answers, validate_answers
from reviewtool.gui.field_editors import FieldEditor, editor_for
from reviewtool.gui.highlights import error_colour


class FieldRow(QWidget):
    def __init__(self, form: Form, field_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = form.field(field_id)
        self.label = QLabel(self.field.label)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setWeight(font.Weight.DemiBold)
        self.label.setFont(font)
        self.editor: FieldEditor = editor_for(self.field, self)
        self.editor.name_for_screen_readers()
        self.label.setBuddy(self.editor.focus_widget())
        small = self.label.font()
        small.setWeight(small.Weight.Normal)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("fieldMessage")
        self.message.setFont(small)
        self.message.hide()
        if self.field.help:
            self.label.setToolTip(self.field.help)
            self.editor.setToolTip(self.field.help)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        self._colour_message()

    def set_required(self, required: bool) -> None:
        self.label.setText(f"{self.field.label} *" if required else self.field.label)
        self.label.setAccessibleName(self.field.label + (" (required)" if required else ""))

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.editor.setAccessibleDescription(text)

    def _colour_message(self) -> None:
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
        self.message.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_message()


class FormWidget(QScrollArea):
    fieldCommitted = Signal(str, object)  # field id, new value (None clears)
    problemsChanged = Signal(list)  # "field: message" strings, as validate_answers gives
    helpChanged = Signal(str, str)  # label and help of the field with the focus

    def __init__(self, form: Form, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.saved: dict[str, Any] = {}
        self.invalid: dict[str, str] = {}  # field id -> why the typed text is not a value
        self.rows: dict[str, FieldRow] = {}
        self._pending: tuple[dict[str, Any], set[str]] = ({}, set())
        self._timer = QTimer(self, singleShot=True, interval=50)
        self._timer.timeout.connect(self._apply_pending)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("formBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(6)
        for field in form.fields:
            row = FieldRow(form, field.id, body)
            row.editor.edited.connect(lambda f=field.id: self._edited(f))
            row.editor.finished.connect(lambda f=field.id: self._finished(f))
            row.editor.watch_focus(self)
            self.rows[field.id] = row
            layout.addWidget(row)
        layout.addStretch(1)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setWidget(body)
        self._refresh(self.saved)

    # -- what the owner calls ---------------------------------------------------------------

    def set_answers(self, answers: dict[str, Any], reset: bool = False) -> None:
        """Show saved answers. Unless `reset` (another record), a field still holding text
        that could not be read keeps it, with its message, until the reviewer fixes it."""
        self.saved = dict(answers)
        if reset:
            self.invalid.clear()
        for field_id, row in self.rows.items():
            if field_id not in self.invalid:
                row.editor.set_value(self.saved.get(field_id))
        self._refresh(self.saved)

    def current_answers(self) -> dict[str, Any]:
        """The saved answers with whatever readable values the editors hold now."""
        answers = dict(self.saved)
        for field_id, row in self.rows.items():
            try:
                answers[field_id] = row.editor.value()
            except InvalidValue:
                answers.pop(field_id, None)
        return {k: v for k, v in answers.items() if v is not None}

    def flush(self) -> None:
        """Commit the field still being typed in, before the form shows another record or
        the file closes (a line edit only says it is finished when it loses the focus)."""
        focused = QApplication.focusWidget()
        if focused is None:
            return
        for field_id, row in self.rows.items():
            if focused is row.editor.focus_widget() or row.editor.isAncestorOf(focused):
                self._finished(field_id)

    def message(self, field_id: str) -> str:
        row = self.rows[field_id]
        return row.message.text() if row.message.isVisibleTo(self) else ""

    def is_field_shown(self, field_id: str) -> bool:
        return self.rows[field_id].isVisibleTo(self)

    def focus_field(self, field_id: str) -> None:
        row = self.rows[field_id]
        row.editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(row)

    def first_needed_field(self) -> str | None:
        """The first shown field that is required and empty, else the first shown field."""
        answers = self.current_answers()
        shown = [f.id for f in self.form.fields if self.form.is_shown(f, answers)]
        needed = [f for f in shown if self.form.is_required(f, answers) and f not in answers]
        return (needed or shown or [None])[0]

    # -- reacting to the reviewer -----------------------------------------------------------

    def _edited(self, field_id: str) -> None:
        self._refresh(self.current_answers(), quiet={field_id})

    def _finished(self, field_id: str) -> None:
        row = self.rows[field_id]
        try:
            value = row.editor.value()
        except InvalidValue as error:
            self.invalid[field_id] = str(error)
            self._refresh(self.current_answers())
            return
        self.invalid.pop(field_id, None)
        if value != self.saved.get(field_id) or isinstance(value, bool) != isinstance(
                self.saved.get(field_id), bool):
            self.fieldCommitted.emit(field_id, value)
        self._refresh(self.current_answers())

    def _refresh(self, answers: dict[str, Any], quiet: set[str] = frozenset()) -> None:
        # Rows appear and messages come and go as answers change. Doing that while a mouse
        # button is down (the press that moved the focus here) would move the field under
        # the pointer before its release, so wait for the release.
        self._pending = (answers, quiet)
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._timer.start()
            return
        self._apply_pending()

    def _apply_pending(self) -> None:
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._timer.start()
            return
        answers, quiet = self._pending
        problems = validate_answers(self.form, clean_answers(self.form, answers))
        by_field: dict[str, str] = {}
        for problem in problems:
            field_id, _, text = problem.partition(": ")
            by_field.setdefault(field_id, "Required." if text == "required" else text)
        for field_id, text in self.invalid.items():
            by_field[field_id] = text
        for field_id, row in self.rows.items():
            shown = self.form.is_shown(field_id, answers)
            row.setVisible(shown)
            row.set_required(shown and self.form.is_required(field_id, answers))
            # While the reviewer is typing in a field, do not nag about it being empty.
            text = "" if field_id in quiet and field_id not in self.invalid else by_field.get(field_id, "")
            row.set_message(_sentence(text))
        self.problemsChanged.emit([p for p in problems] + [f"{f}: {t}" for f, t in self.invalid.items()])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Help goes to a fixed place outside the form: showing it inside the row would move
        # the fields under the pointer between a press and its release.
        if event.type() == QEvent.Type.FocusIn:
            for row in self.rows.values():
                if watched is row.editor.focus_widget() or row.editor.isAncestorOf(watched):
                    self.helpChanged.emit(row.field.label, row.field.help)
                    self.ensureWidgetVisible(row, 0, 24)
        return False


def _sentence(text: str) -> str:
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
