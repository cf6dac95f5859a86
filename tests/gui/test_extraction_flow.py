"""The reviewer's main loop, driven through the real widgets: select a passage, press a key,
fill in the form, undo and redo, close, reopen and find the claim highlighted."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewtool.core.review.claims import get_claim, list_claims
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.highlights import highlight_background

QUOTE = "One notable concern is the possibility of kratom causing insomnia"


def select_quote(window, quote=QUOTE) -> tuple[int, int]:
    reader = window.workbench.reader
    start = reader.toPlainText().index(quote)
    reader.select_range(start, start + len(quote))
    reader.setFocus()
    return start, start + len(quote)


def open_document_with(window, qtbot, quote=QUOTE) -> None:
    documents = window.workbench.documents
    for row in range(documents.model.rowCount()):
        documents.select_document(documents.model.id_at(row))
        if quote in window.workbench.reader.toPlainText():
            return
    raise AssertionError("no demo article holds the quote")


def highlight_at(reader, start: int, end: int):
    for selection in reader.extraSelections():
        if (selection.cursor.selectionStart(), selection.cursor.selectionEnd()) == (start, end):
            return selection
    return None


def test_select_shortcut_fill_undo_redo_reopen(qtbot, workbench, review_path):
    window = workbench
    window.activateWindow()
    open_document_with(window, qtbot)
    start, end = select_quote(window)

    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    claims = list_claims(window.session.review)
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.anchor.start, claim.anchor.end, claim.anchor.exact) == (start, end, QUOTE)
    assert claim.reviewer == "Amara Okafor" and not claim.complete
    panel = window.workbench.claim_panel
    form = panel.form_widget
    assert panel.claim_id == claim.id
    # The form opens on the first required field, ready to type into.
    statement = form.rows["statement"].editor.focus_widget()
    assert QApplication.focusWidget() is statement
    assert form.message("statement") == "Required."

    qtbot.keyClicks(statement, "Kratom may cause insomnia.")
    assert get_claim(window.session.review, claim.id).statement == ""  # not per keystroke
    qtbot.keyClick(statement, Qt.Key.Key_Tab)  # finishing the field commits it
    assert get_claim(window.session.review, claim.id).statement == "Kratom may cause insomnia."

    category = form.rows["category"].editor.focus_widget()
    assert QApplication.focusWidget() is category
    qtbot.keyClick(category, Qt.Key.Key_Down)  # the first choice: Risk
    saved = get_claim(window.session.review, claim.id)
    assert saved.category == "risk" and saved.complete
    assert form.message("statement") == "" and form.message("category") == ""
    assert window.workbench.claims_view.model.rowCount() == 1

    # Undo the category, the statement, then the claim itself; redo all three.
    window.workbench.reader.setFocus()
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_claim(window.session.review, claim.id).category is None
    window.undo_group.undo()
    assert get_claim(window.session.review, claim.id).statement == ""
    window.undo_group.undo()
    assert list_claims(window.session.review) == []
    assert window.workbench.claims_view.model.rowCount() == 0
    assert panel.claim_id is None
    assert highlight_at(window.workbench.reader, start, end) is None
    for _ in range(3):
        window.undo_group.redo()
    restored = get_claim(window.session.review, claim.id)
    assert (restored.statement, restored.category) == ("Kratom may cause insomnia.", "risk")
    assert window.workbench.claims_view.model.rowCount() == 1

    # Nothing to save: close, reopen, and the claim is there, highlighted in risk colour.
    window.close_review()
    assert window.open_review(review_path)
    open_document_with(window, qtbot)
    window.workbench.select_claim(None)
    highlight = highlight_at(window.workbench.reader, start, end)
    assert highlight is not None
    expected = highlight_background(window.workbench.reader.palette(), ["risk"])
    assert highlight.format.background().color() == expected
    assert window.workbench.reader.claims_at(start)[0].id == claim.id


def test_category_shortcuts_preset_the_kind(qtbot, workbench):
    window = workbench
    window.activateWindow()
    open_document_with(window, qtbot)
    for key, category in ((Qt.Key.Key_1, "risk"), (Qt.Key.Key_2, "benefit"),
                          (Qt.Key.Key_3, "open_question")):
        select_quote(window)
        qtbot.keyClick(window.workbench.reader, key, Qt.KeyboardModifier.ControlModifier)
        claim_id = window.workbench.claim_panel.claim_id
        assert get_claim(window.session.review, claim_id).category == category
        assert window.workbench.claim_panel.form_widget.rows["category"].editor.value() == category


def test_no_selection_creates_nothing_and_says_why(qtbot, workbench):
    window = workbench
    window.workbench.reader.moveCursor(QTextCursor.MoveOperation.Start)
    window.create_claim()
    assert list_claims(window.session.review) == []
    assert "Select the passage" in window.statusBar().currentMessage()


def test_highlight_click_table_row_and_form_stay_in_step(qtbot, workbench):
    window = workbench
    open_document_with(window, qtbot)
    start, end = select_quote(window)
    first = window.session.create_claim(window.workbench.document_id, start, end,
                                        {"statement": "Insomnia", "category": "risk"})
    other_quote = "Kratom, derived from Mitragyna speciosa leaves"
    other_start = window.workbench.reader.toPlainText().index(other_quote)
    second = window.session.create_claim(window.workbench.document_id, other_start,
                                         other_start + len(other_quote), {"category": "benefit"})
    assert window.workbench.claim_panel.claim_id == second

    # Click inside the first claim's highlight.
    reader = window.workbench.reader
    reader.setTextCursor(reader._cursor(start + 5, start + 5))
    point = reader.cursorRect().center()
    point.setX(point.x() + 3)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.workbench.claim_panel.claim_id == first
    assert window.workbench.claims_view.current_claim() == first
    assert reader.current_claim == first

    # Choose the other claim's row in the table.
    table = window.workbench.claims_view.table
    row = window.workbench.claims_view.model.row_of(second)
    table.setCurrentIndex(window.workbench.claims_view.model.index(row, 1))
    assert window.workbench.claim_panel.claim_id == second
    assert reader.current_claim == second


def test_overlapping_claims_are_blended_and_listed(qtbot, workbench):
    window = workbench
    open_document_with(window, qtbot)
    text = window.workbench.reader.toPlainText()
    start = text.index(QUOTE)
    document = window.workbench.document_id
    outer = window.session.create_claim(document, start, start + len(QUOTE),
                                        {"statement": "Insomnia risk", "category": "risk"})
    inner = window.session.create_claim(document, start + 10, start + 30,
                                        {"statement": "Concern", "category": "open_question"})
    window.workbench.select_claim(None)
    covering = [span.id for span in window.workbench.reader.claims_at(start + 15)]
    assert covering == [outer, inner]
    overlap = highlight_at(window.workbench.reader, start + 10, start + 30)
    palette = window.workbench.reader.palette()
    assert overlap.format.background().color() == highlight_background(
        palette, ["risk", "open_question"])
    assert overlap.format.underlineStyle() != overlap.format.UnderlineStyle.NoUnderline
    tip = window.workbench.reader._tooltip(window.workbench.reader.claims_at(start + 15))
    assert "2 overlapping claims" in tip and "Insomnia risk" in tip and "Concern" in tip


def test_delete_and_undo_delete(qtbot, workbench):
    window = workbench
    open_document_with(window, qtbot)
    select_quote(window)
    claim_id = window.workbench.create_claim("risk")
    window.workbench.claims_view.table.setFocus()
    qtbot.keyClick(window.workbench.claims_view.table, Qt.Key.Key_Delete)
    assert list_claims(window.session.review) == []
    assert window.workbench.claim_panel.claim_id is None
    window.undo_group.undo()
    assert [c.id for c in list_claims(window.session.review)] == [claim_id]
    assert window.workbench.claim_panel.claim_id == claim_id


def test_edit_is_undone_to_the_old_value(qtbot, workbench):
    window = workbench
    open_document_with(window, qtbot)
    select_quote(window)
    claim_id = window.workbench.create_claim("risk")
    window.session.edit_claim(claim_id, {"statement": "First wording"})
    window.session.edit_claim(claim_id, {"statement": "Second wording"})
    form = window.workbench.claim_panel.form_widget
    assert form.rows["statement"].editor.value() == "Second wording"
    window.undo_group.undo()
    assert get_claim(window.session.review, claim_id).statement == "First wording"
    assert form.rows["statement"].editor.value() == "First wording"
    assert window.undo_group.undoText() == "Edit “Claim in your words”"


def test_text_still_being_typed_is_kept_when_moving_on_or_closing(qtbot, workbench):
    window = workbench
    window.activateWindow()
    open_document_with(window, qtbot)
    window.session.create_claim(window.workbench.document_id, 0, 20, {"category": "benefit"})
    select_quote(window)
    first = window.workbench.create_claim("risk")
    statement = window.workbench.claim_panel.form_widget.rows["statement"].editor.focus_widget()
    assert statement.hasFocus()
    qtbot.keyClicks(statement, "Typed, not yet finished")
    window.next_claim()  # F8 while the cursor is still in the field
    assert get_claim(window.session.review, first).statement == "Typed, not yet finished"

    window.workbench.select_claim(first)
    notes = window.workbench.claim_panel.form_widget.rows["notes"].editor.focus_widget()
    notes.setFocus()
    qtbot.keyClicks(notes, "Last words")
    path = window.session.path
    window.close_review()
    with ReviewFile.open(path) as reopened:
        assert get_claim(reopened, first).answers["notes"] == "Last words"
