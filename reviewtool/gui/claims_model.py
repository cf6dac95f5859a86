"""The claims table's model: every claim in the review, sorted and filtered by SQL in core."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from reviewtool.core.forms import Form
from reviewtool.core.review.queries import ClaimFilters, ClaimRow, claim_count, claim_ids, claim_rows
from reviewtool.core.wording import counted
from reviewtool.gui.highlights import swatch
from reviewtool.gui.lazy_model import PAGE, LazyTableModel
from reviewtool.gui.session import Session
from reviewtool.gui.workers import Job

# Reviews with more claims than this read their full list of claim ids off the GUI thread.
BACKGROUND_OVER = 20_000

ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1

# (header, core sort key)
COLUMNS = (
    ("Document", "document"),
    ("Claim", "statement"),
    ("Quote", "quote"),
    ("Kind", "category"),
    ("Certainty", "certainty"),
    ("Reviewer", "reviewer"),
    ("Status", "status"),
    ("Created", "created"),
)
DOCUMENT, STATEMENT, QUOTE, KIND, CERTAINTY, REVIEWER, STATUS, CREATED = range(len(COLUMNS))


def status_text(row: ClaimRow) -> str:
    parts = []
    if row.orphaned:
        parts.append("Orphaned")
    if not row.complete:
        parts.append("Draft")
    if row.conflicts:
        parts.append("Conflict")
    return ", ".join(parts)


class ClaimsModel(LazyTableModel):
    headers = tuple(header for header, _ in COLUMNS)

    def __init__(self, session: Session | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.filters = ClaimFilters()
        self.sort_column = CREATED
        self.descending = False
        self.loading = False
        self._generation = 0
        self._icons = {}

    @property
    def form(self) -> Form | None:
        return self.session.claim_form if self.session else None

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.filters = ClaimFilters()
        self.reload(reset=True)

    def set_filters(self, filters: ClaimFilters) -> None:
        self.filters = filters
        self.reload(reset=True)

    # In a big review the full, sorted list of ids takes a few hundred milliseconds to read;
    # the first page alone takes a few. So: the first page now, the whole list from a
    # worker thread (its own connection), merged in when it arrives.

    def _query(self, limit: int | None = None) -> list[str]:
        return claim_ids(self.session.review, self.filters, COLUMNS[self.sort_column][1],
                         self.descending, limit)

    def _in_background(self) -> bool:
        return claim_count(self.session.review) > BACKGROUND_OVER

    def reload(self, reset: bool = False) -> None:
        """Read the ids again (claims were added, removed, or the filters changed)."""
        self._generation += 1
        if self.session is None:
            self.set_ids([], reset=True)
            return
        if not self._in_background():
            self.set_ids(self._query(), reset=reset)
            return
        if reset or not self._ids:
            self.set_ids(self._query(limit=PAGE), reset=True)
        self._load_all(self._generation, self._merge)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._generation += 1
        if self.session is None:
            return
        if self._in_background():
            self._load_all(self._generation, self.reorder)
        else:
            self.reorder(self._query())

    def _load_all(self, generation: int, apply) -> None:
        session = self.session
        filters, sort, descending = self.filters, COLUMNS[self.sort_column][1], self.descending
        job = Job("Loading claims", session.path,
                  lambda review, _job: claim_ids(review, filters, sort, descending))
        self.loading = True

        def arrived(ids: list[str]) -> None:
            if generation == self._generation and self.session is session:
                self.loading = False
                apply(ids)

        session.jobs.start(job, arrived, session.failed.emit)

    def _merge(self, ids: list[str]) -> None:
        """The full list: appended after the page shown if that page is its beginning
        (selection and scroll position stay), else shown in its place."""
        current = self._ids
        if len(ids) > len(current) and ids[:len(current)] == current:
            self.beginInsertRows(QModelIndex(), len(current), len(ids) - 1)
            self._ids = list(ids)
            self._positions = None
            self.endInsertRows()
        else:
            self.set_ids(ids)

    def fetch_rows(self, ids: Sequence[str]) -> dict[str, Any]:
        if self.session is None:
            return {}
        return {row.id: row for row in claim_rows(self.session.review, ids)}

    def cell(self, row: ClaimRow, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return row.id
        if role == DOCUMENT_ROLE:
            return row.document_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == QUOTE:
                return f"“{row.exact}”"
            if column == STATEMENT:
                return row.statement or "No statement yet"
            if column == STATUS:
                return _status_tip(row) or None
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            if row.category not in self._icons:
                self._icons[row.category] = swatch(row.category)
            return self._icons[row.category]
        return None

    def _display(self, row: ClaimRow, column: int) -> str:
        if column == DOCUMENT:
            return row.document_title
        if column == QUOTE:
            return " ".join(row.exact.split())
        if column == STATEMENT:
            return row.statement
        if column == KIND:
            return self._label("category", row.category)
        if column == CERTAINTY:
            return self._label("certainty", row.certainty)
        if column == REVIEWER:
            return row.reviewer
        if column == STATUS:
            return status_text(row)
        if column == CREATED:
            return row.created[:10]
        return ""

    def _label(self, field_id: str, value: str | None) -> str:
        if not value:
            return ""
        form = self.form
        if form is None or field_id not in form.field_ids:
            return value
        return form.field(field_id).choice_label(value)


def _status_tip(row: ClaimRow) -> str:
    tips = []
    if row.orphaned:
        tips.append("The passage could not be found again after the document changed.")
    if not row.complete:
        tips.append("Draft: required fields are still empty.")
    if row.conflicts:
        tips.append(f"{counted(row.conflicts, 'field was', 'fields were')} changed "
                    "differently in a merged file.")
    return "\n".join(tips)
