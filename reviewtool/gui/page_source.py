"""PDF pages as images, rendered off the UI thread, on demand, and cached.

One worker thread owns the PDFium document (PDFium is not thread-safe; the importer's lock
is taken too). The view asks for the pages it shows; each page is rendered once per zoom
and kept in a small cache, so a 300-page document costs only the pages on screen. A page's
character boxes (for highlights and selection) come with its first image.
"""

from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

CACHED_IMAGES = 16  # a screenful at any zoom, and the pages just scrolled past

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


class _Relay(QObject):
    done = Signal(int, float, QImage, object)  # page, scale, image, boxes or None


class _Render(QRunnable):
    def __init__(self, source: "PageSource", page: int, scale: float, want_boxes: bool):
        super().__init__()
        self.source, self.page, self.scale, self.want_boxes = source, page, scale, want_boxes

    def run(self) -> None:
        image, boxes = self.source._render(self.page, self.scale, self.want_boxes)
        self.source._relay.done.emit(self.page, self.scale, image, boxes)


class PageSource(QObject):
    """The pages of one PDF; `pageReady` says when an image asked for is there."""

    pageReady = Signal(int)

    def __init__(self, data: bytes, parent: QObject | None = None):
        super().__init__(parent)
        self._data = data
        self._document = None  # opened and used by the worker thread only
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.done.connect(self._arrived)
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._boxes: dict[int, list[Box]] = {}
        self._pending: set[tuple[int, float]] = set()
        self.sizes = page_sizes(data)

    def image(self, page: int, scale: float) -> QImage | None:
        """The page at this zoom if rendered; otherwise it is asked for, and None."""
        key = (page, round(scale, 3))
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        if key not in self._pending:
            self._pending.add(key)
            self._pool.start(_Render(self, page, key[1], page not in self._boxes))
        return None

    def boxes(self, page: int) -> list[Box] | None:
        """Every character's box on the page (by PDFium char index), once rendered."""
        return self._boxes.get(page)

    def forget_pending(self) -> None:
        """Drop renders not started yet (the view scrolled or zoomed away)."""
        self._pool.clear()
        self._pending.clear()

    def close(self) -> None:
        self._pool.clear()
        self._pool.waitForDone()
        self._pool.start(_Close(self))
        self._pool.waitForDone()

    def _arrived(self, page: int, scale: float, image: QImage, boxes) -> None:
        self._pending.discard((page, scale))
        if boxes is not None:
            self._boxes[page] = boxes
        if image.isNull():
            return
        self._images[(page, scale)] = image
        while len(self._images) > CACHED_IMAGES:
            self._images.popitem(last=False)
        self.pageReady.emit(page)

    # -- in the worker thread -----------------------------------------------------------------

    def _render(self, page_number: int, scale: float, want_boxes: bool):
        import pypdfium2 as pdfium

        from reviewtool.core.importing.pdf import pdfium_lock

        with pdfium_lock():
            try:
                if self._document is None:
                    self._document = pdfium.PdfDocument(self._data)
                page = self._document[page_number]
            except (pdfium.PdfiumError, IndexError):
                return QImage(), None
            try:
                bitmap = page.render(scale=scale)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_BGR888).copy()  # own the pixels
                boxes = _char_boxes(page) if want_boxes else None
            finally:
                page.close()
        return image, boxes


class _Close(QRunnable):
    def __init__(self, source: PageSource):
        super().__init__()
        self.source = source

    def run(self) -> None:
        from reviewtool.core.importing.pdf import pdfium_lock

        with pdfium_lock():
            if self.source._document is not None:
                self.source._document.close()
                self.source._document = None


def page_sizes(data: bytes) -> tuple[tuple[float, float], ...]:
    """Every page's width and height in points (read without rendering; fast)."""
    import pypdfium2 as pdfium

    from reviewtool.core.importing.pdf import pdfium_lock

    with pdfium_lock():
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return ()
        try:
            return tuple(document.get_page_size(index) for index in range(len(document)))
        finally:
            document.close()


def _char_boxes(page) -> list[Box]:
    """Loose boxes (a line's full height) of every character of the page's text page."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        rect = pdfium_c.FS_RECTF()
        boxes: list[Box] = []
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, ctypes.byref(rect)):
                boxes.append((rect.left, rect.bottom, rect.right, rect.top))
            else:
                boxes.append((0.0, 0.0, 0.0, 0.0))
        return boxes
    finally:
        textpage.close()
