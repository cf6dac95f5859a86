"""Ctrl+Z and redo in text fields: the field's own typing first, then the review's.

A text field takes Ctrl+Z for itself even when it has nothing to undo, so a reviewer who has
just recorded a claim (the form's text field focused) would press Ctrl+Z and see nothing
happen, and in the search box would clear the search. This filter lets the key through to
Edit → Undo / Redo whenever the focused field has nothing of its own to undo or redo.
"""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit


def _has_own(widget: QObject, undo: bool) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    document = widget.document()
    return document.isUndoAvailable() if undo else document.isRedoAvailable()


class ReviewUndoKeys(QObject):
    def __init__(self, redo_keys: list[QKeySequence], parent: QObject | None = None):
        super().__init__(parent)
        self.redo_keys = redo_keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(
                watched, (QLineEdit, QPlainTextEdit, QTextEdit)):
            return False
        key = QKeySequence(event.keyCombination())
        if key in QKeySequence.keyBindings(QKeySequence.StandardKey.Undo):
            undo = True
        elif key in self.redo_keys:
            undo = False
        else:
            return False
        if watched.isReadOnly() or not _has_own(watched, undo):
            event.ignore()
            return True  # not overridden: the window's Undo / Redo action takes the key
        return False
