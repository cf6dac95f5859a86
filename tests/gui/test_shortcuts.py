"""Every action is reachable from the keyboard and listed, in the app and in docs/gui.md."""

from reviewtool.gui.shortcuts import shortcut_rows

from ..conftest import ROOT


def test_shortcuts_dialog_lists_every_shortcut(qtbot, window):
    dialog = window.show_shortcuts()
    rows = dict(dialog.rows())
    assert rows["New Claim from Selection"] == "Ctrl+E"
    assert rows["New Risk Claim"] == "Ctrl+1"
    assert rows["Undo"].startswith("Ctrl+Z")
    for _menu, text, keys in shortcut_rows(window.shortcut_actions()):
        assert rows[text] == keys
    dialog.close()


def test_docs_list_every_shortcut(window):
    guide = (ROOT / "docs" / "gui.md").read_text(encoding="utf-8")
    own = [a for a in window.shortcut_actions() if a.objectName().startswith("action_")]
    for _menu, text, keys in shortcut_rows(own):
        first = keys.split(", ")[0]
        assert f"| {text} | " in guide and first in guide, f"docs/gui.md lacks {text} ({keys})"


def test_readme_lists_every_shortcut_including_optional_menus(window):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for _menu, text, keys in shortcut_rows(window.shortcut_actions()):
        row = next((line for line in readme.splitlines()
                    if line.startswith(f"| {text.rstrip('…')} |")), None)
        assert row is not None, f"README lacks the shortcut of {text}"
        assert keys.split(", ")[0] in row, f"README gives the wrong keys for {text} ({keys})"


def test_every_menu_action_is_in_a_menu_bar_menu(window):
    in_menus = {a for menu in window.menuBar().findChildren(type(window.menus["File"]))
                for a in menu.actions()}
    in_menus |= {a for m in window.menus.values() for a in m.actions()}
    for name, action in window.actions_by_name.items():
        assert action in in_menus, f"{name} is not in any menu"


def test_menu_bar_order_with_team_and_report(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "Claims", "View", "Team", "Report", "Help"]
    file_menu = window.menus["File"].actions()
    assert window.actions_by_name["team_merge"] in file_menu
    assert window.actions_by_name["report_export"] in file_menu
