"""File → Merge review files…: choose teammates' files, preview what each adds, then merge.

The preview is a dry run (core merge on a private copy), so the open file is untouched until
Merge is pressed. A file that cannot be merged is refused with one sentence and left out.

A merge is on the undo stack (commands.MergeCommand): undoing it puts back the file as it
was before, which core keeps as FILE.before-merge. Merging again is harmless: a merge is
idempotent.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from reviewtool.core.errors import ReviewError
from reviewtool.core.team.merge import MergeSummary, merge_files
from reviewtool.core.store.reviewfile import SUFFIX, check_identity, read_header
from reviewtool.core.wording import counted
from reviewtool.gui.errors import report_error
from reviewtool.gui.workers import Job, JobRunner
from reviewtool.gui.team.commands import MergeCommand, keep_before_merge
from reviewtool.gui.team.context import TeamContext
from reviewtool.gui.team.rows_model import RowsModel

REFUSED = QColor("#b3261e")


@dataclass
class PreviewRow:
    path: Path
    summary: MergeSummary | None = None
    refusal: str = ""  # one sentence: why this file cannot be merged
    merged: bool = False
    previewed: bool = False

    @property
    def ready(self) -> bool:
        return self.previewed and not self.refusal and not self.merged


def preview_merge(target: Path, sources: list[Path], *, force: bool = False,
                  reviewer: str | None = None) -> list[PreviewRow]:
    """What merging `sources` into `target` would add, without writing to `target`.

    Each file is first tried alone, so that a bad one is named and the others still merge;
    then the good ones together, so that the counts are exact when files overlap.
    """
    check_identity(target, *read_header(target))
    rows: dict[Path, PreviewRow] = {}
    good = []
    for source in sources:
        try:
            merge_files(target, [source], dry_run=True, force=force, reviewer=reviewer)
        except ReviewError as error:
            rows[source] = PreviewRow(source, refusal=str(error), previewed=True)
        else:
            good.append(source)
    if good:
        summaries = merge_files(target, good, dry_run=True, force=force, reviewer=reviewer)
        for source, summary in zip(good, summaries, strict=True):
            rows[source] = PreviewRow(source, summary, previewed=True)
    return [rows[source] for source in sources]


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
            return QBrush(REFUSED)
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < column < len(self.HEADERS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def result(row: PreviewRow) -> str:
        if row.refusal:
            return row.refusal
        if not row.previewed:
            return "checking…"
        if row.summary is not None and not row.summary.versions:
            return "nothing new" + (" (merged)" if row.merged else "")
        return "merged" if row.merged else "ready to merge"


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
        self.add_button = QPushButton("&Add files…")
        self.remove_button = QPushButton("&Remove")
        self.force = QCheckBox("Also merge files of &other reviews")
        self.force.setToolTip("Files made from another review's copy are refused unless this is ticked.")
        self.progress = QProgressBar(maximum=0, textVisible=False, visible=False)
        self.progress.setMaximumWidth(140)
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setDefault(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
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

    def _previewed(self, rows: list[PreviewRow]) -> None:
        self.model.set_rows(rows)
        ready = [r for r in rows if r.ready]
        refused = len(rows) - len(ready)
        text = f"{counted(len(ready), 'file')} ready to merge"
        self.status.setText(text + (f"; {refused} refused (see the table)." if refused else "."))
        self._update_buttons()

    def merge(self) -> None:
        target = self.context.path()
        sources = [row.path for row in self.model.rows if row.ready]
        if target is None or not sources or self.runner.busy:
            return
        self.status.setText("Merging…")
        force, reviewer = self.force.isChecked(), self.context.reviewer()

        def work(_review, _job) -> tuple[list[MergeSummary], Path]:
            summaries = merge_files(target, sources, force=force, reviewer=reviewer)
            return summaries, keep_before_merge(target)

        self.runner.start(Job("Merging", None, work),
                          lambda done: self._merged(target, sources, *done), self._failed)
        self._update_buttons()

    def _merged(self, target: Path, sources: list[Path], summaries: list[MergeSummary],
                before: Path) -> None:
        merged = dict(zip(sources, summaries, strict=True))
        rows = [PreviewRow(r.path, merged[r.path], merged=True, previewed=True) if r.path in merged
                else r for r in self.model.rows]
        self.model.set_rows(rows)
        claims = sum(s.claims for s in summaries)
        conflicts = sum(s.conflicts for s in summaries)
        self.context.undo_stack().push(MergeCommand(
            self.context, target, f"Merge {counted(len(summaries), 'file')}", before))
        self.status.setText(
            f"Merged {counted(len(summaries), 'file')}: {counted(claims, 'new claim')}, "
            f"{counted(conflicts, 'new conflict')}. Edit → Undo takes the merge back; the file "
            f"as it was before is also kept as {target.name}.before-merge.")
        self._update_buttons()
        self.context.notify()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        report_error(error, self.status.setText)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.runner.busy
        self.merge_button.setEnabled(idle and any(r.ready for r in self.model.rows))
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
