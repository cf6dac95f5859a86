"""The report's data model: frozen dataclasses holding plain values only (see report_data)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentRef:
    ref: str  # "D1"
    id: str
    anchor: str  # PDF destination name of its appendix entry
    title: str
    source: str
    filename: str
    sha256: str
    media_type: str
    chars: int
    pages: int | None
    imported_by: str
    claims: int  # final claims on it
    citation: str = ""  # the reference-list entry (core.review.citation)
    label: str = ""  # what tables and legends call it: "Okafor et al. (2021)", or its title
    has_text: bool = True  # False for a reference without its full text
    authors: tuple[str, ...] = ()
    container: str = ""
    published: str = ""
    url: str = ""
    doi: str = ""
    accessed: str = ""
    type: str = ""
    note: str = ""


@dataclass(frozen=True)
class ClaimRef:
    ref: str  # "D1-3": the document's ref, then the claim's number within the document
    id: str
    anchor: str
    document: str  # the document's ref
    stance: str | None  # towards the row's finding; None for a stand-alone claim


@dataclass(frozen=True)
class RowAgreementView:
    status: str  # "agreed", "partial" or "single reviewer"
    reviewers: int
    extracted: tuple[int, int]  # (found, expected)
    category: tuple[int, int]  # (agreed, compared)
    certainty: tuple[int, int]


@dataclass(frozen=True)
class SummaryRow:
    number: str  # "R1"
    kind: str  # "finding" or "claim"
    id: str
    anchor: str  # PDF destination name of the row
    statement: str
    category: str  # the category's label (shown for rows of the "other" section)
    claims: tuple[ClaimRef, ...]
    documents: tuple[tuple[str, str], ...]  # (document ref, stance)
    consistency: str
    evidence: str  # label, "" if no supporting claim records it
    certainty: str  # the judged level's label (a lone claim: its rating); "" if none
    certainty_level: int  # 4 = the form's highest level ... 1 = its lowest; 0 = none
    certainty_missing: str  # why there is none: "not judged", "not rated", "unsettled"
    footnote: str  # the mark of the judgement's explanation under the table ("a"), or ""
    proposal: str  # "claims rated Low ×2, Very low ×1; lowest Very low", "" for a lone claim
    proposal_hint: str  # "documents disagree: consider rating down for inconsistency" or ""
    agreement: RowAgreementView
    flags: tuple[str, ...]  # what is not settled: open conflicts, incomplete or orphaned claims
    consensus: int  # consensus claims among its claims
    unsettled: tuple[str, ...] = ()  # its passages and judgement not settled, with each value


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[SummaryRow, ...]
    footnotes: tuple[tuple[str, str], ...] = ()  # (mark, explanation of a judged certainty)


@dataclass(frozen=True)
class MapRow:
    number: str
    statement: str
    section: str
    cells: tuple[str | None, ...]  # per document of EvidenceMap.documents: stance or None


@dataclass(frozen=True)
class EvidenceMap:
    documents: tuple[str, ...]  # document refs (columns)
    rows: tuple[MapRow, ...]  # findings only


@dataclass(frozen=True)
class FormInfo:
    id: str
    version: int
    title: str
    records: int  # claims or appraisals recorded on this version


@dataclass(frozen=True)
class MergeInfo:
    date: str
    by: str
    source: str
    summary: str


@dataclass(frozen=True)
class Methods:
    question: str
    reviewers: tuple[str, ...]
    forms: tuple[FormInfo, ...]
    documents: int
    claims: int  # final claims
    reviewer_claims: int  # every reviewer's own claims, reconciled or not
    consensus_claims: int
    findings: int
    appraisals: int
    merges: tuple[MergeInfo, ...]
    matching_rule: str
    statistics: str  # how agreement was measured
    rules: tuple[tuple[str, str], ...]  # (column, how it is computed)


@dataclass(frozen=True)
class Stat:
    name: str
    value: float | None
    low: float | None
    high: float | None
    note: str  # why there is no value, or no interval ("" when both are there)


@dataclass(frozen=True)
class AgreementRow:
    """One field's classification agreement, on the passages (documents) two or more coded."""

    form: str
    field: str
    label: str
    level: str
    unit: str
    n_units: int
    percent: Stat | None
    kappa: Stat | None
    alpha: Stat | None
    ac1: Stat | None = None
    pabak: Stat | None = None


@dataclass(frozen=True)
class RobustnessRow:
    """The main statistics with claims paired at one overlap threshold."""

    min_overlap: float
    units: int
    matched: int
    specific: float | None
    fields: tuple[tuple[str, float | None], ...]  # (field label, its kappa)


@dataclass(frozen=True)
class AgreementTable:
    reviewers: tuple[str, ...]
    documents: int
    units: int
    matched: int
    missed: int
    rule: str
    rows: tuple[AgreementRow, ...]  # classification
    specific: Stat | None = None  # unitizing: positive specific agreement
    u_alpha: Stat | None = None  # unitizing: Krippendorff's unitizing alpha
    unitizing_note: str = ""
    robustness: tuple[RobustnessRow, ...] = ()


@dataclass(frozen=True)
class ConflictItem:
    record: str  # "claim D1-3", "document D2", "appraisal of D1", "finding R2"
    anchor: str  # destination in the appendix, "" if none
    field: str  # the field's label
    shown: str
    values: tuple[tuple[str, str, str], ...]  # (value, reviewer, date)


@dataclass(frozen=True)
class ClaimProblem:
    claim: ClaimRef
    statement: str
    reviewer: str
    detail: str  # the quote of an orphaned claim, the missing fields of an incomplete one


@dataclass(frozen=True)
class PassageItem:
    """A passage reviewers extracted that no consensus reconciles yet."""

    where: str  # "D1, row R3"
    anchor: str  # its summary row, "" if none
    summary: str  # what is unsettled, with each reviewer's value


@dataclass(frozen=True)
class Problems:
    conflicts: tuple[ConflictItem, ...]
    orphaned: tuple[ClaimProblem, ...]
    incomplete: tuple[ClaimProblem, ...]
    passages: tuple[PassageItem, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.conflicts or self.orphaned or self.incomplete or self.passages)


@dataclass(frozen=True)
class AppraisalTable:
    reviewers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (field label, value per reviewer)


@dataclass(frozen=True)
class AppendixClaim:
    claim: ClaimRef
    statement: str
    reviewer: str
    quote: str
    page: int | None
    start: int
    end: int
    fields: tuple[tuple[str, str, str], ...]  # (field id, label, value) of answered fields
    finding: str  # "R1 Kratom can cause insomnia (supports)", "" if none
    finding_anchor: str  # the finding's summary row, "" if none
    flags: tuple[str, ...]  # what is not settled
    consensus_of: int  # reviewers' claims this consensus claim reconciles (0: not one)


@dataclass(frozen=True)
class AppendixDocument:
    document: DocumentRef
    appraisals: AppraisalTable
    claims: tuple[AppendixClaim, ...]


@dataclass(frozen=True)
class ProfileRow:
    """A judged finding in the certainty assessment (synthesis.evidence_profile)."""

    number: str  # "R1", as in the summary tables
    anchor: str  # the summary row
    statement: str
    domains: tuple[str, ...]  # the label judged for each domain for rating down, or "–"
    rated_up: str  # "Large effect: Large; Dose-response gradient: Present", or "none"
    certainty: str  # the judged level's label, or "unsettled" / "not rated"


@dataclass(frozen=True)
class EvidenceProfile:
    headers: tuple[str, ...]  # the domains' labels
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class ReportData:
    title: str
    question: str
    reviewers: tuple[str, ...]
    date: str
    version: str
    certainty_scale: tuple[str, ...]  # the certainty levels' labels, highest first
    methods: Methods
    documents: tuple[DocumentRef, ...]
    sections: tuple[Section, ...]
    evidence_map: EvidenceMap
    agreement: AgreementTable
    problems: Problems
    appendix: tuple[AppendixDocument, ...]
    unsettled: tuple[str, ...] = ()  # every unsettled item (team.unsettled), in words
    profile: EvidenceProfile | None = None  # the judged findings' certainty assessments

    @property
    def draft(self) -> str:
        """The mark every page carries until nothing is unsettled; "" for a final report."""
        if not self.unsettled:
            return ""
        n = len(self.unsettled)
        return f"Draft — {n} unsettled item{'' if n == 1 else 's'}"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
