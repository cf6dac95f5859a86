"""Where menu actions from other parts of the app plug in (merge, reconcile, conflicts,
agreement, report and export).

Nothing is shown for a feature until it exists: each entry of OPTIONAL_MENUS names a menu,
the module that provides its actions and the function in it; the menu appears only when
that module can be imported and the function returns actions. The function is called once
per main window as

    provider(host, parent) -> list[QAction]

with `parent` the main window (owner of the actions and the windows they open) and `host`
the main window too, offering:

    review_path() -> Path | None   the open review file; None when nothing is open
    undo_stack() -> QUndoStack     the open review's undo stack (Edit → Undo)
    reviewer_name() -> str         the name to record on work done
    reload() -> None               re-read the file after changing it behind the window

Shortcuts set on the actions appear in Help → Keyboard Shortcuts automatically.
"""

import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

log = logging.getLogger("reviewtool")

# Optional actions that also belong in the File menu, where users look for them first.
FILE_MENU_ACTIONS = ("team_merge", "report_export")

# >>> Optional menus, in menu-bar order (placed between View and Help). <<<
# (menu title, module, provider function)
OPTIONAL_MENUS: tuple[tuple[str, str, str], ...] = (
    ("&Team", "reviewtool.gui.team", "team_actions"),        # merge, reconcile, conflicts, agreement
    ("&Report", "reviewtool.gui.report", "report_actions"),  # report and export
)


def load_provider(module_name: str, function: str) -> Callable[..., list[QAction]] | None:
    """The provider function, or None while its module does not exist yet."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None
        raise
    return getattr(module, function, None)


def optional_menus(host: Any, parent: QWidget) -> list[tuple[str, list[QAction]]]:
    """(menu title, actions) for every optional feature present. A feature that fails to
    load is logged with its traceback and left out, so the workbench still opens."""
    menus = []
    for title, module_name, function in OPTIONAL_MENUS:
        try:
            provider = load_provider(module_name, function)
            actions = list(provider(host, parent)) if provider else []
        except Exception:
            log.exception("the %s menu could not be loaded", title.replace("&", ""))
            continue
        if actions:
            menus.append((title, actions))
    return menus
