"""Nothing unsettled shown as settled: the Draft mark on every page, --final, the demo."""

import json
import shutil

import pytest
from pypdf import PdfReader

from ..core.test_report_data import build_demo
from .runner import run


def pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def unreconciled(tmp_path_factory):
    """Two reviewers' claims in one file, never reconciled."""
    return build_demo(tmp_path_factory.mktemp("draft") / "draft.review")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    result = run("demo", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_every_page_of_an_unsettled_review_is_marked_draft(unreconciled, tmp_path):
    out = tmp_path / "r.pdf"
    assert run("report", unreconciled, "-o", out).exit_code == 0
    texts = pages(out)
    assert len(texts) > 5
    assert all("Draft — 20 unsettled items" in t for t in texts)


def test_final_refuses_naming_the_items_and_writes_nothing(unreconciled, tmp_path):
    out = tmp_path / "final.pdf"
    result = run("report", unreconciled, "-o", out, "--final")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "20 items are unsettled" in result.stderr
    assert result.stderr.count("unsettled: passage “") == 20
    assert "Kind of claim: Risk (Amara Okafor) / Other (Jonas Lindqvist)" in result.stderr
    assert not out.exists()


def test_conflicts_lists_the_same_items_as_the_report(unreconciled):
    result = run("conflicts", unreconciled, "--json")
    items = json.loads(result.stdout)
    assert len(items) == 20 and {i["kind"] for i in items} == {"passage"}
    assert "20 unsettled items" in run("conflicts", unreconciled).stderr


def test_the_demo_reconciles_everything_and_its_report_is_final(demo, tmp_path):
    team = demo / "team.review"
    assert json.loads(run("conflicts", team, "--json").stdout) == []
    texts = pages(demo / "report.pdf")
    assert not any("Draft" in t for t in texts)
    out = tmp_path / "final.pdf"
    assert run("report", team, "-o", out, "--final").exit_code == 0
    summary = " ".join(t for t in texts if "Certainty (GRADE)" in t)
    # judged certainties with their footnotes, printed under the tables
    assert "Very low a" in summary and "Low c" in summary
    assert "a User reports only, not separated from insomnia caused by withdrawal" in summary
    assert "not rated a" in summary  # the lead judged that GRADE does not apply, and said why
    tables = summary[summary.index("2.1 Risks"):summary.index("Certainty assessment")]
    assert "not judged" not in tables  # (only in the legend)
    # the certainty assessment behind each judgement, domain by domain (an evidence profile)
    profile = next(t for t in texts if "Certainty assessment" in t)
    profile = profile[profile.index("Certainty assessment"):]
    assert "Risk of bias Inconsistency Indirectness Imprecision Publication bias" in profile
    assert ("R1 Kratom can cause insomnia or disturbed sleep Serious Serious Not serious "
            "Serious Not serious none Very low") in profile
    findings = {f["statement"]: f for f in json.loads(run("findings", team, "--json").stdout)}
    dependence = findings["Long-term kratom use can lead to dependence"]
    assert dependence["consistency"] == "contradictory" and dependence["certainty"] == "low"
    assert dependence["claims_spread"]["hint"]  # proposed; the lead decided otherwise, saying why


def test_a_merge_left_unreconciled_is_a_draft_on_every_page(demo, tmp_path):
    team = tmp_path / "team.review"
    shutil.copy(demo / "lead.review", team)
    assert run("merge", team, demo / "reviewer-a.review", demo / "reviewer-b.review").exit_code == 0
    out = tmp_path / "r.pdf"
    assert run("report", team, "-o", out).exit_code == 0
    texts = pages(out)
    marks = {t[t.index("Draft — "):].split(" items")[0] for t in texts}
    assert len(marks) == 1 and all("Draft — " in t for t in texts)
