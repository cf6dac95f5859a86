"""File → Merge review files…: choose teammates' files, preview what each adds, then merge.

The preview is core's (core/team/merge_preview.py, also `reviewtool merge --dry-run`): a dry
run on a private copy, so the open file is untouched until Merge is pressed. A file that
cannot be merged is refused with one sentence and left out; one with nothing new is not
merged, and Merge stays disabled while no file adds anything.

The merge goes through the Session and is on the undo stack (undo.MergeCommand): undoing it
puts back the file as it was before. Merging again is harmless: a merge is idempotent.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewtool.core.store.reviewfile import SUFFIX
from reviewtool.core.team.merge import MergeSummary
from reviewtool.core.team.merge_copy import merge_into_copy
from reviewtool.core.team.merge_preview import FilePreview, preview_merge
from reviewtool.core.wording import counted
from reviewtool.gui.errors import report_error
from reviewtool.gui.highlights import error_colour
from reviewtool.gui.workers import Job, JobRunner
from reviewtool.gui.session import MergeDone, Session
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.rows_model import RowsModel


@dataclass(frozen=True)
class PreviewRow:
    """A file in the list: its preview (core's FilePreview), once checked, and whether it has
    been merged in this round."""

    path: Path
    preview: FilePreview | None = None
    merged: bool = False

    @property
    def summary(self) -> MergeSummary | None:
        return self.preview.summary if self.preview else None

    @property
    def refusal(self) -> str:
        return self.preview.refusal if self.preview else ""

    @property
    def ready(self) -> bool:
        """Merging it would add something: files with nothing new are not merged again."""
        return self.preview is not None and self.preview.adds_something and not self.merged


class PreviewModel(RowsModel):
    HEADERS = ("File", "Documents", "Claims", "Appraisals", "Other records", "Edits",
               "New conflicts", "Result")
    COUNTS = ("documents", "claims", "appraisals", "other_records", "edits", "conflicts")

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.path.name
            if column == len(self.HEADERS) - 1:
                return self.result(row)
            if row.summary is None:
                return ""
            return str(getattr(row.summary, self.COUNTS[column - 1]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.path) if column == 0 else self.result(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.refusal:
            return QBrush(error_colour(QApplication.palette()))
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < column < len(self.HEADERS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def result(row: PreviewRow) -> str:
        if row.preview is None:
            return "checking…"
        if row.merged:
            return "merged" if row.preview.adds_something else "nothing new (merged)"
        return row.preview.result


class MergeDialog(QDialog):
    def __init__(self, context: TeamContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.runner = JobRunner(self)
        self.setWindowTitle("Merge review files")
        self.setAcceptDrops(True)
        self.resize(900, 420)

        self.intro = QLabel(wordWrap=True)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.setAcceptDrops(False)  # drops go to the dialog
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # Rows grow to show a refusal in full: it is the one sentence that says what to do.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(PreviewModel.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Files to merge")
        self.table.setAccessibleDescription("Each file with what merging it would add, or why "
                                            "it cannot be merged")
        self.add_button = QPushButton("&Add files…")
        self.add_button.setToolTip("Choose teammates' review files to merge")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Take the selected files off the list (Del)")
        self.force = QCheckBox("Also merge files of &other reviews")
        self.force.setToolTip("Files made from another review's copy are refused unless this is ticked.")
        self.progress = QProgressBar(maximum=0, textVisible=False, visible=False)
        self.progress.setMaximumWidth(140)
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName("Merge status")
        self.status.setAccessibleDescription("What the preview or the merge found")
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setDefault(True)
        self.copy_button = buttons.addButton("Merge into a &Copy…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Merge into a new file made from this review, which stays "
                                    "as it is")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close this window (Esc)")
        self.merge_button.setToolTip("Merge the files ready to merge into this review "
                                     "(Edit → Undo takes it back)")
        close.clicked.connect(self.reject)

        row = QHBoxLayout()
        for widget in (self.add_button, self.remove_button, self.force):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        self.force.toggled.connect(lambda _: self.refresh_preview())
        self.merge_button.clicked.connect(self.merge)
        self.copy_button.clicked.connect(self.choose_copy)
        self.runner.busyChanged.connect(self._busy)
        self.reset()

    # -- files ---------------------------------------------------------------------------------

    def reset(self) -> None:
        """Start again for the file now open (the dialog is reused)."""
        target = self.context.path()
        name = target.name if target else "the open review"
        self.intro.setText(
            f"Merge teammates' copies into <b>{_escape(name)}</b>. Add their files (or drop "
            "them here); the table shows what each adds. Nothing is written until you press "
            "Merge, and a file that cannot be merged is left out.")
        self.model.set_rows([])
        self.status.clear()
        self._update_buttons()

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Review files to merge", str(self.context.path().parent if self.context.path() else ""),
            f"Review files (*{SUFFIX});;All files (*)")
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> None:
        known = {row.path for row in self.model.rows if not row.merged}
        rows = [row for row in self.model.rows if not row.merged]
        rows += [PreviewRow(path) for path in dict.fromkeys(Path(p) for p in paths) if path not in known]
        self.model.set_rows(rows)
        self.refresh_preview()

    def remove_selected(self) -> None:
        chosen = {index.row() for index in self.table.selectionModel().selectedRows()}
        if chosen:
            self.model.set_rows([r for n, r in enumerate(self.model.rows) if n not in chosen])
            self.refresh_preview()

    def dragEnterEvent(self, event) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = _local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- preview and merge ---------------------------------------------------------------------

    def refresh_preview(self) -> None:
        target, sources = self.context.path(), [row.path for row in self.model.rows]
        if target is None or not sources:
            self._update_buttons()
            return
        self.status.setText("Checking the files…")
        force, reviewer = self.force.isChecked(), self.context.reviewer()
        self.runner.start(Job("Checking the files", None, lambda _review, _job: preview_merge(
            target, sources, force=force, reviewer=reviewer)), self._previewed, self._failed,
            kind="preview")
        self._update_buttons()

    def _previewed(self, previews: list[FilePreview]) -> None:
        rows = [PreviewRow(p.path, p) for p in previews]
        self.model.set_rows(rows)
        ready = sum(r.ready for r in rows)
        refused = sum(bool(r.refusal) for r in rows)
        unchanged = len(rows) - ready - refused
        parts = [f"{counted(ready, 'file')} ready to merge"]
        if unchanged:
            parts.append(f"{unchanged} with nothing new")
        if refused:
            parts.append(f"{refused} refused (see the table)")
        self.status.setText("; ".join(parts) + ".")
        self._update_buttons()

    def merge(self) -> None:
        sources = [row.path for row in self.model.rows if row.ready]
        if self.context.path() is None or not sources or self.runner.busy:
            return
        self.status.setText("Merging…")
        session = self.context.session()
        self.runner.start(Job("Merging", None, session.merge_work(sources, self.force.isChecked())),
                          lambda done: self._merged(session, done), self._failed)
        self._update_buttons()

    def _merged(self, session: Session, done: MergeDone) -> None:
        merged = dict(zip(done.sources, done.summaries, strict=True))
        rows = [PreviewRow(r.path, FilePreview(r.path, merged[r.path]), merged=True)
                if r.path in merged else r for r in self.model.rows]
        self.model.set_rows(rows)
        claims = sum(s.claims for s in done.summaries)
        conflicts = sum(s.conflicts for s in done.summaries)
        files = counted(len(done.summaries), "file")
        session.merged(done, f"Merge {files}")
        self.status.setText(
            f"Merged {files}: {counted(claims, 'new claim')}, "
            f"{counted(conflicts, 'new conflict')}. Edit → Undo takes the merge back; the file "
            f"as it was before is also kept as {session.path.name}.before-merge.")
        self._update_buttons()

    def choose_copy(self) -> None:
        target = self.context.path()
        if target is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Merge into a copy", str(target.with_name(f"{target.stem}-merged{SUFFIX}")),
            f"Review files (*{SUFFIX})")
        if chosen:
            self.merge_into_copy(Path(chosen))

    def merge_into_copy(self, copy: Path) -> None:
        """Merge the ready files into a new file made from this review; this one is untouched."""
        target = self.context.path()
        sources = [row.path for row in self.model.rows if row.ready]
        if target is None or not sources or self.runner.busy:
            return
        copy = copy if copy.suffix == SUFFIX else copy.with_name(copy.name + SUFFIX)
        self.status.setText("Merging into a copy…")
        force, reviewer = self.force.isChecked(), self.context.reviewer()
        self.runner.start(Job("Merging into a copy", None, lambda _r, _j: merge_into_copy(
            target, sources, copy, force=force, reviewer=reviewer)),
            lambda summaries: self._copied(copy, summaries), self._failed)
        self._update_buttons()

    def _copied(self, copy: Path, summaries: list[MergeSummary]) -> None:
        claims = sum(s.claims for s in summaries)
        self.status.setText(
            f"Merged {counted(len(summaries), 'file')} into the copy {copy.name} "
            f"({counted(claims, 'new claim')}); {self.context.path().name} is unchanged. "
            "Open the copy with File → Open Review.")
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        report_error(error, self.status.setText)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.runner.busy
        self.merge_button.setEnabled(idle and any(r.ready for r in self.model.rows))
        self.copy_button.setEnabled(self.merge_button.isEnabled())
        self.add_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and bool(self.model.rows))

    def closeEvent(self, event) -> None:
        self.runner.wait(-1)  # a merge must not be cut short
        super().closeEvent(event)

    def reject(self) -> None:
        self.runner.wait(-1)  # a merge must not be cut short
        super().reject()


def _local_files(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
