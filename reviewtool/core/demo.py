"""The demo: two reviewers extract the bundled articles independently; the lead merges,
reconciles every passage and judges the certainty of every finding.

Builds, in a folder: the lead's review (documents only), each reviewer's file with their
claims and appraisals, and the merged team file, all through the same core functions the
commands use. The lead's decisions are in examples/extractions (lead-consensus.csv,
lead-findings.csv), so the team file has nothing unsettled and its report is final.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.review.new_review import new_review
from reviewtool.resources import data_dir
from reviewtool.core.review.batch_entry import add_appraisals, add_claims, read_rows
from reviewtool.core.review.batch_judgements import add_judgements
from reviewtool.core.review.findings import find_by_statement
from reviewtool.core.team.conflicts import list_conflicts, resolve_conflict
from reviewtool.core.review.documents import import_paths
from reviewtool.core.review.library_import import import_library
from reviewtool.core.errors import ReviewError
from reviewtool.core.team.merge import merge_files
from reviewtool.core.store.reviewfile import ReviewFile

TITLE = "Kratom, opioid withdrawal and sleep"
QUESTION = ("What do popular web articles claim about kratom for opioid withdrawal and its "
            "effects on sleep, and how well supported are those claims?")
LEAD = "Amara Okafor"
REVIEWERS = {"Amara Okafor": "reviewer-a", "Jonas Lindqvist": "reviewer-b"}


@dataclass(frozen=True)
class DemoFiles:
    reviewer_files: dict[str, Path]
    merged: Path
    claims: int
    conflicts: int
    reconciled: int  # passages the lead reconciled
    judged: int  # findings whose certainty the lead judged


def build_demo(folder: Path) -> DemoFiles:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    examples = data_dir("examples")
    articles = sorted((examples / "corpus").glob("*.txt"))
    extractions = examples / "extractions"
    outputs = [folder / "lead.review", folder / "team.review"] + [
        folder / f"{slug}.review" for slug in REVIEWERS.values()]
    for path in outputs:  # the demo's own files from an earlier run are replaced
        for leftover in (path, Path(f"{path}.before-merge")):
            leftover.unlink(missing_ok=True)

    lead = folder / "lead.review"
    with new_review(lead, title=TITLE, question=QUESTION, reviewer=LEAD) as review:
        outcomes = import_paths(review, articles)
        # The articles' titles, as their headings give them (the texts name no author,
        # date or address, so those stay empty rather than invented).
        outcomes += import_library(review, examples / "corpus" / "library.ris")
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            raise ReviewError(f"The demo articles could not be imported: {failed[0]}")

    reviewer_files = {}
    for name, slug in REVIEWERS.items():
        path = folder / f"{slug}.review"
        shutil.copyfile(lead, path)  # the lead sends each reviewer a copy
        with ReviewFile.open(path) as review:
            add_claims(review, extractions / f"{slug}-claims.csv", reviewer=name)
            add_appraisals(review, extractions / f"{slug}-appraisals.csv", reviewer=name)
        reviewer_files[name] = path

    merged = folder / "team.review"
    shutil.copyfile(lead, merged)
    merge_files(merged, list(reviewer_files.values()), reviewer=LEAD, snapshot=False)
    with ReviewFile.open(merged) as review:
        claims = review.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        conflicts = len(list_conflicts(review))
        from reviewtool.core.team.batch_consensus import apply_decisions  # numpy, via matching

        reconciled = apply_decisions(review, extractions / "lead-consensus.csv", reviewer=LEAD)
        _resolve_finding_conflicts(review, extractions / "lead-conflicts.csv")
        judged = len(add_judgements(review, extractions / "lead-findings.csv", reviewer=LEAD))
    return DemoFiles(reviewer_files, merged, claims, conflicts, reconciled, judged)


def _resolve_finding_conflicts(review: ReviewFile, path: Path) -> None:
    """The lead's decisions on findings' own fields both reviewers set differently (the
    category each gave a finding they both named): finding, field, value, reason."""
    conflicts = {(c.record_id, c.field): c for c in list_conflicts(review)}
    for label, values, _ in read_rows(path):
        finding_id = find_by_statement(review, values["finding"])
        conflict = conflicts.get((finding_id, values["field"]))
        if conflict is None:
            raise ReviewError(f"{path}, {label}: no open conflict on that finding's "
                              f"{values['field']}.")
        resolve_conflict(review, conflict, values["value"], reason=values["reason"],
                         reviewer=LEAD)
