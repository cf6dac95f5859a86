"""Find in the open document (Ctrl+F, F3, Shift+F3) and a search's words marked in the
documents it found, driven with real keys."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewtool.gui.highlights import find_mark_background
from tests.gui.conftest import wait_for_jobs

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def marked(reader) -> list[str]:
    """The text of every find mark painted in the reader."""
    colours = {find_mark_background(reader.palette(), c).name() for c in (False, True)}
    return [s.cursor.selectedText() for s in reader.extraSelections()
            if s.format.background().color().name() in colours]


def test_search_hits_are_marked_in_the_document_opened_from_the_results(qtbot, workbench):
    window = workbench
    documents = window.workbench.documents
    documents.search.setFocus()
    qtbot.keyClicks(documents.search, "insomnia withdrawal")
    qtbot.keyClick(documents.search, Qt.Key.Key_Return)
    wait_for_jobs(qtbot, window)
    qtbot.waitUntil(lambda: documents.shown_query() == "insomnia withdrawal")
    if window.workbench.document_id in documents.model.matches:  # the open one is marked now
        assert marked(window.workbench.reader)
    documents.view.setFocus()
    qtbot.keyClick(documents.view, Qt.Key.Key_Down)
    qtbot.keyClick(documents.view, Qt.Key.Key_Up)
    words = {w.lower() for w in marked(window.workbench.reader)}
    assert words and words <= {"insomnia", "withdrawal"}
    assert "withdrawal" in words
    bar = window.workbench.reader_panel.find_bar
    assert bar.isVisible() and "of" in bar.count.text()


def test_ctrl_f_finds_in_the_document_and_f3_steps_through(qtbot, workbench):
    window = workbench
    reader = window.workbench.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_F, CTRL)
    bar = window.workbench.reader_panel.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "KRATOM")
    text = reader.toPlainText()
    total = text.lower().count("kratom")
    assert total > 2 and len(marked(reader)) == total
    first = bar.current
    assert reader.textCursor().selectedText().lower() == "kratom"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.current == (first + 1) % total
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.current == first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.current == (first + 1) % total
    assert bar.count.text() == f"{bar.current + 1} of {total} matches"
    # The match gone to is selected: Ctrl+E would record a claim on it.
    start, end = reader.selected_range()
    assert text[start:end].lower() == "kratom"

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and marked(reader) == []
    assert QApplication.focusWidget() is reader


def test_find_says_when_nothing_matches(qtbot, workbench):
    window = workbench
    window.workbench.reader.setFocus()
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_F, CTRL)
    bar = window.workbench.reader_panel.find_bar
    qtbot.keyClicks(bar.field, "zzzznotaword")
    assert bar.count.text() == "0 matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == "No matches"
