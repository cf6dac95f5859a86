import json
import re
from pathlib import Path

import pytest

from reviewtool.core.errors import FormError
from reviewtool.core.forms import load_form, load_form_text, shipped_forms, validate_answers
from reviewtool.core.forms import loader
from reviewtool.resources import data_dir

HEADER = """\
id = "broken"
version = 1
title = "Broken"
applies_to = "claim"
"""

GOOD_FIELD = """
[[fields]]
id = "kind"
label = "Kind"
type = "choice"
choices = [
    { value = "risk", label = "Risk" },
    { value = "benefit", label = "Benefit" },
]
"""


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """1-based line number of the occurrence-th line containing snippet."""
    matches = [number for number, line in enumerate(text.splitlines(), 1) if snippet in line]
    return matches[occurrence - 1]


def form_error(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    return path, str(caught.value)


# --- shipped forms -------------------------------------------------------------------


def test_shipped_claim_form_has_the_fields_and_values_other_tools_rely_on():
    claim = shipped_forms()["claim"]
    assert (claim.id, claim.version, claim.applies_to) == ("claim", 1, "claim")
    assert claim.field_ids == (
        "statement", "category", "stance", "evidence_cited", "citation", "certainty",
        "downgrade_reasons", "dose_dependent", "population", "notes",
    )
    types = {field.id: field.type for field in claim.fields}
    assert types == {
        "statement": "text", "category": "choice", "stance": "choice", "evidence_cited": "choice",
        "citation": "text", "certainty": "ordinal", "downgrade_reasons": "multi_choice",
        "dose_dependent": "choice", "population": "text", "notes": "long_text",
    }
    values = {field.id: field.choice_values for field in claim.fields if field.choices}
    assert values == {
        "category": ("risk", "benefit", "open_question", "mechanism", "other"),
        "stance": ("asserts", "hedges", "refutes"),
        "evidence_cited": ("none", "anecdote", "expert_opinion", "cites_study", "cites_review"),
        "certainty": ("high", "moderate", "low", "very_low"),
        "downgrade_reasons": ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias"),
        "dose_dependent": ("yes", "no", "unclear"),
    }
    assert [field.id for field in claim.fields if field.required] == ["statement", "category"]
    citation, reasons = claim.field("citation"), claim.field("downgrade_reasons")
    assert (citation.show_if.field, set(citation.show_if.values)) == ("evidence_cited", {"cites_study", "cites_review"})
    assert (reasons.show_if.field, set(reasons.show_if.values)) == ("certainty", {"moderate", "low", "very_low"})
    assert claim.field("certainty").rank("high") < claim.field("certainty").rank("very_low")
    assert all(field.label and (field.help or field.choices) for field in claim.fields)


def test_shipped_appraisal_form_has_the_required_fields():
    appraisal = shipped_forms()["appraisal"]
    assert (appraisal.id, appraisal.version, appraisal.applies_to) == ("appraisal", 1, "document")
    ids = appraisal.field_ids
    assert ids[0] == "source_type" and ids[-1] == "notes"
    assert len(appraisal.field("source_type").choices) == 7
    for criterion in ("authorship", "attribution", "disclosure", "currency"):
        assert appraisal.field(criterion).type == "boolean"
    quality_items = [f for f in appraisal.fields if f.type == "ordinal" and f.id != "overall_quality"]
    assert 6 <= len(quality_items) <= 8
    for item in quality_items:
        assert item.choice_values == ("1", "2", "3", "4", "5")
        assert item.choice_label("1").startswith("1 –") and item.choice_label("5").startswith("5 –")
    assert appraisal.field("commercial_coi").choice_values == ("yes", "no", "unclear")
    assert appraisal.field("overall_quality").type == "ordinal"
    assert [f.id for f in appraisal.fields if f.required] == ["source_type", "overall_quality"]


def test_shipped_forms_keep_their_toml_text_verbatim():
    for form in shipped_forms().values():
        path = data_dir("forms") / f"{form.id}.toml"
        assert form.source_text == path.read_text(encoding="utf-8")
        assert load_form_text(form.source_text, "stored copy") == form


def test_readme_example_loads_and_its_example_answers_are_valid():
    readme = (data_dir("forms") / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Complete example", 1)[1]
    toml_text = re.search(r"```toml\n(.*?)```", example, re.DOTALL).group(1)
    answers = json.loads(re.search(r"```json\n(.*?)```", example, re.DOTALL).group(1))
    form = load_form_text(toml_text, "forms/README.md")
    assert {f.type for f in form.fields} == {
        "text", "long_text", "choice", "multi_choice", "ordinal", "boolean", "number", "date",
    }
    assert validate_answers(form, answers) == []


def test_shipped_forms_refuses_two_files_with_the_same_form_id(tmp_path, monkeypatch):
    text = HEADER + GOOD_FIELD
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader, "data_dir", lambda name: tmp_path)
    with pytest.raises(FormError, match="form id 'broken' is already used"):
        shipped_forms()


# --- broken definitions: each names file, line and field ----------------------------

# (case, extra text after HEADER + GOOD_FIELD, snippet on the offending line, field, message part)
BROKEN_FIELDS = [
    ("unknown type", """
[[fields]]
id = "size"
label = "Size"
type = "integer"
""", 'type = "integer"', "size", "unknown type 'integer' (one of: text, long_text, choice"),
    ("duplicate field id", """
[[fields]]
id = "kind"
label = "Kind again"
type = "text"
""", ('id = "kind"', 2), "kind", "duplicate field id 'kind' (first defined on line 7)"),
    ("choice type without choices", """
[[fields]]
id = "grade"
label = "Grade"
type = "ordinal"
""", 'type = "ordinal"', "grade", "type 'ordinal' needs a 'choices' list with at least one entry"),
    ("choices on a text field", """
[[fields]]
id = "name"
label = "Name"
type = "text"
choices = [{ value = "a" }]
""", 'choices = [{ value = "a" }]', "name", "'choices' is only allowed for choice, multi_choice and ordinal fields"),
    ("condition on an unknown field", """
[[fields]]
id = "citation"
label = "Citation"
type = "text"
show_if = { field = "evidence", in = ["cites_study"] }
""", "show_if", "citation", "show_if refers to unknown field 'evidence'"),
    ("condition on a later field", """
[[fields]]
id = "citation"
label = "Citation"
type = "text"
show_if = { field = "evidence", in = ["study"] }

[[fields]]
id = "evidence"
label = "Evidence"
type = "choice"
choices = [{ value = "study" }]
""", "show_if", "citation", "show_if refers to field 'evidence', which comes later in the form"),
    ("condition on the field itself", """
[[fields]]
id = "loop"
label = "Loop"
type = "boolean"
require_if = { field = "loop", in = [true] }
""", "require_if", "loop", "require_if refers to the field itself"),
    ("condition value that is not a choice", """
[[fields]]
id = "harm"
label = "Harm"
type = "text"
show_if = { field = "kind", in = ["risk", "danger"] }
""", "show_if", "harm", "show_if: 'danger' is not a value of field 'kind' (one of: risk, benefit)"),
    ("condition on a text field", """
[[fields]]
id = "name"
label = "Name"
type = "text"

[[fields]]
id = "alias"
label = "Alias"
type = "text"
show_if = { field = "name", in = ["x"] }
""", "show_if", "alias", "conditions need a choice, multi_choice, ordinal or boolean field"),
    ("boolean condition written as text", """
[[fields]]
id = "funded"
label = "Funded"
type = "boolean"

[[fields]]
id = "funder"
label = "Funder"
type = "text"
show_if = { field = "funded", in = ["yes"] }
""", "show_if", "funder", "'yes' is not a value of field 'funded' (one of: true, false)"),
    ("condition without values", """
[[fields]]
id = "harm"
label = "Harm"
type = "text"
show_if = { field = "kind", in = [] }
""", "show_if", "harm", "show_if must look like { field = \"...\", in = [...] }"),
    ("misspelt field key", """
[[fields]]
id = "name"
label = "Name"
type = "text"
requried = true
""", "requried", "name", "unknown key 'requried'"),
    ("missing label", """
[[fields]]
id = "name"
type = "text"
""", ("[[fields]]", 2), "name", "missing 'label'"),
    ("reserved id", """
[[fields]]
id = "_quote"
label = "Quote"
type = "text"
""", 'id = "_quote"', "_quote", "ids starting with '_' are reserved"),
    ("id with capitals", """
[[fields]]
id = "Name"
label = "Name"
type = "text"
""", 'id = "Name"', "Name", "must start with a lowercase letter"),
    ("min greater than max", """
[[fields]]
id = "percent"
label = "Percent"
type = "number"
min = 100
max = 0
""", "min = 100", "percent", "min (100) is greater than max (0)"),
    ("bounds on a text field", """
[[fields]]
id = "name"
label = "Name"
type = "text"
max = 3
""", "max = 3", "name", "'max' is only allowed for number fields"),
    ("duplicate choice value", """
[[fields]]
id = "grade"
label = "Grade"
type = "ordinal"
choices = [
    { value = "high", label = "High" },
    { value = "low", label = "Low" },
    { value = "high", label = "Top" },
]
""", ('value = "high"', 2), "grade", "choice 'high': duplicate choice value"),
    ("choice label that matches another choice", """
[[fields]]
id = "answer"
label = "Answer"
type = "choice"
choices = [
    { value = "yes", label = "Yes" },
    { value = "no", label = "YES" },
]
""", 'value = "no"', "answer", "choice 'no': can be confused with choice 'yes'"),
    ("semicolon in a multi_choice label", """
[[fields]]
id = "reasons"
label = "Reasons"
type = "multi_choice"
choices = [{ value = "bias", label = "Bias; confounding" }]
""", 'value = "bias"', "reasons", "a multi_choice label may not contain ';'"),
    ("require_if on a required field", """
[[fields]]
id = "harm"
label = "Harm"
type = "text"
required = true
require_if = { field = "kind", in = ["risk"] }
""", "require_if", "harm", "require_if has no effect because the field has required = true"),
]


@pytest.mark.parametrize(
    "extra, snippet, field_id, message",
    [case[1:] for case in BROKEN_FIELDS],
    ids=[case[0] for case in BROKEN_FIELDS],
)
def test_broken_field_is_reported_with_file_line_and_field(tmp_path, extra, snippet, field_id, message):
    text = HEADER + GOOD_FIELD + extra
    snippet, occurrence = snippet if isinstance(snippet, tuple) else (snippet, 1)
    path, error = form_error(tmp_path, text)
    expected_start = f"{path}, line {line_of(text, snippet, occurrence)}, field '{field_id}': "
    assert error.startswith(expected_start), error
    assert message in error
    assert len(error.splitlines()) == 1


def test_toml_syntax_error_gives_the_line(tmp_path):
    text = HEADER + '\n[[fields]]\nid = "kind"\nlabel = "Kind\ntype = "text"\n'
    path, error = form_error(tmp_path, text)
    assert error.startswith(f"{path}, line {line_of(text, 'label = ')}: TOML syntax error")


@pytest.mark.parametrize("key", ["id", "version", "title", "applies_to"])
def test_missing_top_level_key_is_named(tmp_path, key):
    text = "".join(line + "\n" for line in HEADER.splitlines() if not line.startswith(key)) + GOOD_FIELD
    path, error = form_error(tmp_path, text)
    assert error.startswith(f"{path}: missing '{key}'")


@pytest.mark.parametrize("line, message", [
    ('version = "1"', "version must be a whole number from 1 up, not '1'"),
    ("version = 0", "version must be a whole number from 1 up, not 0"),
    ('applies_to = "quote"', "applies_to must be \"claim\", \"document\" or \"finding\", not 'quote'"),
    ('id = "my-form"', "id 'my-form' must start with a lowercase letter"),
    ('colour = "blue"', "unknown key 'colour'"),
])
def test_bad_top_level_value_is_reported_with_its_line(tmp_path, line, message):
    key = line.split(" ")[0]
    kept = [existing for existing in HEADER.splitlines() if not existing.startswith(key + " ")]
    text = "\n".join([*kept[:2], line, *kept[2:]]) + "\n" + GOOD_FIELD
    path, error = form_error(tmp_path, text)
    assert error.startswith(f"{path}, line 3: {message}")


def test_form_without_fields_is_refused(tmp_path):
    path, error = form_error(tmp_path, HEADER)
    assert error == f"{path}: no fields: add at least one [[fields]] table"


def test_all_problems_are_reported_at_once_in_file_order(tmp_path):
    text = HEADER + """
[[fields]]
id = "size"
label = "Size"
type = "integer"

[[fields]]
id = "size"
label = "Size again"
type = "text"
show_if = { field = "nowhere", in = ["x"] }
"""
    path, error = form_error(tmp_path, text)
    assert error.splitlines() == [
        f"{path}, line 9, field 'size': unknown type 'integer' (one of: text, long_text, choice, "
        "multi_choice, ordinal, boolean, number, date)",
        f"{path}, line 12, field 'size': duplicate field id 'size' (first defined on line 7)",
        f"{path}, line 15, field 'size': show_if refers to unknown field 'nowhere'",
    ]


def test_lines_inside_multiline_help_are_not_taken_for_keys(tmp_path):
    text = HEADER + '''
[[fields]]
id = "kind"
label = "Kind"
help = """
Examples:
[[fields]]
type = "not really"
"""
type = "choise"
'''
    path, error = form_error(tmp_path, text)
    assert error.startswith(f"{path}, line {line_of(text, 'type = ' + chr(34) + 'choise')}, field 'kind': unknown type")


def test_sub_table_syntax_loads_and_is_located(tmp_path):
    text = HEADER + """
[[fields]]
id = "kind"
label = "Kind"
type = "choice"

[[fields.choices]]
value = "risk"
label = "Risk"

[[fields.choices]]
value = "benefit"

[[fields]]
id = "harm"
label = "Harm"
type = "text"

[fields.show_if]
field = "kind"
in = ["danger"]
"""
    path, error = form_error(tmp_path, text)
    assert error.startswith(f"{path}, line {line_of(text, '[fields.show_if]')}, field 'harm': show_if: 'danger'")
    form = load_form_text(text.replace('"danger"', '"risk"'), "ok.toml")
    assert form.field("kind").choice_label("benefit") == "benefit"  # label defaults to the value
    assert form.field("harm").show_if.values == ("risk",)


def test_unreadable_files_are_form_errors(tmp_path):
    with pytest.raises(FormError, match="cannot be read"):
        load_form(tmp_path / "missing.toml")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(HEADER.replace("Broken", "Br\xfcchig").encode("latin-1"))
    with pytest.raises(FormError, match="not UTF-8"):
        load_form(latin1)
