"""Keyboard first: Tab and Shift+Tab walk the main window panel by panel, each visited once;
every action can be reached from the keyboard; the focus is never lost after a dialog."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.test_working_day import close_message_boxes, record_claim


def panel_of(window, widget) -> str | None:
    bench = window.workbench
    for name, panel in (("documents", bench.documents), ("reader", bench.reader_panel),
                        ("claims", bench.claims_view), ("side", bench.side)):
        if widget is panel or panel.isAncestorOf(widget):
            return name
    return None


def walk(qtbot, window, start, backwards: bool = False, limit: int = 200) -> list[str]:
    """The panels Tab (or Shift+Tab) visits from `start` until it comes back to it."""
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [panel_of(window, start)]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab if not backwards
                       else Qt.Key.Key_Backtab, modifier)
        focused = QApplication.focusWidget()
        if focused is start:
            break
        panel = panel_of(window, focused)
        if panel != visited[-1]:
            visited.append(panel)
    else:
        raise AssertionError(f"Tab never came back to where it started: {visited}")
    if visited[-1] == visited[0]:
        visited.pop()  # the walk ends in the panel it started from
    return visited


def test_tab_and_shift_tab_visit_each_panel_once(qtbot, workbench):
    window = workbench
    window.activateWindow()
    record_claim(qtbot, window)
    start = window.workbench.documents.search
    forwards = walk(qtbot, window, start)
    assert forwards == ["documents", "reader", "claims", "side"], forwards
    backwards = walk(qtbot, window, start, backwards=True)
    assert backwards == ["documents", "side", "claims", "reader"], backwards


def test_every_action_is_reachable_from_the_keyboard(window):
    titles = {menu.title() for menu in window.menus.values()}
    assert all("&" in title for title in titles)
    bar_menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
    assert all("&" in m.title() for m in bar_menus)
    in_menus = {a for menu in bar_menus for a in menu.actions()}
    for name, action in window.actions_by_name.items():
        reachable_by_menu = action in in_menus and "&" in action.text()
        assert reachable_by_menu or not action.shortcut().isEmpty(), name


def test_the_focus_comes_back_after_a_message(qtbot, workbench, tmp_path):
    window = workbench
    window.activateWindow()
    reader = window.workbench.reader
    reader.setFocus()
    bad = tmp_path / "bad.review"
    bad.write_text("no")
    window.open_review(bad)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    close_message_boxes(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reader)


def test_the_focus_stays_where_it_was_during_an_import(qtbot, workbench, tmp_path):
    from tests.gui.conftest import wait_for_jobs

    window = workbench
    window.activateWindow()
    reader = window.workbench.reader
    reader.setFocus()
    extra = tmp_path / "more.txt"
    extra.write_text("A further article\n\nKratom and sleep, once more.\n")
    window.import_paths([extra])
    wait_for_jobs(qtbot, window)
    assert window.workbench.documents.model.rowCount() == 4
    assert QApplication.focusWidget() is reader
