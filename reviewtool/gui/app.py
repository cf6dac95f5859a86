"""Starting the desktop app: the QApplication, logging, the exception hook, the main window."""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
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
    from reviewtool.gui.theme import apply_theme

    apply_theme(app)  # light or dark, as the system is, and on every change
    return app


def _icon():
    from reviewtool.gui.icons import app_icon
    return app_icon()


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
    window.show()
    if path is not None:
        window.open_review(Path(path))
    else:
        window.ask_reviewer_if_unknown()
    try:
        return app.exec()
    finally:
        hook.uninstall()
