"""Category colours and how overlapping claim passages are cut into highlight segments.

The category colours are the only fixed colours in the app. They are never painted as they
are: each is mixed into the palette's base colour, more strongly on dark palettes, so the
text keeps the palette's own text colour and stays readable in light and dark themes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap

from reviewtool.gui.contrast import AA, contrast

CATEGORY_COLOURS = {
    "risk": QColor("#e0484d"),
    "benefit": QColor("#2fa567"),
    "open_question": QColor("#e7a614"),
    "mechanism": QColor("#3a7fd9"),
    "other": QColor("#9a6fcf"),
}
UNCATEGORIZED = QColor("#8a8f98")


def category_colour(category: str | None) -> QColor:
    return QColor(CATEGORY_COLOURS.get(category or "", UNCATEGORIZED))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(base: QColor, colour: QColor, amount: float) -> QColor:
    """`colour` laid over `base` at `amount` (0-1) opacity."""
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )


def average(colours: Sequence[QColor]) -> QColor:
    n = len(colours) or 1
    return QColor.fromRgbF(sum(c.redF() for c in colours) / n,
                           sum(c.greenF() for c in colours) / n,
                           sum(c.blueF() for c in colours) / n)


FIND_MARK = QColor("#ffd21f")  # find matches: a marker-pen yellow, unlike every category


def find_mark_background(palette: QPalette, current: bool = False) -> QColor:
    """The background of a find match (stronger for the one gone to)."""
    amount = (0.55 if current else 0.35) if is_dark(palette) else (0.85 if current else 0.5)
    return readable(palette, FIND_MARK, amount)


def readable(palette: QPalette, colour: QColor, amount: float) -> QColor:
    """`colour` mixed into the palette's base at `amount`, or less: as much as keeps the
    palette's text at WCAG AA contrast on it."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    mixed = mix(base, colour, amount)
    while amount > 0 and contrast(text, mixed) < AA:
        amount = max(amount - 0.02, 0.0)
        mixed = mix(base, colour, amount)
    return mixed


def highlight_background(palette: QPalette, categories: Sequence[str | None],
                         current: bool = False) -> QColor:
    """The background for text covered by claims of these categories."""
    amount = 0.42 if is_dark(palette) else 0.26
    if len(categories) > 1:
        amount += 0.10  # overlaps read as a deeper shade of the blend
    if current:
        amount += 0.22
    return readable(palette, average([category_colour(c) for c in categories]), min(amount, 0.85))


def underline_colour(palette: QPalette, category: str | None) -> QColor:
    """A stronger shade of the category colour for underlines and swatches."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, category_colour(category), 0.9 if is_dark(palette) else 0.85)


def error_colour(palette: QPalette) -> QColor:
    """Inline validation messages: the risk red, adjusted to read on this palette's window."""
    window = palette.color(QPalette.ColorRole.Window)
    red = CATEGORY_COLOURS["risk"]
    return red.lighter(135) if window.lightness() < 128 else red.darker(125)


def swatch(category: str | None, size: int = 12) -> QIcon:
    """A small rounded square in the category colour (legends, table rows, menus)."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays sharp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(category_colour(category))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    claims: tuple[int, ...]  # indexes into the spans given, outermost first


def segments(spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Cut possibly overlapping [start, end) spans into disjoint pieces, each listing every
    span that covers it. Sweep over the span boundaries: O(n log n + pieces × depth)."""
    points = sorted({p for start, end in spans if end > start for p in (start, end)})
    if not points:
        return []
    starting: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(spans):
        if end > start:
            starting.setdefault(start, []).append(index)
    active: list[int] = []
    result: list[Segment] = []
    for left, right in pairwise(points):
        active = [i for i in active if spans[i][1] > left]
        active.extend(starting.get(left, ()))
        if active:
            ordered = sorted(active, key=lambda i: (spans[i][0], -spans[i][1], i))
            result.append(Segment(left, right, tuple(ordered)))
    return result
