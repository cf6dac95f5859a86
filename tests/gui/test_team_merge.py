"""File → Merge review files…: preview, refusals, the real merge."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.review.claims import list_claims
from reviewtool.core.store.reviewfile import ReviewFile
from tests.gui.team_host import open_team
from tests.builders import CLAIMS_EACH, build_team


@pytest.fixture
def team(tmp_path):
    return build_team(tmp_path / "team")


@pytest.fixture
def dialog(qtbot, team):
    _, windows = open_team(qtbot, team.a)
    dialog = windows.open("merge")
    yield dialog
    dialog.close()


def cells(dialog, row):
    model = dialog.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def previewed(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.runner.busy and dialog.model.rows
                    and all(r.preview is not None for r in dialog.model.rows))


def claims_in(path):
    with ReviewFile.open(path, readonly=True) as review:
        return len(list_claims(review))


def test_preview_counts_before_anything_is_written_then_merge(dialog, team, qtbot, qtmodeltester):
    before = team.a.read_bytes()
    dialog.add_files([team.b])
    previewed(qtbot, dialog)
    qtmodeltester.check(dialog.model)
    # The second reviewer named the same 7 findings: their versions are edits of the same
    # findings, and the one finding the reviewers filed under different categories conflicts.
    assert cells(dialog, 0) == ["b.review", "0", str(CLAIMS_EACH), "0", "0", "21", "1",
                                "ready to merge"]
    assert "1 file ready to merge" in dialog.status.text()
    assert team.a.read_bytes() == before  # the preview wrote nothing
    assert not Path(f"{team.a}.before-merge").exists()
    assert dialog.merge_button.isEnabled()

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rows[0].merged)
    assert cells(dialog, 0)[-1] == "merged"
    assert claims_in(team.a) == 2 * CLAIMS_EACH
    assert Path(f"{team.a}.before-merge").exists()
    assert "a.review.before-merge" in dialog.status.text()
    assert dialog.context.host.reloads == 1
    assert not dialog.merge_button.isEnabled()


def test_a_merge_is_undone_and_redone_from_the_undo_stack(dialog, team, qtbot):
    with ReviewFile.open(team.a, readonly=True) as review:
        before = canonical_json(review)
    dialog.add_files([team.b])
    previewed(qtbot, dialog)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rows[0].merged)
    stack = dialog.context.host.stack
    assert stack.count() == 1 and "Edit → Undo" in dialog.status.text()
    with ReviewFile.open(team.a, readonly=True) as review:
        merged = canonical_json(review)
    assert merged != before

    stack.undo()
    with ReviewFile.open(team.a, readonly=True) as review:
        assert canonical_json(review) == before
    assert claims_in(team.a) == CLAIMS_EACH
    # A later merge replaces FILE.before-merge; the command kept its own copy.
    Path(f"{team.a}.before-merge").unlink()
    stack.redo()
    with ReviewFile.open(team.a, readonly=True) as review:
        assert canonical_json(review) == merged
    stack.undo()
    assert claims_in(team.a) == CLAIMS_EACH
    assert dialog.context.host.reloads == 4


def test_a_bad_file_is_refused_in_one_sentence_and_the_target_is_untouched(dialog, team, tmp_path, qtbot):
    junk = tmp_path / "junk.review"
    junk.write_bytes(os.urandom(4096))
    before = team.a.read_bytes()
    dialog.add_files([junk])
    previewed(qtbot, dialog)
    result = cells(dialog, 0)[-1]
    assert "junk.review" in result and result.endswith(".") and result.count(". ") == 0
    assert cells(dialog, 0)[1:7] == [""] * 6
    assert dialog.model.data(dialog.model.index(0, 7), Qt.ItemDataRole.ForegroundRole) is not None
    assert not dialog.merge_button.isEnabled()
    assert team.a.read_bytes() == before


def test_good_files_merge_and_bad_ones_are_left_out(dialog, team, tmp_path, qtbot):
    junk = tmp_path / "junk.review"
    junk.write_bytes(os.urandom(4096))
    dialog.add_files([junk, team.b, team.a])  # the target itself is refused too
    previewed(qtbot, dialog)
    results = [cells(dialog, row)[-1] for row in range(3)]
    assert results[1] == "ready to merge"
    assert "target itself" in results[2] and "junk.review" in results[0]
    dialog.merge()
    qtbot.waitUntil(lambda: dialog.model.rows[1].merged)
    assert claims_in(team.a) == 2 * CLAIMS_EACH
    assert [r.merged for r in dialog.model.rows] == [False, True, False]


def test_a_second_merge_adds_nothing(dialog, team, qtbot):
    dialog.add_files([team.b])
    previewed(qtbot, dialog)
    dialog.merge()
    qtbot.waitUntil(lambda: dialog.model.rows[0].merged)
    dialog.add_files([team.b])
    previewed(qtbot, dialog)
    assert cells(dialog, 0)[-1] == "nothing new"
    assert not dialog.merge_button.isEnabled()  # nothing to merge
    assert "1 with nothing new" in dialog.status.text()


def test_files_can_be_dropped_and_removed(dialog, team, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(team.b))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    assert event.isAccepted()
    assert [r.path for r in dialog.model.rows] == [team.b]
    previewed(qtbot, dialog)
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.model.rows == [] and not dialog.merge_button.isEnabled()


def test_merge_into_a_copy_leaves_the_open_file_as_it_is(dialog, team, qtbot, tmp_path,
                                                         monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    before = team.a.read_bytes()
    copy = tmp_path / "round-1"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    dialog.add_files([team.b])
    previewed(qtbot, dialog)
    assert dialog.copy_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "unchanged" in dialog.status.text())
    assert team.a.read_bytes() == before and dialog.context.host.stack.count() == 0
    assert claims_in(tmp_path / "round-1.review") == 2 * CLAIMS_EACH
    assert "round-1.review" in dialog.status.text()
