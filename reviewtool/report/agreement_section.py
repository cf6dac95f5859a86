"""The report's agreement section: per field, percent agreement, kappa and Krippendorff's
alpha with their 95% intervals, grouped by form, with the unit of analysis stated."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from reviewtool.core.synthesis.report_model import AgreementTable, Stat
from reviewtool.core.wording import counted, joined
from reviewtool.report.markup import escape
from reviewtool.report.styles import BAND, MUTED, Styles, hex_colour
from reviewtool.report.tables import table_style


def _stat(stat: Stat | None, styles: Styles, notes: list[str]) -> Paragraph:
    muted = hex_colour(MUTED)
    if stat is None:
        return Paragraph(f'<font color="{muted}">–</font>', styles.cell)
    if stat.value is None:
        if stat.note not in notes:
            notes.append(stat.note)
        mark = "abcdefghijklmnopqrstuvwxyz"[notes.index(stat.note) % 26]
        return Paragraph(f'<font color="{muted}">undefined<super>{mark}</super></font>',
                         styles.cell)
    text = f"<b>{stat.value:.2f}</b>"
    if stat.low is not None:
        text += (f'&nbsp;&nbsp;<font size="{styles.cell_small.fontSize}" color="{muted}">'
                 f"{stat.low:.2f} to {stat.high:.2f}</font>")
    return Paragraph(text, styles.cell)


def agreement(table: AgreementTable, styles: Styles, width: float) -> list[Flowable]:
    if len(table.reviewers) < 2 or not table.rows:
        return [Paragraph("Agreement cannot be measured: no document was extracted by two or "
                          "more reviewers.", styles.body)]
    story: list[Flowable] = [Paragraph(
        f"Reviewers compared: {escape(joined(table.reviewers))}. "
        f"{counted(table.documents, 'document')} were extracted by two or more reviewers, "
        f"giving {counted(table.units, 'passage')} flagged as a claim by someone: "
        f"{table.matched:,} found by every reviewer of the document, {table.missed:,} missed "
        f"by at least one. Matching: {escape(table.rule)}.", styles.body)]
    kappas = {row.kappa.name.split("'")[0] for row in table.rows if row.kappa}
    kappa = f"{kappas.pop()}'s kappa" if len(kappas) == 1 else "Kappa"
    header = [Paragraph(h, styles.header) for h in
              ("Field", "Units", "Percent agreement", kappa, "Krippendorff's alpha")]
    rows, extra, notes, units = [header], [], [], []
    group = None
    muted = hex_colour(MUTED)
    for row in table.rows:
        if row.form != group:
            group = row.form
            common = max({r.unit for r in table.rows if r.form == group},
                         key=lambda u: sum(r.unit == u for r in table.rows if r.form == group))
            rows.append([Paragraph(
                f"<b>{escape(group.capitalize())} form</b>&nbsp;&nbsp;<font color=\"{muted}\">"
                f"unit: {escape(common)}</font>", styles.cell), "", "", "", ""])
            extra += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                      ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BAND)]
        label = escape(row.label) + (f' <font color="{muted}">(ordinal)</font>'
                                     if row.level == "ordinal" else "")
        if row.unit != common:
            units.append(row.unit)
            label += f"<super>{len(units)}</super>"
        rows.append([Paragraph(label, styles.cell), Paragraph(f"{row.n_units:,}", styles.cell),
                     _stat(row.percent, styles, notes), _stat(row.kappa, styles, notes),
                     _stat(row.alpha, styles, notes)])
    story.append(Table(rows, colWidths=[None, 13 * mm, 33 * mm, 33 * mm, 33 * mm],
                       repeatRows=1, hAlign="LEFT", style=table_style(extra)))
    caption = ("Values with their 95% confidence interval. Kappa is Cohen's for two reviewers "
               "(quadratic weights for ordinal fields) and Fleiss' for more; alpha is ordinal "
               "for ordinal fields and nominal otherwise. Values near 1 mean agreement well "
               "beyond chance, 0 agreement at chance level.")
    for n, unit in enumerate(units, start=1):
        caption += f" <super>{n}</super>Unit: {escape(unit)}."
    for n, note in enumerate(notes):
        mark = "abcdefghijklmnopqrstuvwxyz"[n % 26]
        caption += f" <super>{mark}</super>Undefined: {escape(note)}."
    story.append(Paragraph(caption, styles.caption))
    return story
