"""Agreement statistics: per field, each statistic with its 95% confidence interval, the
number of units and what a unit is, plus the matching rule and the unit counts.

The statistics (bootstrap intervals included) take a moment, so they are computed in a worker
with its own connection.
"""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.agreement.estimate import Estimate
from ...core.agreement.review import FieldAgreement, ReviewAgreement, review_agreement
from .context import TeamContext
from .rows_model import RowsModel
from .tasks import TaskRunner, reading, report


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


class AgreementPanel(QWidget):
    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.runner = TaskRunner(self)
        self.agreement: ReviewAgreement | None = None
        self.setWindowTitle("Agreement between reviewers")
        self.resize(1150, 600)
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
        self.refresh_button = QPushButton("Re&compute")
        self.progress = QProgressBar(maximum=0, textVisible=False, visible=False)
        self.progress.setMaximumWidth(120)
        self.status = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.runner.busy.connect(self._busy)
        context.changed.connect(self._file_changed)

    def refresh(self) -> None:
        path = self.context.path()
        if path is None:
            self.status.setText("No review file is open.")
            return
        self.status.setText("Computing agreement…")
        self.runner.start("agreement", reading(path, review_agreement), self._computed,
                          lambda error: report(error, self.status.setText))

    def _file_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _computed(self, agreement: ReviewAgreement) -> None:
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

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.refresh_button.setEnabled(not busy)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def closeEvent(self, event) -> None:
        self.runner.wait()
        super().closeEvent(event)
