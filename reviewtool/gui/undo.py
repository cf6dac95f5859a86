"""Undoable edits: each command calls core functions, never touches a widget.

Every command is carried out once *before* it is pushed (so a refused edit raises to the
caller and never reaches the stack); QUndoStack's first redo() is then skipped. Each undo
and redo is itself an edit committed to the review file, recorded in its history like any
other, so killing the app between two of them loses nothing.
"""

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from reviewtool.core.review.appraisals import save_appraisal
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import add_claim
from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.review.records import (
    current_answers,
    delete_record,
    restore_record,
    update_answers,
)



class ReviewNotifier(Protocol):
    """What an undo command needs of the open review: the file, who edits, and whom to tell
    what changed (the Session implements it)."""

    review: ReviewFile
    reviewer: str

    def claims_added_or_removed(self, document_id: str, claim_id: str, focus: bool) -> None: ...
    def claim_edited(self, document_id: str, claim_id: str, focus: bool) -> None: ...
    def appraisal_edited(self, document_id: str) -> None: ...
    def finding_edited(self, finding_id: str) -> None: ...
    def report_failure(self, error: ReviewError) -> None: ...


class ReviewCommand(QUndoCommand):
    def __init__(self, session: ReviewNotifier, text: str):
        super().__init__(text)
        self.session = session
        self._applied = False

    def apply(self) -> None:
        """Carry the command out the first time; raises ReviewError if core refuses."""
        self.do_first()
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # this is the push: apply() has already done it
            return
        self._guard(self.do_redo)

    def undo(self) -> None:
        self._guard(self.do_undo)

    def _guard(self, action) -> None:
        try:
            action()
        except ReviewError as error:
            # e.g. the file became read-only or busy: report it, the stack moves on
            self.session.report_failure(error)

    def do_first(self) -> None:
        raise NotImplementedError

    def do_undo(self) -> None:
        raise NotImplementedError

    def do_redo(self) -> None:
        raise NotImplementedError


class CreateClaim(ReviewCommand):
    def __init__(self, session: ReviewNotifier, document_id: str, start: int, end: int,
                 answers: dict[str, Any]):
        super().__init__(session, "New claim")
        self.document_id, self.start, self.end, self.answers = document_id, start, end, answers
        self.claim_id: str | None = None

    def do_first(self) -> None:
        self.claim_id = add_claim(self.session.review, self.document_id, self.start, self.end,
                                  self.answers, reviewer=self.session.reviewer, partial=True)
        self.session.claims_added_or_removed(self.document_id, self.claim_id, focus=True)

    def do_undo(self) -> None:
        delete_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        self.session.claims_added_or_removed(self.document_id, self.claim_id, focus=False)

    def do_redo(self) -> None:
        restore_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        self.session.claims_added_or_removed(self.document_id, self.claim_id, focus=True)


class DeleteClaim(ReviewCommand):
    def __init__(self, session: ReviewNotifier, claim_id: str, document_id: str):
        super().__init__(session, "Delete claim")
        self.claim_id, self.document_id = claim_id, document_id

    def do_first(self) -> None:
        delete_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        self.session.claims_added_or_removed(self.document_id, self.claim_id, focus=False)

    do_redo = do_first

    def do_undo(self) -> None:
        restore_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        self.session.claims_added_or_removed(self.document_id, self.claim_id, focus=True)


class EditAnswers(ReviewCommand):
    """Set fields of a claim, appraisal or finding judgement; undo puts back exactly the fields that changed
    (including answers core dropped because a condition hid their field)."""

    def __init__(self, session: ReviewNotifier, record_id: str, entity: str, document_id: str,
                 changes: dict[str, Any], text: str):
        super().__init__(session, text)
        self.record_id, self.entity, self.document_id = record_id, entity, document_id
        self.changes = changes
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    @property
    def changed(self) -> bool:
        return bool(self.before or self.after)

    def do_first(self) -> None:
        review = self.session.review
        old = current_answers(review, self.record_id)
        update_answers(review, self.record_id, self.changes, reviewer=self.session.reviewer,
                       partial=self.entity == "claim")
        new = current_answers(review, self.record_id)
        fields = {f for f in set(old) | set(new) if old.get(f) != new.get(f)}
        self.before = {f: old.get(f) for f in fields}
        self.after = {f: new.get(f) for f in fields}
        self._notify(focus=False)

    def do_undo(self) -> None:
        self._set(self.before)

    def do_redo(self) -> None:
        self._set(self.after)

    def _set(self, values: dict[str, Any]) -> None:
        update_answers(self.session.review, self.record_id, values,
                       reviewer=self.session.reviewer, partial=self.entity == "claim")
        self._notify(focus=True)

    def _notify(self, focus: bool) -> None:
        if self.entity == "claim":
            self.session.claim_edited(self.document_id, self.record_id, focus=focus)
        elif self.entity == "finding":
            self.session.finding_edited(self.record_id)
        else:
            self.session.appraisal_edited(self.document_id)


class CreateAppraisal(ReviewCommand):
    def __init__(self, session: ReviewNotifier, document_id: str, answers: dict[str, Any]):
        super().__init__(session, "Appraise document")
        self.document_id, self.answers = document_id, answers
        self.appraisal_id: str | None = None

    def do_first(self) -> None:
        with Change(self.session.review, self.session.reviewer) as change:
            self.appraisal_id = save_appraisal(self.session.review, change, self.document_id,
                                               self.answers)
        self.session.appraisal_edited(self.document_id)

    def do_undo(self) -> None:
        delete_record(self.session.review, self.appraisal_id, reviewer=self.session.reviewer)
        self.session.appraisal_edited(self.document_id)

    def do_redo(self) -> None:
        restore_record(self.session.review, self.appraisal_id, reviewer=self.session.reviewer)
        self.session.appraisal_edited(self.document_id)
