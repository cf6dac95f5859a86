"""The cells of a summary table row, as TextBlocks (plain runs, laid out without markup).

A review with hundreds of findings has thousands of cells and links; Paragraphs would parse
markup for each of them.
"""

from reportlab.lib import colors
from reportlab.platypus import Flowable

from reviewtool.core.synthesis.report_model import SummaryRow
from reviewtool.core.wording import counted
from reviewtool.report.markup import one_line
from reviewtool.report.styles import (
    ACCENT,
    ALERT,
    CONSISTENCY_TEXT,
    INK,
    LINK,
    MUTED,
    STANCE_INK,
    STANCE_SYMBOL,
    Styles,
)
from reviewtool.report.textblock import Para, Run, TextBlock

LINK_COLOR = colors.HexColor(LINK)
SHOWN_UNSETTLED = 2  # a row with more unsettled items counts them instead of spelling them out
SYMBOL_INK = {stance: colors.HexColor(ink) for stance, ink in STANCE_INK.items()}


class CertaintyDots(Flowable):
    """GRADE-style certainty: one circle per level of the scale, `level` of them filled."""

    def __init__(self, level: int, scale: int, size: float):
        super().__init__()
        self.level, self.scale, self.size = level, scale, size
        self.width, self.height = scale * size * 1.35, size

    def wrap(self, available_width, available_height):
        return self.width, self.height + 1.5

    def draw(self) -> None:
        r = self.size / 2
        self.canv.setLineWidth(0.7)
        self.canv.setStrokeColor(ACCENT)
        for i in range(self.scale):
            self.canv.setFillColor(ACCENT if i < self.level else colors.white)
            self.canv.circle(r + i * self.size * 1.35, r + 1.5, r - 0.4, stroke=1, fill=1)


class Cells:
    """Builds the cells of summary rows in the sizes of one stylesheet."""

    def __init__(self, styles: Styles, scale: int, anchors: frozenset[str]):
        self.styles, self.scale, self.anchors = styles, scale, anchors
        self.sans, self.bold = styles.sans, f"{styles.sans}-Bold"
        self.size, self.leading = styles.cell.fontSize, styles.cell.leading
        self.small, self.small_leading = styles.cell_small.fontSize, styles.cell_small.leading

    def _para(self, *runs: Run, small: bool = False, space: float = 0.0) -> Para:
        return Para(tuple(runs), 0, self.small_leading if small else self.leading, space)

    def _run(self, text: str, color=INK, *, bold: bool = False, small: bool = False,
             link: str = "") -> Run:
        return Run(text, self.bold if bold else self.sans, self.small if small else self.size,
                   color, link)

    def cell(self, column: str, row: SummaryRow, section: str):
        return getattr(self, column)(row, section)

    def number(self, row: SummaryRow, section: str) -> TextBlock:
        return TextBlock([self._para(self._run(row.number, bold=True))], row.anchor)

    def statement(self, row: SummaryRow, section: str) -> TextBlock:
        paras = [self._para(self._run(one_line(row.statement)))]
        notes = []
        if section == "other" and row.category:
            notes.append(row.category)
        if row.kind == "claim":
            notes.append("single claim, not grouped under a finding")
        both = [ref for ref, stance in row.documents if stance == "supports and contradicts"]
        if both:  # why the row is contradictory even where no other document disagrees
            notes.append(f"{', '.join(both)} both supports and contradicts it")
        if row.consensus:
            notes.append(f"includes {counted(row.consensus, 'consensus claim')}")
        if notes:
            paras.append(self._para(self._run("; ".join(notes), MUTED, small=True), small=True,
                                    space=1))
        if row.flags:
            paras.append(self._para(self._run("Not settled: " + "; ".join(row.flags), ALERT,
                                              bold=True, small=True), small=True, space=1))
        if len(row.unsettled) <= SHOWN_UNSETTLED:
            for item in row.unsettled:
                paras.append(self._para(self._run("Unsettled: ", ALERT, bold=True, small=True),
                                        self._run(one_line(item), ALERT, small=True),
                                        small=True, space=1))
        else:  # a row must fit on a page; every item is listed under Unresolved items
            where = ("under Unresolved items" if "sec-problems" in self.anchors
                     else "by 'reviewtool conflicts'")  # a layout without that section
            paras.append(self._para(self._run(
                f"Unsettled: {len(row.unsettled)} items (passages not reconciled or judgements "
                f"in conflict), listed {where}", ALERT, bold=True, small=True),
                small=True, space=1))
        return TextBlock(paras)

    def sources(self, row: SummaryRow, section: str) -> TextBlock:
        """"D1: +3 –7; D2: +1": per document, each claim's stance sign and number, a link to
        its quote (claim 3 of D1 is D1-3 in the appendix)."""
        runs, document = [], None
        for claim in row.claims:
            if claim.document != document:
                if document is not None:
                    runs.append(self._run("; "))
                runs.append(self._run(f"{claim.document}:\u00a0"))  # kept with its first claim
                document = claim.document
            else:
                runs.append(self._run(" "))
            if claim.stance:
                runs.append(self._run(STANCE_SYMBOL[claim.stance], SYMBOL_INK[claim.stance]))
            target = claim.anchor if claim.anchor in self.anchors else ""
            number = claim.ref.rpartition("-")[2]
            runs.append(self._run(number, LINK_COLOR if target else INK, link=target))
        return TextBlock([self._para(*runs)])

    def consistency(self, row: SummaryRow, section: str) -> TextBlock:
        return TextBlock([self._para(self._run(CONSISTENCY_TEXT[row.consistency]))])

    def evidence(self, row: SummaryRow, section: str) -> TextBlock:
        run = self._run(row.evidence) if row.evidence else self._run("not recorded", MUTED)
        return TextBlock([self._para(run)])

    def certainty(self, row: SummaryRow, section: str):
        """The judged level (dots, label and footnote mark), or why there is none; beneath
        it what the claims' ratings propose."""
        if row.certainty_level:
            first = [self._run(row.certainty)]
        else:
            ink = ALERT if row.certainty_missing == "unsettled" else MUTED
            first = [self._run(row.certainty_missing, ink, bold=ink is ALERT)]
        if row.footnote:
            first.append(self._run(f" {row.footnote}", ACCENT, bold=True, small=True))
        paras = [self._para(*first)]
        if row.proposal:
            paras.append(self._para(self._run(row.proposal, MUTED, small=True), small=True,
                                    space=1))
        if row.proposal_hint:
            paras.append(self._para(self._run(row.proposal_hint, ALERT, small=True),
                                    small=True, space=1))
        if not row.certainty_level:
            return TextBlock(paras)
        return [CertaintyDots(row.certainty_level, self.scale, self.size * 0.78),
                TextBlock(paras)]

    def agreement(self, row: SummaryRow, section: str) -> TextBlock:
        a = row.agreement
        if a.status == "single reviewer":
            return TextBlock([self._para(self._run("one reviewer", MUTED))])
        paras = [self._para(self._run("Agreed" if a.status == "agreed" else "Partial",
                                      bold=True))]
        for name, (agreed, total) in (("extracted", a.extracted), ("category", a.category),
                                      ("certainty", a.certainty)):
            if total == 0:
                paras.append(self._para(self._run(f"{name} –", MUTED)))
            elif agreed == total:
                paras.append(self._para(self._run(f"{name} {agreed}/{total}", MUTED)))
            else:
                paras.append(self._para(self._run(f"{name} "),
                                        self._run(f"{agreed}/{total}", bold=True)))
        return TextBlock(paras)
