"""A value over the limit a teammate's merge would refuse is refused when typed in the claim
form, with one sentence in a dialog, and nothing is written."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewtool.core import limits
from reviewtool.core.review.claims import get_claim

from .test_extraction_flow import open_document_with, select_quote


def test_a_note_over_the_limit_is_refused_in_the_form(qtbot, workbench, monkeypatch):
    monkeypatch.setattr(limits, "FIELD_VALUE", 2000)
    window = workbench
    window.activateWindow()
    open_document_with(window, qtbot)
    select_quote(window)
    claim_id = window.workbench.create_claim("risk")
    notes = window.workbench.claim_panel.form_widget.rows["notes"].editor.focus_widget()
    notes.setFocus()
    notes.setPlainText("n" * 2500)  # pasted
    qtbot.keyClick(notes, Qt.Key.Key_Tab)  # leaving the field commits it

    def refused() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.objectName() == "knownErrorBox"]
        return boxes[0] if boxes and boxes[0].isVisible() else None

    qtbot.waitUntil(lambda: refused() is not None)
    assert refused().text().startswith("The claim's field 'notes' would hold")
    assert "more than the 2 KB a field can hold" in refused().text()
    assert not get_claim(window.session.review, claim_id).answers.get("notes")
    refused().close()
