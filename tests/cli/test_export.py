"""`reviewtool export --format csv|xlsx`: one row per claim, readable values, no formulas."""

import csv
import io

import openpyxl
import pytest

from reviewtool.report.spreadsheet import neutralise

from ..conftest import SEEDS
from tests.builders import build_demo
from .runner import run

QUOTE = "One notable concern is the possibility of kratom causing insomnia"
FORMULA = '=HYPERLINK("http://example.test","click")'
INJECTIONS = {"statement": FORMULA, "population": "+SUM(A1:A9)", "citation": "@cmd",
              "notes": "-2+3"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    path = build_demo(folder / "demo.review")
    rows = folder / "bad.csv"
    with rows.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["document", "quote", "category", "evidence_cited", "certainty",
                         *INJECTIONS])
        writer.writerow([SEEDS[0].name, QUOTE, "risk", "cites_study", "very_low",
                         *INJECTIONS.values()])
    assert run("add-claims", path, rows).exit_code == 0
    return path


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1" and neutralise("@x") == "'@x"
    assert neutralise("-1") == "'-1" and neutralise("+1") == "'+1"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("plain = text") == "plain = text" and neutralise(12) == 12


def test_csv_one_row_per_claim(demo, tmp_path):
    out = tmp_path / "claims.csv"
    assert run("export", demo, "--format", "csv", "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 37
    header = set(rows[0])
    assert {"Claim in your words", "Kind of claim", "Certainty of the evidence", "Quote", "Page",
            "Start", "End", "Reviewer", "Document", "Document SHA-256", "Document file",
            "Finding", "Stance towards finding", "Consensus claim", "Ref"} <= header
    first = rows[0]
    assert first["Ref"] == "D1-1" and first["Kind of claim"] == "Benefit"
    assert first["Certainty of the evidence"] == "Very low"
    assert first["Reasons for rating certainty down"] == "Risk of bias; Indirectness; Imprecision"
    assert first["Finding"] == "Kratom eases opioid withdrawal symptoms"
    assert first["Quote"].startswith("Kratom, derived from") and first["Start"] == "0"
    assert len(first["Document SHA-256"]) == 64 and first["Consensus claim"] == "no"
    bad = next(r for r in rows if r["Claim in your words"].startswith("'="))
    assert bad["Claim in your words"] == "'" + FORMULA
    assert bad["Population"] == "'+SUM(A1:A9)" and bad["Reference given"] == "'@cmd"
    assert bad["Notes"] == "'-2+3"
    assert not any(value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())


def test_xlsx_sheets_per_category_and_documents(demo, tmp_path):
    out = tmp_path / "claims.xlsx"
    assert run("export", demo, "--format", "xlsx", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Risk", "Benefit", "Open question", "Mechanism", "Other",
                               "Documents"]
    claims = sum(book[name].max_row - 1 for name in book.sheetnames[:-1])
    assert claims == 37
    docs = book["Documents"]
    assert [c.value for c in docs[1]][:5] == ["Ref", "Title", "Source", "File", "SHA-256"]
    assert docs.max_row == 4 and docs["A2"].value == "D1"
    risk = book["Risk"]
    header = [c.value for c in risk[1]]
    statement = header.index("Claim in your words") + 1
    cells = [risk.cell(row, statement) for row in range(2, risk.max_row + 1)]
    bad = next(c for c in cells if c.value == FORMULA)
    assert bad.data_type == "s" and bad.quotePrefix  # text, never a formula
    for row in risk.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)
    certainty = header.index("Certainty of the evidence") + 1
    assert {risk.cell(r, certainty).value for r in range(2, risk.max_row + 1)} <= {
        "High", "Moderate", "Low", "Very low", None}
    assert risk.freeze_panes == "A2"


def test_xlsx_refuses_standard_output(demo):
    result = run("export", demo, "--format", "xlsx", "-o", "-")
    assert result.exit_code == 1 and "standard output" in result.stderr
