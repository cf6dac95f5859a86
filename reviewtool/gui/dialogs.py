"""Small dialogs: a new review, the reviewer's name."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.store.reviewfile import SUFFIX

FILE_FILTER = f"Review files (*{SUFFIX});;All files (*)"


class NewReviewDialog(QDialog):
    """Title, question, reviewer name and where to save the new review file."""

    def __init__(self, reviewer: str = "", folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newReviewDialog")
        self.setWindowTitle("New Review")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Kratom and sleep")
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText("The question the review sets out to answer")
        self.question.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setPlaceholderText("Your name, as teammates will see it")
        self.path = QLineEdit()
        self.path.setPlaceholderText(f"where to save it (a new {SUFFIX} file)")
        self._folder = folder or str(Path.home())
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title:", self.title)
        form.addRow("&Question:", self.question)
        form.addRow("&Your name:", self.reviewer)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)  # the row is a layout: the mnemonic needs a buddy
        form.addRow(file_label, where)
        note = QLabel("Everything you do is saved in this file as you go; there is no Save.")
        note.setEnabled(False)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for line in (self.title, self.reviewer, self.path):
            line.textChanged.connect(self._check)
        self.title.textChanged.connect(self._suggest_path)
        self._path_edited = False
        self.path.textEdited.connect(lambda _: setattr(self, "_path_edited", True))
        self._check()
        self.resize(560, self.sizeHint().height())

    def _suggest_path(self, title: str) -> None:
        if self._path_edited:
            return
        name = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title).strip()
        name = "-".join(name.lower().split())
        self.path.setText(str(Path(self._folder) / f"{name}{SUFFIX}") if name else "")

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "New Review File",
                                                self.path.text() or self._folder, FILE_FILTER)
        if chosen:
            if not chosen.endswith(SUFFIX):
                chosen += SUFFIX
            self.path.setText(chosen)
            self._path_edited = True

    def _check(self) -> None:
        ok = bool(self.title.text().strip() and self.reviewer.text().strip()
                  and self.path.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, str]:
        path = self.path.text().strip()
        if path and not path.endswith(SUFFIX):
            path += SUFFIX
        return {"path": path, "title": self.title.text().strip(),
                "question": self.question.toPlainText().strip(),
                "reviewer": " ".join(self.reviewer.text().split())}


class ReviewerDialog(QDialog):
    """Asked on first run: the name recorded on every claim and edit."""

    def __init__(self, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewerDialog")
        self.setWindowTitle("Your Name")
        intro = QLabel("reviewtool records who made each claim and edit, so that teammates "
                       "can merge their files and compare their work. Which name should it "
                       "record for you?")
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("e.g. Amara Okafor")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(bool(name.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> str:
        return " ".join(self.name.text().split())
