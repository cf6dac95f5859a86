"""Importing by drag and drop (off the GUI thread, with progress) and full-text search."""

import warnings
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from reviewtool.gui.import_report import ImportReport

from .conftest import wait_for_jobs


def drop(window, paths):
    """A drag entering the window with file URLs, then the drop; whether both were taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # PySide marks the QPoint constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return enter.isAccepted() and event.isAccepted()  # both refer to `mime`: not kept


def test_dropping_a_folder_imports_its_documents(qtbot, window, review_path, corpus_copy):
    window.open_review(review_path)
    assert drop(window, [corpus_copy])
    assert window.progress.isVisible() or not window.runner.busy
    wait_for_jobs(qtbot, window)
    model = window.workbench.documents.model
    assert model.rowCount() == 3
    assert window.workbench.document_id is not None  # the first one is opened
    assert window.statusBar().currentMessage().startswith("3 imported")
    assert not window.progress.isVisible()


def test_dropping_a_review_file_opens_it(qtbot, window, review_path):
    drop(window, [review_path])
    assert window.session is not None and window.session.path == review_path


def test_failed_files_are_listed(qtbot, window, review_path, tmp_path):
    window.open_review(review_path)
    bad = tmp_path / "notes.xyz"
    bad.write_text("hello")
    drop(window, [bad])
    wait_for_jobs(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(ImportReport, "importReport") is not None)
    report = window.findChild(ImportReport, "importReport")
    assert "1 could not be imported" in report.summary.text()
    # Each file's reason is in view, not behind a details button.
    ((name, reason),) = report.reasons()
    assert name == "notes.xyz" and reason and report.table.isVisible()
    assert report.table.visualItemRect(report.table.item(0, 1)).intersects(
        report.table.viewport().rect())
    qtbot.mouseClick(report.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert not report.isVisible()


def test_cancel_stops_an_import(qtbot, window, review_path, tmp_path):
    window.open_review(review_path)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"{n:03}.txt").write_text(f"Article {n}\n\nKratom text number {n}.\n")
    job = window.import_paths([folder])
    job.cancel()
    wait_for_jobs(qtbot, window)
    assert window.workbench.documents.model.rowCount() < 300


def test_search_filters_the_document_list(qtbot, workbench):
    window = workbench
    documents = window.workbench.documents
    documents.search.setText("insomnia")
    documents._search_now()
    wait_for_jobs(qtbot, window)
    matching = documents.model.rowCount()
    assert 0 < matching <= 3
    assert "match" in documents.result.text()
    documents.search.setText("zzzznotaword")
    documents._search_now()
    wait_for_jobs(qtbot, window)
    assert documents.model.rowCount() == 0
    documents.search.clear()
    assert documents.model.rowCount() == 3


def test_import_needs_an_open_review(qtbot, window):
    assert window.import_paths([Path("x.txt")]) is None
    assert "Open or create a review" in window.statusBar().currentMessage()
