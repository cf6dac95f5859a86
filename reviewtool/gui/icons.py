"""Icons: the desktop theme's where it has one, Qt's built-in standard icons otherwise."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

# action icon name -> (freedesktop theme icon, fallback standard pixmap)
_ICONS = {
    "new": ("document-new", QStyle.StandardPixmap.SP_FileIcon),
    "open": ("document-open", QStyle.StandardPixmap.SP_DialogOpenButton),
    "import": ("document-import", QStyle.StandardPixmap.SP_FileDialogNewFolder),
    "close": ("document-close", QStyle.StandardPixmap.SP_DialogCloseButton),
    "undo": ("edit-undo", QStyle.StandardPixmap.SP_ArrowBack),
    "redo": ("edit-redo", QStyle.StandardPixmap.SP_ArrowForward),
    "delete": ("edit-delete", QStyle.StandardPixmap.SP_TrashIcon),
    "claim": ("list-add", QStyle.StandardPixmap.SP_FileDialogDetailedView),
    "next": ("go-down", QStyle.StandardPixmap.SP_ArrowDown),
    "previous": ("go-up", QStyle.StandardPixmap.SP_ArrowUp),
    "find": ("edit-find", QStyle.StandardPixmap.SP_FileDialogContentsView),
    "help": ("help-contents", QStyle.StandardPixmap.SP_DialogHelpButton),
    "quit": ("application-exit", QStyle.StandardPixmap.SP_DialogCloseButton),
}


def icon(name: str) -> QIcon:
    theme, fallback = _ICONS.get(name, ("", QStyle.StandardPixmap.SP_FileIcon))
    if theme and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    return QApplication.style().standardIcon(fallback)


def app_icon() -> QIcon:
    """A drawn icon (no image files to ship): a page with three coloured marks."""
    result = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        result.addPixmap(draw_app_icon(size))
    return result


def draw_app_icon(size: int) -> QPixmap:
    """The app icon at `size` pixels (packaging/icons.py saves these for the installers)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f4f1ea"))
    painter.drawRoundedRect(QRectF(2 * s, 1 * s, 12 * s, 14 * s), 1.5 * s, 1.5 * s)
    for row, colour in enumerate(("#e0484d", "#2fa567", "#e7a614")):
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(4 * s, (4 + 3.5 * row) * s, 8 * s, 2 * s), s, s)
    painter.end()
    return pixmap


def bold(font: QFont) -> QFont:
    font = QFont(font)
    font.setBold(True)
    return font
