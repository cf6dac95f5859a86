"""Readable and named: WCAG AA contrast in the light and the dark palette (the system's
colour scheme picks one), claim highlights and find marks included, and every control with
an accessible name and description, as a screen reader gets them."""

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from reviewtool.gui.contrast import AA, contrast
from reviewtool.gui.highlights import (
    CATEGORY_COLOURS,
    error_colour,
    find_mark_background,
    highlight_background,
)
from reviewtool.gui.theme import TEXT_PAIRS, G, R, palette
from tests.gui.test_working_day import record_claim


def test_contrast_ratio_matches_the_wcag_worked_values():
    from PySide6.QtGui import QColor

    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)
    # #767676 on white is the lightest grey that passes AA (4.54:1, WebAIM's checker).
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast(QColor("#777777"), QColor("#ffffff")) < AA


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_role_reads_at_aa_on_its_background(qtbot, dark):
    colours = palette(dark)
    for text, background in TEXT_PAIRS:
        for group in (G.Active, G.Inactive):
            ratio = contrast(colours.color(group, text), colours.color(group, background))
            assert ratio >= AA, (text, background, round(ratio, 2))
    # Muted labels are disabled labels: their text must read too (the start page's tagline,
    # the reader's subtitle, the claims count).
    for text, background in ((R.WindowText, R.Window), (R.Text, R.Base)):
        ratio = contrast(colours.color(G.Disabled, text), colours.color(G.Disabled, background))
        assert ratio >= AA, (text, background, round(ratio, 2))
    assert contrast(error_colour(colours), colours.color(R.Window)) >= AA


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_claim_highlights_and_find_marks_keep_the_text_readable(qtbot, dark):
    colours = palette(dark)
    text = colours.color(R.Text)
    categories = [*CATEGORY_COLOURS, None]
    combinations = [[c] for c in categories] + [list(p) for p in itertools.combinations(categories, 2)]
    for covering, current in itertools.product(combinations, (False, True)):
        ratio = contrast(text, highlight_background(colours, covering, current))
        assert ratio >= AA, (covering, current, round(ratio, 2))
    for current in (False, True):
        assert contrast(text, find_mark_background(colours, current)) >= AA
    # The highlights still tell the kinds apart, and the current claim from the others.
    assert highlight_background(colours, ["risk"]) != highlight_background(colours, ["benefit"])
    assert highlight_background(colours, ["risk"], True) != highlight_background(colours, ["risk"])


def test_the_app_follows_the_system_colour_scheme(qtbot):
    from reviewtool.gui.theme import apply_theme

    app = QApplication.instance()
    before = app.palette()
    try:
        apply_theme(app, dark=True)
        assert app.palette().color(R.Base) == palette(True).color(R.Base)
        apply_theme(app, dark=False)
        assert app.palette().color(R.Base) == palette(False).color(R.Base)
        apply_theme(app)  # follow the system from now on
        hints = app.styleHints()
        # The offscreen platform has no colour scheme to switch: its signal stands in for
        # the desktop's switch.
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert app.palette().color(R.Base) == palette(True).color(R.Base)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert app.palette().color(R.Base) == palette(False).color(R.Base)
    finally:
        app.setPalette(before)


def accessible(widget: QWidget, what) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(what).strip() if interface is not None else ""


def test_every_control_has_an_accessible_name_and_description(qtbot, workbench):
    window = workbench
    record_claim(qtbot, window)
    window.workbench.reader_panel.find_bar.open_bar()
    lacking = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.isWindow() and not window.workbench.isAncestorOf(widget):
            continue
        name = accessible(widget, QAccessible.Text.Name)
        description = accessible(widget, QAccessible.Text.Description)
        if isinstance(widget, QTabBar):  # a tab bar is read tab by tab
            interface = QAccessible.queryAccessibleInterface(widget)
            tabs = [interface.child(i) for i in range(widget.count())]
            description = all(t.text(QAccessible.Text.Description) for t in tabs) and "tabs"
        if not name or not description:
            lacking.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"name={name!r} description={description!r}")
    assert not lacking, "\n".join(lacking)
    # The reader tells a screen reader which claims cover the text at the cursor.
    reader = window.workbench.reader
    span = reader.spans[0]
    reader.select_range(span.start + 1, span.start + 1)
    assert accessible(reader, QAccessible.Text.Description).startswith("Not yet decided claim")


def test_every_control_of_the_team_windows_is_named_and_described(qtbot, tmp_path):
    from reviewtool.core.team.merge import merge_files
    from tests.gui.team_host import open_team
    from tests.builders import build_team

    team = build_team(tmp_path)
    merge_files(team.a, [team.b])
    _, windows = open_team(qtbot, team.a)
    lacking = []
    for name in ("merge", "reconcile", "conflicts", "agreement"):
        window = windows.open(name)
        qtbot.waitUntil(lambda window=window: not window.runner.busy)
        for widget in window.findChildren(QWidget):
            if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if not (accessible(widget, QAccessible.Text.Name)
                    and accessible(widget, QAccessible.Text.Description)):
                lacking.append(f"{name}: {type(widget).__name__} "
                               f"{accessible(widget, QAccessible.Text.Name)!r}")
        window.close()
    assert not lacking, "\n".join(lacking)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_an_unticked_check_box_is_outlined_visibly(qtbot, dark):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleFactory, QStyleOptionButton

    from reviewtool.gui.theme import ReadableFusion

    box = QCheckBox("Inconsistency")
    qtbot.addWidget(box)
    box.setStyle(ReadableFusion(QStyleFactory.create("Fusion")))
    box.setPalette(palette(dark))
    box.resize(160, 30)
    image = box.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    left_edge = [QColor(image.pixel(indicator.left(), y))
                 for y in range(indicator.top() + 3, indicator.bottom() - 2)]
    base = palette(dark).color(R.Base)
    window = palette(dark).color(R.Window)
    # WCAG 2.1, 1.4.11: a control's outline at 3:1 against what surrounds it.
    assert max(contrast(c, window) for c in left_edge) >= 3.0
    assert max(contrast(c, base) for c in left_edge) >= 3.0
