"""The case table's model: a window onto a million rows, paged from the database on demand.

The row count comes from one COUNT query; rows are fetched a page at a time
when the view first asks for them and kept in a small cache of recent pages,
so scrolling anywhere costs one short query and memory stays flat. Sorting
asks the database for a new ORDER BY: a proxy model could only sort the rows
already fetched.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from hallmonitor.domain.enums import DeadlineState
from hallmonitor.services.cases import CaseFilter, CaseRow
from hallmonitor.ui.cases.words import deadline_name, flag_state_name, status_name, voided_name

Fetch = Callable[[CaseFilter, str, bool, int, int], list[CaseRow]]
Count = Callable[[CaseFilter], int]
Index = QModelIndex | QPersistentModelIndex

# (sort key or None when the column cannot be sorted, value shown)
_COLUMNS: list[tuple[str | None, Callable[[CaseRow], Any]]] = [
    ("case_no", lambda r: r.case_no),
    ("received_at", lambda r: _when(r.received_at)),
    ("window", lambda r: r.window),
    ("department", lambda r: r.department),
    ("item", lambda r: r.item),
    ("applicant_name", lambda r: r.applicant_name),
    (None, lambda r: r.applicant_id_display),
    ("status", lambda r: voided_name() if r.voided else status_name(r.status)),
    ("trips", lambda r: r.trips),
    ("due_date", lambda r: r.due_date.isoformat() if r.due_date else "—"),
    ("completed_at", lambda r: _when(r.completed_at)),
    (None, lambda r: deadline_name(r.deadline_state)),
    (None, lambda r: flag_state_name(r.flag_state) if r.flag_state else ""),
]
DEADLINE_COLUMN = 11
FLAG_COLUMN = 12

DUE_TODAY_COLOUR = QColor("#fff1b8")
OVERDUE_COLOUR = QColor("#ffccc7")
FLAG_COLOUR = QColor("#ffe7ba")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class CaseTableModel(QAbstractTableModel):
    """Rows come from ``fetch``; the count from ``count``. Both run SQL in the services."""

    # Emitted after a new filter or sort has been applied: total rows.
    reloaded = Signal(int)

    PAGE_SIZE = 200
    MAX_PAGES = 25
    CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, fetch: Fetch, count: Count, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self._filter = CaseFilter()
        self._total = 0
        self._sort_key = "received_at"
        self._descending = True
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        #: Set, a new order is asked of this (which fetches off the UI thread and calls ``apply``)
        #: instead of fetched page by page: for a search, each page would be a pass over the table.
        self.resort: Callable[[], None] | None = None
        self._titles = [
            self.tr("Case number"),
            self.tr("Received"),
            self.tr("Window"),
            self.tr("Department"),
            self.tr("Item"),
            self.tr("Applicant"),
            self.tr("ID number"),
            self.tr("Status"),
            self.tr("Trips"),
            self.tr("Due"),
            self.tr("Completed"),
            self.tr("Deadline"),
            self.tr("Front shop"),
        ]

    # --- what the page controls -------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded_rows(self) -> int:
        """How many rows sit in memory: the point of the model is that this stays small."""
        return sum(len(page) for page in self._pages.values())

    @property
    def sort_column(self) -> int:
        return next(i for i, (key, _) in enumerate(_COLUMNS) if key == self._sort_key)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def query(self) -> tuple[CaseFilter, str, bool]:
        return self._filter, self._sort_key, self._descending

    def apply(self, case_filter: CaseFilter, total: int, first_rows: list[CaseRow] | None = None) -> None:
        """Show a new result whose count (and perhaps first rows) was computed elsewhere.

        ``first_rows`` may run to several pages: a search hands over all its
        cases at once, so scrolling through them asks the database nothing.
        """
        self.beginResetModel()
        self._filter = case_filter
        self._total = total
        self._pages.clear()
        rows = first_rows or []
        for number in range(min(self.MAX_PAGES, -(-len(rows) // self.PAGE_SIZE))):
            page = rows[number * self.PAGE_SIZE : (number + 1) * self.PAGE_SIZE]
            if len(page) < self.PAGE_SIZE and number * self.PAGE_SIZE + len(page) < total:
                break  # a part of a page: the page is fetched whole when it is needed
            self._pages[number] = page
        self.endResetModel()
        self.reloaded.emit(total)

    def reload(self, case_filter: CaseFilter | None = None) -> None:
        """Count and reset on the calling thread: quick enough for a filter change in tests."""
        f = case_filter or self._filter
        self.apply(f, self._count(f))

    def set_as_of(self, as_of: Any) -> None:
        self._filter = replace(self._filter, as_of=as_of)

    def case_id(self, row: int) -> int | None:
        item = self._row(row)
        return item.id if item else None

    def row_data(self, row: int) -> CaseRow | None:
        return self._row(row)

    # --- Qt's model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole and _COLUMNS[section][0] is None:
                return self.tr("This column cannot be sorted")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        column = index.column()
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ToolTipRole,
            self.CASE_ID_ROLE,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[column][1](row)
        if role == self.CASE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 8:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DEADLINE_COLUMN:
            return self._deadline_tip(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(_COLUMNS) or _COLUMNS[column][0] is None:
            return
        key = _COLUMNS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending):
            return
        assert key is not None
        if self.resort is not None:
            # The rows shown stay until the new order arrives through ``apply``.
            self._sort_key, self._descending = key, descending
            self.resort()
            return
        self.beginResetModel()
        self._sort_key, self._descending = key, descending
        self._pages.clear()
        self.endResetModel()

    @staticmethod
    def sortable(column: int) -> bool:
        return 0 <= column < len(_COLUMNS) and _COLUMNS[column][0] is not None

    # --- paging ----------------------------------------------------------------------------

    def _row(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(
                self._filter, self._sort_key, self._descending, number * self.PAGE_SIZE, self.PAGE_SIZE
            )
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _background(self, row: CaseRow, column: int) -> QBrush | None:
        if column == DEADLINE_COLUMN:
            if row.deadline_state is DeadlineState.OVERDUE:
                return QBrush(OVERDUE_COLOUR)
            if row.deadline_state is DeadlineState.DUE_TODAY:
                return QBrush(DUE_TODAY_COLOUR)
        if column == FLAG_COLUMN and row.flag_state is not None:
            return QBrush(FLAG_COLOUR)
        return None

    def _deadline_tip(self, row: CaseRow) -> str:
        if row.deadline_state is DeadlineState.OVERDUE:
            return self.tr("Overdue: due %1").replace("%1", str(row.due_date))
        if row.deadline_state is DeadlineState.DUE_TODAY:
            return self.tr("Due today")
        return self.tr("On time")
