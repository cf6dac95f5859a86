"""Metadata read from the files themselves: HTML meta tags, PDF info and XMP, Word, DOIs."""

import io

import docx
import pikepdf
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from reviewtool.core.importing import extract_file
from reviewtool.core.importing.metadata import doi_in_text, split_authors
from reviewtool.core.review.documents import import_paths, list_documents

from .test_importing_pdf import INTRO, build_pdf

BODY = ("<p>Kratom is a tropical tree whose leaves people chew for energy and pain; in the "
        "evening some take it to sleep, and this article asks whether that works.</p>") * 3

JOURNAL_PAGE = f"""<!DOCTYPE html><html><head>
<title>Kratom and sleep | Sleep Health</title>
<meta name="citation_title" content="Kratom and sleep">
<meta name="citation_author" content="Müller, Jörg">
<meta name="citation_author" content="Ødegård, Åse">
<meta name="citation_journal_title" content="Sleep Health">
<meta name="citation_publication_date" content="2021/03/15">
<meta name="citation_doi" content="10.1016/j.sleh.2021.01.004">
<link rel="canonical" href="https://example.org/sleep-health/kratom">
</head><body><article><h1>Kratom and sleep</h1>{BODY}</article></body></html>"""

NEWS_PAGE = f"""<!DOCTYPE html><html><head><title>Kratom: the facts</title>
<meta property="og:site_name" content="Health Daily">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Kratom: the facts", "datePublished": "2022-06-01T08:00:00Z",
 "author": [{{"@type": "Person", "name": "Jane Doe"}}, {{"@type": "Person", "name": "Li Wei"}}],
 "publisher": {{"@type": "Organization", "name": "Health Daily"}}}}</script>
</head><body><article><h1>Kratom: the facts</h1>{BODY}</article></body></html>"""


def test_html_citation_tags(tmp_path):
    path = tmp_path / "journal.html"
    path.write_text(JOURNAL_PAGE, encoding="utf-8")
    extracted, _ = extract_file(path)
    assert extracted.metadata["authors"] == ["Müller, Jörg", "Ødegård, Åse"]
    assert extracted.metadata["container"] == "Sleep Health"
    assert extracted.metadata["published"] == "2021-03-15"
    assert extracted.metadata["doi"] == "10.1016/j.sleh.2021.01.004"
    assert extracted.metadata["url"] == "https://example.org/sleep-health/kratom"
    assert extracted.metadata["type"] == "article"


def test_html_structured_data_through_trafilatura(tmp_path, review):
    path = tmp_path / "news.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    import_paths(review, [path])
    document, = list_documents(review)
    assert document.authors == ("Jane Doe", "Li Wei")
    assert (document.published, document.container, document.type) == (
        "2022-06-01", "Health Daily", "web page")


def _pdf_with_metadata(first_page: str = INTRO) -> bytes:
    plain = build_pdf([Paragraph(first_page, getSampleStyleSheet()["BodyText"])])
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["prism:doi"] = "10.1016/j.sleh.2021.01.004"
            xmp["prism:publicationName"] = "Sleep Health"
            xmp["prism:coverDate"] = "2021-03-15"
        pdf.docinfo["/Author"] = "Jörg Müller; Åse Ødegård"
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_pdf_information_and_xmp(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(_pdf_with_metadata())
    extracted, _ = extract_file(path)
    meta = extracted.metadata
    assert meta["authors"] == ["Jörg Müller", "Åse Ødegård"]  # from the document information
    assert (meta["doi"], meta["container"], meta["published"]) == (
        "10.1016/j.sleh.2021.01.004", "Sleep Health", "2021-03-15")  # from XMP


def test_doi_on_the_first_page(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(build_pdf([Paragraph(f"{INTRO} https://doi.org/10.1093/sleep/zsab012.",
                                          getSampleStyleSheet()["BodyText"])]))
    extracted, _ = extract_file(path)
    assert extracted.metadata == {"doi": "10.1093/sleep/zsab012"}
    assert doi_in_text("see doi:10.1000/182), and more") == "10.1000/182"
    assert doi_in_text("no identifier here") == ""


def test_a_doi_a_web_page_cites_is_not_taken_as_its_own(tmp_path):
    path = tmp_path / "news.html"
    path.write_text(f"<html><body><article><h1>Kratom</h1>{BODY}<p>The study "
                    "(doi:10.1093/sleep/zsab012) found little.</p></article></body></html>",
                    encoding="utf-8")
    extracted, _ = extract_file(path)
    assert "doi" not in extracted.metadata


def test_word_core_properties(tmp_path):
    document = docx.Document()
    document.add_paragraph("Kratom and sleep: what users report after a month.")
    document.core_properties.author = "Okafor, Amara; Lindqvist, Jonas"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "notes.docx"
    path.write_bytes(buffer.getvalue())
    extracted, _ = extract_file(path)
    assert extracted.metadata["authors"] == ["Okafor, Amara", "Lindqvist, Jonas"]


def test_author_lists_as_files_write_them():
    assert split_authors("Jane Doe and Li Wei") == ["Jane Doe", "Li Wei"]
    assert split_authors("Jane Doe, Li Wei and Ana Ruiz") == ["Jane Doe", "Li Wei", "Ana Ruiz"]
    assert split_authors("Doe, Jane") == ["Doe, Jane"]
    assert split_authors("World Health Organization") == ["World Health Organization"]


def test_pdf_xmp_creators_in_order(tmp_path):
    plain = build_pdf([Paragraph(INTRO, getSampleStyleSheet()["BodyText"])])
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:creator"] = ["Amara Okafor", "李小龙"]
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)
    path = tmp_path / "xmp.pdf"
    path.write_bytes(out.getvalue())
    extracted, _ = extract_file(path)
    assert extracted.metadata["authors"] == ["Amara Okafor", "李小龙"]
