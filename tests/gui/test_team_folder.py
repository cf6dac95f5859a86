"""The team folder in the app: two sessions on two files and one folder."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from reviewtool.core.review.claims import list_claims
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.main_window import MainWindow
from reviewtool.gui.team.folder_sync import TeamFolderSync, ago
from tests.builders import LEAD, SECOND, build_team

from .test_extraction_flow import open_document_with, select_quote


def app_session(qtbot, tmp_path, name, reviewer):
    store = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    store.setValue("reviewer/name", reviewer)
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def sync_of(window) -> TeamFolderSync:
    return window.findChild(TeamFolderSync)


def press_sync(qtbot, window):
    """Ctrl+Shift+Y in the window, as a reviewer would press it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sync_of(window).last = None
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    wait_synced(qtbot, window)


def make_claim(qtbot, window, key) -> str:
    """Select the demo quote in the window's reader and press Ctrl+key; the new claim's id."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    open_document_with(window, qtbot)
    select_quote(window)
    qtbot.keyClick(window.workbench.reader, key, Qt.KeyboardModifier.ControlModifier)
    return window.workbench.claim_panel.claim_id


def wait_synced(qtbot, window):
    controller = sync_of(window)
    qtbot.waitUntil(lambda: not controller.runner.busy and controller.last is not None,
                    timeout=20000)


@pytest.fixture
def two_sessions(qtbot, tmp_path, monkeypatch):
    team = build_team(tmp_path / "work")
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shared))
    amara = app_session(qtbot, tmp_path, "amara", LEAD)
    jonas = app_session(qtbot, tmp_path, "jonas", SECOND)
    assert amara.open_review(team.a) and jonas.open_review(team.b)
    for window in (amara, jonas):
        window.actions_by_name["team_folder"].trigger()  # Team → Team folder…, chosen once
        wait_synced(qtbot, window)
    yield amara, jonas, team, shared
    for window in (amara, jonas):
        window.close()


def claim_ids(path):
    with ReviewFile.open(path, readonly=True) as review:
        return {c.id for c in list_claims(review)}


def test_a_claim_made_in_one_session_appears_in_the_other_after_a_sync(qtbot, two_sessions):
    amara, jonas, team, shared = two_sessions
    press_sync(qtbot, amara)  # takes Jonas's first snapshot
    press_sync(qtbot, jonas)
    before = jonas.workbench.claims_view.model.rowCount()
    assert claim_ids(team.a) == claim_ids(team.b)

    new_id = make_claim(qtbot, amara, Qt.Key.Key_1)  # a risk
    assert new_id and new_id not in claim_ids(team.b)
    press_sync(qtbot, amara)
    assert sync_of(amara).last.published
    press_sync(qtbot, jonas)
    assert new_id in claim_ids(team.b)
    label = sync_of(jonas).label
    assert label.isVisible()
    assert label.text() == "Synced just now: 1 teammate, 1 new claim, 0 new conflicts"
    qtbot.waitUntil(lambda: jonas.workbench.claims_view.model.rowCount() == before + 1)


def test_the_folder_is_remembered_and_synced_on_open_and_on_close(qtbot, two_sessions):
    amara, jonas, team, shared = two_sessions
    jonas.close_review()  # publishes on close
    qtbot.waitUntil(lambda: not sync_of(jonas).runner.busy, timeout=20000)
    assert not sync_of(jonas).label.isVisible()
    assert jonas.open_review(team.b)  # no dialog: the folder is remembered
    wait_synced(qtbot, jonas)
    assert sync_of(jonas).folder == shared
    assert sync_of(jonas).label.text().startswith("Synced just now: 1 teammate")
    assert sync_of(jonas).watcher.directories()


def test_a_folder_that_went_away_is_said_in_the_status_bar(qtbot, two_sessions):
    amara, _, team, shared = two_sessions
    controller = sync_of(amara)
    controller.folder = shared / "unplugged"
    controller.sync(manual=False)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=20000)
    assert controller.label.text() == "Team folder: not synced"
    assert "is not there" in controller.label.toolTip()


def test_how_long_ago():
    assert [ago(s) for s in (5, 130, 7300, 200000)] == ["just now", "2 min ago", "2 h ago", "2 d ago"]


def test_a_snapshot_arriving_in_the_folder_is_merged_without_asking(qtbot, two_sessions):
    amara, jonas, team, shared = two_sessions
    controller = sync_of(amara)
    controller.settle.setInterval(100)
    assert controller.watcher.directories()  # the review's folder in the team folder
    press_sync(qtbot, amara)  # Amara has Jonas's first snapshot
    qtbot.waitUntil(lambda: not controller.runner.busy and not controller.settle.isActive())
    controller.last = None
    new_id = make_claim(qtbot, jonas, Qt.Key.Key_2)  # a benefit
    press_sync(qtbot, jonas)  # Jonas publishes; Amara's window notices the folder change
    qtbot.waitUntil(lambda: controller.last is not None and controller.last.new_claims == 1,
                    timeout=20000)
    assert new_id in claim_ids(team.a)
    assert controller.label.text().startswith("Synced just now: 1 teammate, 1 new claim")
    # Amara's own snapshot, published by that sync, arriving in the folder is not a reason
    # to sync again (which would replace the line with "0 new claims").
    qtbot.wait(800)
    assert not controller.runner.busy and controller.last.new_claims == 1
