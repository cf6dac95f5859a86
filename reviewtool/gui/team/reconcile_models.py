"""Item models of the reconciliation view: the units of a document, and one unit's answers
field by field. Both read core ReconcileUnits handed over by the view; neither touches the file.
"""

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from reviewtool.core.review.claims import CLAIM_FORM, Claim
from reviewtool.core.review.documents import list_documents
from reviewtool.core.forms import Form, format_value
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.team.reconcile import ReconcileUnit, reconcile_units
from reviewtool.core.team.unsettled import unsettled_items
from reviewtool.core.wording import counted
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.highlights import is_dark, readable

DIFFERS = QColor("#ffe0a3")  # a field or unit the adjudicator must decide
AGREED = QColor("#d8f0d2")
DECIDED = QColor("#dfe6f3")
ABSENT = QColor("#eeeeee")
Display, ToolTip, Background, Foreground, FontRole, UnitRole = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class ReconcileData:
    form: Form
    units: list[ReconcileUnit]
    titles: dict[str, str]  # document id -> title
    unsettled: tuple = ()  # team.unsettled: what keeps the report a draft, as the report says


def load_reconcile(review: ReviewFile) -> ReconcileData:
    """Everything the view shows; runs in a worker thread."""
    titles = {d.id: d.title for d in list_documents(review)}
    return ReconcileData(form_in_force(review, CLAIM_FORM), reconcile_units(review), titles,
                         tuple(unsettled_items(review)))


def status_text(unit: ReconcileUnit, blind: bool) -> str:
    if unit.status == "rejected":
        return "Decided: no claim here"
    if unit.status == "reconciled":
        return "Reconciled" + (" (all agreed)" if unit.agreed else "")
    if unit.status == "unsettled":
        return ("Decided more than once (in different copies): record the consensus again"
                if unit.consensus else "A claim arrived after the consensus: decide again")
    if unit.status == "missed":
        return "Missed by " + ", ".join(unit.name(n, blind=blind) for n in unit.missing)
    if unit.status == "draft":
        return "A reviewer's claim is still a draft"
    if unit.status == "differs":
        return "Differs: " + ", ".join(f.label for f in unit.differing)
    return "Agreed"


def claim_summary(form: Form, claim: Claim) -> str:
    category = claim.answers.get("category")
    label = format_value(form.field("category"), category) if category and "category" in form.field_ids else ""
    return f"{label}: {claim.statement}" if label else claim.statement


class UnitsModel(QAbstractTableModel):
    """A row per unit; a column per reviewer of the document, then the consensus."""

    FIXED = ("Passage", "Status")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form: Form | None = None
        self.units: list[ReconcileUnit] = []
        self.reviewers: tuple[str, ...] = ()
        self.blind = False

    def set_units(self, form: Form, units: list[ReconcileUnit]) -> None:
        self.beginResetModel()
        self.form, self.units = form, list(units)
        self.reviewers = units[0].reviewers if units else ()
        self.endResetModel()

    def set_blind(self, blind: bool) -> None:
        self.blind = blind
        if self.units:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.units) - 1, self.columnCount() - 1))

    def unit(self, row: int) -> ReconcileUnit:
        return self.units[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.units else len(self.FIXED) + len(self.reviewers) + 1

    def headerData(self, section, orientation, role=Display):
        if role != Display:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section < len(self.FIXED):
            return self.FIXED[section]
        if section - len(self.FIXED) < len(self.reviewers):
            unit = self.units[0]
            return unit.name(self.reviewers[section - len(self.FIXED)], blind=self.blind)
        return "Consensus"

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Display):
        if not index.isValid():
            return None
        unit, column = self.units[index.row()], index.column()
        if role == UnitRole:
            return unit
        reviewer = self._reviewer(column)
        if role in (Display, ToolTip):
            return self._text(unit, column, reviewer, full=role == ToolTip)
        if role == Background:
            return self._background(unit, column, reviewer)
        if role == Foreground and reviewer is not None and reviewer not in unit.claims:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == FontRole and reviewer is not None and reviewer not in unit.claims:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _reviewer(self, column: int) -> str | None:
        offset = column - len(self.FIXED)
        return self.reviewers[offset] if 0 <= offset < len(self.reviewers) else None

    def _text(self, unit: ReconcileUnit, column: int, reviewer: str | None, *, full: bool) -> str:
        if column == 0:
            return _quote(unit.earliest.anchor.exact, full)
        if column == 1:
            return status_text(unit, self.blind)
        if reviewer is not None:
            claim = unit.claims.get(reviewer)
            return claim_summary(self.form, claim) if claim else "not extracted"
        if unit.consensus is None:
            return ""
        return "no claim here" if unit.rejected else claim_summary(self.form, unit.consensus)

    def _background(self, unit: ReconcileUnit, column: int, reviewer: str | None):
        if reviewer is not None and reviewer not in unit.claims:
            return _state_brush(ABSENT)
        if unit.reconciled:
            return _state_brush(DECIDED) if column == 1 or reviewer is None and column > 1 else None
        if unit.status == "agreed":
            return _state_brush(AGREED) if column == 1 else None
        return _state_brush(DIFFERS) if column == 1 or reviewer is not None else None


class ComparisonModel(QAbstractTableModel):
    """One unit: a row for the quote and each form field, a column per reviewer. Compared
    fields on which the reviewers differ are highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form: Form | None = None
        self.unit: ReconcileUnit | None = None
        self.blind = False

    def set_unit(self, form: Form | None, unit: ReconcileUnit | None) -> None:
        self.beginResetModel()
        self.form, self.unit = form, unit
        self.endResetModel()

    def set_blind(self, blind: bool) -> None:
        self.blind = blind
        if self.unit is not None:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.unit is None else 1 + len(self.form.fields)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.unit is None else len(self.unit.reviewers)

    def headerData(self, section, orientation, role=Display):
        if role != Display or self.unit is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.unit.name(self.unit.reviewers[section], blind=self.blind)
        return "Quote" if section == 0 else self.form.fields[section - 1].label

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Display):
        if not index.isValid() or self.unit is None:
            return None
        reviewer = self.unit.reviewers[index.column()]
        claim = self.unit.claims.get(reviewer)
        row = index.row()
        if role in (Display, ToolTip):
            if claim is None:
                return "not extracted" if row == 0 else ""
            if row == 0:
                return claim.anchor.exact
            field = self.form.fields[row - 1]
            return format_value(field, claim.answers.get(field.id))
        if role == Background:
            if claim is None:
                return _state_brush(ABSENT)
            if row > 0 and self.form.fields[row - 1].id in {f.id for f in self.unit.differing}:
                return _state_brush(DIFFERS)
        return None


def _quote(text: str, full: bool, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if full or len(text) <= limit else text[:limit - 1] + "…"


def unsettled_text(items) -> str:
    """What keeps the report a draft, in the words the report and 'reviewtool conflicts' use."""
    if not items:
        return "Nothing is unsettled: the report can be final."
    conflicts = sum(i.kind == "conflict" for i in items)
    return (f"Unsettled: {counted(len(items), 'item')} ({counted(len(items) - conflicts, 'passage')}"
            f", {counted(conflicts, 'open conflict')}); the report is a draft until none is left.")


def _state_brush(colour: QColor) -> QBrush:
    """A state colour as a cell background the palette's text reads on (light or dark)."""
    palette = QApplication.palette()
    return QBrush(readable(palette, colour, 0.35 if is_dark(palette) else 1.0))
