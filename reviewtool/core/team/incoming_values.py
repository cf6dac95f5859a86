"""Every value of a teammate's file checked by type and meaning before merge commits it.

untrusted.py has checked the file's structure, sizes, types and stamps; here: every text is
valid UTF-8 (SQLite stores whatever bytes it is given, and Python cannot read invalid ones
back), and each version means something reviewtool can show — an anchor of two offsets, a
document and a form that exist, answers that fit their form, page starts that are offsets
into the text. A file that fails is refused with one sentence, before anything is written;
otherwise a value accepted here could break `report`, `export` or `agreement` afterwards, and
spread to every file merged from this one.
"""

import json
import sqlite3
from pathlib import Path
from typing import Any

from reviewtool.core.errors import MergeRefused, ReviewError
from reviewtool.core.forms import Form, load_form_text
from reviewtool.core.forms.values import check_value, is_empty
from reviewtool.core.store.untrusted import EXPECTED, hardened_connection

# Structural fields, each a test of its JSON value (v.value) in SQL, and what is wrong if not.
_TEXT = "json_type(v.value) IN ('text', 'null')"
_STRUCTURE = {
    ("document", "_sha256"): ("EXISTS (SELECT 1 FROM contents c WHERE c.sha256 = v.value ->> '$')",
                              "a document names a text the file does not hold"),
    ("claim", "_document"): (None, None),  # checked below, with appraisals
    ("claim", "_anchor"): ("""json_type(v.value) = 'object'
        AND json_type(v.value, '$.start') IN ('integer', 'null')
        AND json_type(v.value, '$.end') IN ('integer', 'null')
        AND coalesce(v.value ->> '$.start', 0) >= 0
        AND coalesce(v.value ->> '$.end', 0) >= coalesce(v.value ->> '$.start', 0)
        AND coalesce(json_type(v.value, '$.exact'), 'text') = 'text'
        AND coalesce(json_type(v.value, '$.prefix'), 'text') = 'text'
        AND coalesce(json_type(v.value, '$.suffix'), 'text') = 'text'
        AND coalesce(json_type(v.value, '$.page'), 'integer') IN ('integer', 'null')
        AND coalesce(json_type(v.value, '$.orphaned'), 'true') IN ('true', 'false', 'integer')""",
                            "a claim's quote position is not two offsets into its document"),
    ("claim", "_finding_stance"): ("v.value ->> '$' IN ('supports', 'qualifies', 'contradicts') "
                                   "OR json_type(v.value) = 'null'",
                                   "a claim has an unknown stance towards its finding"),
    ("claim", "_finding"): (_TEXT, "a claim names its finding by something else than an id"),
    ("claim", "_complete"): ("json_type(v.value) IN ('true', 'false', 'integer', 'null')",
                             "a claim's completeness flag is not true or false"),
    ("claim", "_rejected"): ("json_type(v.value) IN ('true', 'false', 'integer', 'null')",
                             "a claim's rejection flag is not true or false"),
    ("finding", "statement"): (_TEXT, "a finding's statement is not text"),
    ("finding", "category"): (_TEXT, "a finding's category is not text"),
    ("finding", "notes"): (_TEXT, "a finding's notes are not text"),
    ("review", "title"): (_TEXT, "the review's title is not text"),
    ("review", "question"): (_TEXT, "the review's question is not text"),
}
for _field in ("title", "source", "filename"):
    _STRUCTURE[("document", _field)] = (_TEXT, f"a document's {_field} is not text")
for _entity in ("claim", "appraisal"):
    _STRUCTURE[(_entity, "_document")] = (
        """EXISTS (SELECT 1 FROM versions d WHERE d.record_id = v.value ->> '$'
                   AND d.entity = 'document')""",
        f"a {_entity} refers to a document the file does not hold")
    _STRUCTURE[(_entity, "_form")] = (
        """json_type(v.value) = 'object' AND EXISTS (SELECT 1 FROM forms f
           WHERE f.form_id = v.value ->> '$.id' AND f.version = v.value ->> '$.version')""",
        f"a {_entity} refers to a form the file does not hold")
_ALL_DELETED = "(json_type(v.value) IN ('true', 'false'))"

_PAGE_STARTS = """SELECT 1 FROM contents c WHERE c.page_starts IS NOT NULL AND (
    NOT json_valid(c.page_starts) OR json_type(c.page_starts) <> 'array'
    OR EXISTS (SELECT 1 FROM json_each(c.page_starts) e
               WHERE e.type <> 'integer' OR e.value < 0 OR e.value > length(c.text)
                  OR e.value < (SELECT p.value FROM json_each(c.page_starts) p
                                WHERE p.key = e.key - 1))) LIMIT 1"""


def check_values(source: Path, copy: Path) -> None:
    """Refuse (MergeRefused naming `source`) a verified copy holding a value reviewtool
    could not read back or show."""
    conn = hardened_connection(copy)
    try:
        _check_utf8(source, conn)
        _check_meaning(source, conn)
        _check_answers(source, conn)
    except sqlite3.DatabaseError as error:
        raise _refuse(source, f"it is damaged ({error})") from None
    finally:
        conn.close()


def _refuse(source: Path, reason: str) -> MergeRefused:
    return MergeRefused(f"{source} cannot be merged: {reason}.")


def _check_utf8(source: Path, conn: sqlite3.Connection) -> None:
    conn.text_factory = bytes
    try:
        for table, columns in EXPECTED.items():
            for column, kind in columns.items():
                if kind != "text":
                    continue
                for (raw,) in conn.execute(f'SELECT "{column}" FROM "{table}" '
                                           f'WHERE typeof("{column}") = \'text\''):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise _refuse(source, f"{table}.{column} holds text that is not valid "
                                      "UTF-8 (damaged or forged)") from None
    finally:
        conn.text_factory = str


def _check_meaning(source: Path, conn: sqlite3.Connection) -> None:
    deleted = conn.execute(f"SELECT 1 FROM versions v WHERE v.field = '_deleted' "
                           f"AND NOT {_ALL_DELETED} LIMIT 1").fetchone()
    if deleted:
        raise _refuse(source, "a deletion flag is not true or false")
    for (entity, field), (test, reason) in _STRUCTURE.items():
        if test is None:
            continue
        bad = conn.execute(f"""SELECT 1 FROM versions v WHERE v.entity = ? AND v.field = ?
            AND json_type(v.value) <> 'null' AND NOT ({test}) LIMIT 1""", (entity, field)).fetchone()
        if bad:
            raise _refuse(source, reason)
    if conn.execute(_PAGE_STARTS).fetchone():
        raise _refuse(source, "a document's page starts are not offsets into its text")


def _check_answers(source: Path, conn: sqlite3.Connection) -> None:
    """Each form answer of a claim or appraisal fits its field in a form the record uses."""
    forms: dict[tuple[str, int], Form] = {}
    for form_id, version, definition in conn.execute(
            "SELECT form_id, version, definition FROM forms"):
        try:
            forms[(form_id, version)] = load_form_text(definition, f"form {form_id}")
        except ReviewError as error:
            raise _refuse(source, f"its form '{form_id}' is broken ({error})") from None
    used: dict[str, list[Form]] = {}
    for record_id, value in conn.execute(
            "SELECT record_id, value FROM versions WHERE field = '_form' "
            "AND entity IN ('claim', 'appraisal')"):
        form = json.loads(value)
        if form is None:
            continue
        used.setdefault(record_id, []).append(forms[(form["id"], int(form["version"]))])
    for record_id, entity, field, value in conn.execute(
            "SELECT record_id, entity, field, value FROM versions "
            "WHERE entity IN ('claim', 'appraisal') AND field NOT LIKE '\\_%' ESCAPE '\\'"):
        problem = _answer_problem(used.get(record_id, []), field, json.loads(value))
        if problem:
            raise _refuse(source, f"a {entity}'s answer '{field}' {problem}")


def _answer_problem(forms: list[Form], field_id: str, value: Any) -> str | None:
    if not forms:
        return "belongs to no form"
    problems = []
    for form in forms:
        if field_id not in form.field_ids:
            problems.append(f"is not a field of the {form.id} form")
            continue
        if is_empty(value):
            return None
        problem = check_value(form.field(field_id), value)
        if problem is None:
            return None
        problems.append(f"is invalid ({problem})")
    return problems[0]
