"""Light and dark palettes, following the system's colour scheme (QStyleHints.colorScheme,
Qt 6.5+), with every text colour at least WCAG AA against its background.

The app draws with the Fusion style and one of two palettes, so contrast does not depend on
the desktop's theme: text against its background (normal, alternate rows, buttons, tool
tips, selection, links, placeholder and the muted text of disabled labels) is at least
4.5:1 as WCAG 2.1 defines the ratio (success criterion 1.4.3), checked by
tests/gui/test_theme.py (with gui/contrast.py) for both palettes and for the claim highlights drawn on them.
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

R = QPalette.ColorRole
G = QPalette.ColorGroup

# (role, active/inactive colour, disabled colour)
LIGHT = (
    (R.Window, "#f3f3f3", "#f3f3f3"), (R.WindowText, "#1c1c1c", "#5f5f5f"),
    (R.Base, "#ffffff", "#f6f6f6"), (R.AlternateBase, "#f2f4f7", "#f2f4f7"),
    (R.Text, "#1c1c1c", "#5f5f5f"), (R.PlaceholderText, "#616161", "#616161"),
    (R.Button, "#ececec", "#ececec"), (R.ButtonText, "#1c1c1c", "#5f5f5f"),
    (R.Highlight, "#1f5fbf", "#c4c4c4"), (R.HighlightedText, "#ffffff", "#1c1c1c"),
    (R.ToolTipBase, "#fffbe6", "#fffbe6"), (R.ToolTipText, "#1c1c1c", "#1c1c1c"),
    (R.Link, "#0b57c2", "#5f5f5f"), (R.LinkVisited, "#6b3fa0", "#5f5f5f"),
    (R.BrightText, "#b3261e", "#b3261e"), (R.Light, "#ffffff", "#ffffff"),
    (R.Midlight, "#e3e3e3", "#e3e3e3"), (R.Mid, "#8a8a8a", "#b9b9b9"),
    (R.Dark, "#8c8c8c", "#8c8c8c"), (R.Shadow, "#5a5a5a", "#5a5a5a"),
)
DARK = (
    (R.Window, "#202124", "#202124"), (R.WindowText, "#e8e8e8", "#a3a3a3"),
    (R.Base, "#17181a", "#1d1e20"), (R.AlternateBase, "#222427", "#222427"),
    (R.Text, "#e8e8e8", "#a3a3a3"), (R.PlaceholderText, "#a0a0a0", "#a0a0a0"),
    (R.Button, "#2c2e31", "#2c2e31"), (R.ButtonText, "#e8e8e8", "#a3a3a3"),
    (R.Highlight, "#2f66c4", "#3a3c40"), (R.HighlightedText, "#ffffff", "#e8e8e8"),
    (R.ToolTipBase, "#2c2e31", "#2c2e31"), (R.ToolTipText, "#e8e8e8", "#e8e8e8"),
    (R.Link, "#8ab4f8", "#a3a3a3"), (R.LinkVisited, "#c58af9", "#a3a3a3"),
    (R.BrightText, "#ff8a80", "#ff8a80"), (R.Light, "#3a3c40", "#3a3c40"),
    (R.Midlight, "#303236", "#303236"), (R.Mid, "#7c7f85", "#5c5f64"),
    (R.Dark, "#101113", "#101113"), (R.Shadow, "#000000", "#000000"),
)

# Text against background, for the contrast check: (text role, background role).
TEXT_PAIRS = (
    (R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button), (R.HighlightedText, R.Highlight),
    (R.ToolTipText, R.ToolTipBase), (R.PlaceholderText, R.Base), (R.Link, R.Base),
    (R.LinkVisited, R.Base), (R.WindowText, R.Base),
)


def palette(dark: bool) -> QPalette:
    result = QPalette()
    for role, colour, disabled in (DARK if dark else LIGHT):
        for group in (G.Active, G.Inactive):
            result.setColor(group, role, QColor(colour))
        result.setColor(G.Disabled, role, QColor(disabled))
    return result


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ReadableFusion(QProxyStyle):
    """Fusion, with check box and radio button outlines drawn in the palette's Mid colour:
    Fusion draws them a shade darker than the window, which vanishes on a dark palette.
    Mid is chosen at 3:1 against the base at least (WCAG 2.1, 1.4.11 non-text contrast)."""

    OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self.OUTLINED:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(option.palette.color(R.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 1.5, 1.5)
        painter.restore()


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with the light or dark palette; `dark` None follows the system, now and
    whenever it changes."""
    app.setStyle(ReadableFusion(QStyleFactory.create("Fusion")))
    app.setPalette(palette(system_is_dark() if dark is None else dark))
    if dark is None and not app.property("followsColourScheme"):
        app.setProperty("followsColourScheme", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda scheme: app.setPalette(palette(scheme == Qt.ColorScheme.Dark)))
