"""The read-only table model the pages' lists share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ReadOnlyTableModel(QAbstractTableModel):
    """Rows held in a list, columns named by ``headers``, nothing editable: what most lists here are.

    A subclass says where its rows are (``_rows``) and what a cell shows (``data``).
    """

    headers: list[str]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _rows(self) -> list[Any]:
        raise NotImplementedError

    def _cell(self, index: Index) -> Any:
        rows = self._rows()
        if (
            not index.isValid()
            or not 0 <= index.row() < len(rows)
            or not 0 <= index.column() < len(self.headers)
        ):
            return None
        return rows[index.row()]
