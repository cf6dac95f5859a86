"""Fast text blocks for the long parts of the report (the appendix's claims).

A Paragraph parses markup and measures every character each time it is wrapped; with ten
thousand claims that dominates rendering. A TextBlock takes plain runs of text (never
markup, so user text cannot act as markup), breaks them into lines with a per-word width
cache, and draws them straight on the canvas. It can split between lines across pages.
"""

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable


class Measure:
    """String widths, cached per (font, word) at 1 pt."""

    def __init__(self):
        self._cache: dict[tuple[str, str], float] = {}

    def __call__(self, text: str, font: str, size: float) -> float:
        key = (font, text)
        width = self._cache.get(key)
        if width is None:
            width = self._cache[key] = stringWidth(text, font, 1.0)
        return width * size


MEASURE = Measure()


class Run(NamedTuple):  # a tuple: blocks are built by the ten thousand
    text: str
    font: str
    size: float
    color: Color
    link: str = ""  # destination name for an internal link


class Para(NamedTuple):
    """One paragraph of a block: its runs, left indent, leading and space above it."""

    runs: tuple[Run, ...]
    indent: float = 0.0
    leading: float = 12.0
    space_before: float = 0.0
    rule: Color | None = None  # a vertical rule left of the text (quotations)
    hang: Run | None = None  # a label set in the indent of the first line ("D1-3")


Piece = tuple[float, float, str, Run]  # (x, width, text, style): text drawn in one go
# (bottom of the line measured down from the block's top, leading, indent, pieces)
Line = tuple[float, float, float, tuple[Piece, ...]]


def break_lines(para: Para, width: float) -> list[tuple[Piece, ...]]:
    """Greedy line breaking at spaces; a word wider than the line is cut by characters.

    Words of one style that follow each other on a line become one piece (one string to
    draw); a piece's x and width are known here, so drawing measures nothing. Runs that
    touch without a space ("+" then "D1-3") stay together on one line.
    """
    room = width - para.indent
    lines: list[list[list]] = [[]]  # pieces as [x, width, words, run, glued to previous]
    x, gap = 0.0, False
    cache = MEASURE._cache
    for run in scripted(para.runs):
        font, size = run.font, run.size
        space = MEASURE(" ", font, size)
        for index, word in enumerate(run.text.split(" ")):
            lead = index > 0  # a space separated this word from the previous one
            line = lines[-1]
            if not word:
                if lead and line:
                    x += space
                    gap = True
                continue
            unit = cache.get((font, word))
            w = (unit if unit is not None else MEASURE(word, font, 1.0)) * size
            glued = bool(line) and not lead and not gap
            start = x + (space if lead and line else 0.0)
            if start + w > room and line:
                carried = _glued_tail(line) if glued else []
                if glued and not line:  # the whole line is one glued chain: keep it
                    line.extend(carried)
                else:
                    shift = carried[0][0] if carried else 0.0
                    for piece in carried:
                        piece[0] -= shift
                    line = carried
                    lines.append(line)
                    x = start = (start - shift) if carried else 0.0
            if w > room:  # a single word longer than a line: cut it by characters
                edges = _char_edges(word, font, size)
                done = 0  # characters of the word already placed
                while w > room:
                    cut = max(1, bisect_right(edges, edges[done] + room - start, done + 1) - 1 - done)
                    part = edges[done + cut] - edges[done]
                    line.append([start, part, [word[done:done + cut]], run, False])
                    line = []
                    lines.append(line)
                    done, start = done + cut, 0.0
                    w = edges[-1] - edges[done]
                word = word[done:]
            last = line[-1] if line else None
            if last is not None and lead and last[3] is run:
                last[2].append(word)  # same style after a space: extend the piece
                last[1] = start + w - last[0]
            else:
                line.append([start, w, [word], run, glued and bool(line)])
            x, gap = start + w, False
    broken = [tuple((p[0], p[1], " ".join(p[2]), p[3]) for p in line) for line in lines if line]
    if any(not run.text.isascii() for run in para.runs):
        from reviewtool.report.scripts import display_lines

        return display_lines(broken, "".join(run.text for run in para.runs))
    return broken


def scripted(runs: Sequence[Run]) -> list[Run]:
    """Runs cut where a character needs a fallback font (Arabic, CJK, …; see scripts)."""
    if all(run.text.isascii() for run in runs):
        return list(runs)
    from reviewtool.report.scripts import runs as script_runs

    # in logical order: lines are broken first, then each is put in display order
    return [run._replace(text=text, font=font) for run in runs
            for text, font in script_runs(run.text, run.font, bidi=False)]


def _glued_tail(line: list[list]) -> list[list]:
    """Take off the line's last piece and the pieces it is glued to."""
    carried = [line.pop()]
    while carried[0][4] and line:
        carried.insert(0, line.pop())
    return carried


def _char_edges(word: str, font: str, size: float) -> list[float]:
    """The x of each character boundary of `word` (0 first, its width last), from cached
    character widths: cutting a word of n characters into lines is O(n log n), not the
    O(n^2) of measuring ever shorter prefixes (an unbroken note of 100,000 characters)."""
    cache = MEASURE._cache
    widths = []
    for char in word:
        unit = cache.get((font, char))
        widths.append(unit if unit is not None else MEASURE(char, font, 1.0))
    return [0.0, *(edge * size for edge in accumulate(widths))]


class TextBlock(Flowable):
    """Paragraphs laid out as one flowable; `anchor` names a destination at its top."""

    def __init__(self, paras: Sequence[Para], anchor: str = "", keep: float = 0.0):
        super().__init__()
        self.paras = list(paras)
        self.anchor = anchor
        self.keep = keep  # move whole to the next page when shorter than this
        self._lines: list[Line] = []
        self._rules: list[tuple[float, float, float, Color]] = []
        self._width = None

    def _layout(self, width: float) -> None:
        if self._width == width:
            return
        self._width = width
        self._lines, self._rules = [], []
        y = 0.0
        for para in self.paras:
            top = y + para.space_before
            y = top
            for number, pieces in enumerate(break_lines(para, width)):
                if number == 0 and para.hang is not None:
                    hang = para.hang
                    pieces = ((-para.indent, MEASURE(hang.text, hang.font, hang.size),
                               hang.text, hang),) + pieces
                y += para.leading
                self._lines.append((y, para.leading, para.indent, pieces))
            if para.rule is not None:
                self._rules.append((para.indent - 5, top, y, para.rule))
        self.height = y + 2.0

    def wrap(self, available_width, available_height):
        self._layout(available_width)
        self.width = available_width
        return available_width, self.height

    def split(self, available_width, available_height):
        self._layout(available_width)
        if self.height <= self.keep or not self._lines:
            return []
        fitting = [line for line in self._lines if line[0] + 2.0 <= available_height]
        if len(fitting) < 2 or len(self._lines) - len(fitting) < 2:
            return []
        return [_Slice(self, 0, len(fitting), self.anchor),
                _Slice(self, len(fitting), len(self._lines), "")]

    def draw(self) -> None:
        _draw(self.canv, self._lines, self._rules, self.height, self.anchor, 0.0)


class _Slice(Flowable):
    """Lines first..last of a split TextBlock."""

    def __init__(self, block: TextBlock, first: int, last: int, anchor: str):
        super().__init__()
        self.block, self.first, self.last, self.anchor = block, first, last, anchor
        lines = block._lines[first:last]
        self.offset = block._lines[first - 1][0] if first else 0.0
        self.lines = lines
        self.height = lines[-1][0] - self.offset + 2.0
        self.width = block.width

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        fitting = [n for n in range(self.first, self.last)
                   if self.block._lines[n][0] - self.offset + 2.0 <= available_height]
        if len(fitting) < 2 or self.last - self.first - len(fitting) < 2:
            return []
        middle = self.first + len(fitting)
        return [_Slice(self.block, self.first, middle, self.anchor),
                _Slice(self.block, middle, self.last, "")]

    def draw(self) -> None:
        low, high = self.offset, self.lines[-1][0]
        rules = [(x, max(top, low), min(bottom, high), color)
                 for x, top, bottom, color in self.block._rules if bottom > low and top < high]
        _draw(self.canv, self.lines, rules, self.height, self.anchor, self.offset)


def _draw(canv, lines: list[Line], rules, height: float, anchor: str, offset: float) -> None:
    if anchor:
        canv.bookmarkHorizontal(anchor, 0, height)
    for x, top, bottom, color in rules:
        canv.setStrokeColor(color)
        canv.setLineWidth(1.6)
        canv.line(x, height - (top - offset) - 1, x, height - (bottom - offset) + 1)
    writer = RawText(canv)
    links = []
    for drop, leading, indent, pieces in lines:
        bottom = height - (drop - offset)
        cursor = None  # where the text cursor stands on this line
        baseline = bottom + leading * 0.29  # one baseline for every size on the line
        for x, width, text, run in pieces:
            start = indent + x
            writer.style(run.font, run.size, run.color)
            # Few positioning operators: a gap of one space is written as a space.
            if cursor is not None and abs(cursor + MEASURE(" ", run.font, run.size) - start) < 0.01:
                writer.text(" " + text)
            else:
                writer.move(start, baseline)
                writer.text(text)
            cursor = start + width
            if run.link:
                links.append((run.link, (start, baseline - run.size * 0.2, start + width,
                                         baseline + run.size * 0.85)))
    writer.close()
    for link, rect in links:
        canv.linkRect("", link, rect, relative=1, thickness=0)


class RawText:
    """Text operators written straight into the canvas's page stream.

    reportlab's text object measures every string it writes (to track its cursor) and
    formats each number with a slow general routine; we know every position already. Fonts
    still go through reportlab's subsetting (splitString), so they are embedded as usual.
    The operators sit inside q ... Q, so the canvas's own graphics state stays valid.
    """

    _colors: dict[int, str] = {}

    def __init__(self, canv):
        self.canv = canv
        # Encoded strings per document: subset codes are assigned per document.
        self.encoded = canv.__dict__.setdefault("_raw_text_encoded", {})
        self.ops = ["q BT"]
        self.font = None  # (name, size, subset) in force
        self.color = None
        self.name = None
        self.size = 0.0

    def style(self, font: str, size: float, color: Color) -> None:
        self.name, self.size = font, size
        if color is not self.color:  # colours are shared constants: identity is enough
            code = self._colors.get(id(color))
            if code is None:
                r, g, b = color.rgb()
                code = self._colors[id(color)] = f"{r:.3f} {g:.3f} {b:.3f} rg"
            self.ops.append(code)
            self.color = color

    def move(self, x: float, y: float) -> None:
        self.ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")

    def text(self, text: str) -> None:
        key = (self.name, text)
        chunks = self.encoded.get(key)
        if chunks is None:
            font, doc = getFont(self.name), self.canv._doc
            chunks = tuple((subset, font.getSubsetInternalName(subset, doc),
                            f"({_escape(chunk)}) Tj")
                           for subset, chunk in font.splitString(text, doc))
            if len(text) <= 40:  # labels and short values recur; long text rarely does
                self.encoded[key] = chunks
        for subset, name, shown in chunks:
            current = (self.name, self.size, subset)
            if current != self.font:
                self.ops.append(f"{name} {self.size:.2f} Tf")
                self.font = current
            self.ops.append(shown)

    def close(self) -> None:
        self.ops.append("ET Q")
        self.canv._code.append(" ".join(self.ops))


# PDF string escapes for subset-encoded bytes, as reportlab's escapePDF writes them.
_ESCAPES = {c: (f"\\{c:03o}" if c < 32 or c >= 127 else
                "\\" + chr(c) if chr(c) in "\\()" else chr(c)) for c in range(256)}


def _escape(chunk: bytes | str) -> str:
    text = chunk.decode("latin-1") if isinstance(chunk, bytes) else chunk
    return text.translate(_ESCAPES)
