"""Headings known from each format's structure, and read again from the stored original."""

import io

import docx

from reviewtool.core.importing import extract_bytes
from reviewtool.core.review.documents import document_text, import_paths
from reviewtool.core.review.structure import document_headings, document_original


def word_file() -> bytes:
    document = docx.Document()
    document.add_heading("Melatonin and sleep", level=0)
    document.add_paragraph("Older adults fell asleep sooner.")
    document.add_heading("Harms", level=1)
    document.add_paragraph("Headache was rare.")
    document.add_paragraph("")
    document.add_heading("Harms", level=2)  # the same words again, later
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML = b"""<html><body><nav><h2>Menu</h2></nav><article>
<h1>Melatonin and sleep</h1><p>Older adults fell asleep sooner in every trial we found,
and the effect held for twelve weeks of treatment.</p><h2>Harms</h2>
<p>Headache was rare, and nobody stopped treatment because of side effects.</p>
</article></body></html>"""


def spans_text(extracted):
    return [extracted.text[a:b] for a, b in extracted.headings]


def test_word_headings_are_known():
    extracted = extract_bytes(word_file(), "notes.docx")
    assert spans_text(extracted) == ["Melatonin and sleep", "Harms", "Harms"]
    assert extracted.headings[1] != extracted.headings[2]


def test_html_headings_are_known_and_menus_are_not():
    extracted = extract_bytes(HTML, "page.html")
    assert spans_text(extracted) == ["Melatonin and sleep", "Harms"]


def test_headings_are_read_again_from_the_original(review, tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(word_file())
    [outcome] = import_paths(review, [path])
    original = document_original(review, outcome.document_id)
    text, _ = document_text(review, outcome.document_id)
    assert original.data == path.read_bytes()
    assert [text[a:b] for a, b in document_headings(original, text)] == [
        "Melatonin and sleep", "Harms", "Harms"]
    # a text stored by an older importer does not match: no headings rather than wrong ones
    assert document_headings(original, text + " (older)") == ()
