"""Starting the desktop app: the QApplication, logging, the exception hook, the main window."""

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reviewtool import __version__
from reviewtool.gui.settings import APPLICATION, ORGANIZATION


def create_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with our names if there is none yet."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName("reviewtool")
    QGuiApplication.setDesktopFileName("reviewtool")
    # Qt 6 scales for high-DPI screens by itself; pass fractional factors through unrounded
    # so text stays crisp at 125 % and 150 %.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setWindowIcon(_icon())
    from reviewtool.gui.script_fonts import add_script_fonts
    add_script_fonts()

    from reviewtool.gui.theme import apply_theme

    apply_theme(app)  # light or dark, as the system is, and on every change
    return app


def _icon():
    from reviewtool.gui.icons import app_icon
    return app_icon()


class FileOpenEvents(QObject):
    """Opens the review file the system asks for: macOS's Finder sends a double-clicked
    document to the app as an event, not on the command line."""

    def __init__(self, open_review: Callable[[Path], object], parent: QObject | None = None):
        super().__init__(parent)
        self.open_review = open_review

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.open_review(Path(event.file()))
            return True
        return False


def run(path: Path | None = None) -> int:
    """Open the main window (and `path`, if given) and run until it is closed."""
    app = create_application()
    from reviewtool.gui.errors import ExceptionHook, log, setup_logging
    from reviewtool.gui.main_window import MainWindow

    log_path = setup_logging()
    log.info("reviewtool %s started", __version__)
    window = MainWindow()
    hook = ExceptionHook(lambda: window).install()
    window.log_path = log_path
    file_events = FileOpenEvents(window.open_review, app)
    app.installEventFilter(file_events)
    window.show()
    # Logged once the event loop runs, i.e. when the window is on screen: start-up problems
    # reported by users come with this line (or without it).
    QTimer.singleShot(0, lambda: log.info("main window shown"))
    if path is not None:
        if window.open_review(Path(path)):
            log.info("opened %s", path)
    else:
        window.ask_reviewer_if_unknown()
    try:
        return app.exec()
    finally:
        hook.uninstall()
