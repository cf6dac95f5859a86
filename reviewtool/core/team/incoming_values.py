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
from reviewtool.core.store import ids
from reviewtool.core.store.untrusted import EXPECTED, damage, hardened_connection

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
        _check_reviewers(source, conn)
        _check_meaning(source, conn)
        _check_answers(source, conn)
    except sqlite3.DatabaseError as error:
        raise _refuse(source, damage(error)) from None
    finally:
        conn.close()


def _refuse(source: Path, reason: str) -> MergeRefused:
    return MergeRefused(f"{source} cannot be merged: {reason}.")


def _check_utf8(source: Path, conn: sqlite3.Connection) -> None:
    """SQLite joins each chunk of values with newlines (few Python objects), Python decodes
    the chunk at C speed: a broken sequence stays broken next to an ASCII byte."""
    conn.text_factory = bytes
    try:
        for table, columns in EXPECTED.items():
            texts = [column for column, kind in columns.items() if kind == "text"]
            # Every text column of a row in one value, so that the table is read once.
            row_text = " || char(10) || ".join(
                f"""(CASE WHEN typeof("{column}") = 'text' THEN "{column}" ELSE '' END)"""
                for column in texts)
            rowid = table != "version_parents"  # a table without rowid is small: in one go
            last = conn.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] if rowid else 0
            for start in range(0, (last or 0) + 1, _CHUNK):
                where = f"WHERE rowid BETWEEN {start} AND {start + _CHUNK - 1}" if rowid else ""
                joined, = conn.execute(f'SELECT group_concat({row_text}, char(10)) '
                                       f'FROM "{table}" {where}').fetchone()
                if not _is_utf8(joined or b""):
                    column = next(column for column in texts if not _is_utf8(conn.execute(
                        f'SELECT group_concat("{column}", char(10)) FROM "{table}" {where}'
                    ).fetchone()[0] or b""))
                    raise _refuse(source, f"{table}.{column} holds text that is not valid "
                                  "UTF-8 (damaged or forged)")
    finally:
        conn.text_factory = str


_CHUNK = 50_000  # rows per decoded chunk (contents rows are large, but few per chunk)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_reviewers(source: Path, conn: sqlite3.Connection) -> None:
    """A reviewer's id derives from their name (store/ids.py): an id under another name would
    show one reviewer's work under a name that depends on the order files are merged."""
    for reviewer_id, name in conn.execute("SELECT reviewer_id, name FROM reviewers"):
        if ids.reviewer_id(name) != reviewer_id:
            raise _refuse(source, f"its reviewer id {reviewer_id} does not belong to the name "
                          "given with it (altered or forged)")


def _check_meaning(source: Path, conn: sqlite3.Connection) -> None:
    """One scan of the versions: each structural field's value tested as its kind needs."""
    checks = {(entity, field): test for (entity, field), (test, _) in _STRUCTURE.items() if test}
    cases = " ".join(f"WHEN v.entity = '{entity}' AND v.field = '{field}' THEN NOT ({test})"
                     for (entity, field), test in checks.items())
    bad = conn.execute(f"""SELECT v.entity, v.field FROM versions v
        WHERE (v.field = '_deleted' AND NOT {_ALL_DELETED})
           OR (json_type(v.value) <> 'null' AND CASE {cases} ELSE 0 END) LIMIT 1""").fetchone()
    if bad and bad[1] == "_deleted":
        raise _refuse(source, "a deletion flag is not true or false")
    if bad:
        raise _refuse(source, _STRUCTURE[tuple(bad)][1])
    if conn.execute(_PAGE_STARTS).fetchone():
        raise _refuse(source, "a document's page starts are not offsets into its text")


# Any text longer than this is valid only in a text field; it is checked as this stand-in
# (a string no choice, number or date can be), so that the distinct values stay few.
_LONG_TEXT = 200
_STAND_IN = json.dumps("\u0000 long text")


def _check_answers(source: Path, conn: sqlite3.Connection) -> None:
    """Each form answer of a claim or appraisal fits its field in a form the record uses:
    checked once per distinct (forms of the record, field, value), so that a file of a
    hundred thousand claims costs a few thousand checks."""
    forms: dict[str, Form] = {}
    for form_id, version, definition in conn.execute(
            "SELECT form_id, version, definition FROM forms"):
        try:
            forms[json.dumps([form_id, version])] = load_form_text(definition, f"form {form_id}")
        except ReviewError as error:
            raise _refuse(source, f"its form '{form_id}' is broken ({error})") from None
    rows = conn.execute(f"""
        WITH used AS (
            SELECT record_id, json_group_array(DISTINCT json_array(value ->> '$.id',
                                                                  value ->> '$.version')) AS forms
            FROM versions WHERE field = '_form' AND entity IN ('claim', 'appraisal')
              AND json_type(value) = 'object' GROUP BY record_id)
        SELECT DISTINCT v.entity, coalesce(u.forms, '[]'), v.field,
               CASE WHEN json_type(v.value) = 'text' AND length(v.value) > {_LONG_TEXT}
                    THEN ? ELSE v.value END
        FROM versions v LEFT JOIN used u ON u.record_id = v.record_id
        WHERE v.entity IN ('claim', 'appraisal') AND v.field NOT LIKE '\\_%' ESCAPE '\\'""",
                        (_STAND_IN,))
    for entity, used, field, value in rows:
        record_forms = [forms[json.dumps(pair)] for pair in json.loads(used)
                        if json.dumps(pair) in forms]
        problem = _answer_problem(record_forms, field, json.loads(value))
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
