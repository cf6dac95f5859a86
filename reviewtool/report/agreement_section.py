"""The report's agreement section, in two parts as the methods separate them: finding the same
passages (unitizing), then coding the passages found (classification, per field), then how
the main statistics move with the pairing threshold."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from reviewtool.core.synthesis.report_model import AgreementTable, Stat
from reviewtool.core.wording import counted, joined
from reviewtool.report.markup import escape
from reviewtool.report.pages import headed
from reviewtool.report.styles import BAND, MUTED, Styles, hex_colour
from reviewtool.report.tables import table_style

MARKS = "abcdefghijklmnopqrstuvwxyz"


class Notes:
    """Footnotes shared by the section's tables: why a value or an interval is missing."""

    def __init__(self):
        self.items: list[str] = []

    def mark(self, note: str) -> str:
        if note not in self.items:
            self.items.append(note)
        return MARKS[self.items.index(note) % 26]

    def caption(self) -> str:
        return "".join(f" <super>{MARKS[n % 26]}</super>{escape(_sentence(note))}."
                       for n, note in enumerate(self.items))


def _sentence(note: str) -> str:
    note = note.removeprefix("no interval: ")
    return note[:1].upper() + note[1:]


def stat_cell(stat: Stat | None, styles: Styles, notes: Notes) -> Paragraph:
    """The value in bold with its interval beneath in small type; a footnote mark where the
    value or the interval is withheld, saying why."""
    muted = hex_colour(MUTED)
    if stat is None:
        return Paragraph(f'<font color="{muted}">–</font>', styles.cell)
    if stat.value is None:
        return Paragraph(f'<font color="{muted}">undefined<super>{notes.mark(stat.note)}</super>'
                         "</font>", styles.cell)
    text = f"<b>{stat.value:.2f}</b>"
    small = f'<font size="{styles.cell_small.fontSize}" color="{muted}">'
    if stat.low is not None and stat.high is not None:
        text += f"<br/>{small}{stat.low:.2f} to {stat.high:.2f}</font>"
    else:
        text += f"<br/>{small}no interval<super>{notes.mark(stat.note)}</super></font>"
    return Paragraph(text, styles.cell)


def agreement(table: AgreementTable, styles: Styles, width: float) -> list[Flowable]:
    if len(table.reviewers) < 2 or not table.rows:
        return [Paragraph("Agreement cannot be measured: no document was extracted by two or "
                          "more reviewers.", styles.body)]
    notes = Notes()
    story: list[Flowable] = [Paragraph(
        f"Reviewers compared: {escape(joined(table.reviewers))}. "
        f"{counted(table.documents, 'document')} were extracted by two or more reviewers, "
        f"giving {counted(table.units, 'passage')} flagged as a claim by someone: "
        f"{table.matched:,} found by every reviewer of the document, {table.missed:,} missed "
        f"by at least one. Pairing: {escape(table.rule)}.", styles.body)]
    story += _unitizing(table, styles, width, notes)
    story += _classification(table, styles, width, notes)
    story += _robustness(table, styles, width)
    if notes.items:
        story.append(Paragraph("Notes:" + notes.caption(), styles.caption))
    return story


def _unitizing(table: AgreementTable, styles: Styles, width: float, notes: Notes) -> list:
    story = headed(Paragraph("Finding the same passages", styles.h3))
    header = [Paragraph(h, styles.header) for h in ("Statistic", "Value (95% CI)", "Unit")]
    rows = [header]
    for stat, unit in ((table.specific, "a passage any reviewer quoted as a claim"),
                       (table.u_alpha, "the documents' characters, documents resampled")):
        if stat is not None:
            rows.append([Paragraph(escape(stat.name[:1].upper() + stat.name[1:]), styles.cell),
                         stat_cell(stat, styles, notes), Paragraph(escape(unit), styles.cell)])
    story.append(Table(rows, colWidths=[55 * mm, 32 * mm, None], hAlign="LEFT",
                       style=table_style()))
    caption = ("Positive specific agreement: of the times a reviewer quoted a passage, the "
               "share in which another reviewer of the document quoted it too. Krippendorff's "
               "unitizing alpha compares where each reviewer's quotes begin and end along the "
               "text, corrected for chance; 1 is identical quoting. A claim one reviewer missed "
               "counts here and not in the fields below.")
    if table.unitizing_note:
        caption += f" {escape(_sentence(table.unitizing_note))}."
    story.append(Paragraph(caption, styles.caption))
    return story


def _classification(table: AgreementTable, styles: Styles, width: float, notes: Notes) -> list:
    story = headed(Paragraph("Coding the passages found", styles.h3))
    kappas = {row.kappa.name.split("'")[0] for row in table.rows if row.kappa}
    kappa = f"{kappas.pop()}'s kappa" if len(kappas) == 1 else "Kappa"
    header = [Paragraph(h, styles.header) for h in
              ("Field", "Units", "Percent agreement", kappa, "Krippen-<br/>dorff's alpha",
               "Gwet's AC1", "PABAK")]
    rows, extra, units = [header], [], []
    group, common = None, ""
    muted = hex_colour(MUTED)
    for row in table.rows:
        if row.form != group:
            group = row.form
            common = max({r.unit for r in table.rows if r.form == group},
                         key=lambda u: sum(r.unit == u for r in table.rows if r.form == group))
            rows.append([Paragraph(
                f"<b>{escape(group.capitalize())} form</b>&nbsp;&nbsp;<font color=\"{muted}\">"
                f"unit: {escape(common)}</font>", styles.cell)] + [""] * 6)
            extra += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                      ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BAND)]
        label = escape(row.label) + (f' <font color="{muted}">(ordinal)</font>'
                                     if row.level == "ordinal" else "")
        if row.unit != common:
            units.append(row.unit)
            label += f"<super>{len(units)}</super>"
        rows.append([Paragraph(label, styles.cell), Paragraph(f"{row.n_units:,}", styles.cell)]
                    + [stat_cell(s, styles, notes)
                       for s in (row.percent, row.kappa, row.alpha, row.ac1, row.pabak)])
    stat_width = 22 * mm
    story.append(Table(rows, colWidths=[None, 11 * mm] + [stat_width] * 5,
                       repeatRows=1, hAlign="LEFT", style=table_style(extra)))
    caption = ("Each field is compared only on passages two or more reviewers quoted; a "
               "reviewer who did not quote a passage is missing data there, never a category. "
               "Values with their 95% confidence interval beneath. Kappa is Cohen's for two "
               "reviewers (quadratic weights for ordinal fields) and Fleiss' for more; alpha is "
               "ordinal for ordinal fields and nominal otherwise. Gwet's AC1 and PABAK stay "
               "near the percent agreement when one category dominates, where kappa can be low "
               "despite high agreement; read them beside kappa, not instead of it.")
    for n, unit in enumerate(units, start=1):
        caption += f" <super>{n}</super>Unit: {escape(unit)}."
    story.append(Paragraph(caption, styles.caption))
    return story


def _robustness(table: AgreementTable, styles: Styles, width: float) -> list:
    if not table.robustness:
        return []
    heading = Paragraph("Robustness to the pairing threshold", styles.h3)
    labels = [label for label, _ in table.robustness[0].fields]
    header = [Paragraph(h, styles.header) for h in
              ["Minimum overlap", "Passages", "Found by all", "Specific agreement"]
              + [f"{escape(label)}: kappa" for label in labels]]
    rows = [header]
    for r in table.robustness:
        rows.append([Paragraph(f"{r.min_overlap:.0%}", styles.cell),
                     Paragraph(f"{r.units:,}", styles.cell),
                     Paragraph(f"{r.matched:,}", styles.cell),
                     Paragraph(_number(r.specific), styles.cell)]
                    + [Paragraph(_number(value), styles.cell) for _, value in r.fields])
    caption = Paragraph(
        "The same statistics (point values) with claims paired at other overlap thresholds; "
        "values that barely move show the results do not hinge on the threshold.",
        styles.caption)
    return [KeepTogether([heading, Table(rows, hAlign="LEFT", style=table_style()), caption])]


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
