"""The adjudicator's consensus for one unit: a value per field, the quote to keep and a
rationale. Built from the claim form; validation is core's (record_consensus)."""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.errors import InvalidInput
from reviewtool.core.forms import Field, Form, InvalidValue, is_empty, parse_value
from reviewtool.core.team.reconcile import ReconcileUnit
from reviewtool.gui.highlights import error_colour


class ConsensusForm(QWidget):
    record = Signal(dict, str, str)  # answers, rationale, claim id whose quote to keep
    reject = Signal(str)  # rationale: the passage makes no claim

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form: Form | None = None
        self.unit: ReconcileUnit | None = None
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

        self.heading = QLabel(wordWrap=True)
        self.fields_box = QWidget()
        self.fields_layout = QFormLayout(self.fields_box)
        self.fields_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setAccessibleName("Consensus form")
        scroll.setAccessibleDescription("The consensus answers, proposed where the reviewers "
                                        "agree")
        scroll.setWidget(self.fields_box)
        self.quote_from = QComboBox()
        self.quote_from.setToolTip("Whose quote the consensus claim takes")
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText("Why this is the consensus (recorded with the decision)")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setAccessibleDescription("Why this is the consensus; recorded with it")
        self.rationale.setMaximumHeight(70)
        self.record_button = QPushButton("&Record consensus")
        self.record_button.setToolTip("Record the consensus (Ctrl+Return)")
        self.reject_button = QPushButton("&No claim here")
        self.reject_button.setToolTip("Decide that the passage makes no claim; the reviewers' "
                                      "claims then stay out of the synthesis")
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet(f"color: {error_colour(self.palette()).name()}")

        bottom = QFormLayout()
        quote_label = QLabel("&Quote from:")
        quote_label.setBuddy(self.quote_from)
        rationale_label = QLabel("Ra&tionale:")
        rationale_label.setBuddy(self.rationale)
        bottom.addRow(quote_label, self.quote_from)
        bottom.addRow(rationale_label, self.rationale)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

        self.record_button.clicked.connect(self._record)
        self.reject_button.clicked.connect(lambda: self.reject.emit(self.rationale.toPlainText()))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._record,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_unit(None, {}, blind=False)

    # -- building ------------------------------------------------------------------------------

    def set_form(self, form: Form) -> None:
        if self.form is not None and form.source_text == self.form.source_text:
            return
        self.form = form
        while self.fields_layout.rowCount():
            self.fields_layout.removeRow(0)
        self.editors, self.labels = {}, {}
        for field in form.fields:
            editor = _editor(field)
            label = QLabel(_label(field.label))
            label.setToolTip(field.help)
            label.setBuddy(editor)
            editor.setAccessibleDescription(" ".join((field.help or field.label).split()))
            self.editors[field.id], self.labels[field.id] = editor, label
            self.fields_layout.addRow(label, editor)
            _on_change(editor, self._update_shown)

    def show_unit(self, unit: ReconcileUnit | None, proposed: dict[str, Any], *, blind: bool) -> None:
        """Fill the form: the current consensus if any, else what the reviewers agree on."""
        self.unit = unit
        self.problem.clear()
        enabled = unit is not None
        for widget in (self.fields_box, self.quote_from, self.rationale, self.record_button,
                       self.reject_button):
            widget.setEnabled(enabled)
        if unit is None:
            self.heading.setText("Select a passage to record its consensus.")
            return
        differing = {f.id for f in unit.differing}
        answers = unit.consensus.answers if unit.consensus and not unit.rejected else proposed
        for field in self.form.fields:
            _set_value(self.editors[field.id], field, answers.get(field.id))
            decide = field.id in differing
            self.labels[field.id].setText(_label(field.label + (" (decide)" if decide else "")))
            self.labels[field.id].setStyleSheet("font-weight: bold; color: #8a4b00" if decide else "")
        self.quote_from.clear()
        for name in unit.reviewers:
            if name in unit.claims:
                self.quote_from.addItem(unit.name(name, blind=blind), unit.claims[name].id)
        anchor = unit.consensus.anchor if unit.consensus else unit.earliest.anchor
        source = next((c for c in unit.claims.values() if c.anchor == anchor), unit.earliest)
        self.quote_from.setCurrentIndex(max(self.quote_from.findData(source.id), 0))
        self.rationale.setPlainText(unit.rationale)
        self.heading.setText(_heading(unit))
        self._update_shown()

    def rename(self, blind: bool) -> None:
        if self.unit is None:
            return
        for row in range(self.quote_from.count()):
            claim_id = self.quote_from.itemData(row)
            name = next(n for n, c in self.unit.claims.items() if c.id == claim_id)
            self.quote_from.setItemText(row, self.unit.name(name, blind=blind))

    # -- reading -------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The values entered; InvalidInput when one cannot be read (a number, a date)."""
        answers, problems = {}, []
        for field in self.form.fields:
            try:
                answers[field.id] = _value(self.editors[field.id], field)
            except InvalidValue as error:
                problems.append(f"{field.id}: {error}")
        if problems:
            raise InvalidInput(f"The consensus was not saved: {'; '.join(problems)}.", problems)
        return {k: v for k, v in answers.items() if not is_empty(v)}

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def _record(self) -> None:
        if self.unit is None:
            return
        try:
            answers = self.answers()
        except InvalidInput as error:
            self.show_problem(str(error))
            return
        self.record.emit(answers, self.rationale.toPlainText(), self.quote_from.currentData() or "")

    def _update_shown(self) -> None:
        """Fields asked only under a condition are enabled only when it holds."""
        if self.form is None:
            return
        answers = {}
        for field in self.form.fields:
            try:
                answers[field.id] = _value(self.editors[field.id], field)
            except InvalidValue:
                pass
        for field in self.form.fields:
            self.editors[field.id].setEnabled(self.form.is_shown(field, answers))


def _label(text: str) -> str:
    text = text.replace("&", "&&")  # a label from a form file is text, not a mnemonic
    return text if text.endswith(("?", ":")) else text + ":"


def _heading(unit: ReconcileUnit) -> str:
    if unit.rejected:
        return "Decided: no claim here. Record a consensus to change the decision."
    if unit.reconciled:
        return "The consensus recorded for this passage; recording again replaces it."
    if unit.differing or unit.missing:
        return "Decide the highlighted fields, then record the consensus with a rationale."
    return "The reviewers agree; record it as the consensus, or accept all agreements at once."


def _editor(field: Field) -> QWidget:
    if field.type in ("choice", "ordinal", "boolean"):
        combo = QComboBox()
        combo.addItem("—", None)
        if field.type == "boolean":
            combo.addItem("Yes", True)
            combo.addItem("No", False)
        for choice in field.choices:
            combo.addItem(choice.label, choice.value)
            combo.setItemData(combo.count() - 1, choice.description, Qt.ItemDataRole.ToolTipRole)
        return combo
    if field.type == "multi_choice":
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, choice in enumerate(field.choices):
            check = QCheckBox(choice.label.replace("&", "&&"))
            check.setProperty("value", choice.value)
            check.setToolTip(choice.description)
            grid.addWidget(check, n // 2, n % 2)
        return box
    if field.type == "long_text":
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(60)
        return edit
    return QLineEdit()


def _checks(editor: QWidget) -> list[QCheckBox]:
    return editor.findChildren(QCheckBox)


def _on_change(editor: QWidget, slot) -> None:
    if isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(slot)
    elif isinstance(editor, QPlainTextEdit | QLineEdit):
        editor.textChanged.connect(slot)
    else:
        for check in _checks(editor):
            check.toggled.connect(slot)


def _set_value(editor: QWidget, field: Field, value: Any) -> None:
    if isinstance(editor, QComboBox):
        found = editor.findData(value) if value is not None else 0
        editor.setCurrentIndex(max(found, 0))
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText(value or "")
    elif isinstance(editor, QLineEdit):
        editor.setText("" if value is None else str(value))
    else:
        for check in _checks(editor):
            check.setChecked(check.property("value") in (value or []))


def _value(editor: QWidget, field: Field) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText().strip() or None
    if isinstance(editor, QLineEdit):
        return parse_value(field, editor.text())
    ticked = [c.property("value") for c in _checks(editor) if c.isChecked()]
    return [v for v in field.choice_values if v in ticked] or None
