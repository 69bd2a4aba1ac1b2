"""The roster grid's model and its undo command.

The model holds two versions of the week: what was loaded (or last saved)
and what is on screen now. Everything the supervisor does is an undoable
replacement of some cells' contents, so undo, redo, copy-last-week and
dropping staff are all the same command; the pending changes to save are
simply the cells whose contents differ from the saved version, and each
cell's colour is the verdict of its contents *now* (``cell_verdict``).

The model and the command share the two versions of the week, so they stay together;
the list of staff to drag onto the grid is in staff_list.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QUndoCommand

from hallmonitor.domain.enums import StaffingVerdict
from hallmonitor.services.staffing import (
    Cell,
    CellKey,
    RosterCellChange,
    RosterWeek,
    TileStatus,
    cell_verdict,
)
from hallmonitor.ui.common import (
    PALETTE,
    auxiliary_badge,
    category_name,
    day_label,
    formal_badge,
    nominal_status_name,
    session_name,
    verdict_name,
)

STAFF_MIME = "application/x-hallmonitor-staff"
#: (background, accent) of a day still to come that nobody is rostered on yet: not a violation, work to do.
NOT_PLANNED_COLOURS = ("#ffffff", "#bfbfbf")
VerdictRole = Qt.ItemDataRole.UserRole + 1
EntriesRole = Qt.ItemDataRole.UserRole + 2
PendingRole = Qt.ItemDataRole.UserRole + 3
KeyRole = Qt.ItemDataRole.UserRole + 4
StaffRole = Qt.ItemDataRole.UserRole + 5
NotPlannedRole = Qt.ItemDataRole.UserRole + 6
# The session's 挂名 suspicion (a SuspectedLine), or None.
NominalRole = Qt.ItemDataRole.UserRole + 7

_VERDICT_STATUS = {
    StaffingVerdict.COMPLIANT: TileStatus.COMPLIANT,
    StaffingVerdict.AUXILIARY_ONLY: TileStatus.AUXILIARY_ONLY,
    StaffingVerdict.UNSTAFFED: TileStatus.UNSTAFFED,
}

AnyIndex = QModelIndex | QPersistentModelIndex


def verdict_colours(verdict: StaffingVerdict | None) -> tuple[str, str]:
    """(background, accent) of a cell: the board's colours, grey where the rule does not apply."""
    return PALETTE[_VERDICT_STATUS[verdict] if verdict else TileStatus.NON_WORKING_DAY]


def not_planned_text() -> str:
    return QCoreApplication.translate(
        "RosterModel", "Not planned yet: nobody is rostered on this day to come"
    )


def nominal_text(status: str, reason: str) -> str:
    """A cell's 挂名 suspicion in words: how it stands, and what the cases say."""
    return QCoreApplication.translate(
        "RosterModel", "⚑ Suspected nominal presence ({status}): {reason}"
    ).format(status=status, reason=reason)


def attendance_text(attendance: bool | None) -> str:
    if attendance is None:
        return QCoreApplication.translate("RosterModel", "planned")
    return (
        QCoreApplication.translate("RosterModel", "present")
        if attendance
        else QCoreApplication.translate("RosterModel", "absent")
    )


class RosterModel(QAbstractTableModel):
    """Rows are windows, columns are (day, session) of the shown week."""

    #: Emitted with the number of pending cells whenever it may have changed.
    pending_changed = Signal(int)
    #: A drop of staff ids onto a cell; the page turns it into an undoable command.
    staff_dropped = Signal(object, list)

    def __init__(self, parent: Any = None, today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        #: What day it is: an empty cell after it is "not planned yet", not "unstaffed".
        self.today = today
        self.week: RosterWeek | None = None
        self._saved: dict[CellKey, Cell] = {}
        self._current: dict[CellKey, Cell] = {}
        self._slots: tuple[Any, ...] = ()
        # How a window's heading is cut to the grid's row header, set by the grid (a header clips
        # a two-line text rather than eliding it).
        self._heading_fit: tuple[QFontMetrics, int] | None = None
        self._headings: dict[int, str] = {}

    @property
    def heading_fit(self) -> tuple[QFontMetrics, int] | None:
        return self._heading_fit

    @heading_fit.setter
    def heading_fit(self, fit: tuple[QFontMetrics, int] | None) -> None:
        self._heading_fit = fit
        self._headings.clear()

    # --- structure ---------------------------------------------------------------------------------
    def load(self, week: RosterWeek) -> None:
        self.beginResetModel()
        self.week = week
        self._headings.clear()  # a window renamed or moved to another department since
        self._slots = week.slots
        self._saved = dict(week.cells)
        self._current = dict(week.cells)
        self.endResetModel()
        self.pending_changed.emit(0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.week is None else len(self.week.windows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.week is None else len(self._slots)

    def key(self, index: AnyIndex) -> CellKey | None:
        if self.week is None or not index.isValid():
            return None
        day, session = self._slots[index.column()]
        return CellKey(self.week.windows[index.row()].id, day, session)

    def index_of(self, key: CellKey) -> QModelIndex:
        if self.week is None:
            return QModelIndex()
        rows = [i for i, w in enumerate(self.week.windows) if w.id == key.window_id]
        if not rows or (key.day, key.session) not in self._slots:
            return QModelIndex()
        return self.index(rows[0], self._slots.index((key.day, key.session)))

    # --- contents ----------------------------------------------------------------------------------
    def cell(self, key: CellKey) -> Cell:
        return self._current.get(key, ())

    def verdict(self, key: CellKey) -> StaffingVerdict | None:
        assert self.week is not None
        return cell_verdict(self.week, key, self.cell(key))

    def not_planned(self, key: CellKey) -> bool:
        """A day still to come with nobody rostered, where the rule would apply: to plan, not to alarm."""
        return (
            self.today is not None
            and key.day > self.today()
            and not self.cell(key)
            and self.verdict(key) is StaffingVerdict.UNSTAFFED
        )

    def colours(self, key: CellKey) -> tuple[str, str]:
        return NOT_PLANNED_COLOURS if self.not_planned(key) else verdict_colours(self.verdict(key))

    def set_cells(self, cells: dict[CellKey, Cell]) -> None:
        for key, entries in cells.items():
            if entries:
                self._current[key] = entries
            else:
                self._current.pop(key, None)
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index, index)
        self.pending_changed.emit(len(self.pending_keys()))

    def pending_keys(self) -> list[CellKey]:
        keys = set(self._saved) | set(self._current)
        return sorted(
            (k for k in keys if self._saved.get(k, ()) != self._current.get(k, ())),
            key=lambda k: (k.day, k.session.value, k.window_id),
        )

    def pending_changes(self) -> list[RosterCellChange]:
        return [RosterCellChange(k, self.cell(k), self._saved.get(k, ())) for k in self.pending_keys()]

    @property
    def dirty(self) -> bool:
        return bool(self.pending_keys())

    def mark_saved(self) -> None:
        changed = self.pending_keys()
        self._saved = dict(self._current)
        for key in changed:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index, index)
        self.pending_changed.emit(0)

    def current_cells(self) -> dict[CellKey, Cell]:
        return dict(self._current)

    # --- Qt API ------------------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key(index)
        if key is None:
            return None
        entries = self.cell(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(a.name for a in entries)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, entries)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(self.colours(key)[0]))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(key, entries).replace("\n", "; ")
        if role == VerdictRole:
            verdict = self.verdict(key)
            return verdict.value if verdict else None
        if role == EntriesRole:
            return entries
        if role == PendingRole:
            return self._saved.get(key, ()) != entries
        if role == KeyRole:
            return key
        if role == NotPlannedRole:
            return self.not_planned(key)
        if role == NominalRole:
            return self.week.nominal.get(key) if self.week is not None else None
        return None

    def _tooltip(self, key: CellKey, entries: Cell) -> str:
        verdict = self.verdict(key)
        head = (
            not_planned_text()
            if self.not_planned(key)
            else verdict_name(verdict)
            if verdict
            else QCoreApplication.translate(
                "RosterModel", "Not judged (not a working day or window not in service)"
            )
        )
        lines = [
            f"{formal_badge() if a.formal else auxiliary_badge()} {a.staff_no} {a.name} "
            f"({category_name(a.category)}, {attendance_text(a.attendance)})"
            for a in entries
        ]
        suspected = self.week.nominal.get(key) if self.week is not None else None
        if suspected is not None:
            lines.append(nominal_text(nominal_status_name(suspected), suspected.reason))
        return "\n".join([head, *lines])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.week is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self.week.windows):
                window = self.week.windows[section]
                return f"{window.number} {window.name}\n{window.department}"
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._slots):
                return None
            day, session = self._slots[section]
            return f"{day_label(day)}\n{session_name(session)}"
        if not 0 <= section < len(self.week.windows):
            return None
        window = self.week.windows[section]
        # The department under the number: a whole usual name in half the width of one line.
        heading = self._headings.get(window.id)
        if heading is None:
            lines = (window.number, window.department)
            if self._heading_fit is not None:
                metrics, width = self._heading_fit
                lines = tuple(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)
            heading = self._headings[window.id] = "\n".join(lines)
        return heading

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:
        return [STAFF_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return data.hasFormat(STAFF_MIME) and self._drop_target(row, column, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        key = self._drop_target(row, column, parent)
        if key is None or not data.hasFormat(STAFF_MIME):
            return False
        ids = json.loads(bytes(data.data(STAFF_MIME).data()).decode("utf-8"))
        self.staff_dropped.emit(key, [int(i) for i in ids])
        return True

    def _drop_target(self, row: int, column: int, parent: AnyIndex) -> CellKey | None:
        if parent.isValid():
            return self.key(parent)
        if 0 <= row < self.rowCount() and 0 <= column < self.columnCount():
            return self.key(self.index(row, column))
        return None


class SetCellsCommand(QUndoCommand):
    """Replace some cells' contents; undo puts the previous contents back."""

    def __init__(self, model: RosterModel, after: dict[CellKey, Cell], text: str) -> None:
        super().__init__(text)
        self.model = model
        self.after = dict(after)
        self.before = {key: model.cell(key) for key in after}

    def redo(self) -> None:
        self.model.set_cells(self.after)

    def undo(self) -> None:
        self.model.set_cells(self.before)
