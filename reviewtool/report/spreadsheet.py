"""Spreadsheets of claims: CSV (one sheet) and XLSX (a sheet per category, and documents).

One row per claim (every reviewer's claims and consensus claims alike), with every form field
under its label and as people read it (choice labels, not stored values), the document's
metadata and the quote. Refs (D1-3) are those of the PDF report; a claim a consensus claim
reconciles has none, as the report does not show it.

Text that a spreadsheet program would run as a formula (starting with = + - @, or a tab or
carriage return) is neutralised: prefixed with an apostrophe in CSV, and stored as text with
Excel's quote prefix in XLSX.
"""

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reviewtool.core.review.claims import Claim, list_claims, settled
from reviewtool.core.review.documents import list_documents
from reviewtool.core.review.findings import list_findings
from reviewtool.core.forms import Form, format_value
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.synthesis.report_data import number_documents
from reviewtool.core.store.reviewfile import ReviewFile

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DOCUMENT_COLUMNS = ("Ref", "Title", "Source", "File", "SHA-256", "Media type", "Characters",
                    "Pages", "Claims", "Imported by", "Authors", "Site, journal or publisher",
                    "Date published", "URL", "DOI", "Date accessed", "Type", "Note", "Reference")
WIDE = {"Quote": 60, "Claim in your words": 45, "Notes": 45, "Finding": 35, "Title": 40,
        "Reference": 60, "Document reference": 40}


@dataclass(frozen=True)
class ClaimTable:
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Any, ...], str | None], ...]  # (cells, category value)
    category_labels: dict[str, str]
    documents: tuple[tuple[Any, ...], ...]


def neutralise(value: Any) -> Any:
    """Text that would start a formula, prefixed with an apostrophe; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def claims_table(review: ReviewFile) -> ClaimTable:
    form = form_in_force(review, "claim")
    claims = list_claims(review)
    final = settled(claims)
    documents, refs = number_documents(list_documents(review), final)
    by_document = {d.id: d for d in documents}
    findings = {f.id: f.statement for f in list_findings(review)}
    reconciled_by = {source: c.id for c in claims for source in c.consensus_of}
    extra = sorted({k for c in claims for k in c.answers} - set(form.field_ids))
    header = (("Ref", "Claim id", "Document", "Document source", "Document file",
               "Document SHA-256", "Document reference", "Reviewer")
              + tuple(f.label for f in form.fields) + tuple(extra)
              + ("Quote", "Page", "Start", "End", "Orphaned", "Complete", "Finding",
                 "Stance towards finding", "Consensus claim", "Rejected as a claim",
                 "Reconciles", "Reconciled by",
                 "Open conflicts", "Created", "Updated"))
    forms: dict[tuple[str, int], Form] = {}
    rows = []
    order = {d.id: i for i, d in enumerate(documents)}
    for claim in sorted(claims, key=lambda c: (order.get(c.document_id, len(order)),
                                               c.anchor.start, c.created, c.id)):
        key = (claim.form_id, claim.form_version)
        if key not in forms:
            forms[key] = form_in_force(review, *key)
        doc = by_document.get(claim.document_id)
        about = (doc.title, doc.source, doc.filename, doc.sha256, doc.citation) if doc else (
            claim.document_id, "", "", "", "")  # a document deleted after the claim was made
        cells = ((refs.get(claim.id, ""), claim.id) + about + (claim.reviewer,)
                 + tuple(_answer(forms[key], field_id, claim) for field_id in form.field_ids)
                 + tuple(_plain(claim.answers.get(k)) for k in extra)
                 + (claim.anchor.exact, claim.anchor.page, claim.anchor.start, claim.anchor.end,
                    _yes(claim.anchor.orphaned), _yes(claim.complete),
                    findings.get(claim.finding_id, "") if claim.finding_id else "",
                    claim.finding_stance or "", _yes(bool(claim.consensus_of)),
                    _yes(claim.rejected),
                    "; ".join(claim.consensus_of), reconciled_by.get(claim.id, ""),
                    claim.conflicts, claim.created, claim.updated))
        rows.append((cells, claim.category))
    category = form.field("category")
    docs = tuple((d.ref, d.title, d.source, d.filename, d.sha256, d.media_type, d.chars, d.pages,
                  sum(c.document_id == d.id for c in claims), d.imported_by, "; ".join(d.authors),
                  d.container, d.published, d.url, d.doi, d.accessed, d.type, d.note, d.citation)
                 for d in documents)
    return ClaimTable(header, tuple(rows), {c.value: c.label for c in category.choices}, docs)


def _answer(form: Form, field_id: str, claim: Claim) -> Any:
    value = claim.answers.get(field_id)
    try:
        field = form.field(field_id)
    except KeyError:
        return _plain(value)
    if field.type == "number" and isinstance(value, int | float):
        return value
    return format_value(field, value)


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def claims_csv(review: ReviewFile) -> str:
    table = claims_table(review)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    for cells, _ in table.rows:
        writer.writerow(["" if v is None else neutralise(v) for v in cells])
    return out.getvalue()


def claims_xlsx(review: ReviewFile) -> bytes:
    table = claims_table(review)
    book = Workbook()
    book.remove(book.active)
    sheets: dict[str, list] = {}
    for cells, category in table.rows:
        title = table.category_labels.get(category or "", category or "No category")
        sheets.setdefault(_sheet_title(title), []).append(cells)
    order = list(dict.fromkeys(_sheet_title(t) for t in table.category_labels.values()))
    for title in order + sorted(set(sheets) - set(order)):
        if title in sheets:
            _write_sheet(book.create_sheet(title), table.header, sheets[title])
    _write_sheet(book.create_sheet("Documents"), DOCUMENT_COLUMNS, table.documents)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return cleaned[:31]


def _write_sheet(sheet, header, rows) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for cells in rows:
        sheet.append([_xlsx_value(v) for v in cells])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                # Stored as text with Excel's quote prefix: shown as typed, never run.
                cell.data_type = "s"
                cell.quotePrefix = True
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDE.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None  # "" as a blank cell
    return value
