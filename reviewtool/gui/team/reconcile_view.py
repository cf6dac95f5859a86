"""Reconcile extractions: document by document, the reviewers' claims side by side, and the
adjudicator's consensus.

Units are loaded in a worker; decisions (accept all agreements, record a consensus, no claim
here; and the pairing corrections of reconcile_pairing.py) go through the Session, each one
transaction on the UI thread and one step on the undo stack. "Hide reviewer names" shows stable labels (Reviewer 1, 2, …) for blind
adjudication.
"""

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.team.reconcile import ReconcileUnit, proposed_answers
from reviewtool.gui.errors import report_error
from reviewtool.gui.team.consensus_form import ConsensusForm
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.reconcile_models import (
    ComparisonModel,
    ReconcileData,
    UnitsModel,
    load_reconcile,
    unsettled_text,
)
from reviewtool.gui.team.reconcile_pairing import PairingBar
from reviewtool.gui.team.window import TeamWindow


class ReconcileView(TeamWindow):
    LOAD = staticmethod(load_reconcile)

    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(context, parent, "Reconcile extractions", (1400, 860))
        self.data: ReconcileData | None = None

        self.documents = QComboBox()
        self.documents.setMinimumContentsLength(40)
        documents_label = QLabel("&Document:")
        documents_label.setBuddy(self.documents)
        self.blind = QCheckBox("&Hide reviewer names")
        self.blind.setToolTip("Blind adjudication: show Reviewer 1, 2, … instead of names")
        self.documents.setToolTip("The document whose passages are listed below")
        self.undecided_only = QCheckBox("Only &undecided")
        self.undecided_only.setToolTip("List only the passages still to decide")
        self.accept_button = QPushButton("&Accept all agreements")
        self.accept_button.setToolTip("One consensus claim for every passage all reviewers "
                                      "extracted and agree on, in one step (undoable)")
        self.refresh_button = QPushButton("Re&fresh")
        self.refresh_button.setToolTip("Read the passages again from the file (F5)")
        self.summary = QLabel()

        self.units_model = UnitsModel(self)
        self.units = QTableView()
        self.units.setAccessibleName("Passages")
        self.units.setAccessibleDescription("The passages of the document, each with what the "
                                            "reviewers recorded on it and its status")
        self.units.setModel(self.units_model)
        self.units.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.setWordWrap(True)
        self.units.setAlternatingRowColors(False)
        self.units.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.units.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.comparison_model = ComparisonModel(self)
        self.comparison = QTableView()
        self.comparison.setAccessibleName("Side by side")
        self.comparison.setAccessibleDescription("The selected passage's fields as each "
                                                 "reviewer answered them")
        self.comparison.setModel(self.comparison_model)
        self.comparison.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.comparison.setWordWrap(True)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.consensus = ConsensusForm()
        self.pairing = PairingBar(context)

        top = QHBoxLayout()
        top.addWidget(documents_label)
        top.addWidget(self.documents, 1)
        for widget in (self.blind, self.undecided_only, self.accept_button, self.refresh_button,
                       self.progress):
            top.addWidget(widget)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.comparison)
        lower.addWidget(self.consensus)
        lower.setSizes([760, 640])
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.units, 1)
        upper_layout.addWidget(self.pairing)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([300, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        messages = QHBoxLayout()
        messages.addWidget(self.summary)
        messages.addWidget(self.status, 1)
        messages.addWidget(self.close_button)
        layout.addLayout(messages)
        layout.addWidget(split, 1)

        self.documents.currentIndexChanged.connect(lambda _: self._show_document())
        self.undecided_only.toggled.connect(lambda _: self._show_document())
        self.blind.toggled.connect(self._set_blind)
        self.accept_button.clicked.connect(self.accept_all)
        self.refresh_button.clicked.connect(self.refresh)
        self.units.selectionModel().currentRowChanged.connect(lambda *_: self._show_unit())
        self._advance = False
        self.consensus.record.connect(self.record)
        self.consensus.reject.connect(self.reject)
        self.pairing.done.connect(self.status.setText)

    # -- loading -------------------------------------------------------------------------------

    def loaded(self, data: ReconcileData) -> None:
        current = self.documents.currentData()
        self.data = data
        self.consensus.set_form(data.form)
        by_document: dict[str, list[ReconcileUnit]] = {}
        for unit in data.units:
            by_document.setdefault(unit.document_id, []).append(unit)
        self.documents.blockSignals(True)
        self.documents.clear()
        for document_id, units in sorted(by_document.items(), key=lambda d: data.titles.get(d[0], d[0])):
            open_units = sum(not u.reconciled for u in units)
            self.documents.addItem(f"{data.titles.get(document_id, document_id)} — {open_units} of "
                                   f"{len(units)} passages to decide", document_id)
        self.documents.setCurrentIndex(max(self.documents.findData(current), 0))
        self.documents.blockSignals(False)
        acceptable = sum(u.agreed and u.consensus is None and not u.outdated for u in data.units)
        self.accept_button.setText(f"&Accept all agreements ({acceptable})")
        self.accept_button.setEnabled(acceptable > 0)
        decided = sum(u.reconciled for u in data.units)
        self.summary.setText((f"{decided} of {len(data.units)} passages decided. "
                              f"{unsettled_text(data.unsettled)}") if data.units else
                             "Nothing to reconcile yet: no document has claims from two or more "
                             "reviewers. Merge your teammates' files first.")
        self._show_document()

    def _show_document(self) -> None:
        keep = self.current_unit()
        row = self.units.currentIndex().row()
        document_id = self.documents.currentData()
        units = [u for u in (self.data.units if self.data else []) if u.document_id == document_id
                 and not (self.undecided_only.isChecked() and u.reconciled)]
        self.units_model.set_units(self.data.form if self.data else None, units)
        self.units_model.set_blind(self.blind.isChecked())
        if units:
            keys = [u.key for u in units]
            # The same passage if it is still listed, else the one now in its place; after a
            # decision, the next passage still to decide.
            row = keys.index(keep.key) if keep and keep.key in keys else min(max(row, 0), len(units) - 1)
            if self._advance:
                following = units[row + 1:] + units[:row + 1]
                row = next((keys.index(u.key) for u in following if not u.reconciled), row)
            self.units.selectionModel().setCurrentIndex(
                self.units_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._advance = False
        self._show_unit()

    def current_unit(self) -> ReconcileUnit | None:
        index = self.units.currentIndex()
        return self.units_model.unit(index.row()) if index.isValid() else None

    def _show_unit(self) -> None:
        unit = self.current_unit()
        form = self.data.form if self.data else None
        self.comparison_model.set_unit(form, unit)
        self.comparison_model.set_blind(self.blind.isChecked())
        proposed = proposed_answers(form, unit) if unit and form else {}
        self.consensus.show_unit(unit, proposed, blind=self.blind.isChecked())
        row = self.units.currentIndex().row()
        following = self.units_model.unit(row + 1) if unit and row + 1 < self.units_model.rowCount() else None
        self.pairing.show_unit(unit, following)

    def _set_blind(self, blind: bool) -> None:
        self.units_model.set_blind(blind)
        self.comparison_model.set_blind(blind)
        self.consensus.rename(blind)

    # -- decisions -----------------------------------------------------------------------------

    def accept_all(self) -> None:
        try:
            created = self.context.session().accept_agreements()
        except Exception as error:  # known errors shown, bugs to the excepthook
            report_error(error, self.status.setText)
            return
        self.status.setText(f"Accepted {created} agreements as consensus.")

    def record(self, answers: dict[str, Any], rationale: str, anchor_from: str) -> None:
        unit = self.current_unit()
        if unit is not None:
            self._decide("Record consensus", lambda session: session.record_consensus(
                list(unit.claim_ids), answers, rationale, anchor_from or None))

    def reject(self, rationale: str) -> None:
        unit = self.current_unit()
        if unit is not None:
            self._decide("Decide: no claim here", lambda session: session.reject_unit(
                list(unit.claim_ids), rationale))

    def _decide(self, text: str, write) -> None:
        try:
            write(self.context.session())
        except Exception as error:  # known errors shown, bugs to the excepthook
            report_error(error, self.consensus.show_problem)
            return
        self.status.setText(f"{text}: recorded.")
        self._advance = True  # the reload that follows moves on to the next passage

    # -- window --------------------------------------------------------------------------------
