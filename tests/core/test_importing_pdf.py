"""PDFs: readable paragraphs, known pages, and clear refusals for what cannot be read."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import extract_file
from reviewtool.core.normalize import page_of

INTRO = (
    "Kratom is a tropical tree native to Southeast Asia whose leaves have been used for "
    "centuries as a traditional remedy for pain, fatigue and low mood among farm workers. "
    "Its main alkaloid, mitragynine, binds to opioid receptors, which is why people in "
    "withdrawal have tried it as a substitute for stronger drugs bought on the street."
)
METHODS = (
    "We surveyed adults who had used kratom during the past year and asked how long they "
    "slept, how often they woke at night and whether they felt rested in the morning after "
    "taking it in the evening, with a follow-up interview for a random tenth of them."
)
RESULTS = (
    "Participants on page two reported that withdrawal symptoms eased within days, yet a "
    "third of them said that their sleep became lighter and more broken as the dose rose, "
    "and several stopped taking kratom in the evening for that reason alone."
)


def build_pdf(story, title: str | None = "Kratom and opioid withdrawal") -> bytes:
    buffer = io.BytesIO()
    options = {"title": title} if title is not None else {}
    SimpleDocTemplate(buffer, pagesize=A4, **options).build(story)
    return buffer.getvalue()


def article_pdf(title: str | None = "Kratom and opioid withdrawal") -> bytes:
    styles = getSampleStyleSheet()
    return build_pdf(
        [
            Paragraph("Kratom and withdrawal", styles["Title"]),
            Paragraph("Introduction", styles["Heading2"]),
            Paragraph(INTRO, styles["BodyText"]),
            Paragraph(METHODS, styles["BodyText"]),
            PageBreak(),
            Paragraph("Results", styles["Heading2"]),
            Paragraph(RESULTS, styles["BodyText"]),
        ],
        title,
    )


def lines_pdf(lines: list[str]) -> bytes:
    """A page with exactly these lines, as a word processor would have wrapped them."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in lines:
        page.drawString(60, y, line)
        y -= 14
    page.save()
    return buffer.getvalue()


def import_pdf(tmp_path: Path, data: bytes, name: str = "study.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    extracted, original = extract_file(path)
    assert original == data
    return extracted


def test_wrapped_lines_become_whole_paragraphs(tmp_path):
    lines = import_pdf(tmp_path, article_pdf()).text.split("\n")
    for paragraph in (INTRO, METHODS, RESULTS):
        assert paragraph in lines
    assert {"Kratom and withdrawal", "Introduction", "Results"} <= set(lines)


def test_the_page_of_every_passage_is_known(tmp_path):
    extracted = import_pdf(tmp_path, article_pdf())
    assert len(extracted.page_starts) == 2
    assert page_of(extracted.text.index("mitragynine"), extracted.page_starts) == 1
    assert page_of(extracted.text.index("Participants on page two"), extracted.page_starts) == 2
    assert page_of(extracted.text.index("evening for that reason"), extracted.page_starts) == 2


def test_a_word_hyphenated_at_a_line_end_is_rejoined(tmp_path):
    data = lines_pdf(
        [
            "Patients in the open-label study who received the new buprenorphine treat-",
            "ment reported fewer withdrawal symptoms in the first week than the control",
            "group did, and most of them slept through the night.",  # short: paragraph ends
            "A second paragraph follows the first one, and it mentions the state-of-the-",
            "art assay that is sold in the region's well-known clinics for about 10-",
            "20 dollars a test; its words keep their hyphens.",
        ]
    )
    extracted = import_pdf(tmp_path, data)
    assert extracted.text.split("\n") == [
        "Patients in the open-label study who received the new buprenorphine treatment reported "
        "fewer withdrawal symptoms in the first week than the control group did, and most of "
        "them slept through the night.",
        "A second paragraph follows the first one, and it mentions the state-of-the-art assay "
        "that is sold in the region's well-known clinics for about 10-20 dollars a test; its "
        "words keep their hyphens.",
    ]


def test_list_items_stay_separate_lines(tmp_path):
    data = lines_pdf(
        [
            "Effects that users reported in the survey, by the dose they usually took:",
            "• Low doses keep people awake at night and make them restless in the early",
            "• High doses make people drowsy during the following day, users reported",
        ]
    )
    assert import_pdf(tmp_path, data).text.split("\n") == [
        "Effects that users reported in the survey, by the dose they usually took:",
        "• Low doses keep people awake at night and make them restless in the early",
        "• High doses make people drowsy during the following day, users reported",
    ]


def test_title_comes_from_the_metadata(tmp_path):
    assert import_pdf(tmp_path, article_pdf()).title == "Kratom and opioid withdrawal"


@pytest.mark.parametrize("junk", ["Microsoft Word - draft3.doc", "untitled", ""])
def test_a_placeholder_metadata_title_gives_way_to_the_first_line(tmp_path, junk):
    assert import_pdf(tmp_path, article_pdf(title=junk)).title == "Kratom and withdrawal"


def test_without_a_short_first_line_the_title_is_the_file_name(tmp_path):
    data = lines_pdf([INTRO[:75], INTRO[75:150], INTRO[150:225]])  # reportlab says "untitled"
    assert import_pdf(tmp_path, data, "field study.pdf").title == "field study"


def test_media_type_and_source(tmp_path):
    extracted = import_pdf(tmp_path, article_pdf(), "study 2024.pdf")
    assert extracted.media_type == "application/pdf"
    assert extracted.source == "study 2024.pdf"


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_password_protected_pdf_is_refused(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_pdf(tmp_path, encrypted(article_pdf(), "secret"))
    assert str(refused.value) == "encrypted PDF: remove the password and import it again"


def test_a_pdf_encrypted_without_an_open_password_imports(tmp_path):
    extracted = import_pdf(tmp_path, encrypted(article_pdf(), ""))
    assert INTRO in extracted.text


def test_a_scan_without_a_text_layer_is_refused(tmp_path):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.rect(50, 50, 400, 600, fill=1)
    page.circle(300, 400, 80)
    page.showPage()
    page.line(10, 10, 500, 700)
    page.save()
    with pytest.raises(ImportRefused, match="no extractable text") as refused:
        import_pdf(tmp_path, buffer.getvalue())
    assert "OCR" in str(refused.value)


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\nthis is not really a PDF\n%%EOF", b"plain words"], ids=["broken", "text"]
)
def test_a_corrupt_pdf_is_refused(tmp_path, data):
    with pytest.raises(ImportRefused, match="corrupt or unreadable PDF"):
        import_pdf(tmp_path, data)
