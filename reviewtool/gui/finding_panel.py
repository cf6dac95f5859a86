"""The finding of the selected claim: its claims beside each other, what their ratings
suggest, and the team's judgement of its certainty on the finding form.

The tool proposes (the spread of the claims' ratings, the lowest, a prompt when the
documents disagree) and the reviewer decides: nothing here fills in the judgement. Each
finished field is one undoable edit through the session, as in the claim form.
"""

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.errors import NotFound, ReviewError
from reviewtool.core.review.documents import list_documents
from reviewtool.core.review.records import current_answers
from reviewtool.core.synthesis.certainty_proposal import describe
from reviewtool.core.synthesis.finding_overview import finding_overview
from reviewtool.core.synthesis.summary_rows import SynthesisRow
from reviewtool.gui.claim_panel import HelpBox
from reviewtool.gui.form_widget import FormWidget
from reviewtool.gui.review_changes import ReviewChanges
from reviewtool.gui.session import Session

NO_FINDING = ("The selected claim is not grouped under a finding.\n\nClaims from different "
              "documents that say the same thing are grouped under a finding (the 'finding' "
              "column of add-claims); its certainty is judged here.")
STANCE_SIGN = {"supports": "+", "qualifies": "±", "contradicts": "–"}
CONSISTENCY_WORDS = {
    "consistent": "Consistent: every document supports it.",
    "contradictory": "Contradictory: one document supports it and another contradicts it, "
                     "or a document does both.",
    "all contradict": "All contradict: every document contradicts it.",
    "mixed": "Mixed: some documents only qualify it.",
    "single source": "Single source: it rests on one document.",
}


class FindingPanel(QWidget):
    failed = Signal(object)  # a ReviewError to show
    claimChosen = Signal(str)  # a claim of the finding the reviewer clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.finding_id: str | None = None
        self.row: SynthesisRow | None = None
        self.form_widget: FormWidget | None = None

        self.empty = QLabel(NO_FINDING)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.empty.setMargin(24)
        self.heading = QLabel()
        self.heading.setObjectName("findingHeading")
        self.heading.setWordWrap(True)
        self.consistency = QLabel()
        self.consistency.setWordWrap(True)
        self.claims = QListWidget()
        self.claims.setObjectName("findingClaims")
        self.claims.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.claims.setWordWrap(True)  # a claim's whole statement, not a scrolled line
        self.claims.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.claims.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.claims.itemActivated.connect(self._choose)
        self.claims.itemClicked.connect(self._choose)
        self.proposal = QLabel()
        self.proposal.setObjectName("findingProposal")
        self.proposal.setWordWrap(True)
        self.proposal.setTextFormat(Qt.TextFormat.RichText)
        self.proposal.setFrameShape(QFrame.Shape.StyledPanel)
        self.proposal.setMargin(8)
        self.help = HelpBox()

        self.body = QWidget()
        self._layout = QVBoxLayout(self.body)
        self._layout.setContentsMargins(12, 8, 12, 8)
        self._layout.setSpacing(4)
        for widget in (self.heading, self.consistency, self.claims, self.proposal):
            self._layout.addWidget(widget)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
        if self.form_widget is not None:
            self._layout.removeWidget(self.form_widget)
            self._layout.removeWidget(self.help)
            self.form_widget.deleteLater()
            self.form_widget = None
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
            self.form_widget = FormWidget(session.finding_form)
            self.form_widget.setObjectName("findingForm")
            self.form_widget.fieldCommitted.connect(self._commit)
            self.form_widget.helpChanged.connect(self.help.show_help)
            self._layout.addWidget(self.form_widget, 1)
            self._layout.addWidget(self.help)
        self.show_finding(None)

    def show_finding(self, finding_id: str | None) -> None:
        if self.form_widget is not None and finding_id != self.finding_id:
            self.form_widget.flush()
        self.finding_id, self.row = finding_id, None
        if finding_id and self.session is not None:
            try:
                self.row = finding_overview(self.session.review, finding_id)
            except NotFound:
                self.finding_id = None
        if self.row is None:
            self.stack.setCurrentIndex(0)
            return
        self._show(self.row)
        self.form_widget.set_answers(self._answers(), reset=True)
        self.stack.setCurrentIndex(1)

    def focus_form(self) -> None:
        """The certainty field, ready for the arrow keys (when a finding is shown)."""
        if self.row is not None and self.form_widget is not None:
            self.form_widget.focus_field("certainty")

    def _answers(self) -> dict[str, Any]:
        fields = self.session.finding_form.field_ids
        return {k: v for k, v in current_answers(self.session.review, self.finding_id).items()
                if k in fields}

    def _show(self, row: SynthesisRow) -> None:
        titles = {d.id: d.title for d in list_documents(self.session.review)}
        certainty = self.session.claim_form.field("certainty")
        self.heading.setText(f"<b>Finding:</b> {html.escape(row.statement)}")
        positions = "; ".join(f"{html.escape(titles.get(doc, doc))}: {stance}"
                              for doc, stance in row.stances)
        self.consistency.setText(f"{CONSISTENCY_WORDS[row.consistency]}<br>"
                                 f"<small>{positions}</small>")
        self.claims.clear()
        for claim in row.claims:
            rating = claim.answers.get("certainty")
            rated = certainty.choice_label(rating) if rating else "not rated"
            item = QListWidgetItem(
                f"{STANCE_SIGN.get(claim.finding_stance or 'supports', '')} "
                f"{titles.get(claim.document_id, claim.document_id)} — {claim.statement} "
                f"({rated}; {claim.reviewer})")
            item.setData(Qt.ItemDataRole.UserRole, claim.id)
            self.claims.addItem(item)
        proposal = describe(row.proposal, certainty.choice_label)
        hint = f"<br><b>{html.escape(row.proposal.hint.capitalize())}.</b>" if row.proposal.hint else ""
        conflicted = ""
        if row.judgement and row.judgement.conflicted:
            labels = ", ".join(self.session.finding_form.field(f).label
                               for f in row.judgement.conflicted)
            conflicted = (f"<br><b>Judged differently by two reviewers:</b> {html.escape(labels)}"
                          " — the value shown is provisional; resolve it under Team → Conflicts.")
        self.proposal.setText(
            f"<b>What the claims suggest</b> (the tool proposes; you judge): "
            f"{html.escape(proposal)}.{hint}{conflicted}")

    def _commit(self, field_id: str, value: Any) -> None:
        if self.finding_id is None or self.session is None:
            return
        try:
            self.session.edit_finding(self.finding_id, {field_id: value})
        except ReviewError as error:
            self.failed.emit(error)
            self.form_widget.set_answers(self._answers())

    def _choose(self, item: QListWidgetItem) -> None:
        self.claimChosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _changed(self, changes: ReviewChanges) -> None:
        """Re-read the finding when its judgement or one of its claims changed."""
        if self.finding_id is None or self.session is None:
            return
        if changes.whole_file or self.finding_id in changes.findings:
            self.form_widget.set_answers(self._answers())
        elif not (self.row is not None and (changes.claims_added_or_removed
                                            or changes.claims & set(self.row.claim_ids))):
            return
        try:
            self.row = finding_overview(self.session.review, self.finding_id)
        except NotFound:
            self.show_finding(None)
            return
        self._show(self.row)
