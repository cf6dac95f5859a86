"""The team actions inside the real main window: the Team menu, and Edit → Undo of a decision."""

import pytest

from reviewtool.core.review.claims import list_claims
from reviewtool.core.store.health import check_review
from reviewtool.core.review.records import update_answers
from reviewtool.core.team.merge import merge_files
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.team import TeamWindows
from tests.builders import build_team


@pytest.fixture
def merged(tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    return team.a


def consensus_count(path):
    with ReviewFile.open(path, readonly=True) as review:
        return len(list_claims(review, consensus=True))


def test_team_menu_and_undo_through_the_main_window(qtbot, window, merged):
    assert window.open_review(merged)
    for name in ("team_merge", "team_reconcile", "team_conflicts", "team_agreement"):
        assert name in window.actions_by_name
    window.actions_by_name["team_reconcile"].trigger()
    view = window.findChild(TeamWindows).windows["reconcile"]
    qtbot.waitUntil(lambda: view.data is not None and view.accept_button.isEnabled())
    view.accept_all()
    assert consensus_count(merged) == 6
    assert window.session.undo_stack.undoText().startswith("Accept 6 agreements")
    window.session.undo_stack.undo()
    assert consensus_count(merged) == 0
    window.session.undo_stack.redo()
    assert consensus_count(merged) == 6
    qtbot.waitUntil(lambda: not view.runner.busy)
    view.close()


def test_merge_is_in_the_file_menu_too(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from reviewtool.gui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    texts = [a.text().replace("&", "") for a in window.menus["File"].actions()]
    assert "Merge review files…" in texts
    window.close()


def test_a_merge_in_the_main_window_is_undone_with_edit_undo(qtbot, window, tmp_path):
    """The window keeps its file open while the merge is taken back and put back."""
    team = build_team(tmp_path / "team")
    assert window.open_review(team.a)
    window.actions_by_name["team_merge"].trigger()
    dialog = window.findChild(TeamWindows).windows["merge"]
    dialog.add_files([team.b])
    qtbot.waitUntil(lambda: not dialog.runner.busy and dialog.model.rows
                    and dialog.model.rows[0].preview is not None)
    dialog.merge()
    qtbot.waitUntil(lambda: dialog.model.rows[0].merged)
    count = window.workbench.claims_view.model.rowCount
    qtbot.waitUntil(lambda: count() == 36)
    assert window.session.undo_stack.undoText() == "Merge 1 file"
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: count() == 18)
    assert len(list_claims(window.session.review)) == 18
    window.actions_by_name["redo"].trigger()
    qtbot.waitUntil(lambda: count() == 36)
    assert all(f.ok for f in check_review(team.a))
    # The window goes on writing to its file.
    update_answers(window.session.review, list_claims(window.session.review)[0].id,
                   {"notes": "after undo and redo"})
    assert "after undo and redo" in {c.answers.get("notes") for c in list_claims(window.session.review)}
    dialog.close()
