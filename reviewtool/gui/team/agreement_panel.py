"""Agreement statistics in two parts: finding the same passages (unitizing) and coding the
passages found (per field), each statistic with its 95% confidence interval or the reason it
has none, the number of units and what a unit is; the pairing rule with its threshold, which
the lead can change here; and the main statistics at the thresholds 0.3, 0.5 and 0.7.

The statistics (bootstrap intervals included) take a moment, so they are computed in a worker
with its own connection.
"""

from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.matching import DEFAULT_MIN_OVERLAP
from reviewtool.core.team.agreement.review import ReviewAgreement, review_agreement
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.rows_model import RowsModel
from reviewtool.gui.team.window import TeamWindow

UNITIZING = "Finding the same passages"
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AgreementModel(RowsModel):
    """Rows of (part, field label, estimate, unit of analysis)."""

    HEADERS = ("Part / field", "Statistic", "Value", "95% CI", "n", "Unit of analysis")

    def set_agreement(self, agreement: ReviewAgreement | None) -> None:
        if agreement is None:
            self.set_rows([])
            return
        unitizing = agreement.unitizing
        rows = [(UNITIZING, unitizing.specific, "a passage any reviewer quoted as a claim"),
                (UNITIZING, unitizing.u_alpha, "the documents' characters")]
        for field in agreement.fields:
            prefix = "Appraisal: " if field.form == "appraisal" else "Coding: "
            rows += [(f"{prefix}{field.label} ({field.level})", e, field.unit)
                     for e in field.estimates]
        self.set_rows(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        part, estimate, unit = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(part, estimate, unit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return estimate.method if column in (2, 3) else self._text(part, estimate, unit, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return RIGHT
        return None

    @staticmethod
    def _text(part: str, estimate: Estimate, unit: str, column: int) -> str:
        if column == 0:
            return part
        if column == 1:
            return estimate.statistic
        if column == 2:
            return "undefined" if estimate.value is None else f"{estimate.value:.3f}"
        if column == 3:
            if estimate.has_interval:
                return f"{estimate.ci_low:.3f} to {estimate.ci_high:.3f}"
            return estimate.note  # why there is none: too few units, zero width, undefined
        if column == 4:
            return str(estimate.n_units)
        return unit


class RobustnessModel(RowsModel):
    """The main statistics at each pairing threshold (point values)."""

    def set_agreement(self, agreement: ReviewAgreement | None) -> None:
        robustness = agreement.robustness if agreement else ()
        labels = {f.field: f.label for f in agreement.fields} if agreement else {}
        fields = [f for f, *_ in robustness[0].fields] if robustness else []
        self.beginResetModel()  # the columns change with the fields, so reset both at once
        self.HEADERS = ("Minimum overlap", "Passages", "Found by all", "Specific agreement",
                        *(f"{labels.get(f, f)}: kappa" for f in fields))
        self.rows = list(robustness)
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = [f"{row.min_overlap:.0%}", str(row.units), str(row.matched),
                  _number(row.specific)] + [_number(value) for _, _, value, _, _ in row.fields]
        return values[column]


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class AgreementPanel(TeamWindow):
    LOAD = staticmethod(review_agreement)

    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(context, parent, "Agreement between reviewers", (1150, 700))
        self.agreement: ReviewAgreement | None = None
        self.counts = QLabel(wordWrap=True)
        self.rule = QLabel(wordWrap=True)
        self.min_overlap = QDoubleSpinBox(decimals=2, minimum=0.05, maximum=1.0, singleStep=0.05,
                                          value=DEFAULT_MIN_OVERLAP)
        self.min_overlap.setToolTip("Pair two reviewers' claims when their quotes share at least "
                                    "this share of their characters (intersection over union).")
        overlap_label = QLabel("&Minimum overlap for pairing:")
        overlap_label.setBuddy(self.min_overlap)
        self.model = AgreementModel(self)
        self.table = self._view(self.model, stretch_last=True)
        # A missing interval's reason can be long: keep the column narrow (the tooltip says all).
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(3, 230)
        self.table.setWordWrap(False)  # one line per statistic; the tooltips hold the rest
        self.robustness = RobustnessModel(self)
        self.robustness_table = self._view(self.robustness, stretch_last=False)
        self.robustness_table.setMaximumHeight(120)
        self.refresh_button = QPushButton("Re&compute")
        self.refresh_button.setToolTip("Compute the statistics again from the file (F5)")
        settings = QHBoxLayout()
        settings.addWidget(overlap_label)
        settings.addWidget(self.min_overlap)
        settings.addStretch(1)
        self.table.setAccessibleName("Agreement per field")
        self.table.setAccessibleDescription("For each field, the reviewers' agreement with its "
                                            "confidence interval")
        self.robustness_table.setAccessibleName("Agreement at other pairing thresholds")
        self.robustness_table.setAccessibleDescription(
            "The main statistics with claims paired at overlap thresholds 0.3, 0.5 and 0.7")
        self.min_overlap.setAccessibleName("Minimum overlap for pairing")
        self.min_overlap.setAccessibleDescription("The share of characters two quotes must share "
                                                  "to be paired (intersection over union)")
        for widget in (self.min_overlap.lineEdit(),):  # what takes the keys inside the spin box
            widget.setAccessibleName(self.min_overlap.accessibleName())
            widget.setAccessibleDescription(self.min_overlap.accessibleDescription())
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.rule)
        layout.addLayout(settings)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Main statistics with claims paired at other thresholds:"))
        layout.addWidget(self.robustness_table)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        self.min_overlap.editingFinished.connect(self.refresh)

    def _view(self, model: RowsModel, *, stretch_last: bool) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setTabKeyNavigation(False)  # Tab moves on to the next control
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(stretch_last)
        return table

    def loader(self):
        return partial(review_agreement, min_overlap=round(self.min_overlap.value(), 2))

    def refresh(self) -> None:
        if self.context.path() is not None:
            self.status.setText("Computing agreement…")
        super().refresh()

    def loaded(self, agreement: ReviewAgreement) -> None:
        self.agreement = agreement
        self.model.set_agreement(agreement)
        self.robustness.set_agreement(agreement)
        self.table.resizeRowsToContents()
        self.robustness_table.resizeRowsToContents()
        reviewers = ", ".join(agreement.reviewers) or "none"
        self.counts.setText(
            f"Reviewers: {reviewers}. Documents extracted by two or more reviewers: "
            f"{agreement.documents}; passage units: {agreement.units} ({agreement.matched} found "
            f"by all, {agreement.missed} missed by someone). A missed passage counts in "
            f"“{UNITIZING}” only; each field is compared on the passages two or more found."
            + (f" Note: {agreement.unitizing.note}." if agreement.unitizing.note else ""))
        self.rule.setText(f"Pairing: {agreement.rule}.")
        self.status.setText("" if agreement.units else
                            "No document has claims from two or more reviewers yet; merge "
                            "your teammates' files first.")

    def busy(self, busy: bool) -> None:
        super().busy(busy)
        self.refresh_button.setEnabled(not busy)
