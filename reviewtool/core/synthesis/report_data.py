"""What the report shows, as plain frozen values built from a review file in one pass.

Rendering (reviewtool.report) reads only these values, never the file. Labels come from the
forms the claims were recorded on; documents are numbered D1, D2, ... by title and each
document's final claims D1-1, D1-2, ... by position in its text; summary rows are numbered
per section (R1, B1, Q1, O1) so that the tables, the evidence map and the appendix refer to
each other.
"""

import datetime as dt

from reviewtool import __version__
from reviewtool.core.team.agreement.review import ReviewAgreement, review_agreement
from reviewtool.core.review import citation
from reviewtool.core.review.appraisals import list_appraisals
from reviewtool.core.review.claims import Claim, list_claims, settled
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.core.team.pairings import pairing_corrections
from reviewtool.core.review.documents import Document, list_documents
from reviewtool.core.review.finding_judgements import judgements
from reviewtool.core.review.findings import list_findings
from reviewtool.core.review.records import finding_form
from reviewtool.core.synthesis.certainty_proposal import describe
from reviewtool.core.synthesis.evidence_profile import evidence_profile
from reviewtool.core.team.unsettled import UnsettledItem, unsettled_items
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force, forms_in_file
from reviewtool.core.synthesis.report_model import (
    DocumentRef,
    EvidenceMap,
    FormInfo,
    MapRow,
    Methods,
    PassageItem,
    ReportData,
    RowAgreementView,
    Section,
    SummaryRow,
)
from reviewtool.core.synthesis.report_details import (
    agreement_table,
    appendix,
    claim_labels,
    flags_of,
    merges_of,
    problems_of,
    ref_key,
)
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.synthesis.summary_rows import SynthesisRow, synthesize

# (key, title, row-number prefix); every category not named here goes to "other".
SECTIONS = (("risk", "Risks", "R"), ("benefit", "Benefits", "B"),
            ("open_question", "Open questions", "Q"), ("other", "Other claims", "O"))
SECTION_TITLES = {key: title for key, title, _ in SECTIONS}

RULES = {
    "consistency": (
        "Each document's position on a finding comes from the stances of its claims: "
        "supports or contradicts when all its claims do, supports and contradicts when it "
        "has claims of both (it disagrees with itself), qualifies otherwise. A finding is "
        "contradictory when one document supports it and another contradicts it or a "
        "document does both, consistent when every document supports it, all contradict "
        "when every document contradicts it, mixed otherwise, and single source when it "
        "rests on one document."),
    "evidence": (
        "The strongest support any supporting claim says its document gives, "
        "ranked: cites a review or guideline > cites a study > expert opinion > anecdote > "
        "none. Evidence cited by contradicting claims is evidence against the finding, and "
        "that of qualifying claims backs only a narrower statement: neither counts here."),
    "certainty": (
        "GRADE certainty of the evidence for the finding as a whole, as the reviewers judged "
        "it on the finding form (rated down for risk of bias, inconsistency, indirectness, "
        "imprecision or publication bias; up for a large effect, a dose-response gradient or "
        "opposing confounding); the footnote under the table gives their explanation. "
        "'not judged' until someone judges it. Beneath it, the spread of the claims' own "
        "ratings and the lowest, as a starting point only. A single claim shows its own "
        "rating."),
    "agreement": (
        "Claims by different reviewers are matched by their quotes, as for the agreement "
        "statistics. Extracted: passages found, of all (passage, reviewer) pairs for the "
        "reviewers who worked on each document. Category and certainty: passages on which "
        "every reviewer gave the same value, of those extracted (rated) by two or more."),
}


def build_report_data(review: ReviewFile, *, today: dt.date | None = None,
                      agreement: ReviewAgreement | None = None) -> ReportData:
    """Everything the report shows. `agreement` may be passed when already computed."""
    fields = dict(review.conn.execute(
        "SELECT field, value ->> '$' FROM heads WHERE record_id = ? AND shown",
        (review.review_id,)).fetchall())
    reviewers = tuple(name for (name,) in review.conn.execute(
        "SELECT name FROM reviewers ORDER BY name COLLATE NOCASE"))
    forms = Forms(review)
    claim_form = forms.get("claim", None)
    claims = list_claims(review)
    final = settled(claims)
    findings = list_findings(review)
    unsettled = unsettled_items(review)
    judged = judgements(review)
    rows = synthesize(findings, claims, claim_form.field("certainty").choice_values,
                      pairing_corrections(review), judged=judged, unsettled=unsettled)
    documents, claim_refs = number_documents(list_documents(review), final)
    by_id = {d.id: d for d in documents}
    sections, numbers = _sections(rows, by_id, claim_refs, claim_form, finding_form(review),
                                  unsettled)
    appraisals = list_appraisals(review)
    agreement = agreement or review_agreement(review)
    methods = Methods(
        question=fields.get("question") or "", reviewers=reviewers,
        forms=tuple(FormInfo(form_id, version, title, sum(
            1 for r in (claims if form_id == "claim" else appraisals)
            if (r.form_id, r.form_version) == (form_id, version)) if form_id != "finding"
            else sum(bool(j.answers) for j in judged.values()))
            for form_id, version, title in forms_in_file(review)),
        documents=len(documents), claims=len(final),
        reviewer_claims=sum(not c.consensus_of for c in claims),
        consensus_claims=sum(bool(c.consensus_of) for c in claims), findings=len(findings),
        appraisals=len(appraisals), merges=merges_of(review), matching_rule=agreement.rule,
        statistics=STATISTICS, rules=tuple(RULES.items()))
    return ReportData(
        title=fields.get("title") or review.path.stem, question=methods.question,
        reviewers=reviewers, date=(today or dt.date.today()).isoformat(), version=__version__,
        certainty_scale=tuple(c.label for c in claim_form.field("certainty").choices),
        methods=methods, documents=tuple(documents), sections=sections,
        evidence_map=_evidence_map(sections, documents),
        agreement=agreement_table(agreement),
        problems=problems_of(list_conflicts(review), final, claim_refs, by_id, numbers, forms,
                             _passages(unsettled, rows, by_id, numbers)),
        appendix=appendix(documents, final, claim_refs, appraisals, forms,
                          {f.id: f"{numbers[f.id]} {f.statement}" for f in findings}),
        unsettled=tuple(item.summary for item in unsettled),
        profile=evidence_profile(sections, judged, finding_form(review)))


STATISTICS = (
    "In two parts. Finding the same passages: positive specific agreement and Krippendorff's "
    "unitizing alpha. Coding the passages found, per field on the passages two or more "
    "reviewers quoted: percent agreement; Cohen's kappa for two reviewers (quadratic weighted "
    "for ordinal fields) or Fleiss' kappa for more; Krippendorff's alpha (ordinal for ordinal "
    "fields, nominal otherwise); Gwet's AC1 and PABAK beside them. Each with a 95% confidence "
    "interval, none below 10 units or where it would have zero width.")


class Forms:
    """The form definitions claims and appraisals were recorded on, read once each."""

    def __init__(self, review: ReviewFile):
        self.review = review
        self._cache: dict[tuple[str, int | None], Form] = {}

    def get(self, form_id: str, version: int | None) -> Form:
        key = (form_id, version)
        if key not in self._cache:
            self._cache[key] = form_in_force(self.review, form_id, version)
        return self._cache[key]


def number_documents(documents: list[Document], final: list[Claim]):
    """Document refs (D1, ... by title) and claim refs (D1-1, ... by position), as the report
    and the spreadsheets show them."""
    per_document: dict[str, list[Claim]] = {}
    for claim in final:
        per_document.setdefault(claim.document_id, []).append(claim)
    refs, claim_refs = [], {}
    for index, doc in enumerate(documents, start=1):
        ref = f"D{index}"
        mine = sorted(per_document.get(doc.id, []),
                      key=lambda c: (c.anchor.orphaned, c.anchor.start, c.created, c.id))
        for number, claim in enumerate(mine, start=1):
            claim_refs[claim.id] = f"{ref}-{number}"
        metadata = doc.metadata()
        refs.append(DocumentRef(
            ref, doc.id, f"doc-{doc.id}", doc.title, doc.source, doc.filename, doc.sha256,
            doc.media_type, doc.chars, doc.pages, doc.reviewer, len(mine),
            citation=citation.reference(metadata),
            label=citation.in_text(metadata) if citation.has_citation_data(metadata) else doc.title,
            has_text=doc.has_text, authors=doc.authors, container=doc.container,
            published=doc.published, url=doc.url, doi=doc.doi, accessed=doc.accessed,
            type=doc.type, note=doc.note))
    return refs, claim_refs


def _sections(rows: list[SynthesisRow], documents: dict[str, DocumentRef],
              claim_refs: dict[str, str], form: Form, judged_form: Form,
              unsettled: list[UnsettledItem]):
    keys = [key for key, _, _ in SECTIONS]
    grouped: dict[str, list[SynthesisRow]] = {key: [] for key in keys}
    for row in rows:
        grouped[row.category if row.category in keys else "other"].append(row)
    category, evidence = form.field("category"), form.field("evidence_cited")
    certainty = form.field("certainty")
    conflicts_of: dict[str, list[str]] = {}
    for item in unsettled:
        if item.kind == "conflict" and item.entity == "finding":
            conflicts_of.setdefault(item.record_id, []).append(item.summary)
    sections, numbers = [], {}
    for key, title, prefix in SECTIONS:
        ordered = sorted(grouped[key], key=lambda r: (r.kind != "finding", -len(r.stances),
                                                      r.statement.casefold(), r.id))
        built, footnotes = [], []
        for index, row in enumerate(ordered, start=1):
            numbers[row.id] = f"{prefix}{index}"
            agreement = row.agreement
            scale = judged_form.field("certainty") if row.kind == "finding" else certainty
            levels = scale.choice_values
            mark = ""
            if row.kind == "finding" and row.judgement and row.judgement.explanation:
                mark = _mark(len(footnotes))
                footnotes.append((mark, row.judgement.explanation))
            not_settled = tuple(item.summary for item in row.unsettled) + tuple(
                conflicts_of.get(row.id, ()))
            built.append(SummaryRow(
                number=f"{prefix}{index}", kind=row.kind, id=row.id, anchor=f"row-{row.id}",
                statement=row.statement,
                category=category.choice_label(row.category) if row.category else "",
                claims=tuple(sorted((claim_labels(c, claim_refs, documents, row.kind == "finding")
                                     for c in row.claims), key=lambda c: ref_key(c.ref))),
                documents=tuple(sorted(((documents[d].ref, s) for d, s in row.stances),
                                       key=lambda d: ref_key(d[0]))),
                consistency=row.consistency,
                evidence=evidence.choice_label(row.evidence) if row.evidence else "",
                certainty=scale.choice_label(row.certainty) if row.certainty else "",
                certainty_level=(len(levels) - levels.index(row.certainty)) if row.certainty else 0,
                certainty_missing=_missing(row, not_settled),
                footnote=mark,
                proposal=(describe(row.proposal, certainty.choice_label)
                          if row.kind == "finding" or row.unsettled else ""),
                proposal_hint=row.proposal.hint if row.kind == "finding" else "",
                agreement=RowAgreementView(
                    agreement.status, agreement.reviewers,
                    (agreement.found, agreement.expected),
                    (agreement.category_agreed, agreement.compared),
                    (agreement.certainty_agreed, agreement.certainty_compared)),
                flags=flags_of(row.claims), consensus=row.adjudicated, unsettled=not_settled))
        sections.append(Section(key, title, tuple(built), tuple(footnotes)))
    return tuple(sections), numbers


def _mark(index: int) -> str:
    """Footnote marks as in a GRADE Summary of Findings table: a, b, … z, aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else _mark(index // 26 - 1) + letters[index % 26]


def _missing(row: SynthesisRow, not_settled: tuple[str, ...]) -> str:
    if row.certainty:
        return ""
    if row.kind == "finding":
        if row.judgement is not None and "certainty" in row.judgement.conflicted:
            return "unsettled"
        # explained without a level: the reviewers judged that GRADE does not apply
        return "not rated" if row.judgement and row.judgement.explanation else "not judged"
    return "unsettled" if not_settled and row.proposal.rated else "not rated"


def _passages(unsettled: list[UnsettledItem], rows: list[SynthesisRow],
              documents: dict[str, DocumentRef], numbers: dict[str, str]) -> tuple:
    """Unsettled passages for the Unresolved items, each with the summary rows it is in."""
    rows_of: dict[str, list[str]] = {}
    for row in rows:
        for item in row.unsettled:
            rows_of.setdefault(item.id, []).append(row.id)
    passages = []
    for item in unsettled:
        if item.kind != "passage":
            continue
        doc = documents.get(item.document_id or "")
        in_rows = rows_of.get(item.id, [])
        where = ", ".join([doc.ref if doc else "?"] + [f"row {numbers[r]}" for r in in_rows])
        passages.append(PassageItem(where, f"row-{in_rows[0]}" if in_rows else "",
                                    item.summary))
    return tuple(passages)


def _evidence_map(sections: tuple[Section, ...], documents: list[DocumentRef]) -> EvidenceMap:
    refs = tuple(d.ref for d in documents)
    rows = []
    for section in sections:
        for row in section.rows:
            if row.kind == "finding":
                stance = dict(row.documents)
                rows.append(MapRow(row.number, row.statement, section.key,
                                   tuple(stance.get(ref) for ref in refs)))
    return EvidenceMap(refs, tuple(rows))
