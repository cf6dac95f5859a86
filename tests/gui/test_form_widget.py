"""The generated form: inline messages, conditional fields, commits when a field is done."""

import pytest
from PySide6.QtCore import QPoint, Qt

from reviewtool.core.forms import load_form_text, shipped_forms
from reviewtool.gui.form_widget import FormWidget

FORM = '''
id = "side_effects"
version = 1
title = "Side effects"
applies_to = "claim"

[[fields]]
id = "effect"
label = "Side effect named"
type = "text"
required = true

[[fields]]
id = "frequency_given"
label = "Frequency stated?"
type = "boolean"

[[fields]]
id = "frequency_percent"
label = "Frequency (% of users)"
type = "number"
min = 0
max = 100
require_if = { field = "frequency_given", in = [true] }

[[fields]]
id = "first_reported"
label = "Date first reported"
type = "date"

[[fields]]
id = "managed_by"
label = "Ways of managing it"
type = "multi_choice"
choices = [{ value = "stop", label = "Stop" }, { value = "see_doctor", label = "See a doctor" }]
'''


@pytest.fixture
def form_widget(qtbot):
    widget = FormWidget(load_form_text(FORM, "test"))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def committed(qtbot, widget):
    seen = []
    widget.fieldCommitted.connect(lambda field, value: seen.append((field, value)))
    return seen


def test_required_field_message_is_shown_inline(form_widget):
    form_widget.set_answers({}, reset=True)
    assert form_widget.message("effect") == "Required."
    assert form_widget.rows["effect"].message.isVisible()
    assert form_widget.rows["effect"].label.text() == "Side effect named *"
    form_widget.set_answers({"effect": "headache"})
    assert form_widget.message("effect") == ""


def test_invalid_number_is_explained_and_not_committed(qtbot, form_widget):
    seen = committed(qtbot, form_widget)
    line = form_widget.rows["frequency_percent"].editor.focus_widget()
    line.setFocus()
    qtbot.keyClicks(line, "12,5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert seen == []
    assert "is not a number (write decimals with a point)" in form_widget.message("frequency_percent")
    line.clear()
    qtbot.keyClicks(line, "150")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert seen == [] and "above the maximum of 100" in form_widget.message("frequency_percent")
    line.clear()
    qtbot.keyClicks(line, "12.5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert seen == [("frequency_percent", 12.5)]
    assert form_widget.message("frequency_percent") == ""


def test_invalid_date_is_explained(qtbot, form_widget):
    line = form_widget.rows["first_reported"].editor.focus_widget()
    qtbot.keyClicks(line, "2024-02-30")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert form_widget.message("first_reported") == "'2024-02-30' is not a real date."


def test_conditional_requirement_follows_the_answer(qtbot, form_widget):
    seen = committed(qtbot, form_widget)
    combo = form_widget.rows["frequency_given"].editor.focus_widget()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Yes"
    assert seen == [("frequency_given", True)]
    assert form_widget.rows["frequency_percent"].label.text().endswith(" *")
    assert form_widget.message("frequency_percent") == "Required."


def test_text_commits_when_finished_not_per_keystroke(qtbot, form_widget):
    seen = committed(qtbot, form_widget)
    line = form_widget.rows["effect"].editor.focus_widget()
    line.setFocus()
    qtbot.keyClicks(line, "headache")
    assert seen == []
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert seen == [("effect", "headache")]


def test_multi_choice_commits_the_selection_in_form_order(qtbot, form_widget):
    seen = committed(qtbot, form_widget)
    boxes = form_widget.rows["managed_by"].editor.boxes
    for box in (boxes[1], boxes[0]):  # click on the tick box itself
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert seen[-1] == ("managed_by", ["stop", "see_doctor"])


def test_claim_form_shows_citation_only_for_cited_studies(qtbot):
    widget = FormWidget(shipped_forms()["claim"])
    qtbot.addWidget(widget)
    widget.show()
    widget.set_answers({"evidence_cited": "anecdote"}, reset=True)
    assert not widget.is_field_shown("citation")
    widget.rows["evidence_cited"].editor.select("cites_study")
    assert widget.is_field_shown("citation")
    # A condition on an ordinal: reasons to rate down only below "high".
    widget.set_answers({"certainty": "high"})
    assert not widget.is_field_shown("downgrade_reasons")
    widget.set_answers({"certainty": "low"})
    assert widget.is_field_shown("downgrade_reasons")


def test_help_for_the_focused_field_goes_to_the_help_box(qtbot):
    widget = FormWidget(shipped_forms()["claim"])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    seen = []
    widget.helpChanged.connect(lambda label, text: seen.append(label))
    widget.activateWindow()
    widget.focus_field("population")
    qtbot.waitUntil(lambda: seen == ["Population"])
