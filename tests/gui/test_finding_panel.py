"""The finding panel: a claim's finding beside its claims, the claims' spread, and the
team's judgement of its certainty, entered with keys and undone like any edit."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewtool.core.review.batch_entry import add_claims
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.documents import import_paths
from reviewtool.core.review.finding_judgements import judgement_of
from reviewtool.core.store.reviewfile import ReviewFile

from ..conftest import ROOT, SEEDS

INSOMNIA = "Kratom can cause insomnia or disturbed sleep"


def test_judging_a_finding_beside_its_claims(qtbot, window, review_path):
    with ReviewFile.open(review_path) as review:
        import_paths(review, SEEDS)
        add_claims(review, ROOT / "examples" / "extractions" / "reviewer-a-claims.csv")
    assert window.open_review(review_path)
    review = window.session.review
    bench = window.workbench
    claims = [c for c in list_claims(review) if c.finding_id]
    insomnia = next(c for c in claims if c.statement.startswith("Kratom may cause insomnia"))
    bench.select_claim(insomnia.id)
    button = bench.claim_panel.finding_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    panel = bench.finding_panel
    assert bench.side.currentWidget() is panel and panel.finding_id == insomnia.finding_id
    assert INSOMNIA in panel.heading.text()
    assert panel.consistency.text().startswith("Contradictory")
    assert panel.claims.count() == len([c for c in claims if c.finding_id == insomnia.finding_id])
    # the tool proposes (spread, lowest, a prompt); it fills in nothing
    assert "lowest Very low" in panel.proposal.text()
    assert "consider rating down for inconsistency" in panel.proposal.text()
    assert judgement_of(review, insomnia.finding_id).answers == {}

    form = panel.form_widget
    certainty = form.rows["certainty"].editor.focus_widget()
    bench.side.setCurrentWidget(bench.claim_panel)
    bench.reader.setFocus()
    qtbot.keyClick(bench.reader, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)  # Go to Finding
    assert bench.side.currentWidget() is panel and QApplication.focusWidget() is certainty
    for _ in range(3):  # High, Moderate, Low: each choice is stored as it is made
        qtbot.keyClick(certainty, Qt.Key.Key_Down)
    assert judgement_of(review, insomnia.finding_id).certainty == "low"
    explanation = form.rows["explanation"].editor.focus_widget()
    explanation.setFocus()
    qtbot.keyClicks(explanation, "User reports only.")
    qtbot.keyClick(explanation, Qt.Key.Key_Tab)  # leaving the field commits it
    assert judgement_of(review, insomnia.finding_id).explanation == "User reports only."

    window.undo_group.undo()
    assert judgement_of(review, insomnia.finding_id).explanation == ""
    assert form.rows["explanation"].editor.value() in (None, "")
    window.undo_group.undo()
    assert judgement_of(review, insomnia.finding_id).certainty == "moderate"
    assert form.rows["certainty"].editor.value() == "moderate"
    window.undo_group.redo()
    assert judgement_of(review, insomnia.finding_id).certainty == "low"

    # a claim of the finding, clicked in the panel, opens in the claim form
    other = panel.claims.item(panel.claims.count() - 1)
    qtbot.mouseClick(panel.claims.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.claims.visualItemRect(other).center())
    assert bench.claim_panel.claim_id == other.data(Qt.ItemDataRole.UserRole)
    assert QApplication.focusWidget() is not None


def test_a_claim_without_a_finding_says_so(qtbot, workbench):
    bench = workbench.workbench
    bench.side.setCurrentWidget(bench.finding_panel)
    assert bench.finding_panel.stack.currentIndex() == 0
    assert "not grouped under a finding" in bench.finding_panel.empty.text()
