"""Table models of the audit page: the entries, a page at a time, and one entry's fields in full.

Both are read-only, as the trail is. The entry list holds what has been fetched
so far; when the view reaches its end and the last page was full, it asks for
the next one (``more_wanted``), which the page fetches off the UI thread below
the last sequence number held, so an entry written meanwhile never shifts or
repeats what is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from hallmonitor.services.audit import TrailEntry, value_text
from hallmonitor.ui.audit.words import action_name, table_name
from hallmonitor.ui.common import ReadOnlyTableModel

Index = QModelIndex | QPersistentModelIndex

_ENTRY_HEADERS = (
    QT_TRANSLATE_NOOP("AuditModels", "No."),
    QT_TRANSLATE_NOOP("AuditModels", "Time"),
    QT_TRANSLATE_NOOP("AuditModels", "By"),
    QT_TRANSLATE_NOOP("AuditModels", "Computer"),
    QT_TRANSLATE_NOOP("AuditModels", "Action"),
    QT_TRANSLATE_NOOP("AuditModels", "Kind"),
    QT_TRANSLATE_NOOP("AuditModels", "Record"),
    QT_TRANSLATE_NOOP("AuditModels", "What changed"),
)
_FIELD_HEADERS = (
    QT_TRANSLATE_NOOP("AuditModels", "Field"),
    QT_TRANSLATE_NOOP("AuditModels", "Before"),
    QT_TRANSLATE_NOOP("AuditModels", "After"),
)
#: Text colours of the actions: a deletion stands out, an addition reads as new.
ACTION_COLOURS = {"insert": "#1b5e20", "delete": "#b3261e"}


def _headers(texts: tuple[str, ...]) -> list[str]:
    return [QCoreApplication.translate("AuditModels", text) for text in texts]


class TrailModel(ReadOnlyTableModel):
    #: The view reached the last entry held and the trail has older ones: fetch the next page.
    more_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[TrailEntry] = []
        #: Where the next page starts (below this sequence number); None when everything is held.
        self.next_before: int | None = None
        self._asked = False
        self.headers = _headers(_ENTRY_HEADERS)

    def _rows(self) -> list[Any]:
        return self.entries

    def set_entries(
        self, entries: tuple[TrailEntry, ...] | list[TrailEntry], next_before: int | None
    ) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.next_before = next_before
        self._asked = False
        self.endResetModel()

    def append(self, entries: tuple[TrailEntry, ...] | list[TrailEntry], next_before: int | None) -> None:
        """The next page, below the last entry held (pages never overlap: they are cut by sequence number)."""
        last = self.entries[-1].seq if self.entries else None
        fresh = [e for e in entries if last is None or e.seq < last]
        self._asked = False
        self.next_before = next_before
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self.entries), len(self.entries) + len(fresh) - 1)
        self.entries.extend(fresh)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._asked and self.next_before is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit()

    def fetch_failed(self) -> None:
        """The page asked for did not come: scrolling to the end asks again."""
        self._asked = False

    def text(self, entry: TrailEntry, column: int) -> str:
        values = (
            f"#{entry.seq}",
            f"{entry.at:%Y-%m-%d %H:%M:%S}",
            entry.actor,
            entry.pc,
            action_name(entry.action),
            table_name(entry.table),
            entry.row_key,
            entry.summary,
        )
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._cell(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(self.headers) - 1:
            return entry.summary
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and entry.action in ACTION_COLOURS:
            return QBrush(QColor(ACTION_COLOURS[entry.action]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FieldsModel(ReadOnlyTableModel):
    """One entry's fields: before and after in full, for an update only those it changed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.fields: list[tuple[str, str, str]] = []
        self.headers = _headers(_FIELD_HEADERS)

    def _rows(self) -> list[Any]:
        return self.fields

    def set_entry(self, entry: TrailEntry | None) -> None:
        self.beginResetModel()
        self.fields = []
        if entry is not None:
            for name, before, after in entry.changes():
                self.fields.append(
                    (
                        name,
                        value_text(before, None) if entry.action != "insert" else "",
                        value_text(after, None) if entry.action != "delete" else "",
                    )
                )
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._cell(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        return None
