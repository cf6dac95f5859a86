"""Conflicts: fields two reviewers changed concurrently, every kept value with who and when,
the provisional value shown meanwhile, and Resolve.

Resolving is not on the undo stack, and the dialog says so before anything is written. Its
honest inverse does not exist: the decision replaces every kept value (they stay in the
history) and is an edit teammates receive with the next merge; writing the provisional value
back would not bring the conflict back, and would leave a recorded decision with its reason
that no longer holds. To change a decision, edit the field again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.review.claims import get_claim
from reviewtool.core.team.conflicts import Conflict, list_conflicts
from reviewtool.core.review.documents import get_document
from reviewtool.core.review.findings import get_finding
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.errors import ReviewError
from reviewtool.core.forms import format_value
from reviewtool.core.review.findings import get_finding
from reviewtool.core.review.records import record_form
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.wording import counted
from reviewtool.gui.highlights import error_colour
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.rows_model import RowsModel
from reviewtool.gui.team.window import TeamWindow


@dataclass(frozen=True)
class ConflictRow:
    conflict: Conflict
    record: str  # what the record is, for people
    field: str  # the field's label
    kept: tuple[str, ...]  # each value, with who and when
    shown: str  # the provisional value


def load_conflicts(review: ReviewFile) -> list[ConflictRow]:
    """The open conflicts, described for people; runs in a worker thread."""
    rows = []
    for conflict in list_conflicts(review):
        show, label = _formatter(review, conflict)
        kept = tuple(f"{show(v.value)} — {v.reviewer}, {v.stamp[:16].replace('T', ' ')}"
                     for v in conflict.values)
        rows.append(ConflictRow(conflict, _describe(review, conflict), label, kept, show(conflict.shown)))
    return rows


def _formatter(review: ReviewFile, conflict: Conflict) -> tuple[Callable[[Any], str], str]:
    """How to show the field's values, and its label, as the reviewers' forms say them."""
    field = None
    try:
        if conflict.entity == "finding" and conflict.field == "category":
            # A finding's kind is a claim kind: the claim form labels its values.
            field = form_in_force(review, "claim").field("category")
        elif conflict.entity in ("claim", "appraisal", "finding") and not conflict.field.startswith("_"):
            # a finding's judgement is on the finding form; its statement is not a form field
            field = record_form(review, conflict.record_id).field(conflict.field)
    except (ReviewError, KeyError):
        field = None
    if field is not None:
        label = "Kind" if (conflict.entity, conflict.field) == ("finding", "category") else field.label
        return (lambda value: format_value(field, value) or "(empty)"), label
    label = conflict.field.lstrip("_").replace("_", " ").capitalize()
    return (lambda value: "(empty)" if value in (None, "") else str(value)), label


def _describe(review: ReviewFile, conflict: Conflict) -> str:
    try:
        title = get_document(review, conflict.document_id).title if conflict.document_id else ""
        if conflict.entity == "claim":
            return f"Claim “{get_claim(review, conflict.record_id).statement}” in {title}"
        if conflict.entity == "document":
            return f"Document “{title}”"
        if conflict.entity == "appraisal":
            return f"Appraisal of {title}"
        if conflict.entity == "finding":
            return f"Finding “{get_finding(review, conflict.record_id).statement}”"
        if conflict.entity == "pairing":
            return f"Pairing of two reviewers' claims in {title} (pair or split)"
    except ReviewError:
        pass
    return f"{conflict.entity.capitalize()} {conflict.record_id[:8]}"


class ConflictsModel(RowsModel):
    HEADERS = ("Record", "Field", "Kept values (who, when)", "Shown now")

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        return (row.record, row.field, "\n".join(row.kept), row.shown)[index.column()]


class ResolveDialog(QDialog):
    """Pick one of the kept values or type another, give a reason; `decide(value, reason)`
    writes it, and a known error keeps the dialog open with the sentence shown."""

    def __init__(self, row: ConflictRow, decide: Callable[[tuple[str, Any], str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.decide = decide
        self.setWindowTitle("Resolve conflict")
        intro = QLabel(f"<b>{_escape(row.field)}</b> of {_escape(row.record)}", wordWrap=True)
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for n, (value, text) in enumerate(zip(row.conflict.values, row.kept, strict=True)):
            button = QRadioButton(f"&{n + 1}  {text.replace('&', '&&')}")
            button.setProperty("choice", n)
            self.choices.addButton(button, n)
            layout.addWidget(button)
        self.values = [v.value for v in row.conflict.values]
        self.other = QRadioButton("Ano&ther value:")
        self.choices.addButton(self.other, len(self.values))
        self.typed = QLineEdit(enabled=False)
        self.other.toggled.connect(self.typed.setEnabled)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other)
        other_row.addWidget(self.typed, 1)
        layout.addLayout(other_row)
        self.reason = QLineEdit(placeholderText="Why (recorded with the decision)")
        reason_label = QLabel("&Reason:")
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        note = QLabel("The decision replaces every kept value (they stay in the history) and "
                      "reaches teammates with the next merge. It cannot be undone from the Edit "
                      "menu; to change it later, edit the field again.", wordWrap=True)
        layout.addWidget(note)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet(f"color: {error_colour(self.palette()).name()}")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton("Record &decision", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        shown = next((n for n, v in enumerate(row.conflict.values) if v.value == row.conflict.shown), 0)
        self.choices.button(shown).setChecked(True)

    def choice(self) -> tuple[str, Any]:
        """("kept", value) or ("typed", text)."""
        picked = self.choices.checkedId()
        if picked == len(self.values):
            return "typed", self.typed.text()
        return "kept", self.values[picked]

    def accept(self) -> None:
        try:
            self.decide(self.choice(), self.reason.text())
        except ReviewError as error:
            self.problem.setText(str(error))
            return
        super().accept()


class ConflictsPanel(TeamWindow):
    LOAD = staticmethod(load_conflicts)

    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(context, parent, "Conflicts", (1100, 520))
        self.dialog: ResolveDialog | None = None
        self.summary = QLabel(wordWrap=True)
        self.model = ConflictsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Open conflicts")
        self.table.setAccessibleDescription("Each field two reviewers changed concurrently, "
                                            "with every kept value and the value shown now")
        self.resolve_button = QPushButton("&Resolve…")
        self.resolve_button.setToolTip("Decide the value of the selected conflict (Enter)")
        self.refresh_button = QPushButton("Re&fresh")
        self.refresh_button.setToolTip("Read the conflicts again from the file (F5)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.resolve_button.clicked.connect(self.resolve_current)
        self.table.activated.connect(lambda _: self.resolve_current())  # Enter or double-click
        self.refresh_button.clicked.connect(self.refresh)

    def loaded(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.summary.setText(
            f"{counted(len(rows), 'open conflict')}. When two reviewers "
            "changed the same field, both values are kept with who and when; the latest is "
            "shown until someone decides." if rows else "No open conflicts.")
        self.resolve_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(min(max(self.table.currentIndex().row(), 0), len(rows) - 1))

    def resolve_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        self.dialog = ResolveDialog(row, lambda choice, reason: self._resolve(row, choice, reason), self)
        self.dialog.open()

    def _resolve(self, row: ConflictRow, choice: tuple[str, Any], reason: str) -> None:
        self.context.session().resolve_conflict(row.conflict.id, choice, reason)
        self.status.setText(f"Resolved: {row.field}.")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
