"""Undo for reconciliation decisions and merges.

A decision creates consensus claims and may retire older ones (see core/team/reconcile.py).
Undo tombstones what it created and restores what it retired; redo does the reverse. Both
are edits like any other, so they merge to teammates; each runs as one transaction.

A merge adds history, which no edit can take back: undoing it puts back the file as it was
before (the copy core keeps as FILE.before-merge, saved for this command), and redo puts
back the merged file, saved when undoing. Each is one step of SQLite's backup API through a
connection of its own, so the window's connections stay valid. Conflict resolutions are not
on the undo stack (see conflicts_panel.py for why).
"""

import shutil
import sqlite3
import tempfile
import weakref
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from reviewtool.core.errors import ReviewError
from reviewtool.core.review.records import delete_record, restore_record
from reviewtool.core.store.reviewfile import ReviewFile, save_copy
from reviewtool.gui.errors import report_error
from reviewtool.gui.team.context import TeamContext


class ConsensusCommand(QUndoCommand):
    def __init__(self, context: TeamContext, path: Path, text: str, created: list[str],
                 retired: list[str] = ()):
        super().__init__(text)
        self.context = context
        self.path = path  # the file it was done in, even if another is opened later
        self.created = list(created)
        self.retired = list(retired)
        self._done = True  # pushed after the decision itself was written

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(restore=self.created, delete=self.retired)

    def undo(self) -> None:
        self._apply(restore=self.retired, delete=self.created)

    def _apply(self, *, restore: list[str], delete: list[str]) -> None:
        try:
            with self.context.writing(self.path) as review, review.transaction():
                reviewer = self.context.reviewer()
                for claim_id in delete:
                    delete_record(review, claim_id, reviewer=reviewer)
                for claim_id in restore:
                    restore_record(review, claim_id, reviewer=reviewer)
        except Exception as error:  # known errors shown, bugs to the excepthook
            report_error(error, self.context.problem.emit)
        self.context.notify()


def keep_before_merge(path: Path) -> Path:
    """A private copy of FILE.before-merge, which the next merge replaces, for MergeCommand.
    It copies the whole file: call it with the merge, off the UI thread."""
    folder = Path(tempfile.mkdtemp(prefix="reviewtool-undo-merge-"))
    kept = folder / "before.review"
    shutil.copyfile(path.with_name(path.name + ".before-merge"), kept)
    return kept


class MergeCommand(QUndoCommand):
    def __init__(self, context: TeamContext, path: Path, text: str, before: Path):
        """`before` comes from keep_before_merge; its folder, which also holds the merged
        file while the merge is undone, goes with the command."""
        super().__init__(text)
        self.context = context
        self.path = path
        self.before, self.after = before, before.with_name("after.review")
        weakref.finalize(self, shutil.rmtree, before.parent, True)
        self._done = True  # pushed after the merge itself was written

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._put_back(self.after)

    def undo(self) -> None:
        self._put_back(self.before, keep=self.after)

    def _put_back(self, copy: Path, keep: Path | None = None) -> None:
        try:
            with ReviewFile.open(self.path) as review:
                if keep is not None:  # the merged state, for redo
                    save_copy(review.conn, keep)
                source = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    source.backup(review.conn)  # one step: all of the file or none of it
                finally:
                    source.close()
        except sqlite3.Error as error:  # e.g. busy in another program: one sentence
            report_error(ReviewError(f"{self.path} could not be changed back ({error}); "
                                     "close other programs using it and try again."),
                         self.context.problem.emit)
        except Exception as error:  # known errors shown, bugs to the excepthook
            report_error(error, self.context.problem.emit)
        self.context.notify()
