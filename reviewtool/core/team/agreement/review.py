"""Agreement between the reviewers of a review file, field by field.

Units of analysis: for claim fields, a matched claim (see matching.py) on a document that two
or more reviewers extracted; for appraisal fields, a document appraised by two or more
reviewers. The reviewers compared on a document are those who recorded at least one claim on
it. "Claim found" is coded per unit and reviewer (found / not found), so a claim one reviewer
missed counts as a disagreement there; for `category` a reviewer who missed the claim is
coded "not extracted" (a disagreement too); for every other field a missing claim is missing
data and the unit is compared among the reviewers who extracted it.
"""

from dataclasses import dataclass

from reviewtool.core.review.appraisals import list_appraisals
from reviewtool.core.errors import NotFound
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.agreement import agreement_summary
from reviewtool.core.team.agreement.estimate import Estimate
from reviewtool.core.team.agreement.matching import RULE, ClaimUnit, review_units

COMPARED_TYPES = ("choice", "ordinal", "boolean")
NOT_EXTRACTED = "not extracted"


@dataclass(frozen=True)
class FieldAgreement:
    form: str
    field: str
    label: str
    level: str  # nominal or ordinal
    unit: str  # what one unit of analysis is
    estimates: tuple[Estimate, ...]

    def as_json(self) -> dict:
        return {"form": self.form, "field": self.field, "label": self.label, "level": self.level,
                "unit": self.unit, "estimates": [
                    {"statistic": e.statistic, "value": e.value, "ci_low": e.ci_low,
                     "ci_high": e.ci_high, "n_units": e.n_units, "n_raters": e.n_raters,
                     "method": e.method} for e in self.estimates]}


@dataclass(frozen=True)
class ReviewAgreement:
    reviewers: tuple[str, ...]
    documents: int  # documents extracted by two or more reviewers
    units: int
    matched: int  # units found by every reviewer of their document
    missed: int  # units some reviewer of the document did not extract
    rule: str
    fields: tuple[FieldAgreement, ...]

    def as_json(self) -> dict:
        return {"reviewers": list(self.reviewers), "documents": self.documents,
                "units": self.units, "matched": self.matched, "missed": self.missed,
                "matching_rule": self.rule, "fields": [f.as_json() for f in self.fields]}


def review_agreement(review: ReviewFile, *, field: str | None = None) -> ReviewAgreement:
    units = review_units(review)
    reviewers = sorted({name for doc in units.values() for u in doc for name in u.claims})
    all_units = [(doc, u) for doc, doc_units in units.items() for u in doc_units]
    doc_reviewers = {doc: sorted({n for u in doc_units for n in u.claims})
                     for doc, doc_units in units.items()}
    matched = sum(len(u.claims) == len(doc_reviewers[doc]) for doc, u in all_units)
    claim_form = form_in_force(review, "claim")
    results = []
    if field in (None, "found"):
        results.append(_found(all_units, doc_reviewers, reviewers))
    for form_field in _compared(claim_form):
        if field in (None, form_field.id):
            results.append(_claim_field(claim_form, form_field, all_units, doc_reviewers, reviewers))
    appraisal_form = form_in_force(review, "appraisal")
    for form_field in _compared(appraisal_form):
        if field in (None, form_field.id, f"appraisal.{form_field.id}"):
            results.append(_appraisal_field(review, appraisal_form, form_field))
    if field is not None and not results:
        known = ["found"] + [f.id for f in _compared(claim_form)] + [
            f"appraisal.{f.id}" for f in _compared(appraisal_form)]
        raise NotFound(f"No field '{field}' to measure agreement on; choose one of: "
                       f"{', '.join(known)}.")
    return ReviewAgreement(tuple(reviewers), len(units), len(all_units), matched,
                           len(all_units) - matched, RULE, tuple(results))


def _compared(form: Form):
    return [f for f in form.fields if f.type in COMPARED_TYPES]


def _found(all_units, doc_reviewers, reviewers) -> FieldAgreement:
    matrix = [[("found" if name in u.claims else "not found") if name in doc_reviewers[doc]
               else None for name in reviewers] for doc, u in all_units]
    # Only percent agreement: passages no reviewer flagged are never seen, so "not found" by
    # everyone is unobservable and chance-corrected statistics would be meaningless here.
    estimates = _summary(matrix, None)[:1]
    return FieldAgreement("claim", "found", "Claim found", "nominal",
                          "a passage any reviewer extracted as a claim (percent agreement only: "
                          "passages nobody flagged are not observed)", tuple(estimates))


def _claim_field(form: Form, form_field, all_units: list[tuple[str, ClaimUnit]],
                 doc_reviewers, reviewers) -> FieldAgreement:
    ordinal = form_field.type == "ordinal"
    matrix = []
    for doc, unit in all_units:
        row = []
        for name in reviewers:
            claim = unit.claims.get(name)
            if claim is not None:
                row.append(_value(claim.answers.get(form_field.id)))
            elif form_field.id == "category" and name in doc_reviewers[doc]:
                row.append(NOT_EXTRACTED)
            else:
                row.append(None)
        matrix.append(row)
    unit = "a matched claim"
    if form_field.id == "category":
        unit += " (a reviewer who missed it is coded 'not extracted')"
    order = list(form_field.choice_values) if ordinal else None
    return FieldAgreement(form.id, form_field.id, form_field.label,
                          "ordinal" if ordinal else "nominal", unit,
                          tuple(_summary(matrix, order)))


def _appraisal_field(review: ReviewFile, form: Form, form_field) -> FieldAgreement:
    by_document: dict[str, dict[str, object]] = {}
    for appraisal in list_appraisals(review):
        by_document.setdefault(appraisal.document_id, {})[appraisal.reviewer] = \
            _value(appraisal.answers.get(form_field.id))
    raters = sorted({name for answers in by_document.values() for name in answers})
    matrix = [[answers.get(name) for name in raters] for answers in by_document.values()
              if len(answers) >= 2]
    ordinal = form_field.type == "ordinal"
    order = list(form_field.choice_values) if ordinal else None
    return FieldAgreement(form.id, form_field.id, form_field.label,
                          "ordinal" if ordinal else "nominal", "a document appraised by two or more reviewers",
                          tuple(_summary(matrix, order)))


def _value(value):
    return value if not isinstance(value, list) else "; ".join(value)


def _summary(matrix, order) -> list[Estimate]:
    if not matrix or len(matrix[0]) < 2:
        return [Estimate("percent agreement", None, None, None, 0, 0,
                         "undefined: fewer than two reviewers coded the same units")]
    return agreement_summary(matrix, ordinal_order=order)


__all__ = ["FieldAgreement", "ReviewAgreement", "review_agreement"]
