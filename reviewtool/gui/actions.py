"""Every command of the main window as data: menu, text, shortcut, tip, icon, handler.

Menus, the toolbar, and the Help → Keyboard shortcuts dialog are all built from this table,
so a shortcut cannot be listed in one place and missing from another.
"""

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reviewtool.gui.highlights import swatch
from reviewtool.gui.icons import icon

Keys = QKeySequence.StandardKey | str | tuple[str, ...] | None
S = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    handler: str  # method of the main window
    keys: Keys = None
    tip: str = ""
    icon: str | None = None
    category: str | None = None  # coloured swatch instead of an icon
    needs_review: bool = True


SEPARATOR = None

SPECS: tuple[ActionSpec | None, ...] = (
    ActionSpec("new", "File", "&New Review…", "new_review", S.New,
               "Create a new review file", "new", needs_review=False),
    ActionSpec("open", "File", "&Open Review…", "open_dialog", S.Open,
               "Open a review file", "open", needs_review=False),
    ActionSpec("import_files", "File", "&Import Documents…", "import_files_dialog", "Ctrl+I",
               "Add text, HTML, PDF or Word files to the review (or drag them onto the window)",
               "import"),
    ActionSpec("import_folder", "File", "Import &Folder…", "import_folder_dialog",
               "Ctrl+Shift+I", "Add every document in a folder and its subfolders"),
    ActionSpec("import_references", "File", "Import &References…", "import_references_dialog",
               None, "Add the entries of a reference library (RIS, BibTeX, CSL-JSON) with "
               "their attached files"),
    ActionSpec("close", "File", "&Close Review", "close_review", S.Close,
               "Close the review file (everything is already saved)", "close"),
    ActionSpec("quit", "File", "&Quit", "close", (S.Quit, "Ctrl+Q"), "Quit reviewtool", "quit",
               needs_review=False),
    ActionSpec("claim", "Claims", "&New Claim from Selection", "create_claim", "Ctrl+E",
               "Record a claim on the selected passage and open its form", "claim"),
    ActionSpec("claim_risk", "Claims", "New &Risk Claim", "create_risk_claim", "Ctrl+1",
               "Record the selected passage as a risk", category="risk"),
    ActionSpec("claim_benefit", "Claims", "New &Benefit Claim", "create_benefit_claim",
               "Ctrl+2", "Record the selected passage as a benefit", category="benefit"),
    ActionSpec("claim_question", "Claims", "New &Open-Question Claim", "create_question_claim",
               "Ctrl+3", "Record the selected passage as an open question",
               category="open_question"),
    SEPARATOR,
    ActionSpec("next_claim", "Claims", "Ne&xt Claim in Document", "next_claim", "F8",
               "Go to the next highlighted claim", "next"),
    ActionSpec("previous_claim", "Claims", "Pre&vious Claim in Document", "previous_claim",
               "Shift+F8", "Go to the previous highlighted claim", "previous"),
    SEPARATOR,
    ActionSpec("delete_claim", "Claims", "&Delete Claim", "delete_claim", S.Delete,
               "Delete the selected claim (Undo brings it back)", "delete"),
    ActionSpec("reviewer", "Edit", "Your &Name…", "change_reviewer", None,
               "The name recorded on everything you do", needs_review=False),
    ActionSpec("find_in_document", "View", "&Find in Document", "find_in_document", S.Find,
               "Find a phrase in the open document", "find"),
    ActionSpec("find_next", "View", "Find &Next", "find_next", ("F3", S.FindNext),
               "Go to the next match in the document"),
    ActionSpec("find_previous", "View", "Find Pre&vious", "find_previous",
               ("Shift+F3", S.FindPrevious), "Go to the previous match in the document"),
    ActionSpec("find", "View", "&Search Documents", "focus_search", "Ctrl+Shift+F",
               "Search the text of every document and claim"),
    ActionSpec("next_document", "View", "&Next Document", "next_document", "Ctrl+PgDown",
               "Open the next document in the list"),
    ActionSpec("previous_document", "View", "&Previous Document", "previous_document",
               "Ctrl+PgUp", "Open the previous document in the list"),
    SEPARATOR,
    ActionSpec("go_documents", "View", "Go to &Document List", "focus_documents", "Alt+1"),
    ActionSpec("go_reader", "View", "Go to &Reader", "focus_reader", "Alt+2"),
    ActionSpec("go_form", "View", "Go to &Claim Form", "focus_claim_form", "Alt+3"),
    ActionSpec("go_claims", "View", "Go to Claims &Table", "focus_claims_table", "Alt+4"),
    ActionSpec("go_appraisal", "View", "Go to &Appraisal", "focus_appraisal", "Alt+5"),
    ActionSpec("go_finding", "View", "Go to &Finding", "focus_finding", "Alt+6",
               "The finding of the selected claim, to judge its certainty"),
    ActionSpec("go_details", "View", "Go to Document &Details", "focus_document_details",
               "Alt+7", "The document's metadata and how it is cited"),
    ActionSpec("shortcuts", "Help", "&Keyboard Shortcuts", "show_shortcuts",
               (S.HelpContents, "Ctrl+/"), "Every shortcut of this window", "help",
               needs_review=False),
    ActionSpec("about", "Help", "&About reviewtool", "show_about", None, needs_review=False),
)

MENUS = ("File", "Edit", "Claims", "View", "Help")


def key_sequences(keys: Keys) -> list[QKeySequence]:
    if keys is None:
        return []
    items = keys if isinstance(keys, tuple) else (keys,)
    result: list[QKeySequence] = []
    for item in items:
        if isinstance(item, QKeySequence.StandardKey):
            result.extend(QKeySequence.keyBindings(item))
        else:
            result.append(QKeySequence(item))
    unique: list[QKeySequence] = []
    for seq in result:
        if not seq.isEmpty() and seq not in unique:
            unique.append(seq)
    return unique


def build_action(spec: ActionSpec, window: QWidget) -> QAction:
    action = QAction(spec.text, window)
    action.setObjectName(f"action_{spec.name}")
    action.setShortcuts(key_sequences(spec.keys))
    if spec.category:
        action.setIcon(swatch(spec.category, 14))
    elif spec.icon:
        action.setIcon(icon(spec.icon))
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)
    action.setProperty("needs_review", spec.needs_review)
    action.setProperty("menu", spec.menu)
    handler = getattr(window, spec.handler)
    action.triggered.connect(lambda _checked=False: handler())
    window.addAction(action)  # shortcuts work wherever the focus is in the window
    return action
