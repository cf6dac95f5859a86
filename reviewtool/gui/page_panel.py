"""The page view with its toolbar (page navigation, zoom, fit width) and its loading.

The page map (which character on the page each character of the text is) is read from the
PDF's original bytes in a background job; until it is there, or when there is none (a PDF
imported by an older version), the panel says so instead of showing pages.
"""

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.errors import ReviewError
from reviewtool.core.review.page_map import PageMap, page_map
from reviewtool.core.review.structure import Original
from reviewtool.core.review.queries import ClaimSpan
from reviewtool.gui.page_source import PageSource
from reviewtool.gui.page_view import PageView
from reviewtool.gui.workers import Job, JobRunner

READING = "Finding the claims on the pages…"
CACHED_MAPS = 4


class PagePanel(QWidget):
    mapped = Signal()  # the page map is there: the claims show on the pages

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = PageView(self)
        self.runner = JobRunner(self)
        self.source: PageSource | None = None
        self.map: PageMap | None = None
        self._spans: list[ClaimSpan] = []
        self._current: str | None = None
        self._wanted_offset: int | None = None
        self._maps: OrderedDict[str, tuple[str, PageMap]] = OrderedDict()

        self.previous = self._button("◀", "Previous page (Ctrl+PgUp)", self._previous)
        self.next = self._button("▶", "Next page (Ctrl+PgDown)", self._next)
        self.page = QSpinBox()
        self.page.setObjectName("pageNumber")
        self.page.setKeyboardTracking(False)
        self.page.valueChanged.connect(lambda number: self.view.go_to_page(number - 1))
        self.of = QLabel()
        self.status = QLabel()  # while the page map is read: no highlights yet
        self.status.setEnabled(False)
        self.zoom_out = self._button("−", "Zoom out (Ctrl+−)", self.view.zoom_out)
        self.zoom_in = self._button("+", "Zoom in (Ctrl++)", self.view.zoom_in)
        self.fit = self._button("Fit width", "Zoom to the width of the view",
                                self.view.zoom_to_fit_width)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 2, 12, 2)
        for widget in (self.previous, self.page, self.of, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addStretch(1)
        for widget in (self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(widget)
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(self.stack, 1)
        self.view.pageChanged.connect(self._page_changed)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- the document ---------------------------------------------------------------------

    def load(self, key: str, original: Original, text: str,
             spans: Sequence[ClaimSpan]) -> None:
        """Show a PDF's pages at once, and its claims on them once its page map is read (in
        the background; the maps of the last few documents are kept)."""
        self.clear()
        self._spans = list(spans)
        self.source = PageSource(original.data, self)
        if not self.source.sizes:
            self._say("The PDF cannot be read.")
            return
        self.view.set_document(self.source, self._spans)
        self.view.text = text
        self.page.setRange(1, len(self.source.sizes))
        self.of.setText(f"of {len(self.source.sizes)}")
        self.stack.setCurrentWidget(self.view)  # the pages show before the map is read
        cached = self._maps.get(key)
        if cached is not None and cached[0] == text:
            self._maps.move_to_end(key)
            self._show(cached[1])
            return
        self.status.setText(READING)

        def work(_review, job):
            return page_map(original, text)

        def done(found: PageMap) -> None:
            self._maps[key] = (text, found)
            while len(self._maps) > CACHED_MAPS:
                self._maps.popitem(last=False)
            self._show(found)

        self.runner.start(Job("Reading the pages", None, work), done, self._failed,
                          kind="page map")

    def clear(self, wait: bool = False) -> None:
        """Show nothing; `wait` for a page map being read (before the review is closed)."""
        if wait:
            self.runner.wait()
            self._maps.clear()
        else:
            self.runner.cancel_all()
        self.view.set_document(None, [])
        if self.source is not None:
            self.source.close()
            self.source.deleteLater()
        self.source, self.map = None, None
        self._wanted_offset = None
        self._say("")

    def _show(self, found: PageMap) -> None:
        self.map = found
        self.status.setText("")
        self.view.set_map(found)
        self.view.set_spans(self._spans)
        self.view.current_claim = self._current
        if self._wanted_offset is not None:
            self.view.show_offset(self._wanted_offset)
        self.mapped.emit()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ReviewError):
            raise error  # a bug: the exception hook reports it
        self.status.setText(str(error))  # the pages stay, without their claims

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    # -- what the workbench tells it -------------------------------------------------------

    def set_spans(self, spans: Sequence[ClaimSpan]) -> None:
        self._spans = list(spans)
        self.view.set_spans(spans)
        selected = self.view.selected_range()
        if selected is not None and any((s.start, s.end) == selected for s in spans):
            self.view.select_range(0, 0)  # the selection became a claim: its highlight shows

    def set_current_claim(self, claim_id: str | None, scroll: bool = True) -> None:
        self._current = claim_id
        span = next((s for s in self._spans if s.id == claim_id), None)
        if self.map is None and span is not None:
            self._wanted_offset = span.start  # scrolled to once the pages are there
        self.view.set_current_claim(claim_id, scroll)

    def show_offset(self, offset: int) -> None:
        if self.map is None:
            self._wanted_offset = offset
        else:
            self.view.show_offset(offset)

    def top_offset(self) -> int | None:
        return self.view.top_offset() if self.map is not None else None

    # -- navigation -----------------------------------------------------------------------

    def _previous(self) -> None:
        self.view.go_to_page(self.view.top_page() - 1)

    def _next(self) -> None:
        self.view.go_to_page(self.view.top_page() + 1)

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
