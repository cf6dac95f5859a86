"""The open review as the widgets see it, and the app's one write path.

Every change the app makes to the review goes through a Session method, which calls core
(through an undoable command where the change can be undone) and publishes what changed as
a ReviewChanges on the one `changed` signal that every view listens to (Anki's operations
and `OpChanges`). Widgets never talk to each other about data, and never write themselves.
Background jobs that write (importing, merging) run with connections of their own and
report here when their work is committed.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewtool.core.errors import ReviewError
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.appraisals import appraisal_of
from reviewtool.core.review.claims import get_claim
from reviewtool.core.review.records import finding_form
from reviewtool.core.store import ids
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.merge import MergeSummary, merge_files
from reviewtool.core.team.merge_undo import keep_private_copy
from reviewtool.gui import undo
from reviewtool.gui.review_changes import ReviewChanges
from reviewtool.gui.import_job import import_job
from reviewtool.gui.workers import Job, JobRunner


@dataclass(frozen=True)
class MergeDone:
    """What the merge job hands back to the UI thread."""

    sources: list[Path]
    summaries: list[MergeSummary]
    before: Path  # a private copy of the file as it was, for undo


class Session(QObject):
    changed = Signal(object)  # a ReviewChanges: what one write (or its undo/redo) changed
    failed = Signal(object)  # a ReviewError raised while undoing or redoing

    def __init__(self, review: ReviewFile, reviewer: str, parent: QObject | None = None):
        super().__init__(parent)
        self.review = review
        self.reviewer = " ".join(reviewer.split()) or review.owner
        self.undo_stack = QUndoStack(self)
        self.jobs = JobRunner(self)  # reads for the item models, each with its own connection
        self.claim_form: Form = form_in_force(review, "claim")
        self.appraisal_form: Form = form_in_force(review, "appraisal")
        self.finding_form: Form = finding_form(review)

    @classmethod
    def open(cls, path: Path, reviewer: str, parent: QObject | None = None) -> "Session":
        return cls(ReviewFile.open(path), reviewer, parent)

    @property
    def path(self) -> Path:
        return self.review.path

    @property
    def reviewer_id(self) -> str:
        return ids.reviewer_id(self.reviewer)

    def close(self) -> None:
        self.jobs.wait()
        self.undo_stack.clear()
        self.review.close()

    # -- claims and appraisals (each undoable; raise ReviewError when core refuses) ----------

    def create_claim(self, document_id: str, start: int, end: int,
                     answers: dict[str, Any] | None = None) -> str:
        command = undo.CreateClaim(self, document_id, start, end, dict(answers or {}))
        self._push(command)
        return command.claim_id

    def edit_claim(self, claim_id: str, changes: dict[str, Any]) -> bool:
        """Set fields of a claim; False when nothing changed."""
        document_id = get_claim(self.review, claim_id).document_id
        return self._edit(claim_id, "claim", document_id, changes, self.claim_form)

    def delete_claim(self, claim_id: str) -> None:
        document_id = get_claim(self.review, claim_id).document_id
        self._push(undo.DeleteClaim(self, claim_id, document_id))

    def appraisal_id(self, document_id: str) -> str | None:
        return appraisal_of(self.review, document_id, self.reviewer_id)

    def save_appraisal(self, document_id: str, changes: dict[str, Any]) -> bool:
        """Create this reviewer's appraisal of a document, or change fields of it."""
        existing = self.appraisal_id(document_id)
        if existing is None:
            self._push(undo.CreateAppraisal(self, document_id, changes))
            return True
        return self._edit(existing, "appraisal", document_id, changes, self.appraisal_form)

    def edit_document_metadata(self, document_id: str, changes: dict[str, Any]) -> bool:
        """Set a document's bibliographic fields; False when nothing changed."""
        command = undo.EditDocumentMetadata(self, document_id, changes)
        command.apply()
        if command.changed:
            self.undo_stack.push(command)
        return command.changed

    def attach_text(self, document_id: str, path: Path) -> None:
        """Give a document (a reference without its file) the text of a file. Not undoable:
        the file's text is kept, as every imported text is."""
        from reviewtool.core.review.reimport import reimport_document

        reimport_document(self.review, document_id, path, reviewer=self.reviewer)
        self.publish(ReviewChanges(documents=frozenset({document_id}), claims_added_or_removed=True))

    def edit_finding(self, finding_id: str, changes: dict[str, Any]) -> bool:
        """Set fields of a finding's judgement (the finding form); False when nothing changed."""
        return self._edit(finding_id, "finding", "", changes, self.finding_form)

    def _edit(self, record_id: str, entity: str, document_id: str, changes: dict[str, Any],
              form: Form) -> bool:
        labels = [form.field(f).label for f in changes if f in form.field_ids]
        text = f"Edit “{labels[0]}”" if len(labels) == 1 else f"Edit {entity}"
        command = undo.EditAnswers(self, record_id, entity, document_id, changes, text)
        command.apply()
        if command.changed:
            self.undo_stack.push(command)
        return command.changed

    # -- team work (core's team modules, and the statistics behind them, are imported on
    #    first use: the main window's start-up needs none of them) ----------------------------

    def accept_agreements(self) -> int:
        """Consensus claims for every unit all reviewers agree on; returns how many."""
        from reviewtool.core.team import reconcile

        command = undo.ConsensusDecision(self, "Accept agreements", lambda: (
            reconcile.accept_agreements(self.review, reviewer=self.reviewer), []))
        command.apply()
        if command.created:
            command.setText(f"Accept {len(command.created)} agreements")
            self.undo_stack.push(command)
        return len(command.created)

    def record_consensus(self, claim_ids: list[str], answers: dict[str, Any], rationale: str,
                         anchor_from: str | None = None) -> None:
        from reviewtool.core.team import reconcile

        self._decide("Record consensus", claim_ids, lambda: reconcile.record_consensus(
            self.review, claim_ids, answers, rationale, anchor_from, reviewer=self.reviewer))

    def reject_unit(self, claim_ids: list[str], rationale: str) -> None:
        from reviewtool.core.team import reconcile

        self._decide("Decide: no claim here", claim_ids, lambda: reconcile.reject_unit(
            self.review, claim_ids, rationale, reviewer=self.reviewer))

    def _decide(self, text: str, claim_ids: list[str], write) -> None:
        from reviewtool.core.team import reconcile

        def decide() -> tuple[list[str], list[str]]:
            retired = reconcile.superseded_consensus(self.review, claim_ids)
            return [write()], retired

        self._push(undo.ConsensusDecision(self, text, decide))

    def decide_pairings(self, text: str, pairs: list[tuple[str, str]], decision: str | None) -> None:
        """The lead's pairing decision on pairs of claims (Reconcile), undoable."""
        self._push(undo.PairingDecision(self, text, pairs, decision))

    def resolve_conflict(self, conflict_id: str, choice: tuple[str, Any], reason: str) -> str:
        """Record an adjudicator's value for a conflict: ("typed", text the form parses) or
        ("value", a kept value). Returns the field's name.

        Not on the undo stack: its honest inverse does not exist. The decision replaces every
        kept value (they stay in the history) and is an edit teammates receive with the next
        merge; writing the provisional value back would not bring the conflict back, and would
        leave a recorded decision with its reason that no longer holds. To change a decision,
        edit the field again (the Conflicts window says so before anything is written)."""
        from reviewtool.core.team import conflicts

        conflict = conflicts.get_conflict(self.review, conflict_id)  # as it is now
        kind, value = choice
        if kind == "typed":
            value = conflicts.parse_resolution(self.review, conflict, value)
        conflicts.resolve_conflict(self.review, conflict, value, reason=reason,
                                   reviewer=self.reviewer)
        record = frozenset({conflict.record_id})
        self.publish(ReviewChanges(
            documents=frozenset({conflict.document_id}) if conflict.document_id else frozenset(),
            claims=record if conflict.entity == "claim" else frozenset(),
            appraisals=record if conflict.entity == "appraisal" else frozenset(),
            findings=record if conflict.entity == "finding" else frozenset(),
            conflicts=True))
        return conflict.field

    def merge_work(self, sources: list[Path], force: bool):
        """The merge itself, for a job off the UI thread (a merge copies whole files): core's
        merge into this file, then a private copy of the file as it was, for undo."""
        target, reviewer = self.path, self.reviewer

        def work(_review, _job) -> MergeDone:
            summaries = merge_files(target, sources, force=force, reviewer=reviewer)
            return MergeDone(list(sources), summaries, keep_private_copy(target))

        return work

    def merged(self, done: MergeDone, text: str) -> None:
        """Put a merge the job wrote on the undo stack, and tell the views."""
        self._push(undo.MergeCommand(self, text, done.before))

    def import_job(self, paths: list[Path]) -> Job:
        """Importing files and folders, for a job runner; what each batch committed is
        published at once, so documents appear in the list while the import goes on."""
        job = import_job(self.path, paths, self.reviewer)
        job.signals.progress.connect(lambda done, _total, _text: done and self._imported())
        job.signals.finished.connect(lambda _outcomes: self._imported())
        job.signals.failed.connect(lambda _error: self._imported())  # what was committed
        return job

    def _imported(self) -> None:
        self.publish(ReviewChanges(documents_added_or_removed=True))

    # -- what changed ------------------------------------------------------------------------

    def _push(self, command: undo.ReviewCommand) -> None:
        command.apply()
        self.undo_stack.push(command)

    def publish(self, changes: ReviewChanges) -> None:
        self.changed.emit(changes)

    def report_failure(self, error: ReviewError) -> None:
        self.failed.emit(error)
