"""Undo for reconciliation decisions.

A decision creates consensus claims and may retire older ones (see core/reconcile.py).
Undo tombstones what it created and restores what it retired; redo does the reverse. Both
are edits like any other, so they merge to teammates; each runs as one transaction.
Conflict resolutions and merges are not on the undo stack (see conflicts_panel.py and
merge_dialog.py for why).
"""

from pathlib import Path

from PySide6.QtGui import QUndoCommand

from ...core.records import delete_record, restore_record
from ..errors import report_error
from .context import TeamContext


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
