"""The Document tab: a document's metadata edited with the keyboard, undone, refused, attached."""

from PySide6.QtCore import Qt

from reviewtool.core.review.documents import get_document, list_documents

from .conftest import wait_for_jobs


def type_into(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_metadata_is_edited_cited_and_undone(qtbot, workbench):
    window = workbench
    panel = window.workbench.details
    window.workbench.side.setCurrentWidget(panel)
    document_id = window.workbench.document_id
    type_into(qtbot, panel.editors["authors"], "Okafor, Amara; Lindqvist, Jonas")
    type_into(qtbot, panel.editors["published"], "2021/05")
    type_into(qtbot, panel.editors["doi"], "https://doi.org/10.1000/sleep.7")
    document = get_document(window.session.review, document_id)
    assert document.authors == ("Okafor, Amara", "Lindqvist, Jonas")
    assert (document.published, document.doi) == ("2021-05", "10.1000/sleep.7")
    assert panel.editors["doi"].text() == "10.1000/sleep.7"  # shown as stored
    assert panel.cite.text().startswith("Okafor, A., & Lindqvist, J. (2021). ")
    assert panel.cite.text().endswith("https://doi.org/10.1000/sleep.7")

    window.undo_group.undo()
    assert get_document(window.session.review, document_id).doi == ""
    assert panel.editors["doi"].text() == ""
    window.undo_group.redo()
    assert panel.editors["doi"].text() == "10.1000/sleep.7"


def test_a_refused_value_is_reported_and_the_stored_one_shown_again(qtbot, workbench):
    window = workbench
    panel = window.workbench.details
    window.workbench.side.setCurrentWidget(panel)
    shown = []
    panel.failed.disconnect()  # instead of the dialog the window would show
    panel.failed.connect(lambda error: shown.append(str(error)))
    type_into(qtbot, panel.editors["published"], "last spring")
    assert shown and "'last spring' is not a date" in shown[0]
    assert panel.editors["published"].text() == ""
    assert get_document(window.session.review, window.workbench.document_id).published == ""


def test_a_reference_without_text_can_receive_its_file(qtbot, window, review_path, tmp_path):
    library = tmp_path / "library.ris"
    library.write_text("TY  - RPRT\nTI  - Kratom calls\nAU  - Ünal, Deniz\nPY  - 2019\n"
                       "ER  - \n", encoding="utf-8")
    assert window.open_review(review_path)
    window.import_paths([library])
    wait_for_jobs(qtbot, window)
    assert window.workbench.documents.model.rowCount() == 1
    panel = window.workbench.details
    window.workbench.side.setCurrentWidget(panel)
    assert not panel.no_text.isHidden() and not panel.attach.isHidden()
    assert "no full text" in window.workbench.reader_panel.subtitle.text()
    assert window.workbench.reader.placeholderText().startswith("This document is a reference")
    text = tmp_path / "calls.txt"
    text.write_text("Calls to poison centres about kratom rose tenfold.", encoding="utf-8")
    panel.attach_file(text)
    document, = list_documents(window.session.review)
    assert document.has_text and document.authors == ("Ünal, Deniz",)
    assert panel.no_text.isHidden()
    assert "tenfold" in window.workbench.reader.toPlainText()


def test_the_list_marks_a_reference_without_text(qtbot, window, review_path, tmp_path):
    from PySide6.QtCore import Qt

    library = tmp_path / "library.bib"
    library.write_text("@report{calls, title = {Kratom calls}, year = {2019}}\n", encoding="utf-8")
    assert window.open_review(review_path)
    window.import_paths([library])
    wait_for_jobs(qtbot, window)
    model = window.workbench.documents.model
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert "no full text" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_file_import_references_imports_the_chosen_library(qtbot, window, review_path, tmp_path,
                                                            monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    library = tmp_path / "library.json"
    library.write_text('[{"type": "report", "title": "Kratom calls", "issued": '
                       '{"date-parts": [[2019]]}}]', encoding="utf-8")
    assert window.open_review(review_path)
    chosen = []

    def choose(parent, caption, folder, filters):
        chosen.append(filters)
        return [str(library)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    action = window.findChild(type(window.actions()[0]), "action_import_references")
    assert action.property("menu") == "File"
    action.trigger()
    wait_for_jobs(qtbot, window)
    assert "*.ris *.bib *.json" in chosen[0]
    document, = list_documents(window.session.review)
    assert (document.title, document.published, document.has_text) == ("Kratom calls", "2019",
                                                                        False)
    assert "1 imported" in window.statusBar().currentMessage()


def test_team_windows_cope_with_a_reference_without_text(qtbot, tmp_path):
    from reviewtool.core.review.library_import import import_library
    from reviewtool.core.store.reviewfile import ReviewFile
    from reviewtool.core.team.merge import merge_files
    from tests.gui.team_host import open_team
    from tests.builders import build_team

    team = build_team(tmp_path / "team")
    library = tmp_path / "library.ris"
    library.write_text("TY  - RPRT\nTI  - Kratom calls\nPY  - 2019\nER  - \n", encoding="utf-8")
    with ReviewFile.open(team.b) as review:
        import_library(review, library, reviewer="Jonas Lindqvist")
    merge_files(team.a, [team.b])
    _, windows = open_team(qtbot, team.a)
    reconcile = windows.open("reconcile")
    qtbot.waitUntil(lambda: reconcile.data is not None and reconcile.units_model.rowCount() > 0)
    reconcile.close()
    for name in ("agreement", "conflicts"):
        window = windows.open(name)
        qtbot.waitUntil(lambda: not getattr(window, "runner", None) or not window.runner.busy)
        window.close()


def test_alt_7_goes_to_the_document_tab(qtbot, workbench):
    window = workbench
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert window.workbench.side.currentWidget() is window.workbench.details
    assert window.workbench.details.editors["title"].hasFocus()


def test_typing_then_moving_to_the_next_document_keeps_the_edit_with_its_document(qtbot,
                                                                                 workbench):
    window = workbench
    panel = window.workbench.details
    window.workbench.side.setCurrentWidget(panel)
    first = window.workbench.document_id
    editor = panel.editors["container"]
    editor.setFocus()
    qtbot.keyClicks(editor, "Sleep Health")  # no Enter: still typing
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workbench.document_id != first
    assert get_document(window.session.review, first).container == "Sleep Health"
    assert get_document(window.session.review, window.workbench.document_id).container == ""
    assert editor.text() == ""
