"""The main window: menus, toolbar, status bar, opening and closing review files, importing
(by menu or drag and drop) and search jobs. What happens inside an open review is the
workbench's business (workbench.py).

Programmatic use:

    window = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    window.show()
    window.open_review(Path("k.review"))
"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
)

from reviewtool.core.review.new_review import new_review
from reviewtool.core.errors import ReviewError
from reviewtool.core.review.queries import review_summary
from reviewtool.core.wording import counted
from reviewtool.core.store.reviewfile import SUFFIX, ReviewFile
from reviewtool.gui import actions as action_table
from reviewtool.gui import menus
from reviewtool.gui.dialogs import FILE_FILTER, NewReviewDialog, ReviewerDialog
from reviewtool.gui.errors import report_error, show_known_error
from reviewtool.gui.import_job import ImportRun, summarize
from reviewtool.gui.import_report import ImportReport
from reviewtool.gui.search_job import SearchResult, search_job
from reviewtool.gui.session import Session
from reviewtool.gui.settings import Settings
from reviewtool.gui.shortcuts import ShortcutsDialog
from reviewtool.gui.welcome import WelcomePage
from reviewtool.gui.workbench import APPRAISAL_TAB, CLAIM_TAB, Workbench
from reviewtool.gui.workers import Job, JobRunner, ProgressWidget

WIDGET_KEYS = (  # keys handled by widgets rather than actions, for the shortcuts dialog
    ("Claim form", "Next / previous field", "Tab, Shift+Tab"),
    ("Claim form", "Open a choice list", "Alt+Down, F4"),
    ("Reader", "Select text", "Shift+arrow keys"),
    ("Document list", "Clear the search", "Esc"),
)


class MainWindow(QMainWindow):
    reviewOpened = Signal(object)  # the path of the review just opened
    reviewClosed = Signal(object)  # the path of the review just closed (the team folder syncs)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = Settings(settings)
        self.session: Session | None = None
        self.log_path: Path | None = None
        self.runner = JobRunner(self)
        self._import: ImportRun | None = None  # the import running, for Quit to ask about
        self.undo_group = QUndoGroup(self)
        self.setAcceptDrops(True)
        self.resize(1400, 900)

        self.workbench = Workbench(self.settings)
        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workbench)
        self.setCentralWidget(self.pages)

        self.progress = ProgressWidget()
        self.reviewer_label = QLabel()
        self.reviewer_label.setToolTip("The name recorded on your work (Edit → Your Name…)")
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.reviewer_label)

        self.actions_by_name: dict[str, QAction] = {}
        menus.build_actions(self)
        menus.build_menus(self)
        menus.build_toolbar(self)

        self.welcome.newRequested.connect(self.new_review)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.recentChosen.connect(self.open_review)
        self.workbench.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.workbench.failed.connect(self.show_error)
        self.workbench.documents.searchRequested.connect(self.search)
        self.runner.busyChanged.connect(self._update_actions)

        state = self.settings.state("window/geometry")
        if state is not None:
            self.restoreGeometry(state)
        self._show_review_state()

    # -- building ---------------------------------------------------------------------------

    # -- opening and closing ----------------------------------------------------------------

    def open_review(self, path: Path | str) -> bool:
        """Open a review file in this window; a known problem is shown, never raised."""
        path = Path(path)
        reviewer = self.ask_reviewer_if_unknown()
        if not reviewer:
            return False
        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True  # already open
        try:
            session = Session.open(path, reviewer, self)
        except ReviewError as error:  # the review already open stays open
            self.settings.forget_recent(path)
            self.show_error(error)
            return False
        self.close_review()
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.failed.connect(self.show_error)
        session.changed.connect(self._review_changed)
        self.workbench.set_session(session)
        self.settings.add_recent(path)
        self._show_review_state()
        self.reviewOpened.emit(path)
        note = self.settings.take_stopped_import(path)
        if note:
            box = QMessageBox(QMessageBox.Icon.Information, "Import stopped", note,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("importStoppedNote")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        return True

    def close_review(self) -> None:
        if self.session is None:
            return
        self.runner.wait()
        self.team.close_all()  # its windows show this file
        self.workbench.set_session(None)
        self.undo_group.removeStack(self.session.undo_stack)
        self.session.close()
        self.session.deleteLater()
        path, self.session = self.session.path, None
        self._show_review_state()
        self.reviewClosed.emit(path)

    def new_review(self) -> None:
        dialog = NewReviewDialog(self.settings.reviewer, self.settings.last_folder(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.create_review(Path(values["path"]), values["title"], values["question"],
                           values["reviewer"])

    def create_review(self, path: Path, title: str, question: str, reviewer: str) -> bool:
        try:
            new_review(path, title=title, reviewer=reviewer, question=question).close()
        except ReviewError as error:
            self.show_error(error)
            return False
        if not self.settings.reviewer:
            self.settings.reviewer = reviewer
        self.settings.set_last_folder(path.parent)
        return self.open_review(path)

    def open_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open Review", self.settings.last_folder(),
                                                FILE_FILTER)
        if chosen:
            self.settings.set_last_folder(Path(chosen).parent)
            self.open_review(Path(chosen))

    # -- who is working ---------------------------------------------------------------------

    def ask_reviewer_if_unknown(self) -> str:
        if not self.settings.reviewer:
            self.change_reviewer()
        return self.settings.reviewer

    def change_reviewer(self) -> None:
        dialog = ReviewerDialog(self.settings.reviewer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value():
            self.settings.reviewer = dialog.value()
            if self.session is not None:
                self.session.reviewer = dialog.value()
                self.workbench.set_session(self.session)
            self._show_review_state()

    # -- importing and searching ------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import Documents", self.settings.last_folder(),
            "Documents (*.txt *.md *.html *.htm *.pdf *.docx);;All files (*)")
        if files:
            self.settings.set_last_folder(Path(files[0]).parent)
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import Folder", self.settings.last_folder())
        if folder:
            self.import_paths([Path(folder)])

    def import_references_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import References", self.settings.last_folder(),
            "Reference libraries (*.ris *.bib *.json);;All files (*)")
        if files:
            self.settings.set_last_folder(Path(files[0]).parent)
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: Sequence[Path]) -> Job | None:
        if self.session is None:
            self.statusBar().showMessage("Open or create a review before importing documents.", 6000)
            return None
        job = self.session.import_job(list(paths))
        self.progress.track(job)
        self._import = ImportRun(self.session.path, job)
        return self.run_job(job, self._imported)

    def _imported(self, outcomes) -> None:
        self._import = None
        line, failed = summarize(outcomes)
        self.statusBar().showMessage(line, 10000)
        if failed:
            ImportReport(line, failed, self).open()

    def run_job(self, job: Job, on_done: Callable[[Any], None], *, kind: str | None = None) -> Job:
        """Run a background job; its known errors are shown, its bugs reach the hook. A job of
        a `kind` supersedes the one of that kind still running (see JobRunner)."""
        return self.runner.start(job, on_done, self._job_failed, kind=kind)

    def _job_failed(self, error: BaseException) -> None:
        report_error(error, self.show_error)

    def search(self, query: str) -> None:
        if self.session is None or not query:
            return
        self.run_job(search_job(self.session.path, query), self._searched, kind="search")

    def _searched(self, result: SearchResult) -> None:
        self.workbench.documents.show_results(result.query, result.document_ids, result.snippets)
        if self.workbench.document_id in result.document_ids:  # the open one matches too
            self.workbench.reader_panel.find_bar.show_search(self.workbench.documents.shown_query())

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(QUrl(u).toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and paths[0].suffix == SUFFIX:
            self.open_review(paths[0])
        else:
            self.import_paths(paths)

    # -- action handlers --------------------------------------------------------------------

    def create_claim(self) -> None:
        self.workbench.create_claim()

    def create_risk_claim(self) -> None:
        self.workbench.create_claim("risk")

    def create_benefit_claim(self) -> None:
        self.workbench.create_claim("benefit")

    def create_question_claim(self) -> None:
        self.workbench.create_claim("open_question")

    def delete_claim(self) -> None:
        self.workbench.delete_claim()

    def next_claim(self) -> None:
        self.workbench.step_claim(1)

    def previous_claim(self) -> None:
        self.workbench.step_claim(-1)

    def next_document(self) -> None:
        self.workbench.documents.step(1)

    def previous_document(self) -> None:
        self.workbench.documents.step(-1)

    def focus_search(self) -> None:
        self.workbench.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.workbench.documents.search.selectAll()

    def find_in_document(self) -> None:
        self.workbench.reader_panel.find_bar.open_bar()

    def find_next(self) -> None:
        self.workbench.reader_panel.find_bar.step(1)

    def find_previous(self) -> None:
        self.workbench.reader_panel.find_bar.step(-1)

    def focus_documents(self) -> None:
        self.workbench.documents.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reader(self) -> None:
        self.workbench.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_claim_form(self) -> None:
        self.workbench.side.setCurrentIndex(CLAIM_TAB)
        self.workbench.claim_panel.focus_form()

    def focus_claims_table(self) -> None:
        self.workbench.claims_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_appraisal(self) -> None:
        self.workbench.side.setCurrentIndex(APPRAISAL_TAB)
        form = self.workbench.appraisal_panel.form_widget
        if form is not None and form.first_needed_field():
            form.focus_field(form.first_needed_field())

    def focus_finding(self) -> None:
        self.workbench.side.setCurrentWidget(self.workbench.finding_panel)
        self.workbench.finding_panel.focus_form()

    def focus_document_details(self) -> None:
        self.workbench.side.setCurrentWidget(self.workbench.details)
        self.workbench.details.editors["title"].setFocus()

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.shortcut_actions(), WIDGET_KEYS, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def shortcut_actions(self) -> list[QAction]:
        # Menu-bar order: the fixed menus, any optional ones, Help last.
        order = {name: i for i, name in enumerate(action_table.MENUS)}
        order["Help"] = len(order) + 1
        found = list(self.actions_by_name.values())
        return sorted(found, key=lambda a: order.get(str(a.property("menu")), len(order)))

    def show_about(self):
        from reviewtool.gui.about import AboutDialog

        dialog = AboutDialog(self, self.log_path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_error(self, error: BaseException | str) -> None:
        text = str(error)
        self.statusBar().showMessage(text.splitlines()[0] if text else "", 10000)
        show_known_error(self, error)

    # -- state ------------------------------------------------------------------------------

    def _show_review_state(self) -> None:
        has_review = self.session is not None
        self.pages.setCurrentWidget(self.workbench if has_review else self.welcome)
        self.welcome.set_recent(self.settings.recent_files())
        self.reviewer_label.setText(f"  {self.settings.reviewer or 'No name set'}  ")
        self.toolbar.setVisible(has_review)
        if has_review:
            summary = review_summary(self.session.review)
            self.setWindowTitle(f"{summary['title']} — {self.session.path.name}")
            self.setWindowFilePath(str(self.session.path))
        else:
            self.setWindowTitle("reviewtool")
            self.setWindowFilePath("")
        self._update_counts()
        self._update_actions()

    def _ask_to_stop_import(self) -> None:
        """Quitting during an import asks first. Stopping it notes what was imported, to be
        told when the review is next opened, then quits."""
        run = self._import
        box = QMessageBox(QMessageBox.Icon.Question, "Quit reviewtool",
                          f"An import is running ({run.done:,} of {run.total:,} files). "
                          "Stop it and quit?", parent=self)
        box.setObjectName("quitDuringImport")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        stop = box.addButton("&Stop Import and Quit", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Keep Importing", QMessageBox.ButtonRole.RejectRole)

        def chosen(button) -> None:
            if button is not stop:
                return
            if self._import is not None:  # it may have finished meanwhile
                run.job.cancel()
                self.runner.wait()
                self.settings.note_stopped_import(run.path, run.note())
                self._import = None
            self.close()

        box.buttonClicked.connect(chosen)
        box.open()

    def _review_changed(self, changes) -> None:
        if changes.undoing:  # "Claim recorded" no longer holds
            self.statusBar().clearMessage()
        if changes.whole_file or changes.documents_added_or_removed:
            self._show_review_state()
        elif changes.claims_added_or_removed:
            self._update_counts()

    def _update_counts(self) -> None:
        if self.session is None:
            self.counts_label.setText("")
            return
        summary = review_summary(self.session.review)
        self.counts_label.setText(f"  {counted(summary['documents'], 'document')} · "
                                  f"{counted(summary['claims'], 'claim')}  ")

    def _update_actions(self, *_args) -> None:
        for action in self.actions_by_name.values():
            if action.property("needs_review"):
                action.setEnabled(self.session is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._import is not None and self.runner.busy:
            event.ignore()
            self._ask_to_stop_import()
            return
        self.settings.set_state("window/geometry", self.saveGeometry())
        self.workbench.save_layout()
        self.close_review()
        self.settings.store.sync()
        super().closeEvent(event)
