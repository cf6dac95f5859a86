"""Reference libraries as Zotero, EndNote and Mendeley export them, with their attachments."""

import json
from pathlib import Path

import pytest

from reviewtool.core.importing.references import (parse_bibtex, parse_csl_json, parse_ris,
                                                  resolve_attachment)
from reviewtool.core.review.document_metadata import set_metadata
from reviewtool.core.review.documents import get_document, list_documents
from reviewtool.core.review.library_import import NO_TEXT_SHA256, import_library

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from .test_importing_pdf import article_pdf, build_pdf

ARTICLE = ("Kratom eased withdrawal for most participants, but a third reported lighter and "
           "more broken sleep as the dose rose.")

ZOTERO_RIS = """TY  - JOUR
TI  - Kratom use and sleep: a survey of 2,000 adults
AU  - Müller, Jörg
AU  - Ødegård, Åse
T2  - Sleep Health
DA  - 2021/03/15/
PY  - 2021
DO  - 10.1016/j.sleh.2021.01.004
UR  - https://example.org/sleep-health/kratom
Y2  - 2023/01/05/
L1  - files/12/Müller und Ødegård - 2021 - Kratom use and sleep.pdf
N1  - <p>Read for the sleep section.</p>
ER  - 

TY  - ELEC
TI  - Kratom: what you need to know
AU  - World Health Organization
T2  - WHO fact sheets
DA  - 2022///
UR  - https://example.org/who/kratom
Y2  - 2023/02/01/
L1  - files/13/kratom fact sheet.html
ER  - 

TY  - RPRT
TI  - Kratom and poison centre calls
AU  - 李, 小龙
PY  - 2019
L1  - files/14/missing.pdf
ER  - 

TY  - JOUR
TI  - Kratom use and sleep: a survey of 2,000 adults
DO  - 10.1016/J.SLEH.2021.01.004
ER  - 

TY  - JOUR
AU  - Nobody, Without
PY  - 2020
ER  - 
"""


@pytest.fixture
def zotero_export(tmp_path) -> Path:
    """Zotero's "Export Collection… with files": library.ris beside files/<id>/<name>."""
    folder = tmp_path / "Exported Items"
    (folder / "files" / "12").mkdir(parents=True)
    (folder / "files" / "13").mkdir(parents=True)
    (folder / "files" / "12" / "Müller und Ødegård - 2021 - Kratom use and sleep.pdf"
     ).write_bytes(article_pdf())
    (folder / "files" / "13" / "kratom fact sheet.html").write_text(
        f"<html><head><title>WHO</title></head><body><article><h1>Kratom</h1><p>{ARTICLE}</p>"
        "</article></body></html>", encoding="utf-8")
    library = folder / "Exported Items.ris"
    library.write_text(ZOTERO_RIS, encoding="utf-8")
    return library


def test_zotero_ris_with_files(review, zotero_export):
    outcomes = import_library(review, zotero_export)
    assert [(o.status, o.message.split(":")[0]) for o in outcomes] == [
        ("imported", "line 1"), ("imported", "line 15"), ("imported", "line 25"),
        ("present", "line 32"), ("failed", "line 37")]
    assert "the same reference as line 1" in outcomes[3].message
    assert "no title" in outcomes[4].message
    assert "no full text: attachment files/14/missing.pdf not found" in outcomes[2].message
    documents = {d.title: d for d in list_documents(review)}
    survey = documents["Kratom use and sleep: a survey of 2,000 adults"]
    assert survey.authors == ("Müller, Jörg", "Ødegård, Åse")
    assert (survey.container, survey.published, survey.doi, survey.accessed, survey.type) == (
        "Sleep Health", "2021-03-15", "10.1016/j.sleh.2021.01.004", "2023-01-05", "article")
    assert survey.note == "Read for the sleep section."
    assert survey.media_type == "application/pdf" and survey.pages == 2 and survey.has_text
    sheet = documents["Kratom: what you need to know"]
    assert sheet.type == "web page" and sheet.published == "2022" and sheet.has_text
    assert sheet.authors == ("World Health Organization",)
    calls = documents["Kratom and poison centre calls"]
    assert not calls.has_text and calls.sha256 == NO_TEXT_SHA256 and calls.authors == ("李, 小龙",)
    assert (calls.media_type, calls.filename, calls.source) == ("", "", "")
    assert calls.type == "report"


def test_a_second_import_adds_nothing_and_updates_what_changed(review, zotero_export):
    import_library(review, zotero_export)
    versions = review.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    again = import_library(review, zotero_export)
    assert [o.status for o in again] == ["present", "present", "present", "present", "failed"]
    assert review.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == versions

    survey_id = again[0].document_id
    set_metadata(review, survey_id, {"container": "Sleep Health (corrected)"})
    changed = zotero_export.read_text(encoding="utf-8").replace("DA  - 2021/03/15/", "DA  - 2021/03/16/")
    zotero_export.write_text(changed, encoding="utf-8")
    (zotero_export.parent / "files" / "14").mkdir()
    (zotero_export.parent / "files" / "14" / "missing.pdf").write_bytes(build_pdf([Paragraph(
        "Calls to poison centres about kratom rose tenfold in five years.",
        getSampleStyleSheet()["BodyText"])]))
    third = import_library(review, zotero_export)
    assert [o.status for o in third] == ["updated", "present", "updated", "present", "failed"]
    survey = get_document(review, survey_id)
    assert survey.published == "2021-03-16"  # changed in the library
    assert survey.container == "Sleep Health (corrected)"  # the reviewer's correction stays
    calls = get_document(review, third[2].document_id)
    assert calls.has_text and calls.filename == "missing.pdf"  # the file arrived
    assert len(list_documents(review)) == 3


def test_a_plain_import_then_the_library_gives_the_document_its_metadata(review, zotero_export):
    from reviewtool.core.review.documents import import_paths

    pdf, = (zotero_export.parent / "files" / "12").iterdir()
    imported, = import_paths(review, [pdf])
    outcomes = import_library(review, zotero_export)
    assert outcomes[0].document_id == imported.document_id and outcomes[0].status == "updated"
    document = get_document(review, imported.document_id)
    assert document.title == "Kratom use and sleep: a survey of 2,000 adults"
    assert document.doi == "10.1016/j.sleh.2021.01.004"


def test_endnote_ris_with_internal_pdf_and_windows_1252(tmp_path):
    (tmp_path / "My Library.Data" / "PDF" / "3312047721").mkdir(parents=True)
    pdf = tmp_path / "My Library.Data" / "PDF" / "3312047721" / "Sørensen-2018.pdf"
    pdf.write_bytes(article_pdf())
    text = ("TY  - JOUR\r\nAU  - Sørensen, Mette\r\nPY  - 2018\r\nTI  - Kratom dependence\r\n"
            "JO  - Addiction\r\nL1  - internal-pdf://3312047721/Sørensen-2018.pdf\r\n"
            "UR  - https://example.org/addiction/2018\r\nER  - \r\n\r\n")
    library = tmp_path / "endnote.ris"
    library.write_bytes(text.encode("cp1252"))
    from reviewtool.core.importing.references import read_library
    entry, = read_library(library).entries
    assert entry.metadata["authors"] == ["Sørensen, Mette"]
    assert entry.metadata["container"] == "Addiction"
    assert resolve_attachment(entry.attachments[0], library) == pdf


def test_mendeley_ris_with_absolute_file_urls(tmp_path):
    pdf = tmp_path / "Mendeley Desktop" / "Ünal - 2020 - Kratom.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(article_pdf())
    url = pdf.as_uri()  # file:///…/Mendeley%20Desktop/%C3%9Cnal%20-%202020%20-%20Kratom.pdf
    library = parse_ris(f"TY  - JOUR\nAU  - Ünal, Deniz\nTI  - Kratom\nY1  - 2020\n"
                        f"L1  - {url}\nER  - \n")
    entry, = library.entries
    assert resolve_attachment(entry.attachments[0], tmp_path / "x.ris") == pdf
    assert resolve_attachment(str(pdf), tmp_path / "x.ris") == pdf  # absolute path
    assert resolve_attachment(str(pdf).lstrip("/"), tmp_path / "x.ris") == pdf  # Mendeley .bib


def test_ris_reports_stray_text_and_unclosed_entries():
    library = parse_ris("garbage line\nmore garbage\n\nTY  - JOUR\nTI  - Fine\nER  - \n"
                        "TY  - JOUR\nTI  - Never closed\n")
    assert [e.metadata["title"] for e in library.entries] == ["Fine"]
    assert [(b.line, b.reason.split(" (")[0]) for b in library.bad] == [
        (1, "text outside an entry"), (7, "the entry is not closed with 'ER  -'")]


ZOTERO_BIB = r"""
@article{muller_kratom_2021,
	title = {Kratom use and {Sleep}: a survey},
	volume = {7},
	url = {https://example.org/sleep-health/kratom},
	doi = {10.1016/j.sleh.2021.01.004},
	journal = {Sleep Health},
	author = {M{\"u}ller, J{\"o}rg and {\O}deg{\aa}rd, {\AA}se},
	month = mar,
	year = {2021},
	urldate = {2023-01-05},
	file = {Full Text PDF:files/12/Müller - 2021.pdf:application/pdf;Snapshot:files/12/snapshot.html:text/html},
}

@misc{who_kratom_2022,
	title = {Kratom: what you need to know},
	url = {https://example.org/who/kratom},
	author = {{World Health Organization}},
	year = {2022},
}

@article{broken_entry,
	title = {Unclosed,
	author = {Someone},

@article{muller_kratom_2021,
	title = {A duplicate key},
}
"""

MENDELEY_BIB = r"""@techreport{Unal2020,
author = {{\"{U}}nal, Deniz and Smith, John},
file = {:home/deniz/.local/share/data/Mendeley Ltd./Mendeley Desktop/Downloaded/Ünal - 2020.pdf:pdf},
institution = {Poison Centre},
title = {{Kratom and poison centre calls}},
year = {2020}
}
"""


def test_zotero_bibtex():
    library = parse_bibtex(ZOTERO_BIB)
    first, second = library.entries
    assert first.line == 2 and second.line == 15
    assert first.metadata["title"] == "Kratom use and Sleep: a survey"
    assert first.metadata["authors"] == ["Müller, Jörg", "Ødegård, Åse"]
    assert first.metadata["published"] == "2021-03"
    assert (first.metadata["container"], first.metadata["accessed"]) == ("Sleep Health",
                                                                         "2023-01-05")
    assert first.attachments == ("files/12/Müller - 2021.pdf", "files/12/snapshot.html")
    assert second.metadata["type"] == "web page"
    assert second.metadata["authors"] == ["World Health Organization"]
    assert sorted((b.line, b.reason.split(" (")[0]) for b in library.bad) == [
        (22, "unreadable entry"), (26, "duplicate key 'muller_kratom_2021'")]


def test_mendeley_bibtex():
    entry, = parse_bibtex(MENDELEY_BIB).entries
    assert entry.metadata["authors"] == ["Ünal, Deniz", "Smith, John"]
    assert entry.metadata["type"] == "report" and entry.metadata["container"] == "Poison Centre"
    assert entry.attachments == (
        "home/deniz/.local/share/data/Mendeley Ltd./Mendeley Desktop/Downloaded/Ünal - 2020.pdf",)


def test_zotero_csl_json_with_a_bad_item(tmp_path):
    items = [
        {"id": "http://zotero.org/users/1/items/ABC", "type": "article-journal",
         "title": "Kratom use and sleep", "container-title": "Sleep Health",
         "author": [{"family": "Müller", "given": "Jörg"}, {"literal": "Kratom Study Group"}],
         "issued": {"date-parts": [["2021", 3, 15]]}, "accessed": {"date-parts": [[2023, 1, 5]]},
         "DOI": "10.1016/j.sleh.2021.01.004"},
        {"id": "x", "type": "webpage"},
        {"id": "y", "type": "webpage", "title": "WHO on kratom", "URL": "https://example.org/who",
         "issued": {"raw": "2022"}},
    ]
    text = json.dumps(items, indent=2, ensure_ascii=False)
    library = parse_csl_json(text)
    first, second = library.entries
    assert first.metadata["authors"] == ["Müller, Jörg", "Kratom Study Group"]
    assert (first.metadata["published"], first.metadata["accessed"]) == ("2021-03-15", "2023-01-05")
    assert second.metadata["type"] == "web page" and second.metadata["published"] == "2022"
    bad, = library.bad
    assert bad.line == text.splitlines().index("  {", 2) + 1 and "no title" in bad.reason


def test_a_file_that_is_no_library_is_refused_as_a_whole(review, tmp_path):
    from reviewtool.core.errors import ImportRefused

    path = tmp_path / "library.json"
    path.write_text('[{"title": "a"},\n  oops]', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not valid JSON at line 2"):
        import_library(review, path)
    (tmp_path / "empty.ris").write_text("")
    with pytest.raises(ImportRefused, match="empty"):
        import_library(review, tmp_path / "empty.ris")


def test_zotero_bibtex_and_mendeley_bibtex_import_with_their_files(review, tmp_path):
    zotero = tmp_path / "zotero"
    (zotero / "files" / "12").mkdir(parents=True)
    (zotero / "files" / "12" / "Müller - 2021.pdf").write_bytes(article_pdf())
    (zotero / "library.bib").write_text(ZOTERO_BIB, encoding="utf-8")
    outcomes = import_library(review, zotero / "library.bib")
    assert [(o.status, o.message.split(":")[0]) for o in outcomes] == [
        ("imported", "line 2"), ("imported", "line 15"), ("failed", "line 22"),
        ("failed", "line 26")]
    survey = get_document(review, outcomes[0].document_id)
    assert survey.has_text and survey.authors == ("Müller, Jörg", "Ødegård, Åse")
    assert "attachment files/12/snapshot.html not found" not in outcomes[0].message  # PDF taken

    mendeley = tmp_path / "Mendeley Desktop" / "Downloaded"
    mendeley.mkdir(parents=True)
    pdf = mendeley / "Ünal - 2020.pdf"
    pdf.write_bytes(build_pdf([Paragraph("Poison centre calls about kratom rose every year.",
                                         getSampleStyleSheet()["BodyText"])]))
    library = tmp_path / "mendeley.bib"
    library.write_text(MENDELEY_BIB.replace(
        "home/deniz/.local/share/data/Mendeley Ltd./Mendeley Desktop/Downloaded/Ünal - 2020.pdf",
        str(pdf).lstrip("/")), encoding="utf-8")
    outcome, = import_library(review, library)
    calls = get_document(review, outcome.document_id)
    assert calls.has_text and calls.type == "report" and calls.filename == "Ünal - 2020.pdf"


def test_csl_json_imports_metadata_only_entries_and_merges_them_across_reviewers(tmp_path):
    import shutil

    from reviewtool.core.review.new_review import new_review
    from reviewtool.core.store.reviewfile import ReviewFile
    from reviewtool.core.team.merge import merge_files

    items = [{"type": "webpage", "title": "WHO on kratom", "URL": "https://example.org/who",
              "accessed": {"date-parts": [[2023, 2, 1]]}},
             {"type": "article-journal", "title": "Kratom use and sleep",
              "DOI": "10.1016/j.sleh.2021.01.004", "author": [{"family": "Müller", "given": "Jörg"}]}]
    library = tmp_path / "library.json"
    library.write_text(json.dumps(items), encoding="utf-8")
    a, b = tmp_path / "a.review", tmp_path / "b.review"
    new_review(a, title="Kratom", reviewer="Amara Okafor").close()
    shutil.copyfile(a, b)
    for path, name in ((a, "Amara Okafor"), (b, "Jonas Lindqvist")):
        with ReviewFile.open(path) as review:  # each reviewer imports the library on their own
            assert [o.status for o in import_library(review, library, reviewer=name)] == [
                "imported", "imported"]
    with ReviewFile.open(b) as review:
        survey = next(d for d in list_documents(review) if d.doi)
        set_metadata(review, survey.id, {"container": "Sleep Health"}, reviewer="Jonas Lindqvist")
    merge_files(a, [b])
    with ReviewFile.open(a) as review:
        documents = list_documents(review)
        assert len(documents) == 2 and not any(d.has_text for d in documents)
        assert {d.container for d in documents} == {"", "Sleep Health"}
        from reviewtool.core.team.conflicts import list_conflicts
        assert list_conflicts(review) == []  # the same import by both is agreement


def test_two_entries_with_one_file_are_one_document_and_stay_so(review, tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "same.txt").write_text("One study of kratom and sleep in 40 adults.",
                                                  encoding="utf-8")
    library = tmp_path / "library.ris"
    library.write_text("TY  - JOUR\nTI  - The study\nDO  - 10.1000/a\nL1  - files/same.txt\n"
                       "ER  - \n\nTY  - JOUR\nTI  - The study, preprint\nDO  - 10.1000/b\n"
                       "L1  - files/same.txt\nER  - \n", encoding="utf-8")
    first = import_library(review, library)
    assert [o.status for o in first] == ["imported", "present"]
    assert "the same file as line 1" in first[1].message
    again = import_library(review, library)
    assert [o.status for o in again] == ["present", "present"]
    document, = list_documents(review)
    assert (document.title, document.doi) == ("The study", "10.1000/a")


def test_endnote_dates_as_typed_and_a_doi_in_m3():
    entry, = parse_ris("TY  - RPRT\nTI  - Calls\nDA  - May 5\nPY  - 2019\nM3  - 10.1000/calls\n"
                       "T2  - Occasional papers\nPB  - Poison Centre\nER  - \n").entries
    assert entry.metadata["published"] == "2019"  # "May 5" is no date on its own
    assert entry.metadata["doi"] == "10.1000/calls"
    assert entry.metadata["container"] == "Poison Centre"  # not the series


def test_bibtex_paths_and_addresses_are_not_read_as_latex(tmp_path):
    text = r"""@article{holdgraf,
  title = {Rapid tuning in {M}{\"u}nster},
  url = {https://example.org/a\_b?q=1\%2F},
  file = {Holdgraf - 2016.pdf:C\:\\Users\\chold\\Zotero\\storage\\MDQP3JWE\\Holdgraf - 2016.pdf:application/pdf}
}
@article{mendeley, title = {Windows Mendeley},
  file = {:C$\backslash$:/Users/deniz/Documents/Mendeley Desktop/{\"U}nal.pdf:pdf}}
@article{linux, title={Pellet},
  file = {PDF:/home/jessieam/Zotero/storage/SHRZWND8/Sirin et al. - Pellet.pdf:application/pdf}}
"""
    first, second, third = parse_bibtex(text).entries
    assert first.metadata["title"] == "Rapid tuning in Münster"
    assert first.metadata["url"] == "https://example.org/a_b?q=1%2F"
    assert first.attachments == (
        r"C:\Users\chold\Zotero\storage\MDQP3JWE\Holdgraf - 2016.pdf",)
    assert second.attachments == ("C:/Users/deniz/Documents/Mendeley Desktop/Ünal.pdf",)
    assert third.attachments == (
        "/home/jessieam/Zotero/storage/SHRZWND8/Sirin et al. - Pellet.pdf",)


def test_a_hostile_json_file_is_refused_in_one_sentence(review, tmp_path):
    from reviewtool.core.errors import ImportRefused

    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ImportRefused, match="nested too deeply"):
        import_library(review, path)


def test_two_versions_of_a_library_conflict_only_on_the_metadata_that_differs(tmp_path):
    import shutil

    from reviewtool.core.review.new_review import new_review
    from reviewtool.core.store.reviewfile import ReviewFile
    from reviewtool.core.team.conflicts import list_conflicts
    from reviewtool.core.team.merge import merge_files

    a, b = tmp_path / "a.review", tmp_path / "b.review"
    new_review(a, title="Kratom", reviewer="Amara Okafor").close()
    shutil.copyfile(a, b)
    for path, year, name in ((a, "2020", "Amara Okafor"), (b, "2021", "Jonas Lindqvist")):
        library = tmp_path / f"{year}.ris"
        library.write_text(f"TY  - JOUR\nTI  - Kratom and sleep\nDO  - 10.1000/k\nPY  - {year}\n"
                           "ER  - \n", encoding="utf-8")
        with ReviewFile.open(path) as review:
            import_library(review, library, reviewer=name)
    summary, = merge_files(a, [b])
    assert summary.conflicts == 1
    with ReviewFile.open(a) as review:
        assert [c.field for c in list_conflicts(review)] == ["published"]
