"""`reviewtool` with no command, and `reviewtool gui FILE`, open the main window."""

import pytest
from click.testing import CliRunner

from reviewtool.cli import cli


@pytest.fixture
def launched(monkeypatch):
    calls = []
    from reviewtool.gui import app

    monkeypatch.setattr(app, "run", lambda path=None: calls.append(path) or 0)
    return calls


def test_no_command_opens_the_app(launched):
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0 and launched == [None]


def test_gui_command_opens_the_file(launched, review_path):
    result = CliRunner().invoke(cli, ["gui", str(review_path)])
    assert result.exit_code == 0 and launched == [review_path]


def test_first_run_asks_for_the_name_and_records_it(qtbot, tmp_path, review_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from reviewtool.gui import dialogs
    from reviewtool.gui.main_window import MainWindow

    store = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(dialogs.ReviewerDialog, "exec", lambda self: (
        self.name.setText("  Chen   Wei "), QDialog.DialogCode.Accepted)[1])
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    assert window.open_review(review_path)
    assert window.session.reviewer == "Chen Wei"
    assert store.value("reviewer/name") == "Chen Wei"
    assert window.settings.recent_files() == [review_path.resolve()]
    window.close()


def test_new_review_is_created_and_opened(qtbot, window, tmp_path):
    path = tmp_path / "new.review"
    assert window.create_review(path, "Sleep aids", "What is claimed?", "Amara Okafor")
    assert window.session.path == path
    assert window.windowTitle().startswith("Sleep aids")


def test_splitter_sizes_are_remembered(qtbot, settings, review_path):
    from reviewtool.gui.main_window import MainWindow

    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.open_review(review_path)
    first.workbench.main.setSizes([400, 600, 400])
    wanted = first.workbench.main.sizes()
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.show()
    second.resize(first.size())  # the offscreen screen is smaller than the saved geometry
    second.open_review(review_path)
    assert second.workbench.main.sizes() == wanted
    second.close()
