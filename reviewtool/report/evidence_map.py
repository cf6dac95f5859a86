"""The evidence map: findings (rows) by documents (columns), each cell coloured by the
document's stance, drawn as vector graphics on the canvas. Large maps are cut into
page-sized pieces, each with its column headings; many documents are spread over several
column bands."""

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reviewtool.core.synthesis.report_data import SECTION_TITLES
from reviewtool.core.synthesis.report_model import EvidenceMap, MapRow
from reviewtool.report.markup import escape
from reviewtool.report.styles import (
    CELL_FONT,
    HAIRLINE,
    INK,
    MUTED,
    NO_STANCE_FILL,
    STANCE_FILL,
    STANCE_INK,
    STANCE_SYMBOL,
    Styles,
)
from reviewtool.report.textblock import MEASURE, RawText

MAX_CELL, MIN_CELL = 9 * mm, 5 * mm


def evidence_map(data: EvidenceMap, styles: Styles, width: float, height: float,
                 sections: tuple[str, ...]) -> list[Flowable]:
    """The map's key, then its drawings (one per page-sized piece)."""
    rows = [r for r in data.rows if r.section in sections]
    if not rows or not data.documents:
        return [Paragraph("No findings group claims yet, so there is nothing to map.",
                          styles.body)]
    cell = max(MIN_CELL, min(MAX_CELL, (width * 0.55) / len(data.documents)))
    label_width = min(width - cell * len(data.documents), 95 * mm) if cell > MIN_CELL \
        else width * 0.45
    per_band = max(1, int((width - label_width) // cell))
    two_lines = cell >= 6 * mm
    row_height = 7.4 * mm if two_lines else 5 * mm
    header = 7 * mm if cell >= 7 * mm else 9 * mm
    per_piece = max(4, int((height - header - 20 * mm) // row_height))
    flowables: list[Flowable] = [key(styles, width), Spacer(1, 1.5 * mm)]
    labels: dict = {}
    for start in range(0, len(data.documents), per_band):
        columns = list(range(start, min(start + per_band, len(data.documents))))
        items = _with_section_rows(rows)
        for first in range(0, len(items), per_piece):
            flowables.append(MapPiece(items[first:first + per_piece], data.documents, columns,
                                      styles, label_width, cell, row_height, header,
                                      two_lines, labels))
            flowables.append(Spacer(1, 3 * mm))
    return flowables


def _with_section_rows(rows: list[MapRow]) -> list[MapRow | str]:
    items: list[MapRow | str] = []
    for row in rows:
        if not items or (isinstance(items[-1], MapRow) and items[-1].section != row.section):
            items.append(SECTION_TITLES.get(row.section, row.section))
        items.append(row)
    return items


class MapPiece(Flowable):
    """One page-sized piece of the map, drawn with canvas operations (vector graphics).

    A Drawing of shapes would work too, but with thousands of cells its renderer is slow.
    """

    def __init__(self, items, documents, columns, styles: Styles, label_width, cell,
                 row_height, header, two_lines, labels: dict):
        super().__init__()
        self.labels = labels  # label lines, shared by the pieces of one map
        self.items, self.documents, self.columns = items, documents, columns
        self.font, self.bold = styles.sans, f"{styles.sans}-Bold"
        self.size = 7.2 if two_lines else 6.4
        self.section_height = 5.2 * mm
        self.label_width, self.cell, self.row_height = label_width, cell, row_height
        self.header, self.lines = header, 2 if two_lines else 1
        self.height = header + sum(self.section_height if isinstance(i, str) else row_height
                                   for i in items)
        self.width = label_width + cell * len(columns)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        # Raw operators, cells grouped by colour: a large map has tens of thousands of cells.
        c, size, cell = self.canv, self.size, self.cell
        text = RawText(c)
        y = self.height - self.header
        text.style(self.bold, size, INK)
        turned = []
        for n, index in enumerate(self.columns):
            x = self.label_width + n * cell + cell / 2
            ref = self.documents[index]
            width = MEASURE(ref, self.bold, size)
            if width < cell - 1:
                text.move(x - width / 2, y + 2 * mm)
                text.text(ref)
            else:
                turned.append((x + size / 3, y + 1.2 * mm, ref))
        cells: dict[str | None, list[str]] = {}
        symbols = []
        pad = 0.5 if cell < 6 * mm else 0.8
        for item in self.items:
            if isinstance(item, str):
                y -= self.section_height
                text.style(self.bold, size * 0.92, MUTED)
                text.move(0, y + 1.5 * mm)
                text.text(item.upper())
                continue
            y -= self.row_height
            self._label(text, item, y)
            for n, index in enumerate(self.columns):
                stance = item.cells[index]
                x = self.label_width + n * cell
                cells.setdefault(stance, []).append(
                    f"{x + pad:.2f} {y + pad:.2f} {cell - 2 * pad:.2f} "
                    f"{self.row_height - 2 * pad:.2f} re")
                if stance:
                    symbols.append((stance, x + cell / 2, y + self.row_height / 2 - size * 0.45))
        ops = ["q 0.4 w", _stroke(HAIRLINE)]
        for stance, rects in cells.items():
            ops.append(_fill(STANCE_FILL.get(stance, NO_STANCE_FILL)))
            ops.append(" ".join(rects))
            ops.append("f" if stance else "B")
        ops += [_stroke(INK), "0.8 w", f"0 {self.height - self.header:.2f} m "
                f"{self.width:.2f} {self.height - self.header:.2f} l S",
                f"0 0 m {self.width:.2f} 0 l S", "Q"]
        c._code.append(" ".join(ops))
        for stance, x, baseline in symbols:
            symbol = STANCE_SYMBOL[stance]
            text.style(self.bold, size * 1.25, SYMBOL_INK[stance])
            text.move(x - MEASURE(symbol, self.bold, size * 1.25) / 2, baseline)
            text.text(symbol)
        text.close()
        for x, y0, ref in turned:  # too narrow: the reference written upwards
            c.saveState()
            c.translate(x, y0)
            c.rotate(90)
            c.setFont(self.bold, size)
            c.setFillColor(INK)
            c.drawString(0, 0, ref)
            c.restoreState()

    def _label(self, text: RawText, item: MapRow, y: float) -> None:
        size = self.size
        room = self.label_width - 12 * mm
        key = (item.number, room, self.lines)
        lines = self.labels.get(key)
        if lines is None:  # the same rows come back in every band of columns
            lines = self.labels[key] = _split(item.statement, self.font, size, room, self.lines)
        leading = size * 1.2
        top = y + self.row_height / 2 + (len(lines) - 1) * leading / 2 - size * 0.35
        text.style(self.bold, size, INK)
        text.move(0, top)
        text.text(item.number)
        text.style(self.font, size, INK)
        for i, line in enumerate(lines):
            text.move(9 * mm, top - i * leading)
            text.text(line)


def _fill(color) -> str:
    r, g, b = color.rgb()
    return f"{r:.3f} {g:.3f} {b:.3f} rg"


def _stroke(color) -> str:
    r, g, b = color.rgb()
    return f"{r:.3f} {g:.3f} {b:.3f} RG"


SYMBOL_INK = {stance: colors.HexColor(ink) for stance, ink in STANCE_INK.items()}


def _split(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Words into at most `most` lines of `width`; the last one cut with an ellipsis."""
    space = MEASURE(" ", font, size)
    lines, line, used = [], [], 0.0
    for word in text.split():
        w = MEASURE(word, font, size)
        if line and used + space + w > width:
            lines.append(" ".join(line))
            line, used = [word], w
        else:
            used += (space if line else 0.0) + w
            line.append(word)
    if line:
        lines.append(" ".join(line))
    if len(lines) > most:
        lines = lines[:most - 1] + [" ".join(lines[most - 1:])]
    if lines and MEASURE(lines[-1], font, size) > width:
        lines[-1] = _ellipsis(lines[-1], font, size, width)
    return lines or [""]


def _ellipsis(text: str, font: str, size: float, width: float) -> str:
    while text and MEASURE(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def key(styles: Styles, width: float) -> Table:
    """The map's key: one swatch per stance and the empty cell."""
    cells, widths = [], []
    entries = [(s, f"document {s} the finding") for s in STANCE_SYMBOL] + [
        (None, "no claim of the document is grouped under it")]
    for stance, text in entries:
        swatch = Drawing(5 * mm, 4 * mm, initialFontName=styles.sans, initialFontSize=8)
        swatch.add(Rect(0, 0, 5 * mm, 4 * mm, fillColor=STANCE_FILL.get(stance, NO_STANCE_FILL),
                        strokeColor=HAIRLINE if stance is None else None, strokeWidth=0.4))
        if stance:
            swatch.add(String(2.5 * mm, 1.1 * mm, STANCE_SYMBOL[stance],
                              fontName=f"{styles.sans}-Bold", fontSize=8,
                              fillColor=colors.HexColor(STANCE_INK[stance]), textAnchor="middle"))
        cells += [swatch, Paragraph(escape(text), styles.cell_small)]
        widths += [6.5 * mm, None]
    n = len(entries)
    table = Table([cells], colWidths=[w if w else (width - n * 6.5 * mm) / n for w in widths],
                  hAlign="LEFT",
                  style=TableStyle([CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return table
