"""A working day in the app, driven with real keys and clicks: what a reviewer expects of
opening, undo and redo, Tab, dialogs, selection, the status bar and the team windows."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

from reviewtool.core.review.claims import list_claims
from tests.gui.test_extraction_flow import open_document_with, select_quote
from tests.gui.conftest import wait_for_jobs

CTRL = Qt.KeyboardModifier.ControlModifier


def record_claim(qtbot, window) -> str:
    open_document_with(window, qtbot)
    select_quote(window)
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_E, CTRL)
    return list_claims(window.session.review)[0].id


def close_message_boxes(window) -> list[str]:
    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.done(0)
    return texts


class GnomeKeys(QKeySequence):
    """Key bindings as on GNOME and KDE, where the platform's Redo is only Ctrl+Shift+Z."""

    @staticmethod
    def keyBindings(key):
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return QKeySequence.keyBindings(key)


def test_ctrl_y_redoes_as_documented_on_every_platform(qtbot, settings, review_path,
                                                       monkeypatch):
    from reviewtool.gui import menus
    from reviewtool.gui.main_window import MainWindow
    from tests.gui.conftest import import_seeds

    monkeypatch.setattr(menus, "QKeySequence", GnomeKeys)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_review(review_path)
    import_seeds(qtbot, window)
    record_claim(qtbot, window)
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Z, CTRL)
    assert list_claims(window.session.review) == []
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Y, CTRL)
    assert len(list_claims(window.session.review)) == 1
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(list_claims(window.session.review)) == 1
    window.close()


def test_a_file_that_cannot_be_opened_leaves_the_open_review_open(qtbot, workbench, tmp_path,
                                                                   monkeypatch):
    window = workbench
    open_path = window.session.path
    bad = tmp_path / "notes.review"
    bad.write_text("just some notes, renamed")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert any("not a review file" in t for t in close_message_boxes(window))
    assert window.session is not None and window.session.path == open_path
    assert window.pages.currentWidget() is window.workbench
    assert window.workbench.documents.model.rowCount() == 3


def test_tab_leaves_the_document_list_and_the_claims_table(qtbot, workbench):
    window = workbench
    record_claim(qtbot, window)
    for view in (window.workbench.documents.view, window.workbench.claims_view.table):
        view.setFocus()
        row = view.currentIndex().row()
        document = window.workbench.document_id
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert not view.hasFocus(), view.objectName()
        assert view.currentIndex().row() == row and window.workbench.document_id == document


def test_file_labels_have_a_working_mnemonic(qtbot, window, tmp_path):
    from reviewtool.gui.dialogs import NewReviewDialog
    from reviewtool.gui.report import ReportDialog

    new = NewReviewDialog("Amara Okafor", str(tmp_path), window)
    report = ReportDialog(tmp_path / "a.review", window.settings.store, window)
    for dialog, field in ((new, new.path), (report, report.path_edit)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        (label,) = [w for w in dialog.findChildren(QLabel) if w.text() == "&File:"]
        assert label.buddy() is field  # shown as "File:" with F underlined, not "&File:"
        dialog.activateWindow()
        qtbot.waitUntil(lambda dialog=dialog: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda field=field: field.hasFocus())
        dialog.reject()


def test_the_claims_table_selection_follows_the_document(qtbot, workbench):
    window = workbench
    claim_id = record_claim(qtbot, window)
    assert window.workbench.claims_view.current_claim() == claim_id
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_PageDown, CTRL)  # next document
    assert window.workbench.claim_panel.claim_id is None
    assert not window.workbench.claims_view.table.selectionModel().hasSelection()


def test_status_bar_counts_in_words_and_forgets_claim_recorded_after_undo(qtbot, workbench):
    window = workbench
    record_claim(qtbot, window)
    assert window.counts_label.text().strip() == "3 documents · 1 claim"
    assert window.statusBar().currentMessage().startswith("Claim recorded")
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Z, CTRL)
    assert window.counts_label.text().strip() == "3 documents · 0 claims"
    assert "Claim recorded" not in window.statusBar().currentMessage()


def test_team_windows_close_with_escape_and_a_close_button(qtbot, review_path, workbench):
    window = workbench
    for name in ("reconcile", "conflicts", "agreement"):
        team_window = window.team.open(name)
        qtbot.waitExposed(team_window)
        qtbot.keyClick(team_window.focusWidget() or team_window, Qt.Key.Key_Escape)
        assert not team_window.isVisible(), name
        window.team.open(name)
        qtbot.mouseClick(team_window.close_button, Qt.MouseButton.LeftButton)
        assert not team_window.isVisible(), name


def focus_in_workbench(window) -> bool:
    focused = QApplication.focusWidget()
    search = window.workbench.documents.search
    return focused is not None and focused is not search and window.workbench.isAncestorOf(focused)


def test_undo_redo_and_delete_keep_the_focus_on_the_review(qtbot, workbench):
    window = workbench
    window.activateWindow()
    claim_id = record_claim(qtbot, window)  # the form has the focus now
    search = window.workbench.documents.search
    search.setText("kratom")
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Z, CTRL)
    assert list_claims(window.session.review) == []
    assert focus_in_workbench(window), QApplication.focusWidget()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)  # nothing left to undo
    assert search.text() == "kratom"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert [c.id for c in list_claims(window.session.review)] == [claim_id]
    assert focus_in_workbench(window)

    window.workbench.claims_view.table.setFocus()
    window.workbench.select_claim(claim_id)
    qtbot.keyClick(window.workbench.claims_view.table, Qt.Key.Key_Delete)
    assert list_claims(window.session.review) == []
    assert focus_in_workbench(window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert len(list_claims(window.session.review)) == 1 and focus_in_workbench(window)


def test_a_long_claim_statement_wraps_in_a_box_that_grows(qtbot, workbench):
    from PySide6.QtWidgets import QPlainTextEdit

    window = workbench
    claim_id = record_claim(qtbot, window)
    form = window.workbench.claim_panel.form_widget
    box = form.rows["statement"].editor.focus_widget()
    assert isinstance(box, QPlainTextEdit) and QApplication.focusWidget() is box
    short = box.height()
    sentence = ("Kratom use was associated with insomnia in a third of the respondents who "
                "reported daily use for more than a year, more often at higher doses. ")
    qtbot.keyClicks(box, sentence * 2)
    assert box.height() > short  # grew to show the whole statement
    assert box.horizontalScrollBar().maximum() == 0  # nothing hidden to the side
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter finishes the field, no line break
    from reviewtool.core.review.claims import get_claim

    assert get_claim(window.session.review, claim_id).statement == (sentence * 2).strip()
    assert "\n" not in box.toPlainText()


def test_claims_hidden_by_filters_are_said_with_a_way_out(qtbot, workbench):
    window = workbench
    view = window.workbench.claims_view
    view.category.setFocus()
    while view.category.currentData() != "risk":
        qtbot.keyClick(view.category, Qt.Key.Key_Down)
    assert not view.hidden_bar.isVisible()  # no claims yet: nothing hidden
    claim_id = record_claim(qtbot, window)  # no kind yet: the filter hides it
    assert view.model.rowCount() == 0
    assert view.hidden_bar.isVisible()
    assert view.hidden.text() == "No claim matches these filters; 1 claim hidden by filters"
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.category.currentData() is None and not view.hidden_bar.isVisible()
    assert view.model.rowCount() == 1 and view.current_claim() in (None, claim_id)


def start_a_long_import(qtbot, window, review_path, tmp_path) -> None:
    assert window.open_review(review_path)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(3000):
        (folder / f"{n:04}.txt").write_text(f"Article {n}\n\nKratom text number {n}.\n")
    window.import_paths([folder])
    qtbot.waitUntil(lambda: window.workbench.documents.model.rowCount() > 5, timeout=20000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def answer_quit(qtbot, window, button_text: str) -> str:
    """Press Ctrl+Q and answer the question; returns the question."""
    assert window.runner.busy  # still importing
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "quitDuringImport") is not None,
                    timeout=20000)
    box = window.findChild(QMessageBox, "quitDuringImport")
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    text = box.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "quitDuringImport") is None,
                    timeout=20000)
    return text


def test_quitting_during_an_import_asks_first(qtbot, window, review_path, tmp_path):
    start_a_long_import(qtbot, window, review_path, tmp_path)
    asked = answer_quit(qtbot, window, "Keep Importing")
    assert asked.startswith("An import is running (") and "of 3,000 files" in asked
    assert window.isVisible() and window.session is not None
    wait_for_jobs(qtbot, window, timeout=120000)


def test_an_import_stopped_by_quitting_is_told_at_the_next_opening(qtbot, window, review_path,
                                                                     tmp_path, settings):
    from reviewtool.gui.main_window import MainWindow

    start_a_long_import(qtbot, window, review_path, tmp_path)
    answer_quit(qtbot, window, "Stop Import and Quit")
    assert not window.isVisible() and not window.runner.busy
    assert window.workbench.documents.model.rowCount() < 3000

    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert again.open_review(review_path)
    (note,) = [b for b in again.findChildren(QMessageBox) if b.objectName() == "importStoppedNote"]
    assert "was stopped when reviewtool quit" in note.text() and "of 3,000 files" in note.text()
    note.done(0)
    again.close()
    assert again.open_review(review_path)  # told once
    assert not [b for b in again.findChildren(QMessageBox)
                if b.objectName() == "importStoppedNote" and b.isVisible()]
    again.close()


def test_document_titles_are_not_cut_in_the_list(qtbot, workbench):
    from reviewtool.gui.documents_model import TITLE

    window = workbench
    view = window.workbench.documents.view
    metrics = view.fontMetrics()
    width = view.columnWidth(TITLE)
    assert view.wordWrap() and view.rowHeight(0) >= 2 * metrics.lineSpacing()
    for row in range(view.model().rowCount()):
        title = view.model().index(row, TITLE).data()
        lines = metrics.boundingRect(0, 0, width - 12, 1000, Qt.TextFlag.TextWordWrap, title)
        assert lines.height() <= 2 * metrics.lineSpacing(), (title, width)  # two lines at most
    header = view.model().headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header == "Appraised by you"
