"""The main window's actions, menus and toolbar, built from the table in actions.py."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from reviewtool.gui import actions as action_table
from reviewtool.gui.icons import icon
from reviewtool.gui.report import ReportActions
from reviewtool.gui.team import TeamWindows
from reviewtool.gui.team.folder_sync import TeamFolderSync
from reviewtool.gui.undo_keys import ReviewUndoKeys

# Team and report actions that also belong in the File menu, where users look for them first.
FILE_MENU_ACTIONS = ("team_merge", "report_export")


def build_actions(window) -> None:
    for spec in action_table.SPECS:
        if spec is not None:
            window.actions_by_name[spec.name] = action_table.build_action(spec, window)
    undo = window.undo_group.createUndoAction(window, "&Undo")
    redo = window.undo_group.createRedoAction(window, "&Redo")
    for name, action, key, glyph in (("undo", undo, QKeySequence.StandardKey.Undo, "undo"),
                                     ("redo", redo, QKeySequence.StandardKey.Redo, "redo")):
        action.setObjectName(f"action_{name}")
        keys = QKeySequence.keyBindings(key)
        if name == "redo" and QKeySequence("Ctrl+Y") not in keys:
            keys.insert(0, QKeySequence("Ctrl+Y"))  # documented on every platform
        action.setShortcuts(keys)
        action.setIcon(icon(glyph))
        action.setProperty("menu", "Edit")
        action.setProperty("needs_review", False)
        window.addAction(action)
        window.actions_by_name[name] = action
    # Ctrl+Z in a text field with nothing of its own to undo acts on the review.
    window.undo_keys = ReviewUndoKeys(redo.shortcuts(), window)
    QApplication.instance().installEventFilter(window.undo_keys)
    # Delete acts on a claim only where a claim is what has the focus (the reader or the
    # claims table), so the key keeps its meaning in text fields and lists elsewhere.
    delete = window.actions_by_name["delete_claim"]
    window.removeAction(delete)
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.workbench.reader.addAction(delete)
    window.workbench.claims_view.table.addAction(delete)


def build_menus(window) -> None:
    """File, Edit, Claims, View, Team, Report, then Help."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {name: QMenu(name.replace("Claims", "&Claims"), window)
                               for name in action_table.MENUS}
    for title, menu in zip(("&File", "&Edit", "&Claims", "&View", "&Help"), menus.values()):
        menu.setTitle(title)
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    file_menu, edit_menu = menus["File"], menus["Edit"]
    for spec in action_table.SPECS:
        if spec is None:
            continue
        if spec.name == "close":
            window._file_menu_anchor = file_menu.addSeparator()
        if spec.name == "quit":
            file_menu.addSeparator()
        if spec.name == "reviewer":
            edit_menu.addAction(window.actions_by_name["undo"])
            edit_menu.addAction(window.actions_by_name["redo"])
            edit_menu.addSeparator()
        menus[spec.menu].addAction(window.actions_by_name[spec.name])
        if spec.name == "open":
            file_menu.addMenu(window.recent_menu)
        if spec.name in ("claim_question", "previous_claim", "previous_document"):
            menus[spec.menu].addSeparator()
    window.menus = menus
    for name in action_table.MENUS:
        if name == "Help":
            add_team_and_report_menus(window, bar)
        bar.addMenu(menus[name])


def add_team_and_report_menus(window, bar) -> None:
    """Team (merge, reconcile, conflicts, agreement) and Report (report, spreadsheet)."""
    window.team = TeamWindows(window, window)
    window.team_folder = TeamFolderSync(window, window)
    window.report = ReportActions(window, window)
    team = window.team.actions + [window.team_folder.choose_action, window.team_folder.sync_action]
    for title, actions in (("&Team", team), ("&Report", window.report.actions)):
        menu = bar.addMenu(title)
        menu.setObjectName(f"menu_{title.replace('&', '').lower()}")
        for action in actions:
            action.setProperty("menu", title.replace("&", ""))
            action.setProperty("needs_review", True)
            window.addAction(action)
            menu.addAction(action)
            window.actions_by_name[action.objectName()] = action
            if action.objectName() in FILE_MENU_ACTIONS:
                window.menus["File"].insertAction(window._file_menu_anchor, action)


def build_toolbar(window) -> None:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    # Undo and redo go on the toolbar only with the desktop theme's icons: Qt's own
    # fallback arrows read as back and forward.
    with_undo = QIcon.hasThemeIcon("edit-undo")
    for name in ("import_files", None, "claim", "claim_risk", "claim_benefit",
                 "claim_question", None, "undo", "redo"):
        if name is None:
            toolbar.addSeparator()
            continue
        if name in ("undo", "redo") and not with_undo:
            continue
        action = window.actions_by_name[name]
        toolbar.addAction(action)
    for name, text in (("claim", "Claim"), ("claim_risk", "Risk"),
                       ("claim_benefit", "Benefit"), ("claim_question", "Open question"),
                       ("import_files", "Import")):
        window.actions_by_name[name].setIconText(text)  # the toolbar's short label
    for name in ("undo", "redo"):
        button = toolbar.widgetForAction(window.actions_by_name[name])
        if button is not None:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(toolbar)
    window.toolbar = toolbar


def fill_recent_menu(window) -> None:
    window.recent_menu.clear()
    files = window.settings.recent_files()
    for number, path in enumerate(files, start=1):
        action = window.recent_menu.addAction(f"&{number} {path.name}   ({path.parent})")
        action.triggered.connect(lambda _=False, p=path: window.open_review(p))
    if not files:
        window.recent_menu.addAction("No recent reviews").setEnabled(False)

