"""Your appraisal of a document: saved once its required answers are given, then per field."""

from reviewtool.core.review.appraisals import appraisal_of
from reviewtool.core.review.records import current_answers


def pick(form, field_id, value):
    form.rows[field_id].editor.select(value)  # as if chosen from the list


def test_appraisal_is_saved_undone_and_marked_in_the_list(qtbot, workbench):
    window = workbench
    panel = window.workbench.appraisal_panel
    document = window.workbench.document_id
    form = panel.form_widget
    pick(form, "source_type", "blog")
    assert appraisal_of(window.session.review, document, window.session.reviewer_id) is None
    assert "Not saved yet" in panel.status.text() and "Overall quality" in panel.status.text()
    assert form.message("overall_quality") == "Required."
    pick(form, "overall_quality", "low")
    appraisal = appraisal_of(window.session.review, document, window.session.reviewer_id)
    assert current_answers(window.session.review, appraisal) == {
        "source_type": "blog", "overall_quality": "low"}
    assert panel.status.text().startswith("Saved")
    documents = window.workbench.documents.model
    assert documents.index(documents.row_of(document), 2).data() == "✓"

    pick(form, "overall_quality", "moderate")
    window.undo_group.undo()
    assert current_answers(window.session.review, appraisal)["overall_quality"] == "low"
    assert form.rows["overall_quality"].editor.value() == "low"
    window.undo_group.undo()
    assert appraisal_of(window.session.review, document, window.session.reviewer_id) is None
    assert documents.index(documents.row_of(document), 2).data() == ""
