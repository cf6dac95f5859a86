"""The text view's structure: headings set in bold, and a rule with the page number where
each page of a PDF begins. Neither changes the text (quotes count its characters): headings
are a character format, page breaks are painted over the view."""

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit


def format_headings(view: QPlainTextEdit, headings: Sequence[tuple[int, int]], to_qt) -> None:
    """Set the headings in bold, a size larger, in the link colour. The format goes into the
    read-only document itself (extra selections cannot change the weight or size)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontPointSize(view.font().pointSizeF() * 1.15)
    fmt.setForeground(view.palette().color(QPalette.ColorRole.Link))
    document = view.document()
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)
    for start, end in headings:
        cursor = QTextCursor(document)
        cursor.setPosition(to_qt(start))
        cursor.setPosition(to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    document.setUndoRedoEnabled(undo)


def paint_page_breaks(view: QPlainTextEdit, page_starts: Sequence[int], to_qt) -> None:
    """A dashed rule above the first line of every page after the first, "Page N" at its end."""
    if not page_starts or len(page_starts) < 2:
        return
    painter = QPainter(view.viewport())
    colour = view.palette().color(QPalette.ColorRole.PlaceholderText)
    painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 0.8)
    painter.setFont(font)
    offset = view.contentOffset()
    height = view.viewport().height()
    right = view.viewport().width() - 8
    for number, start in enumerate(page_starts[1:], start=2):
        block = view.document().findBlock(to_qt(start))
        if not block.isValid():
            continue
        top = view.blockBoundingGeometry(block).translated(offset).top()
        if top < -20 or top > height:
            continue
        y = top - 4
        painter.drawLine(QPointF(8, y), QPointF(right - 60, y))
        painter.drawText(QPointF(right - 52, y + 4), f"Page {number}")
    painter.end()
