"""A table model that holds only ids and fetches rows a page at a time, on demand.

Like Anki's browser table: the ordered ids come from one SQL query (sorting and filtering
happen there), a view asks only for the rows it paints, and those are read in pages of
PAGE rows into a bounded cache. Opening 100,000 claims costs a list of ids.
"""

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE = 200
_ROOT = QModelIndex()
MAX_PAGES = 50  # at most 10,000 rows kept; scrolling back reads them again


class LazyTableModel(QAbstractTableModel):
    headers: Sequence[str] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids: list[str] = []
        self._positions: dict[str, int] | None = None
        self._pages: OrderedDict[int, dict[str, Any]] = OrderedDict()

    # -- subclasses provide -----------------------------------------------------------------

    def fetch_rows(self, ids: Sequence[str]) -> dict[str, Any]:
        """Rows by id for these ids (missing ids: records deleted meanwhile)."""
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    # -- ids --------------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[str], reset: bool = False) -> None:
        """Show these ids; a single insertion or removal keeps selection and scroll."""
        ids = list(ids)
        old = self._ids
        change = None if reset else _single_change(old, ids)
        self._positions = None
        if change is None:
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
            return
        kind, at = change
        if kind == "same":
            return
        if kind == "insert":
            self.beginInsertRows(QModelIndex(), at, at)
            self._ids = ids
            self._pages.clear()
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), at, at)
            self._ids = ids
            self._pages.clear()
            self.endRemoveRows()

    def reorder(self, ids: Sequence[str]) -> None:
        """Show a new order (a sort): selections stay on the same records."""
        self.layoutAboutToBeChanged.emit()
        kept = [(index, self.id_at(index.row()), index.column())
                for index in self.persistentIndexList()]
        self._ids = list(ids)
        self._positions = None
        self._pages.clear()
        for index, record_id, column in kept:
            row = self.row_of(record_id) if record_id else None
            self.changePersistentIndex(
                index, self.index(row, column) if row is not None else QModelIndex())
        self.layoutChanged.emit()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int | None:
        if self._positions is None:
            self._positions = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._positions.get(record_id)

    def row_data(self, row: int) -> Any:
        """The fetched row (reading its page if needed), or None past the end."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        page = row // PAGE
        cached = self._pages.get(page)
        if cached is None:
            cached = self.fetch_rows(self._ids[page * PAGE:(page + 1) * PAGE])
            self._pages[page] = cached
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return cached.get(record_id)

    def refresh_id(self, record_id: str) -> None:
        """Read one record again (it was edited) and tell the views."""
        row = self.row_of(record_id)
        if row is None:
            return
        page = self._pages.get(row // PAGE)
        if page is not None:
            fresh = self.fetch_rows([record_id])
            page.pop(record_id, None)
            page.update(fresh)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def refresh_all(self) -> None:
        """Drop the cache (e.g. many records changed) and repaint."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, self.columnCount() - 1))

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        return self.cell(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


# Combined once: views ask for flags of every row they lay out, and enum arithmetic in
# Python is not free.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _single_change(old: list[str], new: list[str]) -> tuple[str, int] | None:
    """("same", 0), ("insert", row) or ("remove", row) when `new` is `old` with at most one
    id added or taken away; None when anything else changed."""
    if len(new) == len(old):
        return ("same", 0) if new == old else None
    if abs(len(new) - len(old)) != 1:
        return None
    shorter, longer = (old, new) if len(new) > len(old) else (new, old)
    at = next((i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    if shorter[at:] != longer[at + 1:]:
        return None
    return ("insert" if len(new) > len(old) else "remove"), at
