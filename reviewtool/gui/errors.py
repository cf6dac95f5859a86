"""One path for every error to reach the reviewer.

Known errors (ReviewError) are one sentence the user can act on: shown in a message box or
the status bar, never with a traceback. Anything else is a bug: the global hook
(sys.excepthook and threading.excepthook) logs it with its traceback and shows a dialog
whose "Copy details" button puts the report on the clipboard.
"""

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reviewtool import __version__
from reviewtool.core.errors import InvalidInput, ReviewError

log = logging.getLogger("reviewtool")


def log_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def setup_logging(folder: Path | None = None) -> Path:
    """Log to reviewtool.log in the app's data folder; returns the file's path."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reviewtool.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def report_error(error: BaseException, show: Callable[[str], None]) -> None:
    """A known error is shown as its sentence; anything else goes to the installed hook."""
    if isinstance(error, ReviewError):
        show(str(error))
    else:
        sys.excepthook(type(error), error, error.__traceback__)


def known_error_text(error: BaseException) -> str:
    """The sentence to show for a ReviewError (with every problem of an InvalidInput)."""
    text = str(error)
    if isinstance(error, InvalidInput) and error.problems and len(error.problems) > 1:
        text += "\n\n" + "\n".join(error.problems)
    return text


def show_known_error(parent: QWidget | None, error: BaseException | str,
                     title: str = "Cannot do that") -> QMessageBox:
    """A window-modal message that does not block the caller (QMessageBox.open)."""
    text = error if isinstance(error, str) else known_error_text(error)
    log.info("known error shown: %s", text.replace("\n", " "))
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("knownErrorBox")
    box.open()
    return box


class BugDialog(QDialog):
    """"Something went wrong": a summary, the details, and a button to copy them."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bugDialog")
        self.setWindowTitle("reviewtool – unexpected error")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details = details
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
                       .pixmap(32, 32))
        message = QLabel(
            f"<b>Something went wrong inside reviewtool.</b><br>{_escape(summary)}<br><br>"
            "Your work up to the last completed action is saved in the review file. "
            "Please send the details below to whoever supports reviewtool for you.")
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.RichText)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(message)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ExceptionHook(QObject):
    """Installed as sys.excepthook and threading.excepthook while the app runs.

    Exceptions from other threads are handed to the GUI thread by a queued signal, since
    widgets may only be created there.
    """

    caught = Signal(object)  # the exception

    def __init__(self, parent_widget: Callable[[], QWidget | None] = lambda: None):
        super().__init__()
        self._parent_widget = parent_widget
        self._previous: tuple | None = None
        self.dialogs: list[QWidget] = []
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> "ExceptionHook":
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            if self._previous:
                self._previous[0](exc_type, exc, tb)
            return
        if exc is not None and exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if not isinstance(exc, ReviewError):
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if threading.current_thread() is threading.main_thread():
            self._show(exc)
        else:
            self.caught.emit(exc)

    def _handle_thread(self, args) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(object)
    def _show(self, exc: BaseException) -> None:
        parent = self._parent_widget()
        if isinstance(exc, ReviewError):
            self.dialogs.append(show_known_error(parent, exc))
            return
        details = (f"reviewtool {__version__}, Python {sys.version.split()[0]}, "
                   f"{sys.platform}\n\n"
                   + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        summary = f"{type(exc).__name__}: {exc}"
        dialog = BugDialog(summary, details, parent)
        self.dialogs = [d for d in self.dialogs if _alive(d)] + [dialog]
        dialog.show()


def _alive(widget: QWidget) -> bool:
    try:
        return widget.isVisible()
    except RuntimeError:  # already deleted on the C++ side
        return False
