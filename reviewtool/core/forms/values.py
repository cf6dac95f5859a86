"""The answer to one field: how it is stored, read from text or JSON, checked and shown.

Stored answers are JSON-compatible:

    text, long_text   str
    choice, ordinal   str, the choice's value
    multi_choice      list[str] of choice values, in the form's order, no duplicates
    boolean           bool
    number            int or float (finite, within min/max)
    date              str "YYYY-MM-DD"

A missing answer is an absent key; None, blank text and [] mean the same.
"""

import datetime
import math
import re
from typing import Any

from reviewtool.core.forms.definition import Field

Value = str | bool | int | float | list[str]

MULTI_SEPARATOR = ";"
_TRUE_WORDS = ("yes", "true", "1")
_FALSE_WORDS = ("no", "false", "0")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class InvalidValue(ValueError):
    """A value does not fit its field; the message says why in words a reviewer understands."""


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def parse_value(field: Field, raw: str) -> Value | None:
    """Read a value typed in a CSV cell or on the command line; None when the cell is blank."""
    text = raw.strip()
    if not text:
        return None
    if field.type in ("text", "long_text"):
        return text
    if field.type in ("choice", "ordinal"):
        return _match_choice(field, text)
    if field.type == "multi_choice":
        return _parse_selection(field, text.split(MULTI_SEPARATOR))
    if field.type == "boolean":
        return _parse_boolean(text)
    if field.type == "number":
        return _check_range(field, _parse_number(text))
    if field.type == "date":
        return _parse_date(text)
    raise AssertionError(f"unhandled field type {field.type!r}")


def coerce_value(field: Field, value: Any) -> Value | None:
    """Accept a value from JSON: the stored type itself, or text as parse_value reads it."""
    if is_empty(value):
        return None
    if isinstance(value, str):
        return parse_value(field, value)
    if field.type == "boolean" and isinstance(value, bool):
        return value
    if field.type == "number" and _is_number(value):
        if not math.isfinite(value):
            raise InvalidValue(f"{value} is not a usable number")
        return _check_range(field, value)
    if field.type == "multi_choice" and isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return _parse_selection(field, value)
    raise InvalidValue(f"expected {_expected(field)}, got {_describe(value)}")


def check_value(field: Field, value: Any) -> str | None:
    """Why a stored (non-empty) value is not valid for the field, or None if it is."""
    if field.type in ("text", "long_text"):
        return None if isinstance(value, str) else f"expected text, got {_describe(value)}"
    if field.type in ("choice", "ordinal"):
        return None if isinstance(value, str) and value in field.choice_values else _not_a_choice(field, value)
    if field.type == "multi_choice":
        return _selection_problem(field, value)
    if field.type == "boolean":
        return None if isinstance(value, bool) else f"expected true or false, got {_describe(value)}"
    if field.type == "number":
        if not _is_number(value) or not math.isfinite(value):
            return f"expected a number, got {_describe(value)}"
        return _range_problem(field, value)
    if field.type == "date":
        if not isinstance(value, str):
            return f"expected a date written YYYY-MM-DD, got {_describe(value)}"
        return _date_problem(value)
    raise AssertionError(f"unhandled field type {field.type!r}")


def format_value(field: Field, value: Any) -> str:
    """For people (reports, CSV): labels instead of values; "" when unanswered.

    parse_value reads the result back to the same value.
    """
    if is_empty(value):
        return ""
    if field.type in ("choice", "ordinal"):
        return field.choice_label(value)
    if field.type == "multi_choice":
        return f"{MULTI_SEPARATOR} ".join(field.choice_label(item) for item in value)
    if field.type == "boolean":
        return "yes" if value else "no"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return str(value)


def _expected(field: Field) -> str:
    if field.choices:
        listing = ", ".join(field.choice_values)
        return f"a list of: {listing}" if field.type == "multi_choice" else f"one of: {listing}"
    return {
        "text": "text",
        "long_text": "text",
        "boolean": "true or false",
        "number": "a number",
        "date": "a date written YYYY-MM-DD",
    }[field.type]


def _not_a_choice(field: Field, given: Any) -> str:
    return f"{_describe(given)} is not one of: {', '.join(field.choice_values)}"


def _match_choice(field: Field, text: str) -> str:
    """A choice by its value, or by its value or label ignoring case (the loader ensures
    that these never match two different choices)."""
    if text in field.choice_values:
        return text
    wanted = text.casefold()
    for choice in field.choices:
        if wanted in (choice.value.casefold(), choice.label.casefold()):
            return choice.value
    raise InvalidValue(_not_a_choice(field, text))


def _parse_selection(field: Field, items: list[str] | tuple[str, ...]) -> list[str] | None:
    selected = {_match_choice(field, item.strip()) for item in items if item.strip()}
    return [value for value in field.choice_values if value in selected] or None


def _selection_problem(field: Field, value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return f"expected a list of: {', '.join(field.choice_values)}, got {_describe(value)}"
    for item in value:
        if item not in field.choice_values:
            return _not_a_choice(field, item)
    if len(set(value)) != len(value):
        return "a value is selected twice"
    if value != [v for v in field.choice_values if v in value]:
        return f"values must be listed in the form's order: {', '.join(field.choice_values)}"
    return None


def _parse_boolean(text: str) -> bool:
    word = text.casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise InvalidValue(f"'{text}' is not one of: yes, no, true, false, 1, 0")


def _parse_number(text: str) -> int | float:
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        number = float(text)
        if math.isfinite(number):
            return number
    hint = " (write decimals with a point)" if "," in text else ""
    raise InvalidValue(f"'{text}' is not a number{hint}")


def _range_problem(field: Field, number: int | float) -> str | None:
    if field.min is not None and number < field.min:
        return f"{number} is below the minimum of {field.min}"
    if field.max is not None and number > field.max:
        return f"{number} is above the maximum of {field.max}"
    return None


def _check_range(field: Field, number: int | float) -> int | float:
    problem = _range_problem(field, number)
    if problem:
        raise InvalidValue(problem)
    return number


def _date_problem(text: str) -> str | None:
    if not _ISO_DATE.fullmatch(text):
        return f"'{text}' is not a date written YYYY-MM-DD"
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return f"'{text}' is not a real date"
    return None


def _parse_date(text: str) -> str:
    problem = _date_problem(text)
    if problem:
        raise InvalidValue(problem)
    return text
