"""What a form is once loaded: immutable descriptions of its fields.

Answers are plain dicts keyed by field id (see values.py for what each type stores); the
methods here only read them, so the GUI, validation and reports share one meaning of
"shown" and "required".
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

FIELD_TYPES = ("text", "long_text", "choice", "multi_choice", "ordinal", "boolean", "number", "date")
CHOICE_TYPES = frozenset({"choice", "multi_choice", "ordinal"})
# Conditions compare against a fixed set of values, so only these types can be tested.
CONDITION_TYPES = CHOICE_TYPES | {"boolean"}
APPLIES_TO = ("claim", "document", "finding")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Choice:
    value: str  # what is stored in answers and files
    label: str  # what people read
    description: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class Condition:
    """Holds when the answer to `field` is one of `values` (for multi_choice: any selected one)."""

    field: str
    values: tuple[str | bool, ...]

    def matches(self, answer: Any) -> bool:
        selected = answer if isinstance(answer, list) else [answer]
        return any(_same_value(item, value) for item in selected for value in self.values)


def _same_value(a: Any, b: Any) -> bool:
    # True == 1 in Python; a boolean condition must not match a number or vice versa.
    return a == b and isinstance(a, bool) == isinstance(b, bool)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Field:
    id: str
    label: str
    help: str = ""
    type: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    show_if: Condition | None = None
    require_if: Condition | None = None
    min: int | float | None = None
    max: int | float | None = None

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def choice_label(self, value: str) -> str:
        """The label of a choice; an unknown value is returned as it is, so that answers
        recorded under an older version of the form still display."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value

    def rank(self, value: str) -> int:
        """Position of an ordinal value: 0 for the first choice listed, and so on."""
        if self.type != "ordinal":
            raise TypeError(f"field '{self.id}' is {self.type}, not ordinal")
        try:
            return self.choice_values.index(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a choice of field '{self.id}'") from None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Form:
    id: str
    version: int
    title: str
    applies_to: str  # "claim", "document" or "finding"
    description: str = ""
    fields: tuple[Field, ...]
    # Review files store the definition verbatim, so a file stays readable after the
    # shipped form changes.
    source_text: str = dataclasses.field(default="", repr=False)

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(field.id for field in self.fields)

    def field(self, field_id: str) -> Field:
        for field in self.fields:
            if field.id == field_id:
                return field
        raise KeyError(f"form '{self.id}' has no field '{field_id}'")

    def is_shown(self, field: Field | str, answers: Mapping[str, Any]) -> bool:
        """False when a show_if condition fails, including when the field it refers to is
        itself hidden (conditions only refer to earlier fields, so this terminates)."""
        field = self._resolve(field)
        return field.show_if is None or self.condition_holds(field.show_if, answers)

    def is_required(self, field: Field | str, answers: Mapping[str, Any]) -> bool:
        field = self._resolve(field)
        if not self.is_shown(field, answers):
            return False
        return field.required or (
            field.require_if is not None and self.condition_holds(field.require_if, answers)
        )

    def condition_holds(self, condition: Condition, answers: Mapping[str, Any]) -> bool:
        # A hidden field's answer is discarded, so it cannot make a condition true.
        return self.is_shown(condition.field, answers) and condition.matches(answers.get(condition.field))

    def _resolve(self, field: Field | str) -> Field:
        return self.field(field) if isinstance(field, str) else field
