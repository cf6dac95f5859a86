"""PDFs laid out like real ones (running headers, footnotes, columns, Japanese), made with
reportlab's canvas so that every line sits exactly where a typesetter would put it."""

import io
import textwrap

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
LEFT = 72
BODY = 11
LEADING = 14

SENTENCES = [
    "Melatonin taken one hour before bed shortened the time older adults needed to fall asleep "
    "by about nine minutes in the pooled trials.",
    "The effect was larger in people whose own melatonin secretion was low, which fits the idea "
    "that the supplement replaces a missing signal rather than acting as a sedative.",
    "Side effects were rare and mild: some participants reported headache, dizziness or "
    "daytime drowsiness, and none stopped the treatment because of them.",
    "Doses above five milligrams did not work better than lower doses and were more often "
    "followed by morning grogginess, so the smallest effective dose is advised.",
    "Long-term safety beyond six months has not been studied in children or in pregnant women, "
    "and the quality of products sold without prescription varies widely.",
]


def body_lines(count: int, width: int = 85) -> list[str]:
    """`count` lines of running prose, wrapped as a word processor would."""
    text = " ".join(f"In study {number}, {sentence[0].lower()}{sentence[1:]}"
                    for number in range(1, 2 + count // 8) for sentence in SENTENCES)
    return textwrap.wrap(text, width)[:count]


def _canvas(title: str | None = None) -> tuple[canvas.Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    if title:
        pdf.setTitle(title)
    return pdf, buffer


def running_heads_pdf(pages: int = 4, lines_per_page: int = 40) -> tuple[bytes, list[str]]:
    """Pages with a running header, a running footer and a page number; the prose runs on
    from page to page, mid-sentence. Returns the PDF and the body lines."""
    pdf, buffer = _canvas()
    lines = body_lines(pages * lines_per_page)
    for page in range(pages):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(LEFT, HEIGHT - 40, "Journal of Sleep Medicine 12 (2024)")
        pdf.drawRightString(WIDTH - LEFT, HEIGHT - 40, "Melatonin in older adults")
        pdf.drawString(LEFT, 40, "Unauthorized copying prohibited")
        pdf.drawRightString(WIDTH - LEFT, 40, f"Page {page + 1}")
        pdf.setFont("Helvetica", BODY)
        y = HEIGHT - 80
        for line in lines[page * lines_per_page:(page + 1) * lines_per_page]:
            pdf.drawString(LEFT, y, line)
            y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), lines


FOOTNOTE = "The ACE task description asks participants to rate sleep quality each morning."


def footnote_pdf() -> tuple[bytes, list[str]]:
    """Two pages; a footnote at the bottom of the first, in small type, while the body's
    sentence runs on to the second page."""
    pdf, buffer = _canvas()
    lines = body_lines(80)
    for page in range(2):
        pdf.setFont("Helvetica", BODY)
        y = HEIGHT - 72
        for line in lines[page * 40:(page + 1) * 40]:
            pdf.drawString(LEFT, y, line)
            y -= LEADING
        if page == 0:
            pdf.line(LEFT, 120, LEFT + 150, 120)
            pdf.setFont("Helvetica", 8)
            pdf.drawString(LEFT, 108, "1 " + FOOTNOTE)
            pdf.drawString(LEFT, 98, "2 Scores range from 0 (no sleep) to 10 (best sleep).")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), lines


COLUMN_TEXTS = [
    "Column one explains who must file a return and which forms apply to each kind of "
    "income received during the year, including wages, pensions and interest from savings.",
    "Column two lists the expenses that may be deducted, such as the costs of care for a "
    "child under thirteen, contributions to a pension plan and interest paid on student loans.",
    "Column three tells you where to send the return, how to pay what you owe by card or "
    "by transfer, and what happens when a payment arrives after the deadline in April.",
]


def three_columns_pdf() -> bytes:
    """A title over three columns, drawn row by row across the columns (as some booklets are),
    so the order in the file interleaves the columns."""
    pdf, buffer = _canvas()
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(LEFT, HEIGHT - 72, "Filing your return")
    gutter = 18
    width = (WIDTH - 2 * LEFT - 2 * gutter) / 3
    columns = [textwrap.wrap(text, 26) for text in COLUMN_TEXTS]
    pdf.setFont("Helvetica", 9)
    for row in range(max(map(len, columns))):
        y = HEIGHT - 110 - row * 12
        for number, column in enumerate(columns):
            if row < len(column):
                pdf.drawString(LEFT + number * (width + gutter), y, column[row])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


JAPANESE = ("道路交通法第二条第一項は、歩行者が道路を横断するときは、横断歩道がある場所の"
            "付近においては、その横断歩道によって道路を横断しなければならないと定めている。"
            "歩行者の安全を守るため、車両は横断歩道の手前で停止できる速度で進行しなければならない。")


def japanese_pdf(spaced: bool = False) -> bytes:
    """A Japanese paragraph wrapped every 24 characters, in a CID font; `spaced`: a space
    between every two characters, as some PDF producers write justified Japanese."""
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    pdf, buffer = _canvas()
    pdf.setFont("HeiseiMin-W3", 12)
    y = HEIGHT - 72
    for start in range(0, len(JAPANESE), 24):
        line = JAPANESE[start:start + 24]
        pdf.drawString(LEFT, y, " ".join(line) if spaced else line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def book_pdf(pages: int = 12) -> tuple[bytes, list[str]]:
    """A long book: the running head names the page's section (a new one every 3 pages) and
    sits beside the page number; some pages open with an "Exercises" heading at the top."""
    pdf, buffer = _canvas()
    lines = body_lines(pages * 30)
    for page in range(pages):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(LEFT, HEIGHT - 36, f"{page // 3 + 1}.1. SECTION {'ABCDEFGH'[page // 3]}")
        pdf.drawRightString(WIDTH - LEFT, HEIGHT - 36, str(page + 1))
        y = HEIGHT - 70
        if page % 4 == 3:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(LEFT, y, "Exercises")
            y -= 24
        pdf.setFont("Helvetica", BODY)
        for line in lines[page * 30:(page + 1) * 30]:
            pdf.drawString(LEFT, y, line)
            y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), lines
