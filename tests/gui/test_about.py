"""Help → About reviewtool: version, build, and every component's licence with its text."""

from PySide6.QtCore import Qt

from reviewtool import __version__


def open_about(qtbot, window):
    window.actions_by_name["about"].trigger()  # Help → About reviewtool
    from reviewtool.gui.about import AboutDialog

    dialog = window.findChild(AboutDialog)
    qtbot.waitExposed(dialog)
    return dialog


def click_row(qtbot, table, name):
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)
    table.scrollToItem(table.item(row, 0))
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_about_shows_version_build_and_the_qt_licence_text(qtbot, window):
    dialog = open_about(qtbot, window)
    assert f"reviewtool {__version__}" in dialog.heading.text()
    assert "installed package" in dialog.build_label.text()  # not a desktop bundle here
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert {"Python", "PySide6_Essentials", "shiboken6", "reportlab", "click"} <= set(names)
    assert "LGPL-3.0" in dialog.component("PySide6_Essentials").licence

    click_row(qtbot, dialog.table, "PySide6_Essentials")
    text = dialog.text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text
    assert "GNU GENERAL PUBLIC LICENSE" in text  # the LGPL is additions to the GPL: both ship

    click_row(qtbot, dialog.table, "reportlab")
    assert "ReportLab" in dialog.text.toPlainText()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
