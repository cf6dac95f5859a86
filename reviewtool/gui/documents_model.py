"""The document list's model: title, number of claims, and whether you have appraised it."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from reviewtool.core.review.queries import DocumentRow, document_ids, document_rows
from reviewtool.core.wording import counted
from reviewtool.gui.lazy_model import LazyTableModel
from reviewtool.gui.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole
# The appraised column is a narrow "✓" (named in full for tooltips and screen readers), so
# that the titles get the width.
COLUMNS = (("Document", "title"), ("Claims", "claims"), ("✓", "appraised"))
TITLE, CLAIMS, APPRAISED = range(len(COLUMNS))
CHECK = "✓"


class DocumentsModel(LazyTableModel):
    headers = tuple(header for header, _ in COLUMNS)

    def __init__(self, session: Session | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.sort_column = TITLE
        self.descending = False
        self.matches: list[str] | None = None  # search results, best first; None = all
        self.snippets: dict[str, str] = {}

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.matches, self.snippets = None, {}
        self.reload(reset=True)

    def set_matches(self, matches: list[str] | None, snippets: dict[str, str] | None = None) -> None:
        """Show only these documents, in this order (search results); None shows all."""
        self.matches = matches
        self.snippets = dict(snippets or {})
        self.reload()

    def reload(self, reset: bool = False) -> None:
        self.set_ids(self._ordered_ids(), reset=reset)

    def _ordered_ids(self) -> list[str]:
        if self.session is None:
            return []
        if self.matches is not None and self.sort_column == TITLE and not self.descending:
            return list(self.matches)  # relevance order, as search gave it
        ordered = document_ids(self.session.review, COLUMNS[self.sort_column][1],
                               self.descending, self.session.reviewer)
        if self.matches is None:
            return ordered
        wanted = set(self.matches)
        return [document_id for document_id in ordered if document_id in wanted]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reorder(self._ordered_ids())

    def fetch_rows(self, ids: Sequence[str]) -> dict[str, Any]:
        if self.session is None:
            return {}
        return {row.id: row for row in document_rows(self.session.review, ids,
                                                     self.session.reviewer)}

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if section == APPRAISED and role in (Qt.ItemDataRole.ToolTipRole,
                                             Qt.ItemDataRole.AccessibleTextRole):
            return "Appraised by you"
        return super().headerData(section, orientation, role)

    def cell(self, row: DocumentRow, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return row.title
            if column == CLAIMS:
                return str(row.claims)
            if column == APPRAISED:
                return CHECK if row.appraised else ""
        if role == Qt.ItemDataRole.FontRole and column == TITLE and not row.chars:
            font = QFont()
            font.setItalic(True)  # a reference without its text: nothing to read yet
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CLAIMS, APPRAISED):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE:
                pages = f", {row.pages} pages" if row.pages else ""
                tip = (f"{row.title}\n{row.filename}, {row.chars:,} characters{pages}"
                       if row.chars else f"{row.title}\nno full text: a reference only")
                snippet = self.snippets.get(row.id)
                return f"{tip}\n\n{snippet}" if snippet else tip
            if column == APPRAISED:
                return ("You have appraised this document" if row.appraised
                        else "Not appraised by you yet")
            if column == CLAIMS:
                return f"{counted(row.claims, 'claim')} on this document"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == APPRAISED:
            return "appraised" if row.appraised else "not appraised"
        return None
