"""Judging many findings at once from a CSV or JSON file (one row per finding).

Columns: `finding` (its statement, as `reviewtool findings` shows it, or its id), then the
finding form's field ids (forms/finding.toml); values as typed on the command line (a
choice's value or label). All rows are checked first; nothing is written unless every row
is valid, and then all are written in one transaction.
"""

from pathlib import Path
from typing import Any

from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.forms import clean_answers, parse_value, validate_answers
from reviewtool.core.review.batch_entry import read_rows
from reviewtool.core.review.findings import find_by_statement, list_findings
from reviewtool.core.review.records import finding_form, update_answers
from reviewtool.core.store.reviewfile import ReviewFile


def add_judgements(review: ReviewFile, path: Path, *, reviewer: str | None = None) -> list[str]:
    """Write the judgements in `path`; returns the ids of the findings judged."""
    form = finding_form(review)
    rows = read_rows(Path(path))
    if not rows:
        raise ReviewError(f"{path} holds no judgements.")
    ids = {f.id for f in list_findings(review)}
    prepared: list[tuple[str, dict[str, Any]]] = []
    problems: list[str] = []
    for label, values, _ in rows:
        named = " ".join(str(values.get("finding") or "").split())
        finding_id = named if named in ids else find_by_statement(review, named)
        if not finding_id:
            problems.append(f"{label}: finding: no finding '{named}'; use a statement or id "
                            "shown by 'reviewtool findings'")
        answers: dict[str, Any] = {}
        for key, value in values.items():
            if key == "finding" or not str(value or "").strip():
                continue
            if key not in form.field_ids:
                problems.append(f"{label}: unknown column '{key}'; the finding form's fields "
                                f"are {', '.join(form.field_ids)}")
                continue
            try:
                answers[key] = parse_value(form.field(key), str(value))
            except ValueError as error:
                problems.append(f"{label}: {key}: {error}")
        problems += [f"{label}: {p}" for p in validate_answers(form, clean_answers(form, answers))]
        prepared.append((finding_id, answers))
    if problems:
        bad = len({p.split(":")[0] for p in problems})
        raise InvalidInput(f"{bad} of {len(rows)} judgements in {path} have problems; nothing "
                           "was written.", problems)
    with review.transaction():
        for finding_id, answers in prepared:
            update_answers(review, finding_id, answers, reviewer=reviewer)
    return [finding_id for finding_id, _ in prepared]
