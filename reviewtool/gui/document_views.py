"""The reader's two faces for a PDF: its text, or its pages. A toggle switches between them
keeping the place (the first line shown in one is shown in the other); both follow the claim
selected in the table, and a selection in either makes a claim through the same anchors."""

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolButton

from reviewtool.core.review.documents import Document
from reviewtool.core.review.page_map import PDF
from reviewtool.core.review.structure import Original, document_headings, document_original
from reviewtool.core.review.queries import ClaimSpan
from reviewtool.gui.page_panel import PagePanel
from reviewtool.gui.reader import ReaderPanel
from reviewtool.gui.workers import Job, JobRunner

SHOW_PAGES = "Show pages"
SHOW_TEXT = "Show text"
TOGGLE_SHORTCUT = "Ctrl+Shift+P"
# Formats whose importer knows the headings (a PDF's come with its page map).
STRUCTURED = {"text/markdown", "text/html",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class DocumentViews(QObject):
    def __init__(self, panel: ReaderPanel, parent: QObject | None = None):
        super().__init__(parent)
        self.panel = panel
        self.text = panel.view
        self.pages = PagePanel()
        panel.stack.addWidget(self.pages)
        self.toggle = QToolButton()
        self.toggle.setObjectName("pageToggle")
        self.toggle.setCheckable(True)
        self.toggle.setText(SHOW_PAGES)
        shortcut = QShortcut(QKeySequence(TOGGLE_SHORTCUT), panel)  # anywhere in the window
        shortcut.activated.connect(lambda: self.toggle.isVisible() and self.toggle.click())
        self.toggle.setToolTip(f"Switch between the PDF's pages and its text ({TOGGLE_SHORTCUT})")
        self.toggle.toggled.connect(self.show_pages)
        self.toggle.setVisible(False)
        panel.tools.addWidget(self.toggle)
        self.prefer_pages = True  # a PDF opens on its pages until the reviewer picks text
        self.runner = JobRunner(self)
        self.pages.mapped.connect(self._pages_loaded)

    @property
    def showing_pages(self) -> bool:
        return self.panel.stack.currentWidget() is self.pages

    def show_document(self, review, document: Document | None, text: str,
                      page_starts: Sequence[int] | None, spans: Sequence[ClaimSpan]) -> None:
        is_pdf = document is not None and document.media_type == PDF
        self.toggle.setVisible(is_pdf)
        self.text.set_structure(page_starts, ())
        self.runner.cancel_all()
        if is_pdf:  # the page map brings the headings too
            self.pages.load(document.sha256, document_original(review, document.id), text,
                            spans)
        else:
            self.pages.clear()
            if document is not None and document.media_type in STRUCTURED:
                self._find_headings(document_original(review, document.id), text)
        self._switch(is_pdf and self.prefer_pages)

    def _find_headings(self, original: Original, text: str) -> None:
        def work(_review, job):
            return document_headings(original, text)

        self.runner.start(Job("Finding the headings", None, work),
                          lambda headings: self.text.set_structure(self.text.page_starts,
                                                                   headings),
                          self._failed, kind="headings")

    def _failed(self, error: BaseException) -> None:
        raise error  # a bug (document_headings turns every known error into no headings)

    def _pages_loaded(self) -> None:
        if self.pages.map is not None:
            self.text.set_structure(self.pages.map.page_starts, self.pages.map.headings)

    def show_pages(self, pages: bool) -> None:
        """Switch views, keeping the place; remembered for the next PDF."""
        if pages == self.showing_pages:
            return
        self.prefer_pages = pages
        if pages:
            self.pages.show_offset(self.text.top_offset())
        else:
            offset = self.pages.top_offset()
            if offset is not None:
                self.text.set_top_offset(offset)
        self._switch(pages)

    def _switch(self, pages: bool) -> None:
        self.panel.stack.setCurrentWidget(self.pages if pages else self.text)
        self.toggle.blockSignals(True)
        self.toggle.setChecked(pages)
        self.toggle.setText(SHOW_TEXT if pages else SHOW_PAGES)
        self.toggle.blockSignals(False)

    def set_spans(self, spans: Sequence[ClaimSpan]) -> None:
        self.pages.set_spans(spans)

    def set_current_claim(self, claim_id: str | None, scroll: bool) -> None:
        self.pages.set_current_claim(claim_id, scroll and not self.pages.view.hasFocus())

    def selected_range(self) -> tuple[int, int] | None:
        return (self.pages.view.selected_range() if self.showing_pages
                else self.text.selected_range())

    def clear(self) -> None:
        self.runner.wait()
        self.pages.clear(wait=True)
        self.toggle.setVisible(False)
        self._switch(False)
