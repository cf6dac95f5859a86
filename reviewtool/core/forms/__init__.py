"""Review forms defined as data (forms/*.toml): their definition, loading and answers."""

from reviewtool.core.forms.definition import APPLIES_TO, CHOICE_TYPES, FIELD_TYPES, Choice, Condition, Field, Form
from reviewtool.core.forms.loader import load_form, load_form_text, shipped_forms
from reviewtool.core.forms.validation import clean_answers, describe_condition, validate_answers
from reviewtool.core.forms.values import InvalidValue, check_value, coerce_value, format_value, is_empty, parse_value

__all__ = [
    "APPLIES_TO",
    "CHOICE_TYPES",
    "FIELD_TYPES",
    "Choice",
    "Condition",
    "Field",
    "Form",
    "InvalidValue",
    "check_value",
    "clean_answers",
    "coerce_value",
    "describe_condition",
    "format_value",
    "is_empty",
    "load_form",
    "load_form_text",
    "parse_value",
    "shipped_forms",
    "validate_answers",
]
