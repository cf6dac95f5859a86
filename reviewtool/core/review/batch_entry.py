"""Batch entry of claims and appraisals from CSV, TSV or JSON: all records, or none.

Every record is checked first (document, quote, every field against the form); if any has a
problem, nothing is written and every problem is reported with its row number.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewtool.core import limits
from reviewtool.core.review.anchors import anchor_at, find_quote
from reviewtool.core.review.appraisals import APPRAISAL_FORM, save_appraisal
from reviewtool.core.review.batch_input import read_rows
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import CLAIM_FORM, create_claim
from reviewtool.core.review.documents import document_text, resolve_document
from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.wording import noun_for
from reviewtool.core.review.findings import STANCES, create_finding, find_by_statement, link_claim
from reviewtool.core.forms import Form, clean_answers, coerce_value, parse_value, validate_answers
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.store.reviewfile import ReviewFile

CLAIM_COLUMNS = ("document", "quote", "occurrence")
APPRAISAL_COLUMNS = ("document",)

def add_claims(review: ReviewFile, path: Path, *, reviewer: str | None = None,
               encoding: str | None = None) -> list[str]:
    """Claims, each optionally grouped under a finding named by its statement (`finding`)."""
    form = form_in_force(review, CLAIM_FORM)

    def write_all(change: Change, items: list) -> list[str]:
        # A new finding takes the category of its first supporting claim.
        categories: dict[str, str | None] = {}
        for _, _, answers, finding, stance in items:
            if finding and (stance == "supports" or finding.casefold() not in categories):
                categories.setdefault(finding.casefold(), None)
                if stance == "supports" and categories[finding.casefold()] is None:
                    categories[finding.casefold()] = answers.get("category")
        findings: dict[str, str] = {}
        created = []
        for document_id, anchor, answers, finding, stance in items:
            claim_id = create_claim(review, change, document_id, anchor, answers, form=form)
            if finding:
                key = finding.casefold()
                if key not in findings:
                    findings[key] = (find_by_statement(review, finding) or create_finding(
                        change, finding, categories.get(key) or answers.get("category")))
                link_claim(change, claim_id, findings[key], stance)
            created.append(claim_id)
        return created

    return _add(review, path, form, CLAIM_COLUMNS, _prepare_claim, reviewer, write_all, encoding)


def add_appraisals(review: ReviewFile, path: Path, *, reviewer: str | None = None,
                   encoding: str | None = None) -> list[str]:
    form = form_in_force(review, APPRAISAL_FORM)
    return _add(review, path, form, APPRAISAL_COLUMNS, _prepare_appraisal, reviewer,
                lambda change, items: [save_appraisal(review, change, *item, form=form)
                                       for item in items], encoding)


def _add(review: ReviewFile, path: Path, form: Form, own_columns: tuple[str, ...],
         prepare: Callable, reviewer: str | None, write_all: Callable,
         encoding: str | None = None) -> list[str]:
    rows = read_rows(path, encoding=encoding)
    if not rows:
        raise ReviewError(f"{path} holds no records.")
    known = set(own_columns) | set(form.field_ids) | _extra_columns(form)
    unknown = sorted({key for _, values, _ in rows for key in values} - known)
    if unknown:
        raise InvalidInput(
            f"{path} has unknown {noun_for(len(unknown), 'column')} "
            f"{', '.join(repr(u) for u in unknown)}; the {form.id} form's fields are "
            f"{', '.join(form.field_ids)}; nothing was written.")
    prepared, problems = [], []
    cache: dict[str, Any] = {}
    for label, values, raw in rows:
        try:
            item = prepare(review, form, values, raw, cache)
        except InvalidInput as error:
            problems.extend(f"{label}: {p}" for p in (error.problems or [str(error)]))
            continue
        prepared.append(item)
    if problems:
        bad = len({p.split(":")[0] for p in problems})
        raise InvalidInput(f"{bad} of {len(rows)} records in {path} have problems; "
                           "nothing was written.", problems)
    with Change(review, reviewer) as change:
        return write_all(change, prepared)


def _extra_columns(form: Form) -> set[str]:
    # Columns later features read (the finding a claim belongs to); accepted, never an error.
    return {"finding", "finding_stance"} if form.applies_to == "claim" else set()


def _answers(form: Form, values: dict[str, Any], raw: bool, skip: tuple[str, ...]) -> tuple[dict, list[str]]:
    answers, problems = {}, []
    for key, value in values.items():
        if key in skip or key in _extra_columns(form):
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        field = form.field(key)
        try:
            answers[key] = parse_value(field, value) if raw else coerce_value(field, value)
        except ValueError as error:
            problems.append(f"{key}: {error}")
    if not problems:
        problems = validate_answers(form, clean_answers(form, answers))
    return answers, problems


def _document(review: ReviewFile, reference: Any, cache: dict) -> str:
    reference = str(reference or "").strip()
    if not reference:
        raise InvalidInput("document: required (an id, sha256, title or file name)")
    if reference not in cache:
        try:
            cache[reference] = resolve_document(review, reference)
        except ReviewError as error:
            cache[reference] = error
    found = cache[reference]
    if isinstance(found, ReviewError):
        raise InvalidInput(f"document: {found}")
    return found


def _prepare_claim(review: ReviewFile, form: Form, values: dict, raw: bool, cache: dict):
    problems = []
    document_id = anchor = None
    try:
        document_id = _document(review, values.get("document"), cache)
    except InvalidInput as error:
        problems.append(str(error))
    occurrence = values.get("occurrence")
    if occurrence in (None, ""):
        occurrence = None
    else:
        try:
            occurrence = int(str(occurrence).strip())
        except ValueError:
            problems.append(f"occurrence: '{occurrence}' is not a whole number")
            occurrence = None
    quote = str(values.get("quote") or "")
    if not quote.strip():
        problems.append("quote: required (the passage as it appears in the document)")
    elif document_id:
        text, page_starts = cache.get(("text", document_id)) or document_text(review, document_id)
        cache[("text", document_id)] = (text, page_starts)
        try:
            anchor = anchor_at(text, *find_quote(text, quote, occurrence, page_starts),
                               page_starts)
        except InvalidInput as error:
            problems.append(f"quote: {error}")
    answers, answer_problems = _answers(form, values, raw, CLAIM_COLUMNS)
    problems += answer_problems
    finding = " ".join(str(values.get("finding") or "").split())
    stance = str(values.get("finding_stance") or "").strip().lower() or None
    if stance and not finding:
        problems.append("finding_stance: given without a finding")
    elif finding:
        stance = stance or "supports"
        if stance not in STANCES:
            problems.append(f"finding_stance: '{stance}' is not one of: {', '.join(STANCES)}")
    if problems:
        raise InvalidInput("invalid claim", problems)
    return document_id, anchor, answers, finding, stance


def _prepare_appraisal(review: ReviewFile, form: Form, values: dict, raw: bool, cache: dict):
    problems = []
    document_id = None
    try:
        document_id = _document(review, values.get("document"), cache)
    except InvalidInput as error:
        problems.append(str(error))
    answers, answer_problems = _answers(form, values, raw, APPRAISAL_COLUMNS)
    problems += answer_problems
    if problems:
        raise InvalidInput("invalid appraisal", problems)
    return document_id, answers
