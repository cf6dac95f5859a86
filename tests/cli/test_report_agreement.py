"""The PDF's agreement section: two parts, every interval or its reason, robustness."""

import pytest
from pypdf import PdfReader

from ..core.test_report_data import build_demo
from .runner import run


@pytest.fixture(scope="module")
def agreement_text(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agreement-report")
    path = build_demo(folder / "demo.review")
    out = folder / "report.pdf"
    assert run("report", path, "-o", out).exit_code == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    text = " ".join(text.split())
    start = text.index("Agreement between reviewers Reviewers compared")
    return text[start:text.index("Appendix: documents and quotes", start)]


def test_the_two_parts_come_in_order_and_apart(agreement_text):
    unitizing = agreement_text.index("Finding the same passages")
    coding = agreement_text.index("Coding the passages found")
    robustness = agreement_text.index("Robustness to the pairing threshold")
    assert unitizing < coding < robustness
    assert "Positive specific agreement 0.89 0.75 to 0.97" in agreement_text[unitizing:coding]
    assert "Krippendorff's unitizing alpha 0.72 no interval" in agreement_text[unitizing:coding]
    assert "not extracted" not in agreement_text
    assert "missing data there, never a category" in agreement_text


def test_coding_table_has_ac1_and_pabak_and_says_why_an_interval_is_missing(agreement_text):
    assert "Gwet's AC1 PABAK" in agreement_text
    assert "Kind of claim 16 0.88 0.64 to 0.97 0.84 0.63 to 1.00" in agreement_text
    notes = agreement_text[agreement_text.index("Notes:"):]
    assert "Too few documents for an interval (fewer than 10)" in notes
    assert "Too few units for an interval (fewer than 10)" in notes  # appraisals: 3 documents
    assert "Every unit agrees, so the interval would have zero width" in notes
    assert "1.00 to 1.00" not in agreement_text and "0.00 to 0.00" not in agreement_text


def test_robustness_rows_at_three_thresholds(agreement_text):
    table = agreement_text[agreement_text.index("Robustness to the pairing threshold"):]
    for threshold in ("30% 20 16 0.89", "50% 20 16 0.89", "70% 24 12 0.67"):
        assert threshold in table
