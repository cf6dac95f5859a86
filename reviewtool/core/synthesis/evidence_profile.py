"""The certainty assessment behind each judged finding, as a GRADE evidence profile lays it
out (Guyatt et al. 2011, GRADE guidelines 1): one row per finding, the team's judgement of
each domain for rating down and up, and the certainty it arrived at. Plain values for the
report; rows in the summary tables' order."""

from reviewtool.core.forms import Form, format_value
from reviewtool.core.review.finding_judgements import DOWNGRADE_DOMAINS, UPGRADE_DOMAINS, Judgement
from reviewtool.core.synthesis.report_model import EvidenceProfile, ProfileRow, Section

NOT_JUDGED = "–"


def evidence_profile(sections: tuple[Section, ...], judged: dict[str, Judgement],
                     form: Form) -> EvidenceProfile:
    """Every finding someone judged, in the order of the summary tables."""
    rows = []
    for section in sections:
        for row in section.rows:
            judgement = judged.get(row.id)
            if row.kind != "finding" or judgement is None or not judgement.answers:
                continue
            answers = judgement.answers
            domains = tuple((format_value(form.field(d), answers.get(d)) or NOT_JUDGED)
                            + (" (unsettled)" if d in judgement.conflicted else "")
                            for d in DOWNGRADE_DOMAINS)
            up = [f"{form.field(d).label}: {format_value(form.field(d), answers[d])}"
                  for d in UPGRADE_DOMAINS if answers.get(d) not in (None, "no")]
            rows.append(ProfileRow(row.number, row.anchor, row.statement, domains,
                                   "; ".join(up) or "none",
                                   row.certainty or row.certainty_missing))
    return EvidenceProfile(tuple(form.field(d).label for d in DOWNGRADE_DOMAINS), tuple(rows))
