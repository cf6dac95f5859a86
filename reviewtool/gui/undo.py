"""Undoable edits, one family for everything on the app's undo stack: claims, appraisals,
consensus decisions and merges. Each command calls core functions, never touches a widget,
and returns what it changed (ReviewChanges), which the Session publishes to the views.

Every command is carried out once by apply() *before* it is pushed (so a refused edit
raises to the caller and never reaches the stack); QUndoStack's first redo() is then
skipped. Each undo and redo is itself an edit committed to the review file, recorded in its
history like any other, so killing the app between two of them loses nothing.

Conflict resolutions are not on the stack (see Session.resolve_conflict for why).
"""

import shutil
import weakref
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from reviewtool.core.errors import ReviewError
from reviewtool.core.review.appraisals import save_appraisal
from reviewtool.core.review.claims import add_claim, get_claim
from reviewtool.core.review.document_metadata import FIELDS, set_metadata
from reviewtool.core.review.documents import get_document
from reviewtool.core.review.records import (
    current_answers,
    delete_record,
    restore_record,
    update_answers,
)
from reviewtool.core.store.changes import Change
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.merge_undo import put_back
from reviewtool.core.team.pairings import decide_pairings
from reviewtool.gui.review_changes import ReviewChanges, ids


class ReviewNotifier(Protocol):
    """What an undo command needs of the open review: the file, who edits, and whom to tell
    what changed (the Session implements it)."""

    review: ReviewFile
    reviewer: str

    def publish(self, changes: ReviewChanges) -> None: ...
    def report_failure(self, error: ReviewError) -> None: ...


class ReviewCommand(QUndoCommand):
    def __init__(self, session: ReviewNotifier, text: str):
        super().__init__(text)
        self.session = session
        self._applied = False

    @property
    def changed(self) -> bool:
        """False for a command that turned out to change nothing (it is then not pushed)."""
        return True

    def apply(self) -> ReviewChanges:
        """Carry the command out the first time; raises ReviewError if core refuses."""
        changes = self.do_first()
        self._applied = True
        if self.changed:
            self.session.publish(changes)
        return changes

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # this is the push: apply() has already done it
            return
        self._guard(self.do_redo)

    def undo(self) -> None:
        self._guard(self.do_undo)

    def _guard(self, action: Callable[[], ReviewChanges]) -> None:
        try:
            changes = action()
        except ReviewError as error:
            # e.g. the file became read-only or busy: report it, the stack moves on
            self.session.report_failure(error)
            return
        self.session.publish(replace(changes, undoing=True))

    def do_first(self) -> ReviewChanges:
        raise NotImplementedError

    def do_undo(self) -> ReviewChanges:
        raise NotImplementedError

    def do_redo(self) -> ReviewChanges:
        raise NotImplementedError


def _claim_changes(document_id: str, claim_id: str, *, focus: bool,
                   structural: bool = True) -> ReviewChanges:
    return ReviewChanges(documents=ids(document_id), claims=ids(claim_id),
                         claims_added_or_removed=structural,
                         focus_claim=claim_id if focus else None)


class CreateClaim(ReviewCommand):
    def __init__(self, session: ReviewNotifier, document_id: str, start: int, end: int,
                 answers: dict[str, Any]):
        super().__init__(session, "New claim")
        self.document_id, self.start, self.end, self.answers = document_id, start, end, answers
        self.claim_id: str | None = None

    def do_first(self) -> ReviewChanges:
        self.claim_id = add_claim(self.session.review, self.document_id, self.start, self.end,
                                  self.answers, reviewer=self.session.reviewer, partial=True)
        return _claim_changes(self.document_id, self.claim_id, focus=True)

    def do_undo(self) -> ReviewChanges:
        delete_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        return _claim_changes(self.document_id, self.claim_id, focus=False)

    def do_redo(self) -> ReviewChanges:
        restore_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        return _claim_changes(self.document_id, self.claim_id, focus=True)


class DeleteClaim(ReviewCommand):
    def __init__(self, session: ReviewNotifier, claim_id: str, document_id: str):
        super().__init__(session, "Delete claim")
        self.claim_id, self.document_id = claim_id, document_id

    def do_first(self) -> ReviewChanges:
        delete_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        return _claim_changes(self.document_id, self.claim_id, focus=False)

    do_redo = do_first

    def do_undo(self) -> ReviewChanges:
        restore_record(self.session.review, self.claim_id, reviewer=self.session.reviewer)
        return _claim_changes(self.document_id, self.claim_id, focus=True)


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

    def do_first(self) -> ReviewChanges:
        review = self.session.review
        old = current_answers(review, self.record_id)
        update_answers(review, self.record_id, self.changes, reviewer=self.session.reviewer,
                       partial=self.entity == "claim")
        new = current_answers(review, self.record_id)
        fields = {f for f in set(old) | set(new) if old.get(f) != new.get(f)}
        self.before = {f: old.get(f) for f in fields}
        self.after = {f: new.get(f) for f in fields}
        return self._changes(focus=False)

    def do_undo(self) -> ReviewChanges:
        return self._set(self.before)

    def do_redo(self) -> ReviewChanges:
        return self._set(self.after)

    def _set(self, values: dict[str, Any]) -> ReviewChanges:
        update_answers(self.session.review, self.record_id, values,
                       reviewer=self.session.reviewer, partial=self.entity == "claim")
        return self._changes(focus=True)

    def _changes(self, focus: bool) -> ReviewChanges:
        if self.entity == "claim":
            return _claim_changes(self.document_id, self.record_id, focus=focus,
                                  structural=False)
        if self.entity == "finding":
            return ReviewChanges(findings=ids(self.record_id))
        return ReviewChanges(documents=ids(self.document_id), appraisals=ids(self.record_id))


class CreateAppraisal(ReviewCommand):
    def __init__(self, session: ReviewNotifier, document_id: str, answers: dict[str, Any]):
        super().__init__(session, "Appraise document")
        self.document_id, self.answers = document_id, answers
        self.appraisal_id: str | None = None

    def do_first(self) -> ReviewChanges:
        with Change(self.session.review, self.session.reviewer) as change:
            self.appraisal_id = save_appraisal(self.session.review, change, self.document_id,
                                               self.answers)
        return self._changes()

    def do_undo(self) -> ReviewChanges:
        delete_record(self.session.review, self.appraisal_id, reviewer=self.session.reviewer)
        return self._changes()

    def do_redo(self) -> ReviewChanges:
        restore_record(self.session.review, self.appraisal_id, reviewer=self.session.reviewer)
        return self._changes()

    def _changes(self) -> ReviewChanges:
        return ReviewChanges(documents=ids(self.document_id), appraisals=ids(self.appraisal_id))


class ConsensusDecision(ReviewCommand):
    """A reconciliation decision: creates consensus claims and may retire older ones (see
    core/team/reconcile.py). Undo tombstones what it created and restores what it retired;
    redo does the reverse, each in one transaction. Both are edits like any other, so they
    merge to teammates."""

    def __init__(self, session: ReviewNotifier, text: str,
                 decide: Callable[[], tuple[list[str], list[str]]]):
        """`decide()` writes the decision and returns (created, retired) claim ids."""
        super().__init__(session, text)
        self.decide = decide
        self.created: list[str] = []
        self.retired: list[str] = []
        self.documents: frozenset[str] = frozenset()

    def do_first(self) -> ReviewChanges:
        created, retired = self.decide()
        self.created, self.retired = list(created), list(retired)
        self.documents = _documents_of(self.session.review, self.created)  # all live now
        return self._changes()

    def do_undo(self) -> ReviewChanges:
        return self._apply(restore=self.retired, delete=self.created)

    def do_redo(self) -> ReviewChanges:
        return self._apply(restore=self.created, delete=self.retired)

    def _apply(self, *, restore: list[str], delete: list[str]) -> ReviewChanges:
        review, reviewer = self.session.review, self.session.reviewer
        with review.transaction():
            for claim_id in delete:
                delete_record(review, claim_id, reviewer=reviewer)
            for claim_id in restore:
                restore_record(review, claim_id, reviewer=reviewer)
        return self._changes()

    def _changes(self) -> ReviewChanges:
        return ReviewChanges(documents=self.documents,
                             claims=frozenset(self.created + self.retired),
                             claims_added_or_removed=True)


def _documents_of(review: ReviewFile, claim_ids: Iterable[str]) -> frozenset[str]:
    return frozenset(get_claim(review, claim_id).document_id for claim_id in claim_ids)


class MergeCommand(ReviewCommand):
    """A merge, already written by the merge job (off the UI thread) when this is applied.
    A merge adds history, which no edit can take back: undo puts back the file as it was
    before (`before`, a private copy of FILE.before-merge, see core/team/merge_undo.py) and
    keeps the merged file for redo, in the same private folder, which goes with the
    command."""

    def __init__(self, session: ReviewNotifier, text: str, before: Path):
        super().__init__(session, text)
        self.before, self.after = before, before.with_name("after.review")
        weakref.finalize(self, shutil.rmtree, before.parent, True)

    def do_first(self) -> ReviewChanges:
        return ReviewChanges.everything()

    def do_undo(self) -> ReviewChanges:
        put_back(self.session.review, self.before, keep=self.after)
        return ReviewChanges.everything()

    def do_redo(self) -> ReviewChanges:
        put_back(self.session.review, self.after)
        return ReviewChanges.everything()


class EditDocumentMetadata(ReviewCommand):
    """Set metadata fields of a document; undo puts back the values they had."""

    def __init__(self, session: ReviewNotifier, document_id: str, changes: dict[str, Any]):
        label = FIELDS[next(iter(changes))] if len(changes) == 1 else "document details"
        super().__init__(session, f"Edit “{label}”")
        self.document_id, self.changes = document_id, changes
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def do_first(self) -> ReviewChanges:
        old = get_document(self.session.review, self.document_id).metadata()
        set_metadata(self.session.review, self.document_id, self.changes,
                     reviewer=self.session.reviewer)
        new = get_document(self.session.review, self.document_id).metadata()
        fields = [f for f in self.changes if old[f] != new[f]]
        self.before = {f: old[f] for f in fields}
        self.after = {f: new[f] for f in fields}
        return ReviewChanges(documents=ids(self.document_id))

    def do_undo(self) -> ReviewChanges:
        return self._set(self.before)

    def do_redo(self) -> ReviewChanges:
        return self._set(self.after)

    def _set(self, values: dict[str, Any]) -> ReviewChanges:
        set_metadata(self.session.review, self.document_id, values,
                     reviewer=self.session.reviewer)
        return ReviewChanges(documents=ids(self.document_id))


class PairingDecision(ReviewCommand):
    """The lead's pairing decision on several pairs of claims (confirm, split, join); undo
    decides each pair again as it was before."""

    def __init__(self, session: ReviewNotifier, text: str, pairs: list[tuple[str, str]],
                 decision: str | None):
        super().__init__(session, text)
        self.pairs, self.decision = pairs, decision
        self.previous: dict[tuple[str, str], str | None] = {}

    def do_first(self) -> ReviewChanges:
        self.previous = decide_pairings(self.session.review, self.pairs, self.decision,
                                        self.session.reviewer)
        return PAIRING_CHANGES

    def do_undo(self) -> ReviewChanges:
        before: dict[str | None, list[tuple[str, str]]] = {}
        for pair, decision in self.previous.items():
            before.setdefault(decision, []).append(pair)
        with self.session.review.transaction():
            for decision, pairs in before.items():
                decide_pairings(self.session.review, pairs, decision, self.session.reviewer)
        return PAIRING_CHANGES

    def do_redo(self) -> ReviewChanges:
        decide_pairings(self.session.review, list(self.previous), self.decision,
                        self.session.reviewer)
        return PAIRING_CHANGES


# A pairing decision changes which claims form a passage: the team windows and the report
# rows re-read; no claim's own fields change.
PAIRING_CHANGES = ReviewChanges(conflicts=True)
