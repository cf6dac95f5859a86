"""Report data for the demo review, built without rendering."""

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from reviewtool.core.review.claims import add_claim, list_claims
from reviewtool.core.review.documents import list_documents
from reviewtool.core.team.merge import merge_files
from reviewtool.core.review.records import update_answers
from reviewtool.core.review.reimport import reimport_document
from reviewtool.core.synthesis.report_data import build_report_data
from reviewtool.core.store.reviewfile import ReviewFile

from tests.builders import INSOMNIA, SEEDS, build_demo


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.review")


@pytest.fixture(scope="module")
def data(demo_path):
    with ReviewFile.open(demo_path, readonly=True) as review:
        return build_report_data(review, today=dt.date(2025, 3, 1))


def row(data, statement):
    return next(r for s in data.sections for r in s.rows if r.statement == statement)


def test_title_and_methods(data):
    assert data.title == "Kratom and sleep"
    assert data.question.startswith("What do web articles claim")
    assert data.reviewers == ("Amara Okafor", "Jonas Lindqvist")
    assert data.date == "2025-03-01" and data.version
    m = data.methods
    assert (m.documents, m.claims, m.reviewer_claims, m.consensus_claims, m.findings,
            m.appraisals) == (3, 36, 36, 0, 7, 6)
    assert {(f.id, f.version, f.records) for f in m.forms} == {
        ("claim", 1, 36), ("appraisal", 1, 6), ("finding", 1, 0)}
    assert m.merges == () and "overlap" in m.matching_rule
    assert {k for k, _ in m.rules} == {"consistency", "evidence", "certainty", "agreement"}
    assert data.certainty_scale == ("High", "Moderate", "Low", "Very low")


def test_sections_and_counts(data):
    counts = {s.key: len(s.rows) for s in data.sections}
    assert [s.title for s in data.sections] == ["Risks", "Benefits", "Open questions",
                                                "Other claims"]
    # the passage one reviewer filed as a risk and the other as "other" is one row, under
    # the first reviewer's kind, until it is reconciled
    assert counts == {"risk": 4, "benefit": 2, "open_question": 1, "other": 2}
    kinds = {s.key: [r.kind for r in s.rows] for s in data.sections}
    # findings first, then the claims grouped under no finding
    assert kinds["risk"] == ["finding", "finding", "finding", "claim"]
    assert [r.number for r in data.section("risk").rows] == ["R1", "R2", "R3", "R4"]


def test_insomnia_finding_is_contradictory(data):
    insomnia = row(data, INSOMNIA)
    assert insomnia.number == "R1" and insomnia.consistency == "contradictory"
    assert dict(insomnia.documents) == {"D1": "qualifies", "D2": "supports", "D3": "contradicts"}
    assert insomnia.evidence == "Anecdote"
    # nobody judged it: no level, never the highest claim's rating; the claims' spread below
    assert (insomnia.certainty, insomnia.certainty_level) == ("", 0)
    assert insomnia.certainty_missing == "not judged" and insomnia.footnote == ""
    assert insomnia.proposal == "claims rated Low ×3, Very low ×4; lowest Very low"
    assert insomnia.proposal_hint.startswith("documents disagree")
    assert insomnia.agreement.status == "partial"
    assert (insomnia.agreement.extracted, insomnia.agreement.category,
            insomnia.agreement.certainty) == ((7, 8), (2, 3), (1, 3))
    stances = {c.ref: c.stance for c in insomnia.claims}
    assert stances["D3-1"] == "contradicts" and "qualifies" in stances.values()
    assert insomnia.flags == () and insomnia.unsettled  # its passages are not reconciled


def test_other_columns(data):
    benefit = row(data, "Kratom eases opioid withdrawal symptoms")
    assert benefit.consistency == "consistent" and benefit.agreement.status == "agreed"
    gap = row(data, "Evidence on kratom and sleep is limited; more research is needed")
    assert (gap.certainty, gap.certainty_level, gap.evidence) == ("", 0,
                                                                  "Cites a review or guideline")
    single = data.section("benefit").rows[-1]
    assert single.kind == "claim" and single.consistency == "single source"
    assert single.agreement.extracted == (1, 2)  # the other reviewer did not extract it
    assert single.claims[0].stance is None
    mechanism = row(data, "Kratom's main alkaloid, mitragynine, acts on opioid receptors")
    assert mechanism.category == "Mechanism" and mechanism.certainty == ""
    assert mechanism.proposal == "claims rated High ×1, Moderate ×2, Low ×1; lowest Low"
    dependence = row(data, "Long-term kratom use can lead to dependence")
    # D1 says kratom minimises the risk of dependence, and later that it may lead to it
    assert dict(dependence.documents)["D1"] == "supports and contradicts"
    assert dependence.consistency == "contradictory"


def test_every_reference_reaches_the_appendix(data):
    anchors = {c.claim.anchor: c for d in data.appendix for c in d.claims}
    refs = [c for s in data.sections for r in s.rows for c in r.claims]
    assert refs and all(c.anchor in anchors for c in refs)
    assert sum(len(d.claims) for d in data.appendix) == 36
    assert [d.document.ref for d in data.appendix] == ["D1", "D2", "D3"]
    first = data.appendix[0]
    assert first.appraisals.reviewers == ("Amara Okafor", "Jonas Lindqvist")
    assert ("Overall quality as a source", ("Very low", "Low")) in first.appraisals.rows
    claim = first.claims[0]
    assert claim.claim.ref == "D1-1" and claim.quote.startswith("Kratom, derived from")
    assert (claim.start, claim.end) == (0, 184) and claim.page is None
    labels = {label for _, label, _ in claim.fields}
    assert "Kind of claim" in labels and "Claim in your words" not in labels
    assert claim.finding.startswith("B1 Kratom eases") and claim.finding_anchor.startswith("row-")


def test_evidence_map(data):
    assert data.evidence_map.documents == ("D1", "D2", "D3")
    rows = {r.number: r for r in data.evidence_map.rows}
    assert len(rows) == 7  # findings only
    assert rows["R1"].cells == ("qualifies", "supports", "contradicts")
    assert rows["R2"].cells[2] is None


def test_agreement_table(data):
    table = data.agreement
    assert table.reviewers == ("Amara Okafor", "Jonas Lindqvist") and table.units == 20
    by_field = {(r.form, r.field): r for r in table.rows}
    category = by_field[("claim", "category")]
    assert category.kappa.name == "Cohen's kappa" and category.alpha.name.endswith("(nominal)")
    certainty = by_field[("claim", "certainty")]
    assert certainty.kappa.name.startswith("Cohen's weighted")
    assert certainty.alpha.name.endswith("(ordinal)")
    assert by_field[("appraisal", "authorship")].kappa.value is None
    assert by_field[("appraisal", "authorship")].kappa.note


def test_unreconciled_passages_make_a_draft(data):
    # two reviewers' claims, never reconciled: all 20 passages are unsettled
    assert len(data.problems.passages) == 20 and not data.problems.empty
    assert data.draft == "Draft — 20 unsettled items"
    purity = next(p for p in data.problems.passages if "Risk (Amara Okafor)" in p.summary)
    assert "Other (Jonas Lindqvist)" in purity.summary and purity.where.endswith("row R4")


def test_report_data_is_frozen_plain_values(data):
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.title = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.sections[0].rows[0].statement = "changed"


def test_unsettled_claims_are_flagged(demo_path, tmp_path):
    """Open conflicts, orphaned quotes and incomplete claims are listed and flag their rows."""
    path = tmp_path / "a.review"
    shutil.copy(demo_path, path)
    other = tmp_path / "b.review"
    shutil.copy(demo_path, other)
    with ReviewFile.open(path) as review:
        insomnia = next(c for c in list_claims(review) if c.finding_stance == "contradicts"
                        and "sedative" in c.statement)
        update_answers(review, insomnia.id, {"certainty": "low"})
    with ReviewFile.open(other) as review:
        update_answers(review, insomnia.id, {"certainty": "moderate"}, reviewer="Jonas Lindqvist")
    merge_files(path, [other])
    changed = tmp_path / "changed.txt"
    with ReviewFile.open(path) as review:
        doc = next(d for d in list_documents(review) if d.filename == SEEDS[2].name)
        text = SEEDS[2].read_text(encoding="utf-8")
        orphan = next(c for c in list_claims(review, document_id=doc.id)
                      if not c.finding_id)
        changed.write_text(text.replace(orphan.anchor.exact, "Nothing of the kind is said here."),
                           encoding="utf-8")
        reimport_document(review, doc.id, changed)
        draft = add_claim(review, doc.id, 0, 40, {"statement": "A draft with no category yet"})
        data = build_report_data(review)
    problems = data.problems
    assert [c.field for c in problems.conflicts] == ["Certainty of the evidence"]
    conflict = problems.conflicts[0]
    assert conflict.record.startswith("claim D") and conflict.anchor == f"claim-{insomnia.id}"
    assert {v for v, _, _ in conflict.values} == {"Low", "Moderate"}
    # both reviewers quoted that passage
    assert orphan.id in {p.claim.id for p in problems.orphaned} and len(problems.orphaned) == 2
    assert [p.claim.id for p in problems.incomplete] == [draft]
    assert "Kind of claim" in problems.incomplete[0].detail
    assert "open conflict on 1 claim" in row(data, INSOMNIA).flags
    assert data.methods.merges and data.methods.merges[0].source == "b.review"
    draft_row = next(r for r in data.section("other").rows if r.id == draft)
    assert draft_row.flags == ("1 incomplete claim",)


def test_a_finding_filed_under_two_categories_is_listed_with_their_labels(demo_path, tmp_path):
    from reviewtool.core.store.changes import Change
    from reviewtool.core.review.findings import create_finding

    path, other = tmp_path / "a.review", tmp_path / "b.review"
    shutil.copy(demo_path, path)
    shutil.copy(demo_path, other)
    for file, category, who in ((path, "risk", None), (other, "open_question", "Jonas Lindqvist")):
        with ReviewFile.open(file) as review, Change(review, who) as change:
            create_finding(change, "Kratom may disturb sleep after stopping", category)
    merge_files(path, [other])
    with ReviewFile.open(path, readonly=True) as review:
        conflict, = build_report_data(review).problems.conflicts
    assert conflict.field == "category"
    assert {value for value, _, _ in conflict.values} == {"Risk", "Open question"}
    assert conflict.shown in {"Risk", "Open question"}
