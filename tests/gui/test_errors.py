"""Known errors are one sentence; bugs reach the hook's dialog with a Copy button."""

import sys
import threading

from PySide6.QtWidgets import QApplication, QMessageBox

from reviewtool.core.errors import ReviewError
from reviewtool.gui.errors import BugDialog, ExceptionHook


def test_a_review_error_is_one_sentence_in_a_dialog_and_the_status_bar(qtbot, window, tmp_path):
    not_a_review = tmp_path / "notes.review"
    not_a_review.write_text("just text")
    assert not window.open_review(not_a_review)
    box = window.findChild(QMessageBox, "knownErrorBox")
    assert box is not None and box.isVisible()
    assert box.text() == f"{not_a_review} is not a review file (it is not an SQLite database)."
    assert window.statusBar().currentMessage() == box.text()
    assert "Traceback" not in box.text() and not box.detailedText()
    box.close()


def test_the_hook_shows_a_bug_with_its_traceback_and_copies_it(qtbot, window):
    hook = ExceptionHook(lambda: window)
    hook.install()
    try:
        assert sys.excepthook == hook.handle
        try:
            {}["missing"]
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        hook.uninstall()
    assert sys.excepthook != hook.handle
    dialog = window.findChild(BugDialog)
    assert dialog is not None and dialog.isVisible()
    assert "KeyError" in dialog.details and "Traceback" in dialog.details
    qtbot.mouseClick(dialog.copy_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == dialog.details
    dialog.close()


def test_a_bug_in_another_thread_reaches_the_gui_thread(qtbot, window):
    hook = ExceptionHook(lambda: window).install()
    try:
        def broken():
            raise RuntimeError("worker broke")
        thread = threading.Thread(target=broken)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: window.findChild(BugDialog) is not None)
    finally:
        hook.uninstall()
    dialog = window.findChild(BugDialog)
    assert "worker broke" in dialog.details
    dialog.close()


def test_a_review_error_reaching_the_hook_is_shown_as_a_sentence(qtbot, window):
    hook = ExceptionHook(lambda: window)
    hook.handle(ReviewError, ReviewError("The disk is full; free some space."), None)
    assert window.findChild(BugDialog) is None
    box = window.findChild(QMessageBox, "knownErrorBox")
    assert box.text() == "The disk is full; free some space."
    box.close()
