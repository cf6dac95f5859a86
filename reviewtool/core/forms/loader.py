"""Reading forms/*.toml into Form objects.

Forms are edited by review leads, not programmers, so a broken definition is reported in
full: every problem found, each naming the file, the line and the field.
"""

import re
import tomllib
from pathlib import Path
from typing import Any

from reviewtool.core.errors import FormError
from reviewtool.resources import data_dir

from reviewtool.core.forms.definition import APPLIES_TO, CHOICE_TYPES, CONDITION_TYPES, FIELD_TYPES, Choice, Condition, Field, Form
from reviewtool.core.forms.source_lines import SourceLines

_ID = re.compile(r"[a-z][a-z0-9_]*")
_FORM_KEYS = ("id", "version", "title", "applies_to", "description", "fields")
_FIELD_KEYS = ("id", "label", "help", "type", "required", "choices", "show_if", "require_if", "min", "max")
_CHOICE_KEYS = ("value", "label", "description")
_CONDITION_KEYS = ("field", "in")
_TOML_POSITION = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$", re.DOTALL)
_ID_RULE = "must start with a lowercase letter and contain only a-z, 0-9 and '_'"


def load_form(path: str | Path) -> Form:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FormError(f"{path}: is not UTF-8 text; save the form as UTF-8.") from None
    except OSError as error:
        raise FormError(f"{path}: cannot be read ({error.strerror}).") from None
    return load_form_text(text, str(path))


def load_form_text(text: str, origin: str) -> Form:
    """Parse and check a form definition; `origin` names it in messages (usually its path)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormError(_syntax_message(origin, error)) from None
    except RecursionError:
        raise FormError(f"{origin}: nests arrays or tables too deeply to be a form; "
                        "a form needs only [[fields]] with [[fields.choices]].") from None
    reader = _FormReader(text, origin)
    form = reader.read(data)
    if reader.problems:
        raise FormError("\n".join(reader.problems))
    assert form is not None
    return form


def shipped_forms() -> dict[str, Form]:
    """Every forms/*.toml shipped with reviewtool, keyed by form id."""
    forms: dict[str, Form] = {}
    for path in sorted(data_dir("forms").glob("*.toml")):
        form = load_form(path)
        if form.id in forms:
            raise FormError(f"{path}: form id '{form.id}' is already used by another form in {path.parent}.")
        forms[form.id] = form
    return forms


def _syntax_message(origin: str, error: tomllib.TOMLDecodeError) -> str:
    positioned = _TOML_POSITION.match(str(error))
    if not positioned:
        return f"{origin}: TOML syntax error: {error}"
    reason, line, column = positioned.groups()
    return f"{origin}, line {line}: TOML syntax error at column {column}: {reason}"


def _show(value: Any) -> str:
    """A value as it would be written in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _unknown_keys(table: dict, allowed: tuple[str, ...]) -> list[str]:
    return [key for key in table if key not in allowed]


class _FormReader:
    def __init__(self, text: str, origin: str):
        self.text = text
        self.origin = origin
        self.lines = SourceLines(text)
        self._located: list[tuple[int, str]] = []

    @property
    def problems(self) -> list[str]:
        """In the order of the file; problems without a line (missing keys) first."""
        return [message for _, message in sorted(self._located, key=lambda item: item[0])]

    def read(self, data: dict) -> Form | None:
        for key in _unknown_keys(data, _FORM_KEYS):
            self._report_top(key, f"unknown key '{key}' (allowed: {', '.join(_FORM_KEYS)})")
        form_id = data.get("id")
        if form_id is None:
            self._report_top(None, "missing 'id' (the form's name, e.g. id = \"claim\")")
        elif not (isinstance(form_id, str) and _ID.fullmatch(form_id)):
            self._report_top("id", f"id {_show(form_id)} {_ID_RULE}")
        version = data.get("version")
        if version is None:
            self._report_top(None, "missing 'version' (a whole number, raised whenever the fields change)")
        elif not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self._report_top("version", f"version must be a whole number from 1 up, not {_show(version)}")
        title = data.get("title")
        if title is None:
            self._report_top(None, "missing 'title'")
        elif not _is_text(title):
            self._report_top("title", "title must be non-empty text")
        applies_to = data.get("applies_to")
        if applies_to is None:
            self._report_top(None, "missing 'applies_to' (\"claim\", \"document\" or \"finding\")")
        elif applies_to not in APPLIES_TO:
            self._report_top("applies_to", f"applies_to must be \"claim\", \"document\" or \"finding\", not {_show(applies_to)}")
        description = data.get("description", "")
        if not isinstance(description, str):
            self._report_top("description", "description must be text")
        fields = self._read_fields(data.get("fields"))
        if self.problems:
            return None
        return Form(
            id=form_id,
            version=version,
            title=title,
            applies_to=applies_to,
            description=description,
            fields=fields,
            source_text=self.text,
        )

    def _read_fields(self, tables: Any) -> tuple[Field, ...]:
        if tables is None:
            self._report_top(None, "no fields: add at least one [[fields]] table")
            return ()
        if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
            self._report_top("fields", "'fields' must be a list of tables, written as [[fields]] sections")
            return ()
        # Conditions are checked against the ids of all fields, so that a reference to a
        # later field is told apart from a reference to a field that does not exist.
        all_ids = [table.get("id") for table in tables]
        earlier: dict[str, Field] = {}
        first_position: dict[str, int] = {}
        fields = []
        for position, table in enumerate(tables):
            field = _FieldReader(self, position, table, all_ids, earlier, first_position).read()
            if isinstance(table.get("id"), str):
                first_position.setdefault(table["id"], position)
            if field is not None:
                earlier.setdefault(field.id, field)
                fields.append(field)
        return tuple(fields)

    def _report_top(self, key: str | None, message: str) -> None:
        line = self.lines.top_level_key(key) if key else None
        self.report(line, None, message)

    def report(self, line: int | None, field_name: str | None, message: str) -> None:
        where = [self.origin]
        if line is not None:
            where.append(f"line {line}")
        if field_name is not None:
            where.append(f"field {field_name}")
        self._located.append((line or 0, f"{', '.join(where)}: {message}"))


class _FieldReader:
    """Checks one [[fields]] table; returns a Field only if the table has no problems."""

    def __init__(self, form: _FormReader, position: int, table: dict, all_ids: list,
                 earlier: dict[str, Field], first_position: dict[str, int]):
        self.form = form
        self.position = position
        self.table = table
        self.all_ids = all_ids
        self.earlier = earlier
        self.first_position = first_position
        field_id = table.get("id")
        self.name = f"'{field_id}'" if isinstance(field_id, str) and field_id else f"#{position + 1}"
        self.problem_count = 0

    def read(self) -> Field | None:
        table = self.table
        for key in _unknown_keys(table, _FIELD_KEYS):
            self.report(key, f"unknown key '{key}' (allowed: {', '.join(_FIELD_KEYS)})")
        field_id = self._read_id()
        label = table.get("label")
        if label is None:
            self.report(None, "missing 'label' (the question as reviewers see it)")
        elif not _is_text(label):
            self.report("label", "label must be non-empty text")
        help_text = table.get("help", "")
        if not isinstance(help_text, str):
            self.report("help", "help must be text")
        required = table.get("required", False)
        if not isinstance(required, bool):
            self.report("required", f"required must be true or false, not {_show(required)}")
        field_type = table.get("type")
        if field_type is None:
            self.report(None, f"missing 'type' (one of: {', '.join(FIELD_TYPES)})")
        elif field_type not in FIELD_TYPES:
            self.report("type", f"unknown type {_show(field_type)} (one of: {', '.join(FIELD_TYPES)})")
            field_type = None
        choices = self._read_choices(field_type) if field_type else ()
        minimum, maximum = self._read_bounds(field_type) if field_type else (None, None)
        show_if = self._read_condition("show_if", field_id)
        require_if = self._read_condition("require_if", field_id)
        if require_if is not None and required is True:
            self.report("require_if", "require_if has no effect because the field has required = true")
        if self.problem_count:
            return None
        return Field(
            id=field_id,
            label=label,
            help=help_text,
            type=field_type,
            required=required,
            choices=choices,
            show_if=show_if,
            require_if=require_if,
            min=minimum,
            max=maximum,
        )

    def _read_id(self) -> str | None:
        field_id = self.table.get("id")
        if field_id is None:
            self.report(None, "missing 'id'")
        elif not isinstance(field_id, str) or not _ID.fullmatch(field_id):
            reserved = isinstance(field_id, str) and field_id.startswith("_")
            rule = "ids starting with '_' are reserved for reviewtool" if reserved else _ID_RULE
            self.report("id", f"id {_show(field_id)}: {rule}")
        elif field_id in self.first_position:
            first_line = self.form.lines.field_key(self.first_position[field_id], "id")
            also = f" (first defined on line {first_line})" if first_line else ""
            self.report("id", f"duplicate field id '{field_id}'{also}")
        else:
            return field_id
        return None

    def _read_choices(self, field_type: str) -> tuple[Choice, ...]:
        raw = self.table.get("choices")
        if field_type not in CHOICE_TYPES:
            if raw is not None:
                self.report("choices", f"'choices' is only allowed for choice, multi_choice and ordinal fields, not {field_type}")
            return ()
        if not isinstance(raw, list) or not raw:
            self.report("choices" if raw is not None else "type",
                        f"type '{field_type}' needs a 'choices' list with at least one entry")
            return ()
        choices: list[Choice] = []
        for number, item in enumerate(raw, 1):
            value = item.get("value") if isinstance(item, dict) else None
            if not _is_text(value):
                self.report("choices", f"choice #{number} needs a 'value' (non-empty text), "
                                       "as in { value = \"...\", label = \"...\" }")
                continue
            choice = self._read_choice(item, field_type, choices)
            if choice is not None:
                choices.append(choice)
        return tuple(choices)

    def _read_choice(self, item: dict, field_type: str, earlier: list[Choice]) -> Choice | None:
        value = item["value"]
        occurrence = 1 + sum(choice.value == value for choice in earlier)

        def report(message: str) -> None:
            self.report_line(self.form.lines.field_choice(self.position, value, occurrence)
                             or self._line_of("choices"), f"choice '{value}': {message}")

        before = self.problem_count
        for key in _unknown_keys(item, _CHOICE_KEYS):
            report(f"unknown key '{key}' (allowed: {', '.join(_CHOICE_KEYS)})")
        # ";" separates values in CSV cells, so it cannot appear in what people type there.
        if value != value.strip() or ";" in value:
            report("a value may not contain ';' or start or end with a space")
        label = item.get("label", value)
        if not _is_text(label):
            report("label must be non-empty text")
        elif field_type == "multi_choice" and ";" in label:
            report("a multi_choice label may not contain ';', which separates selected values")
        description = item.get("description", "")
        if not isinstance(description, str):
            report("description must be text")
        if self.problem_count > before:
            return None
        # Typed input is matched against values and labels ignoring case, so these must
        # single out one choice.
        for other in earlier:
            if other.value == value:
                report("duplicate choice value")
                return None
            names = {value.casefold(), label.casefold()}
            if names & {other.value.casefold(), other.label.casefold()}:
                report(f"can be confused with choice '{other.value}' (values and labels are matched ignoring case)")
                return None
        return Choice(value=value, label=label, description=description)

    def _read_bounds(self, field_type: str) -> tuple[int | float | None, int | float | None]:
        bounds = {}
        for key in ("min", "max"):
            if key not in self.table:
                continue
            value = self.table[key]
            if field_type != "number":
                self.report(key, f"'{key}' is only allowed for number fields")
            elif not _is_number(value):
                self.report(key, f"{key} must be a number, not {_show(value)}")
            else:
                bounds[key] = value
        minimum, maximum = bounds.get("min"), bounds.get("max")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.report("min", f"min ({minimum}) is greater than max ({maximum})")
        return minimum, maximum

    def _read_condition(self, key: str, own_id: str | None) -> Condition | None:
        raw = self.table.get(key)
        if raw is None:
            return None
        shape = f"{key} must look like {{ field = \"...\", in = [...] }} with at least one value in 'in'"
        if not isinstance(raw, dict):
            self.report(key, shape)
            return None
        for unknown in _unknown_keys(raw, _CONDITION_KEYS):
            self.report(key, f"{key} has unknown key '{unknown}' (allowed: field, in)")
        target, values = raw.get("field"), raw.get("in")
        if not isinstance(target, str) or not isinstance(values, list) or not values:
            self.report(key, shape)
            return None
        if target == own_id:
            self.report(key, f"{key} refers to the field itself")
            return None
        if target not in self.all_ids:
            self.report(key, f"{key} refers to unknown field '{target}'")
            return None
        if self.all_ids.index(target) > self.position:
            self.report(key, f"{key} refers to field '{target}', which comes later in the form; "
                             "conditions may only refer to fields defined above them")
            return None
        referenced = self.earlier.get(target)
        if referenced is None:
            return None  # that field is broken and already reported
        if referenced.type not in CONDITION_TYPES:
            self.report(key, f"{key} refers to '{target}', a {referenced.type} field; conditions "
                             "need a choice, multi_choice, ordinal or boolean field")
            return None
        if referenced.type == "boolean":
            wrong = [v for v in values if not isinstance(v, bool)]
            allowed = "true, false"
        else:
            wrong = [v for v in values if not isinstance(v, str) or v not in referenced.choice_values]
            allowed = ", ".join(referenced.choice_values)
        if wrong:
            self.report(key, f"{key}: {', '.join(map(_show, wrong))} is not a value of field "
                             f"'{target}' (one of: {allowed})")
            return None
        return Condition(field=target, values=tuple(values))

    def _line_of(self, key: str | None) -> int | None:
        lines = self.form.lines
        located = lines.field_key(self.position, key) if key else None
        return located or lines.field_start(self.position) or lines.top_level_key("fields")

    def report(self, key: str | None, message: str) -> None:
        """A problem located at `key` in this field (None: at the field's start)."""
        self.report_line(self._line_of(key), message)

    def report_line(self, line: int | None, message: str) -> None:
        self.problem_count += 1
        self.form.report(line, self.name, message)
