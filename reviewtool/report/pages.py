"""Page furniture: the document template (outline entries for headings) and a canvas that
writes "Page X of Y" once the number of pages is known."""

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate, Paragraph

from reviewtool.report.scripts import runs
from reviewtool.report.styles import ALERT as DRAFT_INK, HAIRLINE, MUTED

TOTAL_FORM = "page-total"


def heading(text: str, style, key: str, level: int, outline: str | None = None) -> Paragraph:
    """A heading that becomes a PDF outline entry (and link destination) named `key`.

    `text` is markup (already escaped); `outline` is the plain text for the outline.
    """
    paragraph = Paragraph(text, style)
    paragraph.outline = (key, outline or text, level)
    return paragraph


def headed(paragraph: Paragraph, room: float = 32 * mm) -> list:
    """A heading that starts a new page unless `room` is left for what follows it."""
    return [CondPageBreak(room), paragraph]


class ReportTemplate(BaseDocTemplate):
    def __init__(self, stream, *, pagesize, margins, **info):
        top, right, bottom, left = margins
        super().__init__(stream, pagesize=pagesize, topMargin=top, rightMargin=right,
                         bottomMargin=bottom, leftMargin=left, **info)
        frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                      id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._outline_level = -1

    def afterFlowable(self, flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            # The outline cannot skip a level; clamp to one below the previous entry.
            level = min(level, self._outline_level + 1)
            self._outline_level = level
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)


def numbered_canvas(footer: str, font: str, size: float, skip_first: bool,
                    margins: tuple[float, float, float, float], draft: str = ""):
    """A canvas class that stamps "Page X of Y" and the report title on each page, and
    `draft` ("Draft — 3 unsettled items") at the top of every page, the first included.

    The total is a form XObject drawn on every page and defined once the last page is done,
    so pages are written as they come (holding them back would break links and outline).
    """

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            # Our font from the start: no unembedded Helvetica anywhere in the file.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or size
            super().__init__(*args, **kwargs)

        def showPage(self):
            number = self.getPageNumber()
            if not (skip_first and number == 1):
                self._footer(number)
            if draft:
                self._draft()
            super().showPage()

        def _draft(self) -> None:
            width, height = self._pagesize
            top, right, _, _ = margins
            self.saveState()
            self.setFont(f"{font}-Bold", size * 1.25)
            self.setFillColor(DRAFT_INK)
            self.drawRightString(width - right, height - top / 2, draft)
            self.restoreState()

        def save(self):
            self.beginForm(TOTAL_FORM)
            self.setFont(font, size)
            self.setFillColor(MUTED)
            self.drawString(0, 0, str(self.getPageNumber() - 1))
            self.endForm()
            super().save()

        def _footer(self, number: int) -> None:
            width, _ = self._pagesize
            _, right, bottom, left = margins
            y = bottom - 9 * mm
            self.saveState()
            self.setStrokeColor(HAIRLINE)
            self.setLineWidth(0.5)
            self.line(left, y + size * 1.5, width - right, y + size * 1.5)
            self.setFont(font, size)
            self.setFillColor(MUTED)
            page = f"Page {number} of "
            self.drawString(left, y, page)
            self.saveState()
            self.translate(left + stringWidth(page, font, size), y)
            self.doForm(TOTAL_FORM)
            self.restoreState()
            room = width - left - right - stringWidth(page + "0000", font, size) - 12 * mm
            x = width - right
            for text, run_font in reversed(runs(_fit(footer, font, size, room), font)):
                self.setFont(run_font, size)  # a title in any script (see scripts)
                x -= stringWidth(text, run_font, size)
                self.drawString(x, y, text)
            self.restoreState()

    return NumberedCanvas


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with "…" to fit `width`. A line holds few more characters than its width
    over a full stop's, so a title of 50,000 characters is first cut to twice that many (the
    character-by-character trimming below then stays short, on every page)."""
    if stringWidth(text, font, size) <= width:
        return text
    text = text[:2 * int(width / (stringWidth(".", font, size) or 1.0)) + 2]
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
