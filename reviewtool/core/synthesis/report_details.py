"""Report data beyond the summary: agreement table, open problems, merges, appendix."""

import json
from typing import Any

from reviewtool.core.team.agreement.review import ReviewAgreement
from reviewtool.core.review.appraisals import Appraisal
from reviewtool.core.review.claims import Claim
from reviewtool.core.team.conflicts import Conflict
from reviewtool.core.errors import ReviewError
from reviewtool.core.forms import Form, format_value
from reviewtool.core.review.records import missing_required
from reviewtool.core.synthesis.report_model import (
    AgreementRow,
    AgreementTable,
    AppendixClaim,
    AppendixDocument,
    AppraisalTable,
    ClaimProblem,
    ClaimRef,
    ConflictItem,
    DocumentRef,
    MergeInfo,
    Problems,
    RobustnessRow,
    Stat,
)
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.wording import counted

# Record fields that are not form fields, as a reader would name them.
INTERNAL_FIELDS = {"_anchor": "quote", "_document": "document", "_finding": "finding",
                   "_finding_stance": "stance towards the finding", "_form": "form",
                   "_consensus_of": "claims reconciled", "_deleted": "deleted",
                   "_complete": "complete"}


def claim_labels(claim: Claim, claim_refs: dict[str, str], documents: dict[str, DocumentRef],
                 in_finding: bool = True) -> ClaimRef:
    return ClaimRef(claim_refs[claim.id], claim.id, f"claim-{claim.id}",
                    documents[claim.document_id].ref,
                    (claim.finding_stance or "supports") if in_finding else None)


def flags_of(claims: tuple[Claim, ...] | list[Claim]) -> tuple[str, ...]:
    """What keeps claims from being settled, in words (never printed as settled silently)."""
    flags = []
    conflicted = sum(c.conflicts > 0 for c in claims)
    if conflicted:
        flags.append(f"open conflict on {counted(conflicted, 'claim')}")
    incomplete = sum(not c.complete for c in claims)
    if incomplete:
        flags.append(f"{counted(incomplete, 'incomplete claim')}")
    orphaned = sum(c.anchor.orphaned for c in claims)
    if orphaned:
        flags.append(f"{counted(orphaned, 'orphaned quote')}")
    return tuple(flags)


def merges_of(review: ReviewFile) -> tuple[MergeInfo, ...]:
    merges = []
    for merged_at, by, source, summary in review.conn.execute(
            "SELECT m.merged_at, coalesce(r.name, m.reviewer_id), m.source_name, m.summary "
            "FROM merges m LEFT JOIN reviewers r ON r.reviewer_id = m.reviewer_id "
            "ORDER BY m.merged_at, m.merge_id"):
        counts = json.loads(summary or "{}")
        text = ", ".join(counted(counts.get(key, 0), noun) for key, noun in (
            ("documents", "document"), ("claims", "claim"), ("appraisals", "appraisal"),
            ("edits", "edit"), ("conflicts", "new conflict")))
        merges.append(MergeInfo(merged_at[:10], by, source, text))
    return tuple(merges)


def agreement_table(agreement: ReviewAgreement) -> AgreementTable:
    """The agreement section: unitizing, then classification per field, then robustness."""
    rows = []
    for item in agreement.fields:
        estimates = {e.statistic: e for e in item.estimates}
        ordinal = item.level == "ordinal"
        kappa = (_pick(estimates, "Cohen's weighted kappa") if ordinal else None) or \
            _pick(estimates, "Cohen's kappa") or _pick(estimates, "Fleiss' kappa")
        alpha = _pick(estimates, f"Krippendorff's alpha ({'ordinal' if ordinal else 'nominal'})")
        n_units = max((e.n_units for e in item.estimates), default=0)
        rows.append(AgreementRow(item.form, item.field, item.label, item.level, item.unit,
                                 n_units, _pick(estimates, "percent agreement"), kappa, alpha,
                                 _pick(estimates, "Gwet's AC1"), _pick(estimates, "PABAK")))
    labels = {f.field: f.label for f in agreement.fields if f.form == "claim"}
    robustness = tuple(
        RobustnessRow(r.min_overlap, r.units, r.matched, r.specific,
                      tuple((labels.get(field, field), value) for field, _, value, _, _ in r.fields))
        for r in agreement.robustness)
    unitizing = agreement.unitizing
    return AgreementTable(agreement.reviewers, agreement.documents, agreement.units,
                          agreement.matched, agreement.missed, agreement.rule, tuple(rows),
                          _stat(unitizing.specific), _stat(unitizing.u_alpha), unitizing.note,
                          robustness)


def _pick(estimates: dict, prefix: str) -> Stat | None:
    for name, e in estimates.items():
        if name.startswith(prefix):
            return _stat(e)
    return None


def _stat(e) -> Stat:
    return Stat(e.statistic, e.value, e.ci_low, e.ci_high, e.note)


def problems_of(conflicts: list[Conflict], final: list[Claim], claim_refs: dict[str, str],
                documents: dict[str, DocumentRef], numbers: dict[str, str], forms,
                passages: tuple = ()) -> Problems:
    items = []
    for conflict in conflicts:
        record, anchor = _record_label(conflict, claim_refs, documents, numbers)
        field = _field(conflict, forms)
        label = field.label if field and (conflict.entity, conflict.field) != (
            "finding", "category") else INTERNAL_FIELDS.get(conflict.field, conflict.field)
        items.append(ConflictItem(
            record, anchor, label,
            _text(field, conflict.shown),
            tuple((_text(field, v.value), v.reviewer, v.stamp[:10]) for v in conflict.values)))
    orphaned, incomplete = [], []
    for claim in sorted(final, key=lambda c: ref_key(claim_refs[c.id])):
        ref = claim_labels(claim, claim_refs, documents, False)
        if claim.anchor.orphaned:
            orphaned.append(ClaimProblem(ref, claim.statement, claim.reviewer, claim.anchor.exact))
        if not claim.complete:
            form = forms.get(claim.form_id, claim.form_version)
            missing = [form.field(f).label for f in missing_required(form, claim.answers)]
            incomplete.append(ClaimProblem(ref, claim.statement, claim.reviewer,
                                           "missing: " + ", ".join(missing) if missing else ""))
    return Problems(tuple(items), tuple(orphaned), tuple(incomplete), passages)


def _record_label(conflict: Conflict, claim_refs, documents, numbers) -> tuple[str, str]:
    doc = documents.get(conflict.document_id or "")
    if conflict.entity == "claim":
        if conflict.record_id in claim_refs:
            return f"claim {claim_refs[conflict.record_id]}", f"claim-{conflict.record_id}"
        where = f" on {doc.ref}" if doc else ""
        return f"reconciled claim{where}", doc.anchor if doc else ""
    if conflict.entity == "appraisal" and doc:
        return f"appraisal of {doc.ref}", doc.anchor
    if conflict.entity == "document" and doc:
        return f"document {doc.ref}", doc.anchor
    if conflict.entity == "finding" and conflict.record_id in numbers:
        return f"finding {numbers[conflict.record_id]}", f"row-{conflict.record_id}"
    if conflict.entity == "pairing" and doc:
        return f"pairing of two claims on {doc.ref} (pair or split)", doc.anchor
    return f"{conflict.entity} {conflict.record_id[:8]}", ""


def _field(conflict: Conflict, forms):
    """The form field whose choices label the conflict's values, if any."""
    form_id, field_id = conflict.entity, conflict.field
    if (form_id, field_id) == ("finding", "category"):
        form_id = "claim"  # a finding is filed under the claim form's categories
    if form_id not in ("claim", "appraisal", "finding") or field_id.startswith("_"):
        return None
    try:
        return forms.get(form_id, None).field(field_id)
    except (KeyError, ReviewError):  # a field or form the file does not hold
        return None


def _text(field, value: Any) -> str:
    if field is not None:
        return format_value(field, value) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def ref_key(ref: str) -> tuple[int, int]:
    """Sort key of "D12-3" (or "D12"): numerically, so D2 comes before D10."""
    doc, _, number = ref[1:].partition("-")
    return int(doc), int(number or 0)


def appendix(documents: list[DocumentRef], final: list[Claim], claim_refs: dict[str, str],
             appraisals: list[Appraisal], forms, findings: dict[str, str]
             ) -> tuple[AppendixDocument, ...]:
    """Per document: its appraisals side by side and every final claim with its quote.

    `findings` maps a finding's id to its label in the report ("R1 Kratom can ...").
    """
    by_id = {d.id: d for d in documents}
    claims: dict[str, list[Claim]] = {}
    for claim in final:
        claims.setdefault(claim.document_id, []).append(claim)
    appraised: dict[str, list[Appraisal]] = {}
    for appraisal in appraisals:
        appraised.setdefault(appraisal.document_id, []).append(appraisal)
    result = []
    for doc in documents:
        mine = sorted(claims.get(doc.id, []), key=lambda c: ref_key(claim_refs[c.id]))
        result.append(AppendixDocument(
            doc, _appraisal_table(appraised.get(doc.id, []), forms),
            tuple(_appendix_claim(c, claim_refs, by_id, forms, findings) for c in mine)))
    return tuple(result)


def _appraisal_table(appraisals: list[Appraisal], forms) -> AppraisalTable:
    if not appraisals:
        return AppraisalTable((), ())
    appraisals = sorted(appraisals, key=lambda a: (a.reviewer.casefold(), a.created))
    form = forms.get(appraisals[0].form_id, appraisals[0].form_version)
    rows = []
    for field in form.fields:
        values = tuple(format_value(field, a.answers.get(field.id)) for a in appraisals)
        if any(values):
            rows.append((field.label, values))
    return AppraisalTable(tuple(a.reviewer for a in appraisals), tuple(rows))


def _appendix_claim(claim: Claim, claim_refs, documents, forms, findings) -> AppendixClaim:
    form: Form = forms.get(claim.form_id, claim.form_version)
    fields = tuple((f.id, f.label, format_value(f, claim.answers.get(f.id)))
                   for f in form.fields
                   if f.id != "statement" and claim.answers.get(f.id) not in (None, "", []))
    finding = anchor = ""
    if claim.finding_id:
        finding = f"{findings.get(claim.finding_id, 'a finding')} ({claim.finding_stance})"
        anchor = f"row-{claim.finding_id}"
    return AppendixClaim(claim_labels(claim, claim_refs, documents, False), claim.statement,
                         claim.reviewer, claim.anchor.exact, claim.anchor.page,
                         claim.anchor.start, claim.anchor.end, fields, finding, anchor,
                         flags_of([claim]), len(claim.consensus_of))
