"""File → Export report… and Export claims…: the PDF report and spreadsheets, built off the
UI thread with progress in the status bar, then optionally opened."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWidget)

from reviewtool.report.layouts import DEFAULT, layout_names
from reviewtool.gui.workers import Job

OPEN_WHEN_DONE = "report/open_when_done"
LAYOUT = "report/layout"


def report_job(review_path: Path, output: Path, layout_name: str) -> Job:
    """Build the report data, render and write it; Cancel is honoured between the steps."""
    def work(review, job: Job):
        from reviewtool.core.synthesis.report_data import build_report_data
        from reviewtool.report.export_files import write_atomically
        from reviewtool.report.layouts import load_layout
        from reviewtool.report.pdf import render_pdf

        layout = load_layout(layout_name)
        job.report(0, 3, "Reading the review")
        data = build_report_data(review)
        if job.is_cancelled():
            return None
        job.report(1, 3, "Drawing the pages")
        pdf = render_pdf(data, layout)
        if job.is_cancelled():
            return None
        job.report(2, 3, "Writing the file")
        write_atomically(output, pdf)
        job.report(3, 3, "Done")
        return output, data.draft
    return Job("Building the report", review_path, work, readonly=True)


def spreadsheet_job(review_path: Path, output: Path) -> Job:
    fmt = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"

    def work(review, job: Job):
        from reviewtool.report.export_files import write_export

        write_export(review, fmt, output)
        return output
    return Job("Exporting claims", review_path, work, readonly=True)


class ReportDialog(QDialog):
    """Where to save the report, which layout, and whether to open it afterwards."""

    def __init__(self, review_path: Path, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export Report")
        self.setObjectName("reportDialog")
        self.settings = settings
        self.path_edit = QLineEdit(str(review_path.with_suffix(".pdf")))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.layout_box = QComboBox()
        self.layout_box.addItems(layout_names())
        self.layout_box.setCurrentText(str(settings.value(LAYOUT, DEFAULT)))
        self.open_box = QCheckBox("&Open the PDF when it is ready")
        self.open_box.setChecked(settings.value(OPEN_WHEN_DONE, True, type=bool))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)  # the row is a layout: the mnemonic needs a buddy
        form.addRow(file_label, row)
        form.addRow("&Layout:", self.layout_box)
        form.addRow("", self.open_box)
        form.addRow(buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save Report", self.path_edit.text(),
                                                "PDF (*.pdf)")
        if chosen:
            self.path_edit.setText(chosen)

    def choice(self) -> tuple[Path, str, bool]:
        path = Path(self.path_edit.text()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.settings.setValue(LAYOUT, self.layout_box.currentText())
        self.settings.setValue(OPEN_WHEN_DONE, self.open_box.isChecked())
        return path, self.layout_box.currentText(), self.open_box.isChecked()


class ReportActions:
    """The Report menu's actions; `host` is the main window (its open Session, settings,
    progress and job runner)."""

    def __init__(self, host, parent: QWidget):
        self.host, self.parent = host, parent
        export = QAction("Export &Report…", parent)
        export.setObjectName("report_export")
        export.setShortcut(QKeySequence("Ctrl+Shift+E"))
        export.setStatusTip("Build the PDF report of risks, benefits and open questions")
        export.triggered.connect(self.export_report)
        claims = QAction("Export &Claims as Spreadsheet…", parent)
        claims.setObjectName("report_spreadsheet")
        claims.setStatusTip("One row per claim, as CSV or XLSX")
        claims.triggered.connect(self.export_claims)
        self.actions = [export, claims]

    def export_report(self) -> Job | None:
        path = self.host.session.path if self.host.session is not None else None
        if path is None:
            return None
        dialog = ReportDialog(path, self.parent.settings.store, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        output, layout, open_after = dialog.choice()
        return self.start_report(path, output, layout, open_after)

    def start_report(self, review_path: Path, output: Path, layout: str,
                     open_after: bool) -> Job:
        job = report_job(review_path, output, layout)
        self.parent.progress.track(job)

        def done(result) -> None:
            if result is None:
                return
            path, draft = result
            self.parent.statusBar().showMessage(
                f"Report written to {path}" + (f" — {draft}, listed under Unresolved items; "
                                               "every page is marked" if draft else ""), 10000)
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return self.parent.run_job(job, done)

    def export_claims(self) -> Job | None:
        path = self.host.session.path if self.host.session is not None else None
        if path is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent, "Export Claims", str(path.with_suffix(".xlsx")),
            "Excel workbook (*.xlsx);;CSV (*.csv)")
        if not chosen:
            return None
        job = spreadsheet_job(path, Path(chosen))
        self.parent.progress.track(job)
        return self.parent.run_job(job, lambda result: self.parent.statusBar().showMessage(
            f"Claims exported to {result}", 10000))
