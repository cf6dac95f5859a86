"""A review file the system hands to the running app (macOS Finder's double-click) opens in it."""

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from reviewtool.gui.app import FileOpenEvents


def test_a_file_open_event_opens_the_review_in_the_window(qtbot, window, review_path):
    app = QApplication.instance()
    events = FileOpenEvents(window.open_review)
    app.installEventFilter(events)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(review_path)))
        assert window.session is not None and window.session.review.path == review_path
    finally:
        app.removeEventFilter(events)
