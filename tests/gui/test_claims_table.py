"""The claims table's filters narrow the rows by SQL; the count follows."""

from reviewtool.core.review.documents import document_text
from reviewtool.core.review.records import update_answers


def add(window, document_id, start, answers, reviewer="Amara Okafor"):
    session = window.session
    session.reviewer = reviewer
    claim_id = session.create_claim(document_id, start, start + 20, answers)
    session.reviewer = "Amara Okafor"
    return claim_id


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_filters_by_kind_certainty_reviewer_document_and_status(qtbot, workbench):
    window = workbench
    view = window.workbench.claims_view
    model = view.model
    documents = window.workbench.documents.model
    first, second = documents.id_at(0), documents.id_at(1)
    risk = add(window, first, 0, {"statement": "a", "category": "risk", "certainty": "low"})
    benefit = add(window, first, 40, {"statement": "b", "category": "benefit"})
    draft = add(window, second, 0, {"category": "risk"}, reviewer="Ben Lindqvist")
    assert model.rowCount() == 3 and view.count.text() == "3 claims"

    choose(view.category, "risk")
    assert set(model.ids()) == {risk, draft} and view.count.text() == "2 claims"
    choose(view.certainty, "low")
    assert model.ids() == [risk]
    choose(view.certainty, None)
    view.refresh_reviewers()
    choose(view.reviewer, view.reviewer.itemData(view.reviewer.findText("Ben Lindqvist")))
    assert model.ids() == [draft]
    choose(view.reviewer, None)
    choose(view.category, None)

    view.status.setCurrentIndex(view.status.findText("Drafts"))
    view.status.activated.emit(view.status.currentIndex())
    assert model.ids() == [draft]
    view.status.setCurrentIndex(0)
    view.status.activated.emit(0)

    window.workbench.show_document(first)
    choose(view.document, "current")
    assert set(model.ids()) == {risk, benefit}
    window.workbench.show_document(second)
    assert model.ids() == [draft]


def test_orphaned_filter(qtbot, workbench):
    window = workbench
    view = window.workbench.claims_view
    document = window.workbench.documents.model.id_at(0)
    claim = add(window, document, 0, {"statement": "a"})
    assert document_text(window.session.review, document)[0]
    view.status.setCurrentIndex(view.status.findText("Orphaned"))
    view.status.activated.emit(view.status.currentIndex())
    assert view.model.ids() == []
    view.status.setCurrentIndex(view.status.findText("Complete"))
    view.status.activated.emit(view.status.currentIndex())
    update_answers(window.session.review, claim, {"category": "risk"}, partial=True)
    view.apply_filters()
    assert view.model.ids() == [claim]
