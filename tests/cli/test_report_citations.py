"""Sources cited in the report and carried by the exports, a reference without text included."""

import csv
import io
import json
import shutil

import openpyxl
import pytest
from pypdf import PdfReader

from reviewtool.core.review.document_metadata import set_metadata
from reviewtool.core.review.documents import list_documents
from reviewtool.core.store.reviewfile import ReviewFile

from ..core.test_report_data import build_demo
from .runner import run

CITED = ("Okafor, A., & Lindqvist, J. (2021). Kratom and Sleep: Can it Help with Insomnia? "
         "Sleep Health. https://doi.org/10.1000/sleep.7")


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cited")
    path = build_demo(folder / "demo.review")
    with ReviewFile.open(path) as review:
        insomnia = next(d for d in list_documents(review) if d.title.startswith("Kratom and Sleep"))
        set_metadata(review, insomnia.id, {"authors": ["Okafor, Amara", "Lindqvist, Jonas"],
                                           "published": "2021-05", "container": "Sleep Health",
                                           "doi": "10.1000/sleep.7", "note": "Read in print."})
    library = folder / "library.ris"
    library.write_text("TY  - RPRT\nTI  - Kratom & poison <centre> calls\nAU  - Ünal, Deniz\n"
                       "PY  - 2019\nUR  - https://example.org/calls\nY2  - 2024/02/01/\nER  - \n",
                       encoding="utf-8")
    assert run("import", path, library).exit_code == 0
    return path


def test_the_pdf_cites_its_sources(cited, tmp_path):
    output = tmp_path / "report.pdf"
    assert run("report", cited, "-o", output).exit_code == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(output).pages)
    assert "References" in text
    assert CITED in text
    assert ("Ünal, D. (2019). Kratom & poison <centre> calls. https://example.org/calls "
            "(accessed 2024-02-01)") in text
    assert "Okafor & Lindqvist (2021)" in text  # the documents table and the map's legend
    assert "no full text" in text
    assert "Read in print." in text  # the appendix shows the note


def test_exports_carry_the_metadata(cited, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run("export", cited, "--format", "csv", "-o", "-")
                                           .stdout.lstrip("\ufeff"))))
    assert CITED in {r["Document reference"] for r in rows}

    output = tmp_path / "claims.xlsx"
    assert run("export", cited, "--format", "xlsx", "-o", output).exit_code == 0
    sheet = openpyxl.load_workbook(output)["Documents"]
    header = [c.value for c in sheet[1]]
    by_title = {r[header.index("Title")]: dict(zip(header, r))
                for r in sheet.iter_rows(min_row=2, values_only=True)}
    insomnia = by_title["Kratom and Sleep: Can it Help with Insomnia?"]
    assert (insomnia["Authors"], insomnia["DOI"], insomnia["Reference"]) == (
        "Okafor, Amara; Lindqvist, Jonas", "10.1000/sleep.7", CITED)
    assert by_title["Kratom & poison <centre> calls"]["Characters"] == 0

    exported = json.loads(run("export", cited, "--format", "json", "-o", "-").stdout)
    calls = next(d for d in exported["documents"] if d["title"].startswith("Kratom & poison"))
    assert (calls["authors"], calls["accessed"], calls["chars"]) == (["Ünal, Deniz"],
                                                                     "2024-02-01", 0)


def test_a_reference_without_text_goes_through_search_merge_and_agreement(cited, tmp_path):
    copy = tmp_path / "b.review"
    shutil.copyfile(cited, copy)
    assert run("search", cited, "poison", "--json").exit_code == 0
    assert run("merge", cited, copy, "--force").exit_code == 0
    assert run("agreement", cited).exit_code == 0
    assert run("check", cited).exit_code == 0
    claims = tmp_path / "claims.csv"
    claims.write_text("document,quote,statement,category\n"
                      "Kratom & poison <centre> calls,calls rose,Calls rose,risk\n",
                      encoding="utf-8")
    refused = run("add-claims", cited, claims)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "a reference without its full text" in refused.output
