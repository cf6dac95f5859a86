"""The reconciliation view on two reviewers' merged demo extractions."""

import pytest
from PySide6.QtCore import Qt

from reviewtool.core.review.claims import list_claims
from reviewtool.core.team.merge import merge_files
from reviewtool.core.team.reconcile import reconcile_units
from reviewtool.core.store.reviewfile import ReviewFile
from tests.gui.team_host import open_team
from tests.builders import LEAD, SECOND, build_team

AGREED = 6  # see tests/core/test_reconcile.py


@pytest.fixture
def merged(tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    return team.a


@pytest.fixture
def view(qtbot, merged):
    _, windows = open_team(qtbot, merged)
    view = windows.open("reconcile")
    qtbot.waitUntil(lambda: view.data is not None and view.units_model.rowCount() > 0)
    yield view
    view.close()


def consensus_claims(path):
    with ReviewFile.open(path, readonly=True) as review:
        return list_claims(review, consensus=True)


def wait_reloaded(qtbot, view, before):
    qtbot.waitUntil(lambda: view.data is not before and not view.runner.busy)


def all_text(model):
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(model.data(model.index(row, column), role))
    return " ".join(str(t) for t in texts if t)


def select(view, status):
    for row in range(view.units_model.rowCount()):
        if view.units_model.unit(row).status == status:
            view.units.selectRow(row)
            return view.units_model.unit(row)
    raise AssertionError(f"no {status} unit on this document")


def test_units_side_by_side_per_document(view, merged, qtmodeltester):
    qtmodeltester.check(view.units_model)
    with ReviewFile.open(merged, readonly=True) as review:
        units = reconcile_units(review)
    assert view.documents.count() == len({u.document_id for u in units}) == 3
    document_id = view.documents.currentData()
    assert view.units_model.rowCount() == sum(u.document_id == document_id for u in units)
    headers = [view.units_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.units_model.columnCount())]
    assert headers[:2] == ["Passage", "Status"] and headers[4:] == ["Consensus"]
    assert set(headers[2:4]) == {LEAD, SECOND}
    unit = select(view, "differs")
    claim = unit.claims[LEAD]
    row = view.units.currentIndex().row()
    lead_column = headers.index(LEAD)
    assert claim.statement in view.units_model.data(view.units_model.index(row, lead_column))
    assert unit.earliest.anchor.exact[:40] in view.units_model.data(view.units_model.index(row, 0))
    # The comparison below: a row per field, the differing ones highlighted.
    qtmodeltester.check(view.comparison_model)
    model = view.comparison_model
    highlighted = {model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())
                   if model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) is not None}
    assert highlighted == {f.label for f in unit.differing}
    assert model.data(model.index(0, 0)) in {c.anchor.exact for c in unit.claims.values()}


def test_hide_names_for_blind_adjudication(view, qtbot):
    select(view, "differs")
    assert LEAD in all_text(view.units_model)
    view.blind.setChecked(True)
    for model in (view.units_model, view.comparison_model):
        text = all_text(model)
        assert LEAD not in text and SECOND not in text
        assert "Reviewer 1" in text and "Reviewer 2" in text
    quote_from = [view.consensus.quote_from.itemText(i) for i in range(view.consensus.quote_from.count())]
    assert set(quote_from) <= {"Reviewer 1", "Reviewer 2"}
    # Labels stay with the same column when names come back.
    unit = view.current_unit()
    view.blind.setChecked(False)
    assert view.units_model.headerData(2, Qt.Orientation.Horizontal) == unit.reviewers[0]


def test_accept_all_agreements_then_undo_and_redo(view, merged, qtbot):
    host = view.context.host
    assert view.accept_button.text() == f"&Accept all agreements ({AGREED})"
    before = view.data
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert len(consensus_claims(merged)) == AGREED
    assert host.stack.count() == 1 and host.reloads == 1
    wait_reloaded(qtbot, view, before)
    assert sum(u.status == "reconciled" for u in view.data.units) == AGREED
    assert not view.accept_button.isEnabled()

    before = view.data
    host.stack.undo()
    assert consensus_claims(merged) == []
    wait_reloaded(qtbot, view, before)
    assert sum(u.status == "reconciled" for u in view.data.units) == 0

    before = view.data
    host.stack.redo()
    assert len(consensus_claims(merged)) == AGREED
    wait_reloaded(qtbot, view, before)
    assert sum(u.status == "reconciled" for u in view.data.units) == AGREED


def test_record_a_consensus_with_a_rationale(view, merged, qtbot):
    unit = select(view, "differs")
    form = view.consensus
    for field in unit.differing:  # the adjudicator picks the first reviewer's value
        editor_value(form, field.id, field.values[unit.reviewers[0]])
    form.rationale.setPlainText("The article cites no study; rated as the first reviewer did.")
    before = view.data
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    assert form.problem.text() == ""
    recorded, = consensus_claims(merged)
    assert set(recorded.consensus_of) == set(unit.claim_ids)
    for field in unit.differing:
        assert recorded.answers.get(field.id) == field.values[unit.reviewers[0]]
    wait_reloaded(qtbot, view, before)
    again = next(u for u in view.data.units if u.key == unit.key)
    assert again.status == "reconciled"
    assert again.rationale == "The article cites no study; rated as the first reviewer did."
    # The next passage still to decide is selected, ready for the next decision.
    listed = [view.units_model.unit(r) for r in range(view.units_model.rowCount())]
    keys = [u.key for u in listed]
    after = listed[keys.index(unit.key) + 1:] + listed[:keys.index(unit.key)]
    expected = next((u.key for u in after if not u.reconciled), unit.key)
    assert view.current_unit().key == expected and expected != unit.key
    assert not view.current_unit().reconciled
    view.context.host.stack.undo()
    assert consensus_claims(merged) == []
    view.context.host.stack.redo()
    assert [c.id for c in consensus_claims(merged)] == [recorded.id]


def editor_value(form, field_id, value):
    from reviewtool.gui.team.consensus_form import _set_value

    field = form.form.field(field_id)
    _set_value(form.editors[field_id], field, value)


def show_document_with(view, wanted):
    """Show the first document with a unit for which `wanted(unit)` holds, and select it."""
    unit = next(u for u in view.data.units if wanted(u))
    view.documents.setCurrentIndex(view.documents.findData(unit.document_id))
    row = next(r for r in range(view.units_model.rowCount()) if view.units_model.unit(r).key == unit.key)
    view.units.selectRow(row)
    return unit


def test_record_refuses_an_undecided_required_field(view, merged, qtbot):
    show_document_with(view, lambda u: "category" in {f.id for f in u.differing})
    form = view.consensus
    assert form.editors["category"].currentData() is None  # left for the adjudicator
    form.rationale.setPlainText("why")
    qtbot.keyClick(form.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "category: required" in form.problem.text()
    assert consensus_claims(merged) == [] and view.context.host.stack.count() == 0


def test_no_claim_here(view, merged, qtbot):
    unit = show_document_with(view, lambda u: u.status == "missed")
    view.consensus.rationale.setPlainText("Advice to see a doctor, not a claim.")
    before = view.data
    qtbot.mouseClick(view.consensus.reject_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, before)
    again = next(u for u in view.data.units if u.key == unit.key)
    assert again.status == "rejected"
    row = next(r for r in range(view.units_model.rowCount()) if view.units_model.unit(r).key == unit.key)
    assert "no claim here" in view.units_model.data(view.units_model.index(row, 1)).lower()
    assert view.current_unit().key != unit.key  # moved on to the next passage to decide


def test_works_while_the_main_window_holds_the_file_open(qtbot, merged):
    """The main window keeps its own connection (WAL mode) while the team windows write."""
    with ReviewFile.open(merged) as held:
        host, windows = open_team(qtbot, merged)
        view = windows.open("reconcile")
        qtbot.waitUntil(lambda: view.data is not None)
        before = view.data
        view.accept_all()
        assert held.conn.execute("SELECT count(*) FROM claims WHERE consensus_of IS NOT NULL"
                                 ).fetchone()[0] == AGREED
        wait_reloaded(qtbot, view, before)
        host.stack.undo()
        assert held.conn.execute("SELECT count(*) FROM claims WHERE consensus_of IS NOT NULL"
                                 ).fetchone()[0] == 0
        view.close()


def test_the_view_counts_what_the_report_and_conflicts_call_unsettled(qtbot, view, merged):
    from reviewtool.core.synthesis.report_data import build_report_data
    from reviewtool.core.team.unsettled import unsettled_items

    with ReviewFile.open(merged, readonly=True) as review:
        items = unsettled_items(review)
        draft = build_report_data(review).draft
    assert items and draft == f"Draft — {len(items)} unsettled items"
    passages = sum(i.kind == "passage" for i in items)
    assert f"Unsettled: {len(items)} items ({passages} passages" in view.summary.text()
    before = view.data
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, before)
    with ReviewFile.open(merged, readonly=True) as review:
        left = len(unsettled_items(review))
    assert left == len(items) - AGREED
    assert f"Unsettled: {left} items" in view.summary.text()


def _unit_sizes(path):
    with ReviewFile.open(path, readonly=True) as review:
        return sorted(len(u.claims) for u in reconcile_units(review))


def test_the_lead_splits_joins_and_confirms_pairings_with_undo(qtbot, view, merged):
    before_sizes = _unit_sizes(merged)
    paired = select(view, "differs")
    assert view.pairing.state.text() == "proposed by the overlap rule"
    assert view.pairing.split_button.isEnabled()
    before = view.data
    qtbot.mouseClick(view.pairing.split_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, before)
    assert "Split pairing: recorded." in view.status.text()
    sizes = _unit_sizes(merged)
    assert sizes.count(1) == before_sizes.count(1) + 2  # the pair became two singletons

    # Undo (Ctrl+Z in the main window's stack) puts the pairing back.
    before = view.data
    view.context.session().undo_stack.undo()
    wait_reloaded(qtbot, view, before)
    assert _unit_sizes(merged) == before_sizes

    # Split again, then join the two halves back and see the pairing is the lead's.
    before = view.data
    qtbot.mouseClick(view.pairing.split_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, before)
    halves = [{c.id} for c in paired.claims.values()]
    rows = sorted(r for r in range(view.units_model.rowCount())
                  if set(view.units_model.unit(r).claim_ids) in halves)
    assert len(rows) == 2 and rows[1] == rows[0] + 1  # the halves are neighbours in the list
    view.units.selectRow(rows[0])
    first_id = view.units_model.unit(rows[0]).claim_ids[0]
    other = set(view.units_model.unit(rows[1]).claim_ids)
    assert view.pairing.join_button.isEnabled()
    before = view.data
    qtbot.mouseClick(view.pairing.join_button, Qt.MouseButton.LeftButton)
    assert view.status.text() == "Join passages: recorded."
    wait_reloaded(qtbot, view, before)
    with ReviewFile.open(merged, readonly=True) as review:
        joined = next(u for u in reconcile_units(review) if first_id in u.claim_ids)
    assert set(joined.claim_ids) == {first_id} | other and joined.paired_by_lead
    select_unit = next(r for r in range(view.units_model.rowCount())
                       if view.units_model.unit(r).key == joined.key)
    view.units.selectRow(select_unit)
    assert view.pairing.state.text() == "confirmed by the lead"
    assert not view.pairing.confirm_button.isEnabled()  # already the lead's


def test_joining_two_claims_of_one_reviewer_is_refused_in_one_sentence(qtbot, view):
    for row in range(view.units_model.rowCount() - 1):
        here, following = view.units_model.unit(row), view.units_model.unit(row + 1)
        if set(here.claims) & set(following.claims):
            view.units.selectRow(row)
            break
    else:
        pytest.skip("no two neighbouring passages share a reviewer on this document")
    qtbot.mouseClick(view.pairing.join_button, Qt.MouseButton.LeftButton)
    assert "one claim per reviewer" in view.status.text()
