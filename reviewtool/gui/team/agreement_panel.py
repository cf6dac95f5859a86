"""Agreement statistics: per field, each statistic with its 95% confidence interval, the
number of units and what a unit is, plus the matching rule and the unit counts.

The statistics (bootstrap intervals included) take a moment, so they are computed in a worker
with its own connection.
"""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.review import FieldAgreement, ReviewAgreement, review_agreement
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.rows_model import RowsModel
from reviewtool.gui.team.window import TeamWindow


class AgreementModel(RowsModel):
    HEADERS = ("Field", "Statistic", "Value", "95% CI", "n", "Unit of analysis")

    def set_agreement(self, agreement: ReviewAgreement | None) -> None:
        self.set_rows([(f, e) for f in agreement.fields for e in f.estimates] if agreement else [])

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        field, estimate = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(field, estimate, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return estimate.method if column in (2, 3) else self._text(field, estimate, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(field: FieldAgreement, estimate: Estimate, column: int) -> str:
        if column == 0:
            prefix = "Appraisal: " if field.form == "appraisal" else ""
            return f"{prefix}{field.label} ({field.level})"
        if column == 1:
            return estimate.statistic
        if column == 2:
            return "undefined" if estimate.value is None else f"{estimate.value:.3f}"
        if column == 3:
            if estimate.ci_low is None or estimate.ci_high is None:
                return "—"
            return f"{estimate.ci_low:.3f} to {estimate.ci_high:.3f}"
        if column == 4:
            return str(estimate.n_units)
        return field.unit


class AgreementPanel(TeamWindow):
    LOAD = staticmethod(review_agreement)

    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(context, parent, "Agreement between reviewers", (1150, 600))
        self.agreement: ReviewAgreement | None = None
        self.counts = QLabel(wordWrap=True)
        self.rule = QLabel(wordWrap=True)
        self.model = AgreementModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(AgreementModel.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Agreement per field")
        self.table.setAccessibleDescription("For each field, the reviewers' agreement with its "
                                            "confidence interval")
        self.refresh_button = QPushButton("Re&compute")
        self.refresh_button.setToolTip("Compute the statistics again from the file (F5)")
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        if self.context.path() is not None:
            self.status.setText("Computing agreement…")
        super().refresh()

    def loaded(self, agreement: ReviewAgreement) -> None:
        self.agreement = agreement
        self.model.set_agreement(agreement)
        self.table.resizeRowsToContents()
        reviewers = ", ".join(agreement.reviewers) or "none"
        self.counts.setText(
            f"Reviewers: {reviewers}. Documents extracted by two or more reviewers: "
            f"{agreement.documents}; claim units: {agreement.units} ({agreement.matched} found "
            f"by all, {agreement.missed} missed by someone).")
        self.rule.setText(f"Matching: {agreement.rule}.")
        self.status.setText("" if agreement.units else
                            "No document has claims from two or more reviewers yet; merge "
                            "your teammates' files first.")

    def busy(self, busy: bool) -> None:
        super().busy(busy)
        self.refresh_button.setEnabled(not busy)
