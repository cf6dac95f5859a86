"""The open review as the widgets see it: the file, who is working, the undo stack, and
signals saying what changed. Widgets never talk to each other about data; they act through
a Session and listen to it (napari's model/view split)."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewtool.core.store import ids
from reviewtool.core.review.appraisals import appraisal_of
from reviewtool.core.review.claims import get_claim
from reviewtool.core.forms import Form
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import finding_form
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui import undo
from reviewtool.gui.workers import JobRunner


class Session(QObject):
    claimsChanged = Signal(str, str, bool)  # document id, claim id, added or removed?
    focusClaim = Signal(str)  # a claim an undo/redo/create brought back into view
    appraisalChanged = Signal(str)  # document id
    findingChanged = Signal(str)  # finding id: its judgement changed
    documentsChanged = Signal()  # documents imported
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

    # -- edits (each one undoable; raise ReviewError when core refuses) ---------------------

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

    def _push(self, command: undo.ReviewCommand) -> None:
        command.apply()
        self.undo_stack.push(command)

    # -- notifications from commands --------------------------------------------------------

    def claims_added_or_removed(self, document_id: str, claim_id: str, focus: bool) -> None:
        self.claimsChanged.emit(document_id, claim_id, True)
        if focus:
            self.focusClaim.emit(claim_id)

    def claim_edited(self, document_id: str, claim_id: str, focus: bool) -> None:
        self.claimsChanged.emit(document_id, claim_id, False)
        if focus:
            self.focusClaim.emit(claim_id)

    def appraisal_edited(self, document_id: str) -> None:
        self.appraisalChanged.emit(document_id)

    def finding_edited(self, finding_id: str) -> None:
        self.findingChanged.emit(finding_id)

    def report_failure(self, error) -> None:
        self.failed.emit(error)

    def imported(self) -> None:
        self.documentsChanged.emit()

