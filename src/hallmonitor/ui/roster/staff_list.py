"""The hall's active staff beside the roster grid, each one draggable onto its cells.

A drag carries the staff's ids under STAFF_MIME, the type the grid's model
accepts in a drop; the names go along as plain text for any other target.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hallmonitor.services.staffing import StaffOption
from hallmonitor.ui.common import (
    AUXILIARY_BADGE_COLOUR,
    FORMAL_BADGE_COLOUR,
    auxiliary_badge,
    category_name,
    formal_badge,
)
from hallmonitor.ui.roster.model import STAFF_MIME, AnyIndex, StaffRole


class StaffListModel(QAbstractListModel):
    """The hall's active staff, draggable onto roster cells."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.staff: tuple[StaffOption, ...] = ()

    def set_staff(self, staff: tuple[StaffOption, ...]) -> None:
        self.beginResetModel()
        self.staff = staff
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.staff)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.staff):
            return None
        person = self.staff[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            badge = formal_badge() if person.formal else auxiliary_badge()
            return f"{badge}  {person.staff_no} {person.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{person.name} · {person.department} · {category_name(person.category)}"
        if role == Qt.ItemDataRole.FontRole and person.formal:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(FORMAL_BADGE_COLOUR if person.formal else AUXILIARY_BADGE_COLOUR))
        if role == StaffRole:
            return person
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [STAFF_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = sorted({self.staff[i.row()].id for i in indexes if i.isValid()})
        data.setData(STAFF_MIME, QByteArray(json.dumps(ids).encode("utf-8")))
        data.setText("\n".join(self.staff[i.row()].name for i in indexes if i.isValid()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
