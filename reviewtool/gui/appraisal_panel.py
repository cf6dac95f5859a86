"""Your appraisal of the current document, on the appraisal form.

Core saves an appraisal only when its required fields are answered, so answers given
before that are held here and the panel says plainly that they are not saved yet; from
then on each finished field is committed at once, as in the claim form.
"""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from reviewtool.core.review.documents import get_document
from reviewtool.core.errors import InvalidInput, NotFound, ReviewError
from reviewtool.core.review.records import current_answers
from reviewtool.gui.claim_panel import HelpBox
from reviewtool.gui.form_widget import FormWidget
from reviewtool.gui.session import Session


class AppraisalPanel(QWidget):
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.document_id: str | None = None
        self.pending: dict[str, Any] = {}
        self.form_widget: FormWidget | None = None
        self.empty = QLabel("Choose a document to appraise it.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("appraisalStatus")
        self.status.setWordWrap(True)
        self.help = HelpBox()
        self.body = QWidget()
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(4)
        head = QVBoxLayout()
        head.setContentsMargins(12, 8, 12, 0)
        head.addWidget(self.heading)
        head.addWidget(self.status)
        self._body_layout.addLayout(head)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
        if self.form_widget is not None:
            self._body_layout.removeWidget(self.form_widget)
            self._body_layout.removeWidget(self.help)
            self.form_widget.deleteLater()
            self.form_widget = None
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
            self.form_widget = FormWidget(session.appraisal_form)
            self.form_widget.setObjectName("appraisalForm")
            self.form_widget.fieldCommitted.connect(self._commit)
            self.form_widget.helpChanged.connect(self.help.show_help)
            self._body_layout.addWidget(self.form_widget, 1)
            help_box = self.help
            help_box.setContentsMargins(0, 0, 0, 0)
            self._body_layout.addWidget(help_box)
        self.show_document(None)

    def show_document(self, document_id: str | None) -> None:
        if self.form_widget is not None and document_id != self.document_id:
            self.form_widget.flush()
        self.document_id = document_id
        self.pending = {}
        if document_id is None or self.session is None or self.form_widget is None:
            self.stack.setCurrentIndex(0)
            return
        try:
            title = get_document(self.session.review, document_id).title
        except NotFound:
            self.stack.setCurrentIndex(0)
            return
        self.heading.setText(f"<b>{_escape(title)}</b>")
        self._load(reset=True)
        self.stack.setCurrentIndex(1)

    def _load(self, reset: bool) -> None:
        appraisal_id = self.session.appraisal_id(self.document_id)
        saved = current_answers(self.session.review, appraisal_id) if appraisal_id else {}
        self.form_widget.set_answers({**saved, **self.pending}, reset=reset)
        if self.pending:
            missing = [self.session.appraisal_form.field(f).label for f in
                       self._missing_required()]
            self.status.setText("Not saved yet: answer " + ", ".join(missing)
                                + " to save this appraisal." if missing else
                                "Not saved yet: correct the answers marked below.")
        elif appraisal_id:
            self.status.setText("Saved. Every answer is stored as soon as you finish it.")
        else:
            self.status.setText("Not appraised yet. Fields marked * are required.")

    def _missing_required(self) -> list[str]:
        answers = self.form_widget.current_answers()
        form = self.session.appraisal_form
        return [f.id for f in form.fields
                if form.is_required(f, answers) and answers.get(f.id) in (None, "", [])]

    def _commit(self, field_id: str, value: Any) -> None:
        if self.session is None or self.document_id is None:
            return
        self.pending[field_id] = value
        try:
            self.session.save_appraisal(self.document_id, dict(self.pending))
        except InvalidInput:
            self._load(reset=False)  # keep the answers; the form marks what is missing
            return
        except ReviewError as error:
            self.failed.emit(error)
            return
        self.pending = {}
        self._load(reset=False)

    def _changed(self, changes) -> None:
        appraised = changes.whole_file or (changes.appraisals and self.document_id in changes.documents)
        if appraised and self.form_widget is not None:
            self._load(reset=False)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
