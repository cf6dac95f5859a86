"""Exporting the report of a review with unsettled items says it is a draft."""

from pypdf import PdfReader

from reviewtool.core.team.merge import merge_files
from tests.gui.conftest import wait_for_jobs
from tests.builders import build_team


def test_the_status_bar_says_the_report_is_a_draft(qtbot, window, tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    assert window.open_review(team.a)
    output = tmp_path / "draft.pdf"
    window.report.start_report(team.a, output, "default", open_after=False)
    wait_for_jobs(qtbot, window, timeout=60000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Report written to") and "Draft — 21 unsettled items" in message
    assert all("Draft — 21 unsettled items" in page.extract_text()
               for page in PdfReader(output).pages)
