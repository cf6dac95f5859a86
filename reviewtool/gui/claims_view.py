"""The claims table for the whole review, with its filters (applied by SQL in core)."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.review.queries import ClaimFilters, claim_count, reviewer_names
from reviewtool.core.wording import counted
from reviewtool.gui.claims_model import (
    CERTAINTY,
    CREATED,
    DOCUMENT,
    ID_ROLE,
    KIND,
    QUOTE,
    REVIEWER,
    STATEMENT,
    STATUS,
    ClaimsModel,
)
from reviewtool.gui.highlights import swatch
from reviewtool.gui.session import Session

ANY = "Any"
STATUSES = (("Any status", {}), ("Drafts", {"incomplete": True}),
            ("Complete", {"incomplete": False}), ("Orphaned", {"orphaned": True}),
            ("With conflicts", {"conflicted": True}))


class ClaimsView(QWidget):
    claimChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.current_document: str | None = None
        self.model = ClaimsModel(parent=self)
        self.category = self._combo("Kind of claim")
        self.certainty = self._combo("Certainty of the evidence")
        self.reviewer = self._combo("Reviewer")
        self.document = self._combo("Which documents")
        self.document.addItem("All documents", "all")
        self.document.addItem("This document", "current")
        self.status = self._combo("Status")
        for label, _ in STATUSES:
            self.status.addItem(label)
        self.count = QLabel()
        self.count.setEnabled(False)
        # Claims the filters hide, said in words with a way out: a claim just recorded, or a
        # table left empty, must never vanish without a word.
        self.hidden = QLabel()
        self.hidden.setObjectName("claimsHidden")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setToolTip("Show every claim again")
        self.clear_button.clicked.connect(self.clear_filters)
        hidden_bar = QHBoxLayout()
        hidden_bar.setContentsMargins(6, 0, 6, 2)
        hidden_bar.addWidget(self.hidden)
        hidden_bar.addWidget(self.clear_button)
        hidden_bar.addStretch(1)
        self.hidden_bar = QWidget()
        self.hidden_bar.setLayout(hidden_bar)
        self.hidden_bar.hide()
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(6)
        title = QLabel("<b>Claims</b>")
        bar.addWidget(title)
        bar.addSpacing(8)
        for combo in (self.document, self.category, self.certainty, self.reviewer, self.status):
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.count)

        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setAccessibleName("Claims")
        self.table.setAccessibleDescription("Every claim in the review, one per row; choosing "
                                            "one shows it in the reader and the form")
        self.table.setTabKeyNavigation(False)  # Tab moves to the next panel; arrows move within
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CREATED, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it does not paint.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        widths = {DOCUMENT: 130, STATEMENT: 300, QUOTE: 210, KIND: 118, CERTAINTY: 82,
                  REVIEWER: 110, STATUS: 64, CREATED: 90}
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionHidden(CREATED, True)
        # Right-click the header to choose the columns shown.
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._wanted: str | None = None  # the claim to show selected once its row exists
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._count)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.layoutChanged):
            signal.connect(self._reselect)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.hidden_bar)
        layout.addWidget(self.table, 1)

    def _combo(self, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(f"Show only claims with this {tip.lower()}" if tip != "Which documents"
                         else "Claims on every document, or only the one being read")
        combo.setAccessibleName(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.activated.connect(self.apply_filters)
        return combo

    def set_session(self, session: Session | None) -> None:
        self.session = session
        for combo, field_id, noun in ((self.category, "category", "Any kind"),
                                      (self.certainty, "certainty", "Any certainty")):
            combo.clear()
            combo.addItem(noun, None)
            if session and field_id in session.claim_form.field_ids:
                for choice in session.claim_form.field(field_id).choices:
                    combo.addItem(choice.label, choice.value)
                    if field_id == "category":
                        combo.setItemIcon(combo.count() - 1, swatch(choice.value))
        self.refresh_reviewers()
        self.document.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.model.set_session(session)
        self._count()

    def refresh_reviewers(self) -> None:
        chosen = self.reviewer.currentData()
        self.reviewer.clear()
        self.reviewer.addItem("Any reviewer", None)
        if self.session:
            for reviewer_id, name in reviewer_names(self.session.review):
                self.reviewer.addItem(name, reviewer_id)
        self.reviewer.setCurrentIndex(max(0, self.reviewer.findData(chosen)))

    def filters(self) -> ClaimFilters:
        document = (self.current_document or "") if self.document.currentData() == "current" else None
        return ClaimFilters(category=self.category.currentData(),
                            certainty=self.certainty.currentData(),
                            reviewer_id=self.reviewer.currentData(), document_id=document,
                            **STATUSES[max(self.status.currentIndex(), 0)][1])

    def apply_filters(self) -> None:
        keep = self.current_claim()
        self.model.set_filters(self.filters())
        if keep:
            self.select_claim(keep)

    def claims_added_or_removed(self) -> None:
        self.model.reload()
        self.refresh_reviewers()
        self._count()  # a claim the filters hide changes no row, but the count of hidden

    def clear_filters(self) -> None:
        for combo in (self.document, self.category, self.certainty, self.reviewer, self.status):
            combo.setCurrentIndex(0)
        self.apply_filters()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_current_document(self, document_id: str | None) -> None:
        self.current_document = document_id
        if self.document.currentData() == "current":
            self.apply_filters()

    def current_claim(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_claim(self, claim_id: str | None) -> None:
        self._wanted = claim_id
        row = self.model.row_of(claim_id) if claim_id else None
        selection = self.table.selectionModel()
        if row is None:
            selection.clear()
            return
        index = self.model.index(row, STATEMENT)
        if index.row() != self.table.currentIndex().row():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _reselect(self, *_) -> None:
        # In a big review the full list of rows arrives after the claim was chosen.
        if self._wanted and self.current_claim() != self._wanted:
            row = self.model.row_of(self._wanted)
            if row is not None:
                self.select_claim(self._wanted)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._wanted = current.data(ID_ROLE)
            self.claimChosen.emit(self._wanted)

    def _column_menu(self, position) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, title in enumerate(self.model.headers):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != STATEMENT)
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(position))

    def _count(self, *_) -> None:
        shown = self.model.rowCount()
        self.count.setText(counted(shown, "claim"))
        filtered = self.session is not None and self.filters() != ClaimFilters()
        hidden = claim_count(self.session.review) - shown if filtered else 0
        if hidden > 0:
            nothing = "No claim matches these filters; " if not shown else ""
            self.hidden.setText(f"{nothing}{counted(hidden, 'claim')} hidden by filters")
        self.hidden_bar.setVisible(hidden > 0)
