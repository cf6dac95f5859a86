"""File → Export report… builds the PDF off the UI thread; claims export to spreadsheets."""

from pypdf import PdfReader

from reviewtool.core.review.batch_entry import add_claims
from reviewtool.core.store.reviewfile import ReviewFile

from ..conftest import ROOT
from .conftest import wait_for_jobs


def test_export_report_writes_the_pdf_in_the_background(qtbot, workbench, review_path, tmp_path,
                                                        monkeypatch):
    with ReviewFile.open(review_path) as review:
        add_claims(review, ROOT / "examples" / "extractions" / "reviewer-a-claims.csv")
    actions = workbench.report
    texts = [a.text().replace("&", "") for a in workbench.menus["File"].actions()]
    assert "Export Report…" in texts
    opened = []
    monkeypatch.setattr("reviewtool.gui.report.QDesktopServices.openUrl", opened.append)
    output = tmp_path / "out" / "report.pdf"
    output.parent.mkdir()
    job = actions.start_report(review_path, output, "compact", open_after=True)
    assert job is not None
    wait_for_jobs(qtbot, workbench, timeout=60000)
    text = "".join(page.extract_text() for page in PdfReader(output).pages)
    assert "Kratom can cause insomnia or disturbed sleep" in text
    assert opened and opened[0].toLocalFile() == str(output)
    assert "Report written" in workbench.statusBar().currentMessage()


def test_report_error_is_one_sentence_not_a_crash(qtbot, workbench, review_path, tmp_path):
    shown = []
    workbench.show_error = shown.append
    workbench.report.start_report(review_path, tmp_path / "missing" / "r.pdf",
                                           "default", open_after=False)
    wait_for_jobs(qtbot, workbench, timeout=60000)
    assert shown and "does not exist" in str(shown[0])


def test_export_claims_spreadsheet(qtbot, workbench, review_path, tmp_path, monkeypatch):
    with ReviewFile.open(review_path) as review:
        add_claims(review, ROOT / "examples" / "extractions" / "reviewer-a-claims.csv")
    output = tmp_path / "claims.csv"
    monkeypatch.setattr("reviewtool.gui.report.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(output), ""))
    assert workbench.report.export_claims() is not None
    wait_for_jobs(qtbot, workbench)
    lines = output.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) > 18  # a header and one row per claim (quotes may span lines)
