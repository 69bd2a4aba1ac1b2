"""Which of the case table's thirteen columns show, in what order and how wide, for the width it has.

On a 1366-pixel screen beside the entry form the table has some 840 pixels,
and the columns a supervisor scans for (case number, window, applicant,
status, deadline state, 前店后厂) used to be pushed off to the right by the
received time, department, item and ID number. Now those six come first and
always show; the others follow in order of use and are hidden when they would
not fit, rather than making the table scroll sideways (the case dialog shows
every field). Widths come from the font's metrics of a typical value, so a
larger or taller CJK font widens them instead of cutting numbers.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from hallmonitor.domain.enums import CaseStatus, DeadlineState, FlagState
from hallmonitor.ui.cases.words import deadline_name, flag_state_name, status_name, voided_name

CASE_NO, RECEIVED, WINDOW, DEPARTMENT, ITEM, APPLICANT, ID_NUMBER = range(7)
STATUS, TRIPS, DUE, COMPLETED, DEADLINE, FLAG = range(7, 13)
#: Always shown, in this order, at the left.
KEY_COLUMNS = (CASE_NO, WINDOW, APPLICANT, STATUS, DEADLINE, FLAG)
#: Then these, each as long as the width holds it.
SECONDARY_COLUMNS = (RECEIVED, ITEM, DUE, DEPARTMENT, ID_NUMBER, TRIPS, COMPLETED)
#: A typical value per column, measured with the table's font (the words columns: every word, translated).
SAMPLES = {
    CASE_NO: "DEMO01-20260513-0000",
    RECEIVED: "2026-05-13 00:00",
    WINDOW: "A00",
    DEPARTMENT: "市场监管局",
    ITEM: "企业基本存款账户开立",
    APPLICANT: "示范市安捷教育科技",
    ID_NUMBER: "370113********000X",
    STATUS: "不予受理",
    TRIPS: "99",
    DUE: "2026-05-13",
    COMPLETED: "2026-05-13 00:00",
    DEADLINE: "超时",
    FLAG: "待核查",
}
#: Room for the cell's margins, and in the header for the sort arrow.
CELL_PADDING = 10
SORT_ARROW = 14


class ColumnFitter(QObject):
    """Keeps the table's key columns in view as the table is resized; the table's owner keeps it alive."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.widths: dict[int, int] = {}
        header = table.horizontalHeader()
        for visual, logical in enumerate(KEY_COLUMNS + SECONDARY_COLUMNS):
            header.moveSection(header.visualIndex(logical), visual)
        self.measure()
        table.installEventFilter(self)  # its font
        table.viewport().installEventFilter(self)  # its width, scroll bars taken off

    def measure(self) -> None:
        """Each column as wide as its typical value (its longest word) and its title."""
        model, header = self.table.model(), self.table.horizontalHeader()
        cells, titles = QFontMetrics(self.table.font()), QFontMetrics(header.font())
        words = {
            STATUS: [status_name(s) for s in CaseStatus] + [voided_name()],
            DEADLINE: [deadline_name(s) for s in DeadlineState],
            FLAG: [flag_state_name(s) for s in FlagState],
        }
        for column, sample in SAMPLES.items():
            title = str(model.headerData(column, header.orientation()) or "")
            values = [sample, *words.get(column, [])]
            width = max(
                max(cells.horizontalAdvance(v) for v in values), titles.horizontalAdvance(title) + SORT_ARROW
            )
            self.widths[column] = width + CELL_PADDING
            header.resizeSection(column, self.widths[column])
        self.fit()

    def fit(self) -> None:
        """Show the secondary columns that fit beside the key ones, hide the rest."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width() - sum(self.widths[c] for c in KEY_COLUMNS)
        for column in KEY_COLUMNS:
            header.setSectionHidden(column, False)
        for column in SECONDARY_COLUMNS:
            shown = self.widths[column] <= room
            header.setSectionHidden(column, not shown)
            if shown:
                room -= self.widths[column]
            else:
                room = -1  # keep the order: a later, narrower column does not jump the queue

    @property
    def hidden(self) -> list[int]:
        header = self.table.horizontalHeader()
        return [c for c in SAMPLES if header.isSectionHidden(c)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.table):  # events still reach the viewport while the table goes
            return False
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit()
        elif event.type() == QEvent.Type.FontChange and watched is self.table:
            self.measure()
        return False
