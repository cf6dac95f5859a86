"""Agreement between the reviewers of a review file, in two parts (docs/methods.md).

1. Unitizing — did the reviewers find the same passages? Positive specific agreement on the
   paired passage units (matching.py) and Krippendorff's unitizing alpha on the characters of
   the documents (unitizing.py). A claim one reviewer missed counts here, and only here.
2. Classification — did they code alike the passages they both found? Per field, on the
   passages found by two or more reviewers of their document; a reviewer who did not extract
   the passage is missing data for it, never a category. Appraisal fields: a document
   appraised by two or more reviewers is a unit.
The main statistics are repeated at the pairing thresholds ROBUSTNESS_THRESHOLDS, so that a
methods section can show they do not hinge on the threshold.
"""

from dataclasses import dataclass

from reviewtool.core.errors import NotFound
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.appraisals import list_appraisals
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.documents import document_text
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.wording import joined
from reviewtool.core.team.agreement.estimate import Estimate, undefined
from reviewtool.core.team.agreement.matching import (
    DEFAULT_MIN_OVERLAP,
    ROBUSTNESS_THRESHOLDS,
    ClaimUnit,
    check_min_overlap,
    rule,
    units_by_document,
)
from reviewtool.core.team.agreement.summary import agreement_summary, headline
from reviewtool.core.team.agreement.unitizing import (
    Continuum,
    positive_specific_agreement,
    unitizing_alpha,
)
from reviewtool.core.team.pairings import pairing_corrections

COMPARED_TYPES = ("choice", "ordinal", "boolean")
CLAIM_UNIT = "a passage found by two or more reviewers of its document"
Units = dict[str, list[ClaimUnit]]


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
                "unit": self.unit, "estimates": [e.as_json() for e in self.estimates]}


@dataclass(frozen=True)
class Unitizing:
    """Finding the same passages."""

    specific: Estimate  # positive specific agreement on the passage units
    u_alpha: Estimate  # Krippendorff's unitizing alpha on the characters
    note: str  # documents the unitizing alpha leaves out, if any

    def as_json(self) -> dict:
        return {"positive_specific_agreement": self.specific.as_json(),
                "unitizing_alpha": self.u_alpha.as_json(), "note": self.note}


@dataclass(frozen=True)
class Robustness:
    """The main statistics with pairing at one threshold (point values only)."""

    min_overlap: float
    units: int
    matched: int
    specific: float | None
    fields: tuple[tuple[str, str, float | None, float | None, int], ...]
    # (field id, main statistic's name, its value, Gwet's AC1, units)

    def as_json(self) -> dict:
        return {"min_overlap": self.min_overlap, "units": self.units, "matched": self.matched,
                "positive_specific_agreement": self.specific,
                "fields": [{"field": f, "statistic": s, "value": v, "gwet_ac1": ac1, "n_units": n}
                           for f, s, v, ac1, n in self.fields]}


@dataclass(frozen=True)
class ReviewAgreement:
    reviewers: tuple[str, ...]
    documents: int  # documents extracted by two or more reviewers
    units: int
    matched: int  # units found by every reviewer of their document
    missed: int  # units some reviewer of the document did not extract
    rule: str
    min_overlap: float
    unitizing: Unitizing
    fields: tuple[FieldAgreement, ...]  # classification, claim fields then appraisal fields
    robustness: tuple[Robustness, ...]

    def as_json(self) -> dict:
        return {"reviewers": list(self.reviewers), "documents": self.documents,
                "units": self.units, "matched": self.matched, "missed": self.missed,
                "matching_rule": self.rule, "min_overlap": self.min_overlap,
                "unitizing": self.unitizing.as_json(),
                "classification": [f.as_json() for f in self.fields],
                "robustness": [r.as_json() for r in self.robustness]}


def review_agreement(review: ReviewFile, *, field: str | None = None,
                     min_overlap: float = DEFAULT_MIN_OVERLAP) -> ReviewAgreement:
    check_min_overlap(min_overlap)
    claim_form = form_in_force(review, "claim")
    appraisal_form = form_in_force(review, "appraisal")
    claim_fields = [f for f in _compared(claim_form) if field in (None, f.id)]
    appraisal_fields = [f for f in _compared(appraisal_form)
                        if field in (None, f.id, f"appraisal.{f.id}")]
    if field is not None and not claim_fields + appraisal_fields:
        known = [f.id for f in _compared(claim_form)] + [
            f"appraisal.{f.id}" for f in _compared(appraisal_form)]
        raise NotFound(f"No field '{field}' to measure agreement on; choose one of: "
                       f"{', '.join(known)}.")
    claims = list_claims(review, consensus=False)
    corrections = pairing_corrections(review)
    paired = {threshold: units_by_document(claims, corrections, min_overlap=threshold)
              for threshold in {min_overlap, *ROBUSTNESS_THRESHOLDS}}
    units = paired[min_overlap]
    all_units = [(doc, u) for doc, doc_units in units.items() for u in doc_units]
    doc_reviewers = _document_reviewers(units)
    reviewers = sorted({name for names in doc_reviewers.values() for name in names})
    matched = sum(len(u.claims) == len(doc_reviewers[doc]) for doc, u in all_units)
    results = [_claim_field(claim_form, f, units, reviewers) for f in claim_fields]
    results += [_appraisal_field(review, appraisal_form, f) for f in appraisal_fields]
    robustness = tuple(_robustness(paired[threshold], threshold, claim_form, field)
                       for threshold in ROBUSTNESS_THRESHOLDS)
    return ReviewAgreement(tuple(reviewers), len(units), len(all_units), matched,
                           len(all_units) - matched, rule(min_overlap), min_overlap,
                           _unitizing(review, units, doc_reviewers), tuple(results), robustness)


def _document_reviewers(units: Units) -> dict[str, tuple[str, ...]]:
    return {doc: tuple(sorted({n for u in doc_units for n in u.claims}))
            for doc, doc_units in units.items()}


def _compared(form: Form):
    return [f for f in form.fields if f.type in COMPARED_TYPES]


def _found_matrix(units: Units, reviewers: list[str]) -> list[list[bool | None]]:
    doc_reviewers = _document_reviewers(units)
    return [[(name in u.claims) if name in doc_reviewers[doc] else None for name in reviewers]
            for doc, doc_units in units.items() for u in doc_units]


def _unitizing(review: ReviewFile, units: Units, doc_reviewers) -> Unitizing:
    reviewers = sorted({n for names in doc_reviewers.values() for n in names})
    specific = positive_specific_agreement(_found_matrix(units, reviewers))
    if not doc_reviewers:
        return Unitizing(specific, undefined(
            "Krippendorff's unitizing alpha", "no document was extracted by two or more "
            "reviewers", 0, 0), "")
    # The unitizing alpha needs the same reviewers on every document laid end to end: it is
    # computed for the team that extracted the most documents (every reviewer, when all did).
    teams: dict[tuple[str, ...], list[str]] = {}
    for doc, names in doc_reviewers.items():
        teams.setdefault(names, []).append(doc)
    team, common = max(teams.items(), key=lambda t: (len(t[1]), len(t[0]), t[0]))
    continua = []
    for doc in common:
        marked: dict[str, list[tuple[int, int]]] = {}
        for unit in units[doc]:
            for name, claim in unit.claims.items():
                marked.setdefault(name, []).append((claim.anchor.start, claim.anchor.end))
        continua.append(Continuum(len(document_text(review, doc)[0]), marked))
    u_alpha = unitizing_alpha(continua, list(team))
    note = ""
    if left_out := len(doc_reviewers) - len(common):
        note = (f"the unitizing alpha is computed on the {len(common)} documents extracted by "
                f"{joined(team)}; {left_out} of {len(doc_reviewers)} documents, extracted by "
                "other reviewers, are left out of it")
    return Unitizing(specific, u_alpha, note)


def _claim_matrix(form_field, units: Units, reviewers: list[str]) -> list[list]:
    """Rows: passages found by two or more reviewers; a reviewer without a claim on the
    passage is missing (None), never a category."""
    matrix = []
    for doc_units in units.values():
        for unit in doc_units:
            if len(unit.claims) < 2:
                continue
            matrix.append([_value(unit.claims[n].answers.get(form_field.id))
                           if n in unit.claims else None for n in reviewers])
    return matrix


def _claim_field(form: Form, form_field, units: Units, reviewers: list[str]) -> FieldAgreement:
    ordinal = form_field.type == "ordinal"
    return FieldAgreement(form.id, form_field.id, form_field.label,
                          "ordinal" if ordinal else "nominal", CLAIM_UNIT,
                          tuple(_summary(_claim_matrix(form_field, units, reviewers), form_field)))


def _appraisal_field(review: ReviewFile, form: Form, form_field) -> FieldAgreement:
    by_document: dict[str, dict[str, object]] = {}
    for appraisal in list_appraisals(review):
        by_document.setdefault(appraisal.document_id, {})[appraisal.reviewer] = \
            _value(appraisal.answers.get(form_field.id))
    raters = sorted({name for answers in by_document.values() for name in answers})
    matrix = [[answers.get(name) for name in raters] for answers in by_document.values()
              if len(answers) >= 2]
    ordinal = form_field.type == "ordinal"
    return FieldAgreement(form.id, form_field.id, form_field.label,
                          "ordinal" if ordinal else "nominal",
                          "a document appraised by two or more reviewers",
                          tuple(_summary(matrix, form_field)))


def _robustness(units: Units, threshold: float, form: Form, field: str | None) -> Robustness:
    doc_reviewers = _document_reviewers(units)
    reviewers = sorted({n for names in doc_reviewers.values() for n in names})
    all_units = [(doc, u) for doc, doc_units in units.items() for u in doc_units]
    matched = sum(len(u.claims) == len(doc_reviewers[doc]) for doc, u in all_units)
    specific = positive_specific_agreement(_found_matrix(units, reviewers), n_resamples=1)
    fields = []
    for form_field in _compared(form):
        if field not in (None, form_field.id):
            continue
        estimates = _summary(_claim_matrix(form_field, units, reviewers), form_field,
                             n_resamples=1)
        main = headline(estimates, form_field.type == "ordinal")
        ac1 = next((e for e in estimates if e.statistic == "Gwet's AC1"), None)
        fields.append((form_field.id, main.statistic if main else "",
                       main.value if main else None, ac1.value if ac1 else None,
                       max((e.n_units for e in estimates), default=0)))
    return Robustness(threshold, len(all_units), matched, specific.value, tuple(fields))


def _value(value):
    return value if not isinstance(value, list) else "; ".join(value)


def _summary(matrix, form_field, n_resamples: int | None = None) -> list[Estimate]:
    if not matrix or len(matrix[0]) < 2:
        return [undefined("percent agreement",
                          "fewer than two reviewers coded the same units", 0, 0)]
    ordinal = form_field.type == "ordinal"
    offered = _offered(form_field)
    # Answers recorded on an earlier version of the form may use a choice it no longer offers.
    categories = set(offered) | {v for row in matrix for v in row if v is not None}
    kwargs = {} if n_resamples is None else {"n_resamples": n_resamples}
    return agreement_summary(matrix, ordinal_order=list(offered) if ordinal else None,
                             n_categories=len(categories), **kwargs)


def _offered(form_field) -> tuple:
    if form_field.type == "boolean":
        return (True, False)
    return tuple(form_field.choice_values)


__all__ = ["FieldAgreement", "ReviewAgreement", "Robustness", "Unitizing", "review_agreement"]
