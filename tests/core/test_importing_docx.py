"""Word documents: paragraphs and tables in reading order, a sensible title."""

import io
import zipfile
from pathlib import Path

import docx
import pytest

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import extract_file

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_file(*, title: str = "", heading: str | None = "Kratom and sleep") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph("Draft for the review team.")
    if heading:
        document.add_heading(heading, level=1)
    document.add_paragraph("Kratom is a tropical tree native to Southeast Asia.")
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(["Dose", "Effect", "Source"]):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Low dose: stimulant"
    table.cell(1, 2).text = "Survey 2019"
    document.add_paragraph("High doses are sedating.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def import_docx(tmp_path: Path, data: bytes, name: str = "notes.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    extracted, original = extract_file(path)
    assert original == data
    return extracted


def test_paragraphs_and_table_cells_one_a_line_in_reading_order(tmp_path):
    extracted = import_docx(tmp_path, word_file())
    assert extracted.text.split("\n") == [
        "Draft for the review team.",
        "Kratom and sleep",
        "Kratom is a tropical tree native to Southeast Asia.",
        "Dose",
        "Effect",
        "Source",
        "Low dose: stimulant",  # a merged cell appears once
        "Survey 2019",
        "High doses are sedating.",
    ]
    assert extracted.media_type == MEDIA_TYPE
    assert extracted.source == "notes.docx"


def test_title_property_wins(tmp_path):
    assert import_docx(tmp_path, word_file(title="Kratom review 2024")).title == "Kratom review 2024"


def test_without_a_title_property_the_first_heading_is_the_title(tmp_path):
    assert import_docx(tmp_path, word_file()).title == "Kratom and sleep"


def test_without_title_or_heading_the_title_is_the_file_name(tmp_path):
    assert import_docx(tmp_path, word_file(heading=None), "team notes.docx").title == "team notes"


def test_an_empty_document_is_refused(tmp_path):
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ImportRefused, match="no text"):
        import_docx(tmp_path, buffer.getvalue())


def zip_without_a_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"this is plain text, not a zip", zip_without_a_document(), word_file()[:2000]],
    ids=["not a zip", "zip without a document", "truncated"],
)
def test_a_corrupt_document_is_refused(tmp_path, data):
    with pytest.raises(ImportRefused, match="corrupt or unreadable Word document"):
        import_docx(tmp_path, data)


def test_a_password_protected_or_old_word_file_is_refused_with_advice(tmp_path):
    ole_container = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    with pytest.raises(ImportRefused, match="password-protected or old-format"):
        import_docx(tmp_path, ole_container)
