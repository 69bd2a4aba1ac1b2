"""The case table's model: a window onto a million rows, each page read in the background.

The row count is the filter's (services.cases.find_cases: from case_tally for
a range of days, else a COUNT), read with the first page off the UI thread by
the page. A row not yet read shows a grey "…" while its page is read: from
where the page above or below it ends, from the end for the last page, or
(after a jump of the scroll bar) from the outline, which says where any rank
begins and is read once per filter and order. Nothing is read on the UI
thread, so dragging the scroll bar over a million cases never stops the
window; only the newest few pages asked for are read, the view's latest
position first. Pages are kept in a small cache of recent ones, so memory
stays flat. Sorting asks the database for a new order: a proxy model could
only sort the rows already read.

Every read is tagged with the filter and order it was asked under: one
arriving after they changed is dropped, so a table never shows a row of an
earlier filter among the new one's.

What a cell shows, given its row, is in cells.py. The rest is one module on purpose: the paging, the cache and the tags of each read are one piece of
state that Qt's model calls reach from every side; split, each half would need the other's.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from hallmonitor.services.cases import (
    PAGE,
    CaseFilter,
    CaseOutline,
    CaseRow,
    PageStart,
    case_outline,
    case_page,
    count_cases,
)
from hallmonitor.services.hall import HallContext
from hallmonitor.ui.cases.cells import COLUMNS, DISPLAY, ROLES, answer, placeholder, titles
from hallmonitor.ui.shell import OperationRunner, owned_operation

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Rows come a page at a time from services.cases, read in the background through ``runner``."""

    # Emitted after a new filter or sort has been applied: total rows.
    reloaded = Signal(int)
    # A page could not be read: the sentence to show.
    load_failed = Signal(str)

    PAGE_SIZE = PAGE
    MAX_PAGES = 25
    # Pages read at once; the others wait, the newest asked for first. One: a second reader's
    # Python would compete with the UI thread for the interpreter, and the window would stutter.
    READING = 1
    # Pages asked for and waiting at most: older ones were where the view no longer is.
    WAITING = 12
    # A page is read once the view has rested this long (ms): a drag of the scroll bar across a
    # million rows asks for a page at every step, and only where it stops is worth reading.
    SETTLE_MS = 60
    # …but a slow drag that never rests still gets its rows this often (ms).
    LONGEST_WAIT_MS = 250
    CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        ctx: Callable[[], HallContext],
        runner: OperationRunner,
        parent=None,  # type: ignore[no-untyped-def]
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._filter = CaseFilter()
        self._total = 0
        self._sort_key = "received_at"
        self._descending = True
        # Bumped by every new filter or order: a read asked under an older one is dropped.
        self._generation = 0
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._reading: set[int] = set()
        # Pages asked for and not yet read: when the view last asked for each.
        self._waiting: OrderedDict[int, float] = OrderedDict()
        self._failed: set[int] = set()
        self._outline: CaseOutline | None = None
        self._outline_asked = False
        # The texts of the rows shown lately, by row: formatted once, not at every paint.
        self._texts: dict[int, tuple[Any, ...]] = {}
        self._asked_at = 0.0
        self._settle_began = 0.0
        self._settle = QTimer(self, singleShot=True, interval=self.SETTLE_MS)
        self._settle.timeout.connect(self._dispatch)
        # Set, a new order is asked of this (which fetches off the UI thread and calls ``apply``)
        # instead of read page by page: the rows are all here (a search, a short list).
        self.resort: Callable[[], None] | None = None
        self._titles = titles()

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
    def busy(self) -> bool:
        """Pages (or the outline) are being read or wait to be."""
        return bool(self._reading or self._waiting or (self._outline_asked and self._outline is None))

    @property
    def sort_column(self) -> int:
        return next(i for i, (key, _) in enumerate(COLUMNS) if key == self._sort_key)

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
        self._restart()
        self._filter = case_filter
        self._total = total
        rows = first_rows or []
        for number in range(min(self.MAX_PAGES, -(-len(rows) // self.PAGE_SIZE))):
            page = rows[number * self.PAGE_SIZE : (number + 1) * self.PAGE_SIZE]
            if len(page) < self.PAGE_SIZE and number * self.PAGE_SIZE + len(page) < total:
                break  # a part of a page: the page is read whole when it is needed
            self._pages[number] = page
        self.endResetModel()
        self.reloaded.emit(total)

    def reload(self, case_filter: CaseFilter | None = None) -> None:
        """Count and reset on the calling thread: for tests, which have no page to count for them."""
        f = case_filter or self._filter
        self.apply(f, count_cases(self._ctx(), f))

    def set_as_of(self, as_of: Any) -> None:
        self._filter = replace(self._filter, as_of=as_of)

    def case_id(self, row: int) -> int | None:
        item = self._held(row)
        return item.id if item else None

    def row_data(self, row: int) -> CaseRow | None:
        """The row if its page is here (None while it is being read)."""
        return self._held(row)

    def row_ready(self, row: int) -> bool:
        return self._held(row) is not None

    # --- Qt's model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][0] is None:
                return self.tr("This column cannot be sorted")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = getattr(role, "value", role)
        if role not in ROLES:
            return None
        number = index.row()
        if not 0 <= number < self._total:
            return None
        column = index.column()
        row = self._row(number)
        if row is None:
            return placeholder(column, role)
        if role != DISPLAY:
            return answer(row, column, role)
        texts = self._texts.get(number)
        if texts is None:
            texts = self._texts[number] = tuple(shown(row) for _key, shown in COLUMNS)
        return texts[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][0] is None:
            return
        key = COLUMNS[column][0]
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
        self._restart()
        self._sort_key, self._descending = key, descending
        self.endResetModel()

    @staticmethod
    def sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][0] is not None

    # --- paging ----------------------------------------------------------------------------

    def _restart(self) -> None:
        self._generation += 1
        self._pages.clear()
        self._reading.clear()
        self._waiting.clear()
        self._failed.clear()
        self._texts.clear()
        self._outline = None
        self._outline_asked = False
        self._settle.stop()

    def _held(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        return page[offset] if page is not None and offset < len(page) else None

    def _row(self, row: int) -> CaseRow | None:
        """The row if its page is here; else its page is asked for and None is shown meanwhile."""
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page[offset] if offset < len(page) else None
        if number not in self._reading and number not in self._failed:
            if number not in self._waiting and self._start_of(number) is None:
                self._ask_outline()  # read while the view moves: where it stops, one seek is left
            now = time.monotonic()
            fresh = number not in self._waiting
            self._waiting.pop(number, None)
            self._waiting[number] = now  # the newest asked for last
            while len(self._waiting) > self.WAITING:
                self._waiting.popitem(last=False)
            if fresh:  # the view moved (a repaint asks again for what it asked before)
                self._asked_at = now
                self._postpone()
        return None

    def _start_of(self, number: int) -> tuple[PageStart | None, bool, int] | None:
        """How page ``number`` is read: (start, backward, limit), or None until the outline is here."""
        first = number * self.PAGE_SIZE
        limit = min(self.PAGE_SIZE, self._total - first)
        above, below = self._pages.get(number - 1), self._pages.get(number + 1)
        if number == 0:
            return None, False, limit
        if above and len(above) == self.PAGE_SIZE and above[-1].place is not None:
            return PageStart.after_row(above[-1]), False, limit
        if below and below[0].place is not None:
            place = below[0].place
            return PageStart(place.segment, place, after=True), True, limit
        if first + limit >= self._total:
            return None, True, limit  # the last page: read back from the end
        if self._outline is not None:
            return self._outline.start_of(first), False, limit
        return None

    def _postpone(self) -> None:
        """Read once the view has rested SETTLE_MS, or LONGEST_WAIT_MS after it began to move."""
        now = time.monotonic()
        if not self._settle.isActive():
            self._settle_began = now
            self._settle.start()
        elif (now - self._settle_began) * 1000 < self.LONGEST_WAIT_MS:
            self._settle.start()

    def _next(self) -> None:
        """After a read: the next page now, unless the view is still moving."""
        if (time.monotonic() - self._asked_at) * 1000 < self.SETTLE_MS:
            self._postpone()
        else:
            self._dispatch()

    def _dispatch(self) -> None:
        # Pages the view asked for before its last paint are where it no longer is: not read. Each
        # is said to have changed, so that one still in view is asked for again.
        passed = [n for n, at in self._waiting.items() if at < self._asked_at - self.SETTLE_MS / 2000]
        for number in passed:
            del self._waiting[number]
            first = number * self.PAGE_SIZE
            last = min(first + self.PAGE_SIZE, self._total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        for number in reversed(list(self._waiting)):
            if len(self._reading) >= self.READING:
                return
            how = self._start_of(number)
            if how is None:
                self._ask_outline()
                continue
            del self._waiting[number]
            self._read_page(number, *how)

    def _read_page(self, number: int, start: PageStart | None, backward: bool, limit: int) -> None:
        generation, ctx = self._generation, self._ctx()
        f, key, descending = self._filter, self._sort_key, self._descending
        counts = self._outline.counts if self._outline is not None else None
        self._reading.add(number)

        def work(_progress: Any) -> list[CaseRow]:
            return case_page(ctx, f, key, descending, start, limit, backward=backward, counts=counts)

        def arrived(rows: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            self._reading.discard(number)
            self._pages[number] = rows
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
                self._texts.clear()
            first = number * self.PAGE_SIZE
            last = min(first + self.PAGE_SIZE, self._total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
            self._next()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._reading.discard(number)
                self._failed.add(number)  # not asked again until the table reloads
                self.load_failed.emit(str(exc))
                self._next()

        self._runner.start(owned_operation(self, "case page", work, on_success=arrived, on_failure=failed))

    def _ask_outline(self) -> None:
        if self._outline_asked:
            return
        self._outline_asked = True
        generation, ctx = self._generation, self._ctx()
        f, key, descending = self._filter, self._sort_key, self._descending

        def work(_progress: Any) -> CaseOutline:
            return case_outline(ctx, f, key, descending)

        def arrived(outline: CaseOutline) -> None:
            if generation != self._generation:
                return
            if outline.total != self._total:
                # Cases came or went since the count: the outline's rows are the ones there are.
                self.beginResetModel()
                self._total = outline.total
                self._pages.clear()
                self._texts.clear()
                self.endResetModel()
            self._outline = outline
            self._next()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                # The pages that waited for it are not asked again until the table reloads.
                self._failed.update(self._waiting)
                self._waiting.clear()
                self.load_failed.emit(str(exc))

        self._runner.start(owned_operation(self, "case outline", work, on_success=arrived, on_failure=failed))
