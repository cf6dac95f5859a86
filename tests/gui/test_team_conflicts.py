"""The Conflicts window: every kept value with who and when, and Resolve."""

import shutil

import pytest

from reviewtool.core.review.claims import get_claim, list_claims
from reviewtool.core.team.conflicts import list_conflicts, resolve_conflict
from reviewtool.core.team.merge import merge_files
from reviewtool.core.review.records import update_answers
from reviewtool.core.store.reviewfile import ReviewFile
from tests.gui.team_host import open_team
from tests.builders import LEAD, SECOND, build_team


@pytest.fixture
def conflicted(tmp_path):
    """Both reviewers changed the kind of the same claim after sharing files: a conflict."""
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    with ReviewFile.open(team.a) as review:  # settle what the first merge left open
        for existing in list_conflicts(review):
            resolve_conflict(review, existing, existing.shown, reason="settled", reviewer=LEAD)
    copy = tmp_path / "team" / "c.review"
    shutil.copyfile(team.a, copy)
    with ReviewFile.open(team.a) as review:
        claim = list_claims(review, consensus=False)[0]
        update_answers(review, claim.id, {"category": "other"}, reviewer=LEAD)
    with ReviewFile.open(copy) as review:
        update_answers(review, claim.id, {"category": "mechanism"}, reviewer=SECOND)
    merge_files(team.a, [copy])
    return team.a, claim


@pytest.fixture
def panel(qtbot, conflicted):
    _, windows = open_team(qtbot, conflicted[0])
    panel = windows.open("conflicts")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    yield panel
    if panel.dialog:
        panel.dialog.close()
    panel.close()


def test_lists_the_kept_values_with_who_and_when(panel, conflicted, qtmodeltester):
    qtmodeltester.check(panel.model)
    _, claim = conflicted
    record, field, kept, shown = (panel.model.data(panel.model.index(0, c)) for c in range(4))
    assert claim.statement in record and field == "Kind of claim"
    lines = kept.splitlines()
    assert len(lines) == 2
    assert any(line.startswith("Other — Amara Okafor, 20") for line in lines)
    assert any(line.startswith("Mechanism — Jonas Lindqvist, 20") for line in lines)
    assert shown in ("Other", "Mechanism")
    assert "1 open conflict" in panel.summary.text()


def test_resolve_picks_a_kept_value_with_a_reason(panel, conflicted, qtbot):
    path, claim = conflicted
    panel.table.selectRow(0)
    panel.resolve_current()
    dialog = panel.dialog
    assert "cannot be undone" in " ".join(w.text() for w in dialog.findChildren(type(dialog.problem)))
    mechanism = next(b for b in dialog.choices.buttons() if "Mechanism" in b.text())
    mechanism.setChecked(True)
    dialog.reason.setText("The passage describes how, not an effect.")
    dialog.accept()
    assert not dialog.isVisible()
    with ReviewFile.open(path, readonly=True) as review:
        assert list_conflicts(review) == []
        assert get_claim(review, claim.id).category == "mechanism"
    assert panel.context.host.reloads == 1 and panel.context.host.stack.count() == 0
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.summary.text() == "No open conflicts."


def test_a_typed_value_is_checked_by_the_form(panel, conflicted, qtbot):
    path, _ = conflicted
    panel.resolve_current()
    dialog = panel.dialog
    dialog.other.setChecked(True)
    dialog.typed.setText("danger")
    dialog.accept()
    assert dialog.isVisible() and "category" in dialog.problem.text()
    with ReviewFile.open(path, readonly=True) as review:
        assert len(list_conflicts(review)) == 1
    dialog.typed.setText("Risk")
    dialog.accept()
    assert not dialog.isVisible()
    with ReviewFile.open(path, readonly=True) as review:
        assert list_conflicts(review) == []


def test_a_finding_conflict_reads_as_the_finding_with_labels(qtbot, tmp_path):
    from reviewtool.core.review.findings import list_findings
    from reviewtool.core.team.merge import merge_files
    from tests.builders import build_team

    team = build_team(tmp_path)
    merge_files(team.a, [team.b])  # the reviewers filed one finding under different kinds
    host, windows = open_team(qtbot, team.a)
    panel = windows.open("conflicts")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    record, field, kept, shown = (panel.model.data(panel.model.index(0, c)) for c in range(4))
    statements = {f.statement for f in list_findings(host.session.review)}
    assert record.startswith("Finding “") and record[9:-1] in statements
    assert field == "Kind"
    values = {line.split(" — ")[0] for line in kept.splitlines()}
    assert values <= {"Risk", "Benefit", "Open question", "Mechanism", "Other"} and len(values) == 2
    assert shown in values


def test_two_leads_pairing_one_passage_differently_is_listed_and_resolved(qtbot, tmp_path):
    from reviewtool.core.team.agreement.matching import review_units
    from reviewtool.core.team.pairings import pairing_corrections, set_pairing

    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    with ReviewFile.open(team.a) as review:
        for existing in list_conflicts(review):
            resolve_conflict(review, existing, existing.shown, reason="settled", reviewer=LEAD)
        unit = next(u for d in review_units(review).values() for u in d if len(u.claims) == 2)
    first, second = (c.id for c in unit.claims.values())
    copy = tmp_path / "team" / "c.review"
    shutil.copyfile(team.a, copy)
    with ReviewFile.open(team.a) as review:
        set_pairing(review, first, second, "split", reviewer=LEAD)
    with ReviewFile.open(copy) as review:
        set_pairing(review, first, second, "pair", reviewer=SECOND)
    merge_files(team.a, [copy])
    _, windows = open_team(qtbot, team.a)
    panel = windows.open("conflicts")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    record = panel.model.data(panel.model.index(0, 0))
    assert record.startswith("Pairing of two reviewers' claims in ")
    with ReviewFile.open(team.a) as review:
        (conflict,) = list_conflicts(review)
        resolve_conflict(review, conflict, "pair", reason="same sentence", reviewer=LEAD)
        assert pairing_corrections(review).decision(first, second) == "pair"
        assert list_conflicts(review) == []
    panel.close()
