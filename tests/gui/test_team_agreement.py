"""The agreement statistics window, and the team actions the main window installs."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from reviewtool.core.team.agreement.review import review_agreement
from reviewtool.core.team.merge import merge_files
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.gui.team.agreement_panel import AgreementPanel
from reviewtool.gui.team.conflicts_panel import ConflictsPanel
from reviewtool.gui.team.merge_dialog import MergeDialog
from reviewtool.gui.team.reconcile_view import ReconcileView
from tests.gui.team_host import open_team
from tests.builders import build_team


@pytest.fixture
def merged(tmp_path):
    team = build_team(tmp_path / "team")
    merge_files(team.a, [team.b])
    return team.a


def test_agreement_panel_shows_the_statistics(qtbot, merged, qtmodeltester):
    _, windows = open_team(qtbot, merged)
    panel = windows.open("agreement")
    assert panel.progress.isVisible()  # computed in a worker while the window stays usable
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=20000)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.robustness)
    with ReviewFile.open(merged, readonly=True) as review:
        expected = review_agreement(review)
    rows = [[panel.model.data(panel.model.index(r, c)) for c in range(6)]
            for r in range(panel.model.rowCount())]
    assert len(rows) == 2 + sum(len(f.estimates) for f in expected.fields)
    # Unitizing first, apart from the fields.
    assert [r[1] for r in rows[:2]] == ["positive specific agreement", "Krippendorff's unitizing alpha"]
    assert rows[1][3].startswith("too few documents for an interval")  # three documents
    category = next(f for f in expected.fields if f.field == "category")
    kappa = next(e for e in category.estimates if e.statistic == "Cohen's kappa")
    row = next(r for r in rows if r[0].startswith("Coding: Kind of claim") and r[1] == "Cohen's kappa")
    assert row[2] == f"{kappa.value:.3f}"
    assert row[3] == f"{kappa.ci_low:.3f} to {kappa.ci_high:.3f}"
    assert row[4] == str(kappa.n_units) and row[5] == category.unit
    assert any(r[1] == "Gwet's AC1" for r in rows) and any(r[1] == "PABAK" for r in rows)
    assert not any("not extracted" in str(r) for r in rows)
    assert "passage units: 20 (16 found by all, 4 missed by someone)" in panel.counts.text()
    assert "overlap" in panel.rule.text() and "50%" in panel.rule.text()
    assert panel.robustness.rowCount() == 3
    assert panel.robustness.data(panel.robustness.index(2, 0)) == "70%"
    assert not panel.progress.isVisible()

    # The lead raises the pairing threshold from the keyboard: recomputed at 90%.
    panel.min_overlap.setFocus()
    panel.min_overlap.selectAll()
    qtbot.keyClicks(panel.min_overlap, "0.9")
    qtbot.keyClick(panel.min_overlap, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "90%" in panel.rule.text(), timeout=20000)
    with ReviewFile.open(merged, readonly=True) as review:
        strict = review_agreement(review, min_overlap=0.9)
    assert f"passage units: {strict.units} " in panel.counts.text()
    panel.close()


def test_team_actions_open_one_window_each(qtbot, merged):
    host, windows = open_team(qtbot, merged)
    shortcuts = {a.objectName(): a.shortcut().toString() for a in windows.actions}
    assert shortcuts == {"team_merge": "Ctrl+Shift+M", "team_reconcile": "Ctrl+Shift+R",
                         "team_conflicts": "Ctrl+Shift+C", "team_agreement": "Ctrl+Shift+A"}
    classes = {"merge": MergeDialog, "reconcile": ReconcileView, "conflicts": ConflictsPanel,
               "agreement": AgreementPanel}
    for action, (name, window_class) in zip(windows.actions, classes.items(), strict=True):
        action.trigger()
        window = windows.windows[name]
        assert isinstance(window, window_class) and window.isVisible()
        action.trigger()
        assert windows.windows[name] is window  # raised again, not opened twice
    host.close()  # closing the main window closes the team windows, waiting for their work
    assert not any(w.isVisible() for w in windows.windows.values())
    assert not any(w.runner.threads_alive() for w in windows.windows.values())


def test_without_an_open_review_the_actions_say_so(qtbot):
    host, windows = open_team(qtbot, None)
    assert windows.open("reconcile") is None and windows.windows == {}
    box = host.findChild(QMessageBox)
    assert box is not None and "Open or create a review" in box.text()
    box.close()


def test_shortcuts_are_distinct(qtbot):
    _, windows = open_team(qtbot, None)
    keys = [a.shortcut() for a in windows.actions]
    assert len({k.toString() for k in keys}) == 4 and QKeySequence() not in keys


def test_every_window_has_distinct_keyboard_mnemonics(qtbot, merged):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    _, windows = open_team(qtbot, merged)
    for name in ("merge", "reconcile", "conflicts", "agreement"):
        window = windows.open(name)
        texts = [w.text() for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)
                 if not isinstance(w, QLabel) or w.buddy() is not None]
        keys = [m.lower() for t in texts for m in re.findall(r"(?<!&)&([^&\s])", t)]
        assert len(keys) == len(set(keys)), (name, texts)
        window.close()


def test_installing_the_actions_loads_no_window_or_statistics_library():
    import subprocess
    import sys

    code = ("import sys, reviewtool.gui.team; print(sorted(m for m in ('numpy', 'krippendorff', "
            "'reviewtool.core.team.reconcile', 'reviewtool.gui.team.reconcile_view') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
