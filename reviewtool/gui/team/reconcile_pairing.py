"""The lead's corrections to the pairing in Reconcile: confirm the claims of a passage as one
passage, split them, or join the passage with the next one of the document.

Each action writes pairing decisions (core/team/pairings.py) in one change through the Session
and goes on the undo stack, whose undo puts back the decisions there were before.
"""

from itertools import combinations, product

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from reviewtool.core.errors import InvalidInput
from reviewtool.core.team.reconcile import ReconcileUnit
from reviewtool.gui.errors import report_error
from reviewtool.gui.team.context import TeamContext

Pair = tuple[str, str]


class PairingBar(QWidget):
    """Buttons acting on the unit shown in Reconcile (and the next one, to join)."""

    done = Signal(str)  # what was decided, for the status line

    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.unit: ReconcileUnit | None = None
        self.next_unit: ReconcileUnit | None = None
        self.state = QLabel()
        self.confirm_button = QPushButton("C&onfirm pairing")
        self.confirm_button.setToolTip("These reviewers' claims quote the same passage: keep "
                                       "them together whatever the overlap threshold")
        self.split_button = QPushButton("S&plit")
        self.split_button.setToolTip("These claims quote different passages: never pair them")
        self.join_button = QPushButton("&Join with next passage")
        self.join_button.setToolTip("The next passage of the document is the same one, quoted "
                                    "differently: pair their claims")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Pairing:"))
        layout.addWidget(self.state, 1)
        for button in (self.confirm_button, self.split_button, self.join_button):
            layout.addWidget(button)
        self.confirm_button.clicked.connect(self.confirm)
        self.split_button.clicked.connect(self.split)
        self.join_button.clicked.connect(self.join)
        self.show_unit(None, None)

    def show_unit(self, unit: ReconcileUnit | None, next_unit: ReconcileUnit | None) -> None:
        self.unit, self.next_unit = unit, next_unit
        several = unit is not None and len(unit.claims) >= 2
        if unit is None:
            self.state.setText("")
        elif not several:
            self.state.setText("one reviewer's claim alone")
        else:
            self.state.setText("confirmed by the lead" if unit.paired_by_lead
                               else "proposed by the overlap rule")
        self.confirm_button.setEnabled(several and not unit.paired_by_lead)
        self.split_button.setEnabled(several)
        self.join_button.setEnabled(unit is not None and next_unit is not None)

    def confirm(self) -> None:
        if self.unit is not None:
            self._decide("Confirm pairing", "pair", _within(self.unit))

    def split(self) -> None:
        if self.unit is not None:
            self._decide("Split pairing", "split", _within(self.unit))

    def join(self) -> None:
        if self.unit is None or self.next_unit is None:
            return
        shared = set(self.unit.claims) & set(self.next_unit.claims)
        if shared:
            report_error(InvalidInput(
                f"Both passages hold a claim by {', '.join(sorted(shared))}; a passage holds "
                "one claim per reviewer, so split one of them first."), self.done.emit)
            return
        pairs = [(a.id, b.id) for a, b in product(self.unit.claims.values(),
                                                  self.next_unit.claims.values())]
        self._decide("Join passages", "pair", pairs)

    def _decide(self, text: str, decision: str, pairs: list[Pair]) -> None:
        try:
            self.context.session().decide_pairings(text, pairs, decision)
        except Exception as error:  # known errors shown, bugs to the excepthook
            report_error(error, self.done.emit)
            return
        self.done.emit(f"{text}: recorded.")


def _within(unit: ReconcileUnit) -> list[Pair]:
    return [(a.id, b.id) for a, b in combinations(unit.claims.values(), 2)]
