"""Contrast of text against its background, as WCAG 2.1 defines it (success criterion 1.4.3
and the relative luminance of sRGB colours): https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
"""

from PySide6.QtGui import QColor

AA = 4.5  # level AA for normal text


def luminance(colour: QColor) -> float:
    """Relative luminance, WCAG 2.1 (sRGB channels linearised)."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
