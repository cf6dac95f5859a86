"""The reader: a document's normalized text with every claim's passage highlighted.

QPlainTextEdit lays out only the blocks it shows, so a 100-page document opens at once;
claims are painted as ExtraSelections (no change to the document itself), one per piece
of text covered by the same set of claims, so overlaps get their own blended shade and a
dotted underline. Offsets from core count Python characters; Qt counts UTF-16 units, so
text beyond the Basic Multilingual Plane is mapped both ways (see `Offsets`).
"""

import bisect
import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QFontDatabase,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QLabel,
    QHBoxLayout,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.forms import Form
from reviewtool.core.review.queries import ClaimSpan
from reviewtool.gui.find_bar import FindBar
from reviewtool.gui.highlights import (
    Segment,
    find_mark_background,
    highlight_background,
    segments,
    underline_colour,
)
from reviewtool.gui.reader_structure import format_headings, paint_page_breaks

NO_CLAIM_HERE = "No claim on the text at the cursor"
PLACEHOLDER = "Choose a document on the left, or drag files or folders here to import them."


class Offsets:
    """Converts between Python string offsets and Qt's UTF-16 positions."""

    def __init__(self, text: str):
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._wide, offset)

    def from_qt(self, position: int) -> int:
        low, high = 0, len(self._wide)
        while low < high:  # count wide characters that start before `position` in Qt units
            mid = (low + high) // 2
            if self._wide[mid] + mid < position:
                low = mid + 1
            else:
                high = mid
        return position - low


class ReaderView(QPlainTextEdit):
    claimClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Document text")
        self.setAccessibleDescription(NO_CLAIM_HERE)
        # Screen readers read the claims on the text at the cursor as its description.
        self.cursorPositionChanged.connect(self._describe_cursor)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setPlaceholderText(PLACEHOLDER)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self.document_id: str | None = None
        self.spans: list[ClaimSpan] = []
        self.current_claim: str | None = None
        self.form: Form | None = None
        self._segments: list[Segment] = []
        self._segment_starts: list[int] = []
        self._offsets = Offsets("")
        self._marks: list[tuple[int, int]] = []  # find matches, drawn over the claims
        self._current_mark: int | None = None
        self._last_click: tuple[int, str] | None = None
        self.page_starts: tuple[int, ...] = ()
        self.headings: tuple[tuple[int, int], ...] = ()

    # -- content ----------------------------------------------------------------------------

    def set_document(self, document_id: str | None, text: str, spans: Sequence[ClaimSpan],
                     form: Form | None = None) -> None:
        self.document_id = document_id
        self.form = form
        self._offsets = Offsets(text)
        self._marks, self._current_mark = [], None
        self.setPlainText(text)
        self.page_starts, self.headings = (), ()
        self.set_spans(spans)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_structure(self, page_starts: Sequence[int] | None,
                      headings: Sequence[tuple[int, int]]) -> None:
        """Page breaks and headings to show (see reader_structure)."""
        self.page_starts, self.headings = tuple(page_starts or ()), tuple(headings)
        format_headings(self, self.headings, self._offsets.to_qt)
        self.viewport().update()

    def set_spans(self, spans: Sequence[ClaimSpan]) -> None:
        self.spans = list(spans)
        if self.current_claim not in {s.id for s in self.spans}:
            self.current_claim = None
        self._segments = segments([(s.start, s.end) for s in self.spans])
        self._segment_starts = [segment.start for segment in self._segments]
        self._paint()

    def set_current_claim(self, claim_id: str | None, scroll: bool = True) -> None:
        self.current_claim = claim_id
        self._paint()
        span = self.span(claim_id) if claim_id else None
        if span is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_qt(span.start))
            self.setTextCursor(cursor)
            self.centerCursor()

    def span(self, claim_id: str) -> ClaimSpan | None:
        return next((s for s in self.spans if s.id == claim_id), None)

    def _paint(self) -> None:
        palette = self.palette()
        selections = []
        for segment in self._segments:
            covering = [self.spans[i] for i in segment.claims]
            current = any(s.id == self.current_claim for s in covering)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(segment.start, segment.end)
            fmt = QTextCharFormat()
            fmt.setBackground(highlight_background(palette, [s.category for s in covering], current))
            if current or len(covering) > 1:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if current
                                      else QTextCharFormat.UnderlineStyle.DotLine)
                innermost = covering[-1]
                fmt.setUnderlineColor(underline_colour(palette, innermost.category))
            fmt.setProperty(QTextFormat.Property.UserProperty, [s.id for s in covering])
            selection.format = fmt
            selections.append(selection)
        for index, (start, end) in enumerate(self._marks):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(start, end)
            fmt = QTextCharFormat()
            fmt.setBackground(find_mark_background(palette, index == self._current_mark))
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def set_marks(self, marks: Sequence[tuple[int, int]], current: int | None) -> None:
        """Find matches to mark (offsets into the text), `current` the one gone to."""
        self._marks, self._current_mark = list(marks), current
        self._paint()

    def cursor_offset(self) -> int:
        return self._offsets.from_qt(self.textCursor().selectionStart())

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- what is where ----------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as offsets into the document's normalized text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._offsets.from_qt(cursor.selectionStart()),
                self._offsets.from_qt(cursor.selectionEnd()))

    def select_range(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor(start, end))

    def top_offset(self) -> int:
        """The offset of the first character shown."""
        return self._offsets.from_qt(self.cursorForPosition(QPoint(0, 0)).position())

    def set_top_offset(self, offset: int) -> None:
        """Scroll so that the line holding `offset` is the first shown."""
        block = self.document().findBlock(self._offsets.to_qt(offset))
        self.verticalScrollBar().setValue(block.blockNumber())

    def claims_at(self, offset: int) -> list[ClaimSpan]:
        """Claims whose passage covers the character at `offset`, outermost first."""
        index = bisect.bisect_right(self._segment_starts, offset) - 1
        if index < 0 or offset >= self._segments[index].end:
            return []
        return [self.spans[i] for i in self._segments[index].claims]

    def _offset_at(self, point) -> int:
        return self._offsets.from_qt(self.cursorForPosition(point).position())

    def claims_at_point(self, point) -> list[ClaimSpan]:
        cursor = self.cursorForPosition(point)
        # cursorForPosition gives the nearest gap between characters; look at the character
        # under the pointer, which is the one before the gap when the pointer is right of it.
        rect = self.cursorRect(cursor)
        position = cursor.position() - (1 if point.x() < rect.x() and cursor.position() else 0)
        return self.claims_at(self._offsets.from_qt(position))

    # -- events -----------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        covering = self.claims_at_point(event.position().toPoint())
        if not covering:
            return
        # Innermost first; clicking the same spot again steps out through overlapping claims.
        ordered = list(reversed(covering))
        ids = [s.id for s in ordered]
        choice = ids[0]
        if self.current_claim in ids:
            choice = ids[(ids.index(self.current_claim) + 1) % len(ids)]
        self.claimClicked.emit(choice)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            covering = self.claims_at_point(event.pos())
            if covering:
                QToolTip.showText(event.globalPos(), self._tooltip(covering), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, covering: Sequence[ClaimSpan]) -> str:
        lines = []
        for span in covering:
            kind = self._label(span.category) or "No kind yet"
            statement = html.escape(span.statement) or "<i>no statement yet</i>"
            draft = " (draft)" if not span.complete else ""
            lines.append(f"<b>{html.escape(kind)}</b>{draft}: {statement}"
                         f"<br><small>{html.escape(span.reviewer)}</small>")
        header = f"<b>{len(covering)} overlapping claims</b><br>" if len(covering) > 1 else ""
        return header + "<br>".join(lines)

    def _label(self, category: str | None) -> str:
        if not category:
            return ""
        if self.form and "category" in self.form.field_ids:
            return self.form.field("category").choice_label(category)
        return category

    def _describe_cursor(self) -> None:
        covering = self.claims_at(self._offsets.from_qt(self.textCursor().position()))
        if not covering:
            self.setAccessibleDescription(NO_CLAIM_HERE)
            return
        parts = [f"{self._label(s.category) or 'Not yet decided'} claim: "
                 f"{s.statement or 'no statement yet'}" for s in covering]
        self.setAccessibleDescription("; ".join(parts))

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_page_breaks(self, self.page_starts, self._offsets.to_qt)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()  # light/dark switch: recompute the blended colours


class ReaderPanel(QWidget):
    """The reader with a heading naming the document and how many claims it has."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("readerTitle")
        self.title.setAccessibleDescription("The title of the document being read")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("readerSubtitle")
        self.subtitle.setEnabled(False)  # the palette's muted text colour, no fixed grey
        self.view = ReaderView(self)
        self.find_bar = FindBar(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        heading = QVBoxLayout()
        heading.setContentsMargins(18, 10, 18, 6)
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        self.tools = QHBoxLayout()  # buttons beside the heading (the page view's toggle)
        row = QHBoxLayout()
        row.addLayout(heading, 1)
        row.addLayout(self.tools)
        row.setContentsMargins(0, 0, 12, 0)
        layout.addLayout(row)
        self.stack = QStackedWidget()  # the text view, and the pages of a PDF
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.find_bar)
        self.set_heading("", "")

    def set_heading(self, title: str, subtitle: str) -> None:
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
