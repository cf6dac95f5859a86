"""Checking and tidying a whole set of answers against a form."""

from collections.abc import Mapping
from typing import Any

from reviewtool.core.forms.definition import Condition, Form
from reviewtool.core.forms.values import check_value, is_empty


def validate_answers(form: Form, answers: Mapping[str, Any]) -> list[str]:
    """Every problem with `answers`, each prefixed with the field id ("category: required")."""
    problems = [f"unknown field '{key}'" for key in answers if key not in form.field_ids]
    # Answers that are invalid, or whose field may or may not be shown. A condition on one
    # of them cannot be decided, and reporting "required" or "only asked when" for the
    # fields it governs would blame the wrong field.
    undecided: set[str] = set()
    for field in form.fields:
        value = answers.get(field.id)
        shown_undecided = field.show_if is not None and field.show_if.field in undecided
        required_undecided = shown_undecided or (field.require_if is not None and field.require_if.field in undecided)
        if is_empty(value):
            if not required_undecided and form.is_required(field, answers):
                problems.append(f"{field.id}: required")
            continue
        if shown_undecided:
            undecided.add(field.id)
        elif not form.is_shown(field, answers):
            problems.append(f"{field.id}: only asked when {describe_condition(field.show_if)}")
            continue
        problem = check_value(field, value)
        if problem:
            problems.append(f"{field.id}: {problem}")
            undecided.add(field.id)
    return problems


def clean_answers(form: Form, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers without empty values and without answers to fields that are hidden.

    Keys the form does not know are kept, so that validate_answers still reports them
    rather than the data silently disappearing.
    """
    return {
        key: value
        for key, value in answers.items()
        if not is_empty(value) and (key not in form.field_ids or form.is_shown(key, answers))
    }


def describe_condition(condition: Condition) -> str:
    """E.g. "evidence_cited is one of: cites_study, cites_review" or "consent is yes"."""
    shown = ["yes" if v is True else "no" if v is False else str(v) for v in condition.values]
    if len(shown) == 1:
        return f"{condition.field} is {shown[0]}"
    return f"{condition.field} is one of: {', '.join(shown)}"
