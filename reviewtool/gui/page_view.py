"""The page view: a PDF's real pages, with every claim highlighted over its characters.

Pages are laid out one under the other and drawn only when visible (images come from
PageSource, rendered off the UI thread). Highlights and the selection are text ranges of the
document's normalized text, mapped to characters on the page through the PageMap, so a
selection here makes the same anchors as one in the text view. Clicking a highlight selects
its claim (clicking again steps out through overlapping claims).
"""

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reviewtool.core.review.page_map import PageMap
from reviewtool.core.review.queries import ClaimSpan
from reviewtool.gui.highlights import highlight_background, segments
from reviewtool.gui.page_source import Box, PageSource

GAP = 12  # pixels between pages
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
ZOOM_STEP = 1.2


class PageView(QAbstractScrollArea):
    claimClicked = Signal(str)
    pageChanged = Signal(int)  # the page at the top of the view (0-based)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.source: PageSource | None = None
        self.map: PageMap | None = None  # text ↔ page; highlights and selection need it
        self.sizes: tuple[tuple[float, float], ...] = ()  # of every page, in points
        self.text = ""  # the document's stored text (selections grow to whole words in it)
        self.spans: list[ClaimSpan] = []
        self.current_claim: str | None = None
        self.zoom = 1.0  # pixels per PDF point
        self.fit_width = True
        self._tops: list[int] = []
        self._selection: tuple[int, int] | None = None
        self._press: int | None = None  # text offset where a drag started
        self._dragged = False
        self._top_page = -1

    # -- content ----------------------------------------------------------------------------

    def set_document(self, source: PageSource | None, spans: Sequence[ClaimSpan]) -> None:
        """Show a PDF's pages (highlights follow once `set_map` gives the page map)."""
        if self.source is not None and self.source is not source:
            self.source.pageReady.disconnect(self._page_ready)
        self.source, self.map = source, None
        self.sizes = source.sizes if source is not None else ()
        if source is not None:
            source.pageReady.connect(self._page_ready)
        self._selection = None
        self._top_page = -1
        self.set_spans(spans)
        self._layout()
        self.verticalScrollBar().setValue(0)

    def set_map(self, page_map: PageMap) -> None:
        self.map = page_map
        self.viewport().update()

    def set_spans(self, spans: Sequence[ClaimSpan]) -> None:
        self.spans = list(spans)
        if self.current_claim not in {s.id for s in self.spans}:
            self.current_claim = None
        self._segments = segments([(s.start, s.end) for s in self.spans])
        self.viewport().update()

    def set_current_claim(self, claim_id: str | None, scroll: bool = True) -> None:
        self.current_claim = claim_id
        span = next((s for s in self.spans if s.id == claim_id), None)
        if span is not None and scroll:
            self.show_offset(span.start)
        self.viewport().update()

    # -- what is selected -------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        return self._selection

    def select_range(self, start: int, end: int) -> None:
        self._selection = (start, end) if end > start else None
        self.viewport().update()

    # -- places -----------------------------------------------------------------------------

    @property
    def pages(self) -> int:
        return len(self.sizes)

    def page_rect(self, page: int) -> QRectF:
        """Where a page is drawn, in viewport coordinates."""
        width, height = self._size(page)
        x = max(GAP, (self.viewport().width() - width) / 2) - self.horizontalScrollBar().value()
        return QRectF(x, self._tops[page] - self.verticalScrollBar().value(), width, height)

    def top_page(self) -> int:
        """The page at the top of the view."""
        if not self._tops:
            return 0
        y = self.verticalScrollBar().value() + GAP
        page = 0
        for number, top in enumerate(self._tops):
            if top <= y:
                page = number
        return page

    def top_offset(self) -> int:
        """The first text offset on the page at the top of the view."""
        return self.map.page_range(self.top_page())[0] if self.map else 0

    def go_to_page(self, page: int) -> None:
        if self._tops:
            page = max(0, min(page, self.pages - 1))
            self.verticalScrollBar().setValue(self._tops[page] - GAP)

    def show_offset(self, offset: int) -> None:
        """Scroll so that the character at a text offset is in view, about a third down."""
        if self.map is None:
            return
        page = self.map.page_of(offset)
        rects = self._rects(page, offset, offset + 1)
        if not rects:
            self.go_to_page(page)
            return
        y = self._tops[page] + rects[0].top() - self.page_rect(page).top()
        self.verticalScrollBar().setValue(int(y - self.viewport().height() / 3))

    def set_zoom(self, zoom: float, fit_width: bool = False) -> None:
        page = self.top_page()
        self.fit_width = fit_width
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if self.source is not None:
            self.source.forget_pending()
        self._layout()
        self.go_to_page(page)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def zoom_to_fit_width(self) -> None:
        self.set_zoom(self._fitting_zoom(), fit_width=True)

    # -- geometry ---------------------------------------------------------------------------

    def _size(self, page: int) -> tuple[int, int]:
        width, height = self.sizes[page]
        return round(width * self.zoom), round(height * self.zoom)

    def _fitting_zoom(self) -> float:
        if not self.sizes:
            return 1.0
        widest = max(width for width, _ in self.sizes)
        room = self.viewport().width() - 2 * GAP - self.verticalScrollBar().sizeHint().width()
        return max(MIN_ZOOM, min(MAX_ZOOM, room / widest))

    def _layout(self) -> None:
        if not self.sizes:
            self._tops = []
            self.verticalScrollBar().setRange(0, 0)
            self.horizontalScrollBar().setRange(0, 0)
            self.viewport().update()
            return
        if self.fit_width:
            self.zoom = self._fitting_zoom()
        self._tops, y, widest = [], GAP, 0
        for page in range(self.pages):
            width, height = self._size(page)
            self._tops.append(y)
            y += height + GAP
            widest = max(widest, width)
        self.verticalScrollBar().setRange(0, max(0, y - self.viewport().height()))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, widest + 2 * GAP - self.viewport().width()))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.viewport().update()

    def _visible_pages(self) -> range:
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = next((n for n in range(self.pages)
                      if self._tops[n] + self._size(n)[1] >= top), self.pages)
        last = first
        while last < self.pages and self._tops[last] <= bottom:
            last += 1
        return range(first, last)

    def _rects(self, page: int, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering the characters of [start, end) on a page, one per
        run of characters on a line."""
        boxes = self.source.boxes(page) if self.source else None
        if boxes is None or self.map is None:
            return []
        frame = self.page_rect(page)
        height = self.sizes[page][1]
        rects: list[QRectF] = []
        for char in self.map.chars(page, start, end):
            if char >= len(boxes):
                continue
            left, bottom, right, top = boxes[char]
            if right <= left:
                continue
            rect = QRectF(frame.left() + left * self.zoom, frame.top() + (height - top) * self.zoom,
                          (right - left) * self.zoom, (top - bottom) * self.zoom)
            last = rects[-1] if rects else None
            if (last is not None and abs(last.top() - rect.top()) < 0.5 * rect.height()
                    and -0.5 * rect.height() < rect.left() - last.right() < 2 * rect.height()):
                rects[-1] = last.united(rect)  # the same line: one band, spaces included
            else:
                rects.append(rect)
        return rects

    def char_rects(self, page: int, start: int, end: int) -> list[QRectF]:
        """Each character's own rectangle (no merging), for checks and tests."""
        boxes = self.source.boxes(page) if self.source else None
        if boxes is None or self.map is None:
            return []
        frame, height = self.page_rect(page), self.sizes[page][1]
        return [QRectF(frame.left() + boxes[c][0] * self.zoom,
                       frame.top() + (height - boxes[c][3]) * self.zoom,
                       (boxes[c][2] - boxes[c][0]) * self.zoom,
                       (boxes[c][3] - boxes[c][1]) * self.zoom)
                for c in self.map.chars(page, start, end) if boxes[c][2] > boxes[c][0]]

    def offset_at(self, point: QPoint) -> int | None:
        """The text offset of the character under (or nearest on its line to) a point."""
        if self.map is None or self.source is None:
            return None
        for page in self._visible_pages():
            frame = self.page_rect(page)
            if not frame.contains(QPointF(point)):
                continue
            boxes = self.source.boxes(page)
            if boxes is None:
                return None
            height = self.sizes[page][1]
            x = (point.x() - frame.left()) / self.zoom
            y = height - (point.y() - frame.top()) / self.zoom
            best, best_distance = None, None
            for char, (left, bottom, right, top) in enumerate(boxes):
                if right <= left:
                    continue
                dx = 0 if left <= x <= right else min(abs(x - left), abs(x - right))
                dy = 0 if bottom <= y <= top else min(abs(y - bottom), abs(y - top))
                distance = dy * 10 + dx  # the same line first
                if best_distance is None or distance < best_distance:
                    best, best_distance = char, distance
            if best is None:
                return None
            return self.map.nearest_offset(page, best)
        return None

    def claims_at(self, offset: int) -> list[ClaimSpan]:
        for segment in self._segments:
            if segment.start <= offset < segment.end:
                return [self.spans[i] for i in segment.claims]
        return []

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(self.viewport().rect(), palette.color(QPalette.ColorRole.Mid))
        for page in self._visible_pages():
            frame = self.page_rect(page)
            image = self.source.image(page, self.zoom) if self.source else None
            if image is None:
                painter.fillRect(frame, QColor("white"))  # until the page is rendered
            else:
                painter.drawImage(frame, image)
            if self.map is not None:
                self._paint_highlights(painter, page, palette)
        painter.end()

    def _paint_highlights(self, painter: QPainter, page: int, palette: QPalette) -> None:
        first, last = self.map.page_range(page)
        # Multiply keeps the page's ink black under the colour, as a highlighter pen does.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for segment in self._segments:
            if segment.end <= first or segment.start >= last:
                continue
            covering = [self.spans[i] for i in segment.claims]
            current = any(s.id == self.current_claim for s in covering)
            colour = highlight_background(palette, [s.category for s in covering], current)
            for rect in self._rects(page, segment.start, segment.end):
                painter.fillRect(rect, colour)
        if self._selection is not None:
            colour = QColor(palette.color(QPalette.ColorRole.Highlight))
            colour.setAlpha(110)
            for rect in self._rects(page, *self._selection):
                painter.fillRect(rect, colour)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    def _page_ready(self, page: int) -> None:
        if page in self._visible_pages():
            self.viewport().update()

    # -- events -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        page = self.top_page()
        self._layout()
        if self.fit_width:
            self.go_to_page(page)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        top = self.top_page()
        if top != self._top_page:
            self._top_page = top
            self.pageChanged.emit(top)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self.offset_at(event.position().toPoint())
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            offset = self.offset_at(event.position().toPoint())
            if offset is not None and offset != self._press:
                self._dragged = True
                self.select_range(*self._whole_words(min(self._press, offset),
                                                     max(self._press, offset) + 1))
        super().mouseMoveEvent(event)

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        """A selection grown to whole words, as a quote should be."""
        text = self.text
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        return start, end

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        pressed, self._press = self._press, None
        if self._dragged:
            return
        self.select_range(0, 0)
        covering = self.claims_at(pressed)
        if not covering:
            return
        ids = [s.id for s in reversed(covering)]  # innermost first
        choice = ids[0]
        if self.current_claim in ids:
            choice = ids[(ids.index(self.current_claim) + 1) % len(ids)]
        self.claimClicked.emit(choice)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_PageDown and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(self.top_page() + 1)
        elif key == Qt.Key.Key_PageUp and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(self.top_page() - 1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in()
        elif key == Qt.Key.Key_Minus and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_out()
        elif key == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End:
            self.go_to_page(self.pages - 1)
        else:
            super().keyPressEvent(event)
