"""The claim beside the reader: its quote, who recorded it, and its generated form.

Each finished field is committed at once through the session (one undoable edit); the
panel then shows the answers as saved.
"""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.review.claims import Claim, get_claim
from reviewtool.core.errors import NotFound, ReviewError
from reviewtool.core.forms.in_review import form_in_force
from reviewtool.core.review.records import current_answers
from reviewtool.core.wording import counted
from reviewtool.gui.form_widget import FormWidget
from reviewtool.gui.highlights import swatch
from reviewtool.gui.icons import icon
from reviewtool.gui.session import Session

EMPTY_TEXT = ("No claim selected.\n\nSelect a passage in the document and press Ctrl+E "
              "(or Ctrl+1 risk, Ctrl+2 benefit, Ctrl+3 open question) to record a claim; "
              "click a highlighted passage to open its claim.")


class HelpBox(QLabel):
    """Guidance for the field being filled in, in a fixed place below the form."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpBox")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMargin(8)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 16)
        self.show_help("", "")

    def show_help(self, label: str, text: str) -> None:
        if not label:
            self.setText("<i>Help for the field you are filling in appears here.</i>")
        else:
            import html
            self.setText(f"<b>{html.escape(label)}</b><br>{html.escape(text or 'No guidance given.')}")


class ClaimPanel(QWidget):
    failed = Signal(object)  # a ReviewError to show
    openFinding = Signal()  # the reviewer asked for the claim's finding

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.claim: Claim | None = None
        self._forms: dict[tuple[str, int], FormWidget] = {}

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("claimEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.empty.setMargin(24)

        self.kind = QLabel()
        self.status = QLabel()
        self.status.setObjectName("claimStatus")
        self.delete_button = QToolButton()
        self.delete_button.setIcon(icon("delete"))
        self.delete_button.setAutoRaise(True)
        self.delete_button.setToolTip("Delete this claim (Del)")
        self.delete_button.setAccessibleName("Delete claim")
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 8, 0)
        top.addWidget(self.kind)
        top.addWidget(self.status, 1)
        self.finding_button = QToolButton()
        self.finding_button.setObjectName("openFinding")
        self.finding_button.setText("Finding…")
        self.finding_button.setAutoRaise(True)
        self.finding_button.setToolTip("Open the finding this claim is grouped under, to judge "
                                       "its certainty")
        self.finding_button.clicked.connect(self.openFinding)
        top.addWidget(self.finding_button)
        top.addWidget(self.delete_button)
        self.quote = QLabel()
        self.quote.setObjectName("claimQuote")
        self.quote.setAccessibleDescription("The quoted passage the claim rests on")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setFrameShape(QFrame.Shape.StyledPanel)
        self.quote.setMargin(8)
        self.meta = QLabel()
        self.meta.setEnabled(False)
        self.meta.setWordWrap(True)
        self.forms = QStackedWidget()
        self.help = HelpBox()

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        quote_box = QVBoxLayout()
        quote_box.setContentsMargins(12, 0, 12, 4)
        quote_box.addWidget(self.quote)
        quote_box.addWidget(self.meta)
        layout.addLayout(quote_box)
        layout.addWidget(self.forms, 1)
        help_box = QVBoxLayout()
        help_box.setContentsMargins(12, 0, 12, 8)
        help_box.addWidget(self.help)
        layout.addLayout(help_box)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(detail)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    @property
    def claim_id(self) -> str | None:
        return self.claim.id if self.claim else None

    @property
    def form_widget(self) -> FormWidget | None:
        widget = self.forms.currentWidget()
        return widget if isinstance(widget, FormWidget) and self.claim else None

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
        for widget in self._forms.values():
            self.forms.removeWidget(widget)
            widget.deleteLater()
        self._forms.clear()
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
        self.show_claim(None)

    def show_claim(self, claim_id: str | None, reset: bool = True) -> None:
        if self.form_widget is not None and claim_id != self.claim_id:
            self.form_widget.flush()
        claim = None
        if claim_id and self.session is not None:
            try:
                claim = get_claim(self.session.review, claim_id)
            except NotFound:
                claim = None
        self.claim = claim
        if claim is None:
            self.stack.setCurrentIndex(0)
            return
        form_widget = self._form_for(claim)
        self.forms.setCurrentWidget(form_widget)
        form_widget.set_answers(current_answers(self.session.review, claim.id), reset=reset)
        self._show_header(claim)
        self.stack.setCurrentIndex(1)

    def _form_for(self, claim: Claim) -> FormWidget:
        key = (claim.form_id, claim.form_version)
        if key not in self._forms:
            form = form_in_force(self.session.review, *key)
            widget = FormWidget(form)
            widget.setObjectName("claimForm")
            widget.setAccessibleName("Claim form")
            widget.setAccessibleDescription(f"{form.title}: each answer "
                                            "is saved when you leave its field")
            widget.fieldCommitted.connect(self._commit)
            widget.helpChanged.connect(self.help.show_help)
            self._forms[key] = widget
            self.forms.addWidget(widget)
        return self._forms[key]

    def _show_header(self, claim: Claim) -> None:
        form = self.session.claim_form
        category = claim.category
        label = (form.field("category").choice_label(category) if category
                 and "category" in form.field_ids else (category or "No kind yet"))
        self.kind.setPixmap(swatch(category, 14).pixmap(14, 14))
        states = []
        if claim.anchor.orphaned:
            states.append("orphaned: passage not found after the text changed")
        states.append("complete" if claim.complete else "draft: required fields are empty")
        if claim.conflicts:
            states.append(counted(claim.conflicts, "conflicting field"))
        self.status.setText(f"<b>{label}</b> · {'; '.join(states)}")
        self.quote.setText(f"“{' '.join(claim.anchor.exact.split())}”")
        page = f", page {claim.anchor.page}" if claim.anchor.page else ""
        self.meta.setText(f"Recorded by {claim.reviewer}, {claim.created[:10]}{page}")
        self.finding_button.setVisible(claim.finding_id is not None)

    def focus_form(self) -> None:
        widget = self.form_widget
        if widget is not None:
            field_id = widget.first_needed_field()
            if field_id:
                widget.focus_field(field_id)

    def _commit(self, field_id: str, value: Any) -> None:
        if self.claim is None or self.session is None:
            return
        try:
            self.session.edit_claim(self.claim.id, {field_id: value})
        except ReviewError as error:
            self.failed.emit(error)
            self.show_claim(self.claim.id, reset=False)

    def delete_current(self) -> None:
        if self.claim is None or self.session is None:
            return
        try:
            self.session.delete_claim(self.claim.id)
        except ReviewError as error:
            self.failed.emit(error)

    def _changed(self, changes) -> None:
        if self.claim is not None and (changes.whole_file or self.claim.id in changes.claims):
            self.show_claim(self.claim.id, reset=False)
