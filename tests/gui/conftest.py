"""Fixtures for the desktop app's tests: a main window with private settings."""

from pathlib import Path

import pytest

from ..conftest import SEEDS


@pytest.fixture
def settings(tmp_path: Path):
    """Settings in a private INI file, with the reviewer's name already given."""
    from PySide6.QtCore import QSettings

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("reviewer/name", "Amara Okafor")
    return store


@pytest.fixture
def window(qtbot, settings):
    from reviewtool.gui.main_window import MainWindow

    main = MainWindow(settings=settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def wait_for_jobs(qtbot, window, timeout: int = 20000) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=timeout)


def import_seeds(qtbot, window) -> None:
    window.import_paths(SEEDS)
    wait_for_jobs(qtbot, window)
    assert window.workbench.documents.model.rowCount() == len(SEEDS)


@pytest.fixture
def workbench(qtbot, window, review_path):
    """The window with the test review open and the three demo articles imported."""
    assert window.open_review(review_path)
    import_seeds(qtbot, window)
    return window
