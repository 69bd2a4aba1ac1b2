"""The roster grid: windows by days and sessions, staff dropped onto cells, a menu per cell.

The grid only reports what the supervisor asked for (attendance, removal,
adding someone); the page turns each request into one undoable edit, so the
menu, the keys and the side panel all go through the same path.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QStyleOptionViewItem, QTableView, QWidget

from hallmonitor.domain.enums import Session
from hallmonitor.services.staffing import CellKey
from hallmonitor.ui.common import day_label, session_name
from hallmonitor.ui.roster.delegate import RosterDelegate, cell_width
from hallmonitor.ui.roster.model import RosterModel

# How much of a window's heading shows before it is elided: a department's usual four to six
# characters, under the window's number (the tooltip has all of it).
WINDOW_HEADING = "政务服务中心"
# A day with a wide heading: two-digit month and day.
WIDE_DAY = date(2026, 12, 30)
# Pixels a header section needs beside its text.
HEADING_PAD = 10


def _bold_metrics(font: QFont) -> QFontMetrics:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


class RosterGrid(QTableView):
    #: (staff ids, attendance True / False / None) for the selected cells
    attendance_requested = Signal(list, object)
    #: staff ids to take off the selected cells
    remove_requested = Signal(list)
    add_requested = Signal()

    def __init__(self, model: RosterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = model
        #: The page's actions for the selected cells (present, absent, planned, remove), listed first in the menu.
        self.cell_actions: list[QAction] = []
        self.setObjectName("rosterGrid")
        self.setModel(model)
        self.setItemDelegate(RosterDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragDropOverwriteMode(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their fullest cell, measured when the cells change. Measured at every resize
        # instead (ResizeToContents), the header wrapping onto a second line after an edit re-measured
        # every cell twice: a tenth of a second after each edit and each save.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit_columns()
        self.customContextMenuRequested.connect(self._context_menu)
        model.modelReset.connect(self.fit_rows)
        model.layoutChanged.connect(self.fit_rows)
        model.dataChanged.connect(lambda top, bottom, *_roles: self.fit_rows(top.row(), bottom.row()))

    def fit_columns(self) -> None:
        """Day columns as narrow as a cell's content in this font, window headings elided past a usual one.

        Ten sessions then fit beside the side panel on a 1366-pixel screen; wider, they share the room.
        """
        columns, rows = self.horizontalHeader(), self.verticalHeader()
        metrics, row_metrics = (
            _bold_metrics(columns.font()),
            _bold_metrics(rows.font()),
        )  # the current one is bold
        lines = [day_label(WIDE_DAY), *(session_name(s) for s in Session)]
        heading = max(metrics.horizontalAdvance(line) for line in lines) + HEADING_PAD
        columns.setMinimumSectionSize(max(cell_width(self.font()), heading))
        widest = row_metrics.horizontalAdvance(WINDOW_HEADING)
        rows.setMaximumWidth(widest + HEADING_PAD)
        self.roster.heading_fit = (row_metrics, widest)
        if self.roster.rowCount():
            self.roster.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.roster.rowCount() - 1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Each row from ``first`` to ``last`` as tall as its window's heading or its fullest cell."""
        model, header = self.roster, self.verticalHeader()
        last = model.rowCount() - 1 if last is None else last
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        for row in range(max(first, 0), last + 1):
            cells = (
                delegate.sizeHint(option, model.index(row, c)).height() for c in range(model.columnCount())
            )
            self.setRowHeight(row, max([header.sectionSizeHint(row), *cells]))

    def selected_keys(self) -> list[CellKey]:
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        keys = [self.roster.key(i) for i in indexes if i.isValid()]
        return sorted({k for k in keys if k is not None}, key=lambda k: (k.window_id, k.day, k.session.value))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        if index not in self.selectionModel().selectedIndexes():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        menu = QMenu(self)
        for act in self.cell_actions:
            menu.addAction(act)
        keys = self.selected_keys()
        if len(keys) == 1:
            entries = self.roster.cell(keys[0])
            if entries:
                menu.addSeparator()
            for a in entries:
                sub = menu.addMenu(f"{a.staff_no} {a.name}")
                ids = [a.staff_id]
                sub.addAction(self.tr("Present"), lambda ids=ids: self.attendance_requested.emit(ids, True))
                sub.addAction(self.tr("Absent"), lambda ids=ids: self.attendance_requested.emit(ids, False))
                sub.addAction(self.tr("Planned"), lambda ids=ids: self.attendance_requested.emit(ids, None))
                sub.addAction(self.tr("Remove"), lambda ids=ids: self.remove_requested.emit(ids))
        menu.addSeparator()
        menu.addAction(self.tr("Add staff…"), self.add_requested.emit)
        menu.exec(self.viewport().mapToGlobal(pos))
