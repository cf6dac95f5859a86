"""The reviewer's workbench: document list, reader, claim form, appraisal and claims table,
and the one place that keeps them showing the same document and claim.

Panels never reach into each other: each emits what the reviewer chose, and the workbench
tells every panel what to show (claims table row ↔ highlight in the reader ↔ form).
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QSplitter, QTabWidget, QVBoxLayout, QWidget

from reviewtool.core.review.claims import get_claim
from reviewtool.core.review.documents import document_text, get_document
from reviewtool.core.errors import NotFound, ReviewError
from reviewtool.core.review.queries import claim_spans
from reviewtool.core.wording import counted
from reviewtool.gui.appraisal_panel import AppraisalPanel
from reviewtool.gui.claim_panel import ClaimPanel
from reviewtool.gui.finding_panel import FindingPanel
from reviewtool.gui.claims_view import ClaimsView
from reviewtool.gui.document_details import DocumentDetailsPanel
from reviewtool.gui.documents_panel import DocumentsPanel
from reviewtool.gui.document_views import DocumentViews
from reviewtool.gui.reader import PLACEHOLDER, ReaderPanel
from reviewtool.gui.review_changes import ReviewChanges
from reviewtool.gui.session import Session
from reviewtool.gui.settings import Settings

CLAIM_TAB, APPRAISAL_TAB = 0, 1
NO_FULL_TEXT = ("This document is a reference without its full text. Attach its file in the "
                "Document tab to read it here and record claims on it.")


class Workbench(QWidget):
    message = Signal(str)  # for the status bar
    failed = Signal(object)  # a ReviewError to show

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.document_id: str | None = None
        self._heading = ("", "")
        self._syncing = False

        self.documents = DocumentsPanel()
        self.reader_panel = ReaderPanel()
        self.reader = self.reader_panel.view
        self.views = DocumentViews(self.reader_panel, self)  # a PDF's pages, or its text
        self.pages = self.views.pages.view
        self.claims_view = ClaimsView()
        self.claim_panel = ClaimPanel()
        self.appraisal_panel = AppraisalPanel()
        self.side = QTabWidget()
        self.side.setObjectName("sideTabs")
        self.side.setAccessibleName("Claim, appraisal, finding and document")
        self.side.setAccessibleDescription("The selected claim's form, and your appraisal of "
                                           "the document")

        self.side.setDocumentMode(True)
        self.side.addTab(self.claim_panel, "Claim")
        self.side.addTab(self.appraisal_panel, "Appraisal")
        self.side.setTabToolTip(CLAIM_TAB, "The selected claim's form (Alt+3)")
        self.side.setTabToolTip(APPRAISAL_TAB, "Your appraisal of the document (Alt+5)")
        self.finding_panel = FindingPanel()
        self.side.addTab(self.finding_panel, "Finding")
        self.side.setTabToolTip(self.side.indexOf(self.finding_panel),
                                "The selected claim's finding and its certainty judgement (Alt+6)")
        self.side.currentChanged.connect(lambda _: self._follow_finding())
        self.details = DocumentDetailsPanel()
        self.side.addTab(self.details, "Document")
        self.side.setTabToolTip(self.side.indexOf(self.details),
                                "How the document is cited, and its metadata (Alt+7)")
        self.details.failed.connect(self.failed)
        self.details.textAttached.connect(lambda _document_id: self.refresh())

        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.setObjectName("centerSplitter")
        self.center.addWidget(self.reader_panel)
        self.center.addWidget(self.claims_view)
        self.center.setStretchFactor(0, 3)
        self.center.setStretchFactor(1, 2)
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.setObjectName("mainSplitter")
        self.main.addWidget(self.documents)
        self.main.addWidget(self.center)
        self.main.addWidget(self.side)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        self.main.setStretchFactor(2, 0)
        self.main.setSizes([330, 700, 390])
        self.center.setSizes([560, 300])
        for splitter in (self.main, self.center):
            splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.main)
        self._restored = False

        QApplication.instance().focusChanged.connect(self._keep_focus)
        self.documents.documentChosen.connect(self.show_document)
        self.reader.claimClicked.connect(self.select_claim)
        self.pages.claimClicked.connect(self.select_claim)
        self.claims_view.claimChosen.connect(self.select_claim)
        for panel in (self.claim_panel, self.appraisal_panel, self.finding_panel):
            panel.failed.connect(self.failed)
        self.finding_panel.claimChosen.connect(self.select_claim)
        self.claim_panel.openFinding.connect(
            lambda: self.side.setCurrentWidget(self.finding_panel))

    def _keep_focus(self, old: QWidget | None, _new: QWidget | None) -> None:
        # A panel hidden under the focus (the claim form when an undo or delete takes its
        # claim away) hands it to the reader, not to whatever widget Qt picks next (the
        # search box, where the next Ctrl+Z would clear the search).
        if old is not None and self.isAncestorOf(old) and not old.isVisible() and self.isVisible():
            self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout memory ----------------------------------------------------------------------

    def showEvent(self, event) -> None:
        # Restored when first shown, at the window's real size, so the proportions hold.
        if not self._restored:
            self._restored = True
            self.restore_layout()
        super().showEvent(event)

    def restore_layout(self) -> None:
        for key, splitter in (("main", self.main), ("center", self.center)):
            state = self.settings.state(f"splitter/{key}")
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        if not self._restored:
            return  # never shown: keep what was saved before
        self.settings.set_state("splitter/main", self.main.saveState())
        self.settings.set_state("splitter/center", self.center.saveState())

    # -- the review -------------------------------------------------------------------------

    def flush_edits(self) -> None:
        """Commit whatever field the reviewer is still typing in."""
        for form in (self.claim_panel.form_widget, self.appraisal_panel.form_widget,
                     self.finding_panel.form_widget):
            if form is not None:
                form.flush()
        self.details.flush()

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.flush_edits()
            self.session.changed.disconnect(self._changed)
        self.session = session
        self.document_id = None
        self.reader.set_document(None, "", [])
        self.views.clear()
        self.reader_panel.set_heading("", "")
        for panel in (self.documents, self.claims_view, self.claim_panel, self.appraisal_panel,
                      self.finding_panel, self.details):
            panel.set_session(session)
        if session is None:
            return
        session.changed.connect(self._changed)
        self.documents.step(0)  # open the first document

    def refresh(self) -> None:
        """Read everything shown again (the file changed behind the window)."""
        if self.session is None:
            return
        claim_id, document_id = self.claim_panel.claim_id, self.document_id
        self.documents.model.reload(reset=True)
        self.claims_view.refresh_reviewers()
        self.claims_view.model.reload(reset=True)
        self.document_id = None
        self.show_document(document_id)
        self.select_claim(claim_id)
        if self.document_id is None:
            self.documents.step(0)

    def show_document(self, document_id: str | None) -> None:
        if self.session is None or document_id == self.document_id:
            return
        try:
            document = get_document(self.session.review, document_id) if document_id else None
            text, page_starts = (document_text(self.session.review, document_id) if document
                                 else ("", None))
        except NotFound:
            document, text, page_starts = None, "", None
        self.document_id = document.id if document else None
        spans = claim_spans(self.session.review, self.document_id) if document else []
        self.reader.set_document(self.document_id, text, spans, self.session.claim_form)
        self.reader.setPlaceholderText(NO_FULL_TEXT if document and not document.has_text
                                       else PLACEHOLDER)
        self.views.show_document(self.session.review, document, text, page_starts, spans)
        if document:
            pages = f" · {document.pages} pages" if document.pages else ""
            self._heading = (document.title, f"{document.filename}{pages}" if document.has_text
                             else "no full text: a reference only (see its Document tab)")
        else:
            self._heading = ("", "")
        self._show_heading(len(spans))
        self.reader_panel.find_bar.show_search(self.documents.shown_query())
        self.documents.select_document(self.document_id)
        self.appraisal_panel.show_document(self.document_id)
        self.details.show_document(self.document_id)
        self.claims_view.set_current_document(self.document_id)
        current = self.claim_panel.claim
        if current is not None and current.document_id != self.document_id:
            self.claim_panel.show_claim(None)
            self.claims_view.select_claim(None)  # the table's selection follows the form

    def _show_heading(self, claims: int) -> None:
        title, detail = self._heading
        if title:
            detail += f" · {counted(claims, 'claim')}"
        self.reader_panel.set_heading(title, detail if title else "")

    def select_claim(self, claim_id: str | None) -> None:
        """Show one claim everywhere: its document in the reader, highlighted and scrolled
        to, its row in the claims table, its form beside the reader."""
        if self._syncing or self.session is None:
            return
        self._syncing = True
        try:
            try:
                claim = get_claim(self.session.review, claim_id) if claim_id else None
            except NotFound:
                claim = None
            if claim is not None and claim.document_id != self.document_id:
                self.show_document(claim.document_id)
            claim_id = claim.id if claim else None
            self.reader.set_current_claim(claim_id, scroll=claim is not None
                                          and not self.reader.hasFocus())
            self.views.set_current_claim(claim_id, scroll=claim is not None)
            if claim_id != self.claim_panel.claim_id:
                self.claim_panel.show_claim(claim_id)
            self.claims_view.select_claim(claim_id)
            if claim is not None:
                self.side.setCurrentIndex(CLAIM_TAB)
        finally:
            self._syncing = False

    def _follow_finding(self) -> None:
        """The Finding tab shows the finding of the claim in the Claim tab."""
        if self.side.currentWidget() is self.finding_panel:
            claim = self.claim_panel.claim
            self.finding_panel.show_finding(claim.finding_id if claim else None)

    # -- actions ----------------------------------------------------------------------------

    def create_claim(self, category: str | None = None) -> str | None:
        """A claim on the reader's selection, its form focused; None (and a message) if
        there is nothing to record it on."""
        if self.session is None or self.document_id is None:
            self.message.emit("Open a document first.")
            return None
        selected = self.views.selected_range()
        if selected is None or not self.reader.toPlainText()[selected[0]:selected[1]].strip():
            self.message.emit("Select the passage that makes the claim first, then press Ctrl+E.")
            return None
        answers = {"category": category} if category else {}
        try:
            claim_id = self.session.create_claim(self.document_id, *selected, answers)
        except ReviewError as error:
            self.failed.emit(error)
            return None
        self.side.setCurrentIndex(CLAIM_TAB)
        self.claim_panel.focus_form()
        self.message.emit("Claim recorded. Fill in the form; Ctrl+Z takes it back.")
        return claim_id

    def delete_claim(self) -> None:
        claim_id = self.claim_panel.claim_id or self.claims_view.current_claim()
        if claim_id is None or self.session is None:
            self.message.emit("Select a claim to delete.")
            return
        try:
            self.session.delete_claim(claim_id)
        except ReviewError as error:
            self.failed.emit(error)
            return
        self.message.emit("Claim deleted. Ctrl+Z brings it back.")

    def step_claim(self, delta: int) -> None:
        spans = self.reader.spans
        if not spans:
            self.message.emit("This document has no claims yet.")
            return
        ids = [s.id for s in spans]
        current = self.reader.current_claim
        index = (ids.index(current) + delta) if current in ids else (0 if delta > 0 else -1)
        self.select_claim(ids[index % len(ids)])

    # -- what changed in the file -----------------------------------------------------------

    def _changed(self, changes: ReviewChanges) -> None:
        """Re-read what a write (or its undo or redo) changed, and nothing else."""
        if self.session is None:
            return
        if changes.whole_file:
            self.refresh()
            return
        if changes.documents_added_or_removed:
            self.documents.model.reload()
            if self.document_id is None:
                self.documents.step(0)
        if changes.claims_added_or_removed:
            self.claims_view.claims_added_or_removed()
        else:
            for claim_id in changes.claims:
                self.claims_view.model.refresh_id(claim_id)
        for document_id in changes.documents:
            self.documents.model.refresh_id(document_id)
        if changes.touches_document(self.document_id):
            spans = claim_spans(self.session.review, self.document_id)
            self.reader.set_spans(spans)
            self.views.set_spans(spans)
            self._show_heading(len(spans))
        shown = self.claim_panel.claim_id
        if changes.claims_added_or_removed and shown in changes.claims:
            self.claim_panel.show_claim(shown, reset=False)
            if self.claim_panel.claim_id is None:
                self.select_claim(None)
        if changes.focus_claim:
            self.select_claim(changes.focus_claim)
