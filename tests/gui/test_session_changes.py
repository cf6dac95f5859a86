"""The app's one write path: every change goes through the Session, which publishes what
changed on its one `changed` signal, for the new edit and for its undo and redo."""

from PySide6.QtCore import Qt

from reviewtool.core.review.claims import list_claims
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.gui.session import Session
from tests.gui.test_extraction_flow import open_document_with, select_quote
from tests.builders import build_team


def test_a_claim_publishes_what_changed_for_the_edit_its_undo_and_redo(qtbot, workbench):
    window = workbench
    published = []
    window.session.changed.connect(published.append)
    open_document_with(window, qtbot)
    select_quote(window)
    qtbot.keyClick(window.workbench.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    (claim,) = list_claims(window.session.review)
    (created,) = published
    assert created.claims == {claim.id} and created.documents == {claim.document_id}
    assert created.claims_added_or_removed and created.focus_claim == claim.id
    assert not created.undoing and not created.whole_file

    window.session.undo_stack.undo()
    undone = published[-1]
    assert undone.undoing and undone.claims == {claim.id} and undone.focus_claim is None
    window.session.undo_stack.redo()
    assert published[-1].focus_claim == claim.id and len(published) == 3

    window.session.edit_claim(claim.id, {"statement": "Kratom may cause insomnia."})
    edited = published[-1]
    assert edited.claims == {claim.id} and not edited.claims_added_or_removed
    # Nothing changed: nothing published, nothing on the stack.
    count = window.session.undo_stack.count()
    assert not window.session.edit_claim(claim.id, {"statement": "Kratom may cause insomnia."})
    assert len(published) == 4 and window.session.undo_stack.count() == count


def test_an_appraisal_publishes_its_document(qtbot, workbench):
    window = workbench
    published = []
    window.session.changed.connect(published.append)
    document_id = window.workbench.document_id
    window.session.save_appraisal(document_id, {"source_type": "news", "overall_quality": "low"})
    assert published[-1].documents == {document_id} and published[-1].appraisals
    assert not published[-1].claims


def test_an_import_publishes_documents_added(qtbot, window, review_path):
    from tests.gui.conftest import import_seeds

    assert window.open_review(review_path)
    published = []
    window.session.changed.connect(published.append)
    import_seeds(qtbot, window)
    assert published and all(c.documents_added_or_removed for c in published)


def test_a_resolution_publishes_the_conflict_and_its_record(qtbot, tmp_path):
    from reviewtool.core.team.merge import merge_files

    team = build_team(tmp_path)
    merge_files(team.a, [team.b])  # the reviewers filed one finding differently: a conflict
    session = Session.open(team.a, "Amara Okafor")
    try:
        published = []
        session.changed.connect(published.append)
        (conflict,) = list_conflicts(session.review)
        field = session.resolve_conflict(conflict.id, ("value", conflict.values[0].value), "agreed")
        assert field == conflict.field and list_conflicts(session.review) == []
        (resolved,) = published
        assert resolved.conflicts and conflict.record_id in (resolved.findings | resolved.claims)
        assert session.undo_stack.count() == 0  # see Session.resolve_conflict for why
    finally:
        session.close()
