"""The reader's two faces for a PDF: its text, or its pages. A toggle switches between them
keeping the place (the first line shown in one is shown in the other); both follow the claim
selected in the table, and a selection in either makes a claim through the same anchors."""

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QToolButton

from reviewtool.core.review.documents import Document
from reviewtool.core.review.page_map import PDF, document_original
from reviewtool.core.review.queries import ClaimSpan
from reviewtool.gui.page_panel import PagePanel
from reviewtool.gui.reader import ReaderPanel

SHOW_PAGES = "Show pages"
SHOW_TEXT = "Show text"
TOGGLE_SHORTCUT = "Ctrl+Shift+P"


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
        self.toggle.setShortcut(TOGGLE_SHORTCUT)
        self.toggle.setToolTip(f"Switch between the PDF's pages and its text ({TOGGLE_SHORTCUT})")
        self.toggle.toggled.connect(self.show_pages)
        self.toggle.setVisible(False)
        panel.tools.addWidget(self.toggle)
        self.prefer_pages = True  # a PDF opens on its pages until the reviewer picks text

    @property
    def showing_pages(self) -> bool:
        return self.panel.stack.currentWidget() is self.pages

    def show_document(self, review, document: Document | None, text: str,
                      spans: Sequence[ClaimSpan]) -> None:
        is_pdf = document is not None and document.media_type == PDF
        self.toggle.setVisible(is_pdf)
        if is_pdf:
            self.pages.load(document.sha256, document_original(review, document.id), text,
                            spans)
        else:
            self.pages.clear()
        self._switch(is_pdf and self.prefer_pages)

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
        self.pages.clear(wait=True)
        self.toggle.setVisible(False)
        self._switch(False)
