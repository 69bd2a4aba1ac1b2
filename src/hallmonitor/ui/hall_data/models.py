"""Thin table models over the hall-data services' rows, and the history of the selected record.

A hall has at most a few hundred windows, staff and items: each model holds
its rows whole and the page filters them as the supervisor types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.hall_data import DepartmentRow, HistoryEntry, ItemRow, StaffRow, WindowRow
from hallmonitor.ui.common import category_name, window_state_name
from hallmonitor.ui.hall_data.words import (
    action_name,
    case_type_name,
    field_name,
    in_use_name,
    item_category_name,
    kind_name,
    logged_value,
    yes_no,
)

Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], Any]]

_INACTIVE = QColor("#8c8c8c")
_OUT_OF_SERVICE = QColor("#f0f0f0")


class RowsModel(QAbstractTableModel):
    """Rows of one service result, one column per (title, value of a row)."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.rows: list[Any] = []
        self.columns: list[Column] = self.make_columns()

    def make_columns(self) -> list[Column]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if getattr(r, "id", None) == row_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0] if 0 <= section < len(self.columns) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return getattr(row, "id", None)
        return self.decorate(row, role)

    def decorate(self, row: Any, role: int) -> Any:
        return None


class DepartmentModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            (self.tr("Department"), lambda r: r.name),
            (self.tr("Windows"), lambda r: r.windows),
            (self.tr("Staff"), lambda r: r.staff),
            (self.tr("Items"), lambda r: r.items),
        ]

    rows: list[DepartmentRow]


class WindowModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            (self.tr("Number"), lambda r: r.number),
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Department"), lambda r: r.department),
            (self.tr("Kind"), lambda r: kind_name(r.kind)),
            (self.tr("Zone"), lambda r: r.zone),
            (
                self.tr("Board position"),
                lambda r: (
                    self.tr("row %1, column %2").replace("%1", str(r.grid_row)).replace("%2", str(r.grid_col))
                ),
            ),
            (self.tr("State"), lambda r: window_state_name(r.state)),
            (self.tr("State since"), lambda r: f"{r.state_since:%Y-%m-%d}" if r.state_since else ""),
        ]

    rows: list[WindowRow]

    def decorate(self, row: WindowRow, role: int) -> Any:
        if row.state is WindowState.OUT_OF_SERVICE:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_INACTIVE)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_OUT_OF_SERVICE)
        return None


class StaffModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            (self.tr("Staff number"), lambda r: r.staff_no),
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Department"), lambda r: r.department),
            (self.tr("Category"), lambda r: category_name(r.category)),
            (self.tr("Formal"), lambda r: yes_no(r.formal)),
            (self.tr("Category since"), lambda r: f"{r.category_since:%Y-%m-%d}" if r.category_since else ""),
            (self.tr("On duty"), self._duty),
        ]

    rows: list[StaffRow]

    def _duty(self, row: StaffRow) -> str:
        if row.active:
            return self.tr("On duty")
        if row.left_on:
            return self.tr("Left on %1").replace("%1", f"{row.left_on:%Y-%m-%d}")
        return self.tr("Left")

    def decorate(self, row: StaffRow, role: int) -> Any:
        if not row.active and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_INACTIVE)
        return None


class ItemModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            (self.tr("Code"), lambda r: r.code),
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Department"), lambda r: r.department),
            (self.tr("Category"), lambda r: item_category_name(r.category)),
            (self.tr("Case type"), lambda r: case_type_name(r.case_type)),
            (self.tr("Promised days"), lambda r: r.promised_days),
            (self.tr("Legal days"), lambda r: r.legal_days),
            (self.tr("Admitted"), lambda r: yes_no(r.admitted)),
            (self.tr("Window may approve"), lambda r: yes_no(r.window_may_approve)),
            (self.tr("Status"), lambda r: in_use_name(r.active)),
        ]

    rows: list[ItemRow]

    def decorate(self, row: ItemRow, role: int) -> Any:
        if not row.active:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_INACTIVE)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_OUT_OF_SERVICE)
        return None


def change_text(entry: HistoryEntry) -> str:
    """What changed, field by field, in the interface's words."""
    if entry.action == "add":
        shown = [(k, v) for k, v in entry.after.items() if v not in (None, "")]
        return "；".join(f"{field_name(k)}：{logged_value(k, v)}" for k, v in shown)
    parts = [
        f"{field_name(f)}：{logged_value(f, old)} → {logged_value(f, new)}"
        for f, old, new in entry.changed()
        if f not in ("effective_from", "from", "roster_removed")
    ]
    for key in ("effective_from", "from"):
        if key in entry.after:
            parts.append(f"{field_name(key)} {str(entry.after[key])[:10]}")
    if entry.after.get("roster_removed"):
        parts.append(f"{field_name('roster_removed')} {entry.after['roster_removed']}")
    return "；".join(parts)


class HistoryModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            (self.tr("When"), lambda e: f"{e.at:%Y-%m-%d %H:%M}"),
            (self.tr("Who"), lambda e: e.actor),
            (self.tr("What"), lambda e: action_name(e.action)),
            (self.tr("Change"), change_text),
            (self.tr("Reason"), lambda e: e.reason),
        ]

    rows: list[HistoryEntry]
