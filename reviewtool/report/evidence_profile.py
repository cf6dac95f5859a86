"""The certainty assessment table (a GRADE evidence profile) after the summary tables."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from reviewtool.core.synthesis.report_model import EvidenceProfile
from reviewtool.report.markup import escape, link_if
from reviewtool.report.styles import LINK, Styles
from reviewtool.report.tables import table_style

INTRO = ("How the reviewers arrived at each finding's certainty: for each GRADE domain, whether "
         "they judged the concern not serious, serious (rated down one level) or very serious "
         "(two levels), what they rated up for, and the certainty they reached. Their reasons "
         "are the footnotes under the summary tables. – : the domain was not judged.")


def profile_table(profile: EvidenceProfile, styles: Styles, width: float,
                  anchors: frozenset[str]) -> list[Flowable]:
    # Narrow domain columns: their headers are set small enough for "Inconsistency" to fit.
    small_header = ParagraphStyle("profile_header", parent=styles.header,
                                  fontSize=styles.cell_small.fontSize * 0.93,
                                  leading=styles.cell_small.leading)
    header = [Paragraph(escape(h), styles.header) for h in ("No.", "Finding")]
    header += [Paragraph(escape(h), small_header) for h in (*profile.headers, "Rated up for")]
    header.append(Paragraph("Certainty", styles.header))
    rows = [header]
    for row in profile.rows:
        rows.append([Paragraph(link_if(anchors, row.anchor, row.number, LINK), styles.cell),
                     Paragraph(escape(row.statement), styles.cell),
                     *[Paragraph(_domain(d), styles.cell_small) for d in row.domains],
                     Paragraph(escape(row.rated_up), styles.cell_small),
                     Paragraph(f"<b>{escape(row.certainty)}</b>", styles.cell)])
    domains = len(profile.headers)
    widths = [8 * mm, None, *[18.5 * mm] * domains, 15 * mm, 18 * mm]
    widths[1] = width - sum(w for w in widths if w)
    first, last = 2, 2 + domains  # the domain and "rated up" columns
    style = table_style([("LEFTPADDING", (first, 0), (last, -1), 1.5),
                         ("RIGHTPADDING", (first, 0), (last, -1), 1.5)])
    return [Paragraph(INTRO, styles.body),
            Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", style=style)]


def _domain(judged: str) -> str:
    """A concern that lowered the certainty stands out; "Not serious" does not."""
    text = escape(judged)
    return f"<b>{text}</b>" if judged.startswith(("Serious", "Very serious")) else text
