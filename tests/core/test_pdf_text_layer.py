"""The clean text layer of PDFs: furniture out, footnotes after the body, columns in order,
CJK lines joined and searchable, titles that are titles, and an exact map to the page."""

import pytest

from reviewtool.core.importing.pdf import read_layer
from reviewtool.core.review.anchors import find_quote
from reviewtool.core.review.documents import import_paths
from reviewtool.core.review.search import search
from reviewtool.core.normalize import page_of
from tests.core import pdf_pages


def layer(data: bytes, name: str = "paper.pdf"):
    return read_layer(data, name)


def test_running_headers_footers_and_page_numbers_are_out_of_the_text():
    data, lines = pdf_pages.running_heads_pdf()
    text = layer(data).extracted.text
    for furniture in ("Journal of Sleep", "Melatonin in older adults", "Unauthorized",
                      "Page 1", "Page 3"):
        assert furniture not in text
    assert text.startswith(lines[0])
    assert " ".join(text.split()) == " ".join(" ".join(lines).split())  # all prose, in order


def test_a_quote_across_a_page_break_is_found_on_the_page_it_starts():
    data, lines = pdf_pages.running_heads_pdf()
    extracted = layer(data).extracted
    # the last words of page 1 and the first of page 2, as copied from a viewer
    quote = " ".join(lines[39].split()[-3:] + lines[40].split()[:3])
    start, end = find_quote(extracted.text, quote)
    assert page_of(start, extracted.page_starts) == 1
    assert page_of(end - 1, extracted.page_starts) == 2


def test_footnotes_follow_the_body_of_their_page():
    data, lines = pdf_pages.footnote_pdf()
    extracted = layer(data).extracted
    page_one = extracted.text[:extracted.page_starts[1]].strip()
    assert page_one.endswith("1 " + pdf_pages.FOOTNOTE + "\n2 Scores range from 0 (no sleep) "
                             "to 10 (best sleep).")
    body = page_one.split("\n1 " + pdf_pages.FOOTNOTE)[0]
    assert " ".join(body.split()) == " ".join(" ".join(lines[:40]).split())


def test_three_columns_come_out_one_after_the_other():
    extracted = layer(pdf_pages.three_columns_pdf()).extracted
    assert extracted.title == "Filing your return"
    flat = " ".join(extracted.text.split())
    assert flat == " ".join(["Filing your return", *pdf_pages.COLUMN_TEXTS])


@pytest.mark.parametrize("spaced", [False, True])
def test_japanese_lines_join_without_spaces(spaced):
    extracted = layer(pdf_pages.japanese_pdf(spaced), "road.pdf").extracted
    assert extracted.text == pdf_pages.JAPANESE
    assert extracted.title == "road"  # a 120-character paragraph is no title in Japanese


def test_a_japanese_paragraph_is_searchable(review, tmp_path):
    path = tmp_path / "road.pdf"
    path.write_bytes(pdf_pages.japanese_pdf(spaced=True))
    [outcome] = import_paths(review, [path])
    hits = search(review, "歩行者")
    assert [hit.document_id for hit in hits] == [outcome.document_id]
    assert "[歩行者]" in hits[0].snippet and " " not in hits[0].snippet.strip("…")
    assert search(review, "横断歩道 安全")  # two words, both present
    assert not search(review, "自転車")


def test_every_character_maps_to_its_character_on_the_page():
    import pypdfium2 as pdfium

    data, _ = pdf_pages.running_heads_pdf(pages=2)
    text_layer = layer(data)
    text = text_layer.extracted.text
    document = pdfium.PdfDocument(data)
    for page_number in range(2):
        textpage = document[page_number].get_textpage()
        starts = text_layer.extracted.page_starts
        start, end = starts[page_number], (starts[page_number + 1] if page_number + 1 < len(starts)
                                           else len(text))
        for offset in range(start, end):
            index = text_layer.char_index[offset]
            if index >= 0:
                assert textpage.get_text_range(index, 1) == text[offset]
            else:
                assert text[offset] in " \n"  # only added spaces and breaks have no box


def test_headings_are_found_by_their_type_size():
    from tests.core.test_importing_pdf import article_pdf

    extracted = layer(article_pdf()).extracted
    headings = [extracted.text[start:end] for start, end in extracted.headings]
    assert headings == ["Kratom and withdrawal", "Introduction", "Results"]


@pytest.mark.parametrize("metadata, expected", [
    ("Kratom and opioid withdrawal", "Kratom and opioid withdrawal"),
    ("Contents 1 Introduction 2 2 Methods 5 3 Results 9", "Kratom and withdrawal"),
    ("Created with a PDF Converter trial version", "Kratom and withdrawal"),
    ("Quarterly template v2", "Kratom and withdrawal"),  # none of its words in the text
])
def test_titles_are_plausible_metadata_else_the_largest_type(metadata, expected):
    from tests.core.test_importing_pdf import article_pdf

    assert layer(article_pdf(metadata)).extracted.title == expected


def test_a_watermark_on_every_page_is_neither_text_nor_title():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(3):
        pdf.setFont("Helvetica", 40)
        pdf.drawString(100, 400, "EVALUATION COPY")
        pdf.setFont("Helvetica", 11)
        for line, words in enumerate(pdf_pages.body_lines(30)[page * 10:page * 10 + 10]):
            pdf.drawString(72, 700 - 14 * line, words)
        pdf.showPage()
    pdf.save()
    extracted = layer(buffer.getvalue(), "scan.pdf").extracted
    assert "EVALUATION" not in extracted.text and extracted.title == "scan"


def test_a_sections_running_head_goes_but_a_heading_atop_several_pages_stays():
    data, lines = pdf_pages.book_pdf()
    extracted = layer(data).extracted
    assert "SECTION" not in extracted.text
    assert extracted.text.count("Exercises") == 3
    headings = [extracted.text[a:b] for a, b in extracted.headings]
    assert headings == ["Exercises"] * 3


def test_a_quote_copied_with_the_running_heads_across_a_page_break_is_found():
    data, lines = pdf_pages.running_heads_pdf()
    extracted = layer(data).extracted
    # as a PDF viewer copies it: page 1's footer and page 2's header sit inside the quote
    copied = " ".join(lines[39].split()[-4:] + ["Unauthorized copying prohibited Page 1",
                                                "Journal of Sleep Medicine 12 (2024)",
                                                "Melatonin in older adults"]
                      + lines[40].split()[:4])
    with pytest.raises(Exception):
        find_quote(extracted.text, copied)  # without the pages: not in the text as such
    start, end = find_quote(extracted.text, copied, page_starts=extracted.page_starts)
    found = extracted.text[start:end]
    assert found.split() == lines[39].split()[-4:] + lines[40].split()[:4]
    assert page_of(start, extracted.page_starts) == 1
    assert page_of(end - 1, extracted.page_starts) == 2


def test_a_quote_holding_whole_a_word_hyphenated_across_pages_is_found():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pages = [["The authors keep the exclusive rights to the questionnaire and its scoring",
              "manual, and reviewers may quote it under the terms of the exclus-"],
             ["ive rights granted by the publisher to every subscribing library.",
              "Other uses need written permission from the publisher of the journal."]]
    for number, lines in enumerate(pages):
        pdf.drawString(300, 40, str(number + 1))
        for row, line in enumerate(lines):
            pdf.drawString(72, 700 - 14 * row, line)
        pdf.showPage()
    pdf.save()
    extracted = layer(buffer.getvalue()).extracted
    assert "exclus-\n\nive rights" in extracted.text
    start, end = find_quote(extracted.text, "terms of the exclusive rights granted by",
                            page_starts=extracted.page_starts)
    assert extracted.text[start:end] == "terms of the exclus-\n\nive rights granted by"


def test_a_japanese_word_is_found_in_a_document_indexed_before_cjk_splitting(review, tmp_path):
    path = tmp_path / "road.pdf"
    path.write_bytes(pdf_pages.japanese_pdf())
    [outcome] = import_paths(review, [path])
    with review.conn:  # the index as an older version wrote it: the passage as one word
        review.conn.execute(
            "UPDATE documents_fts SET body = (SELECT t.text FROM documents d JOIN contents t "
            "ON t.sha256 = d.sha256 WHERE d.rid = documents_fts.rowid)")
    hits = search(review, "歩行者")
    assert [hit.document_id for hit in hits] == [outcome.document_id]
    assert "[歩行者]" in hits[0].snippet
    assert not search(review, "自転車")
