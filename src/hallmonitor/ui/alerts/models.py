"""Table models for the alert center: the alert list and an alert's history.

Both are read-only views of what the alert services returned; the history in
particular is never editable, as the record it shows is never edited. The list
holds a page at a time: when the view scrolls to its end it asks for more
(``more_wanted``), and the page fetches the next one off the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from hallmonitor.services.alerts import AlertRow, EventRow
from hallmonitor.ui.common import (
    LEVEL_COLOURS,
    ReadOnlyTableModel,
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    event_action_name,
    stored_alert_state_name,
)

Index = QModelIndex | QPersistentModelIndex
ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_ALERT_HEADERS = (
    QT_TRANSLATE_NOOP("AlertModels", "No."),
    QT_TRANSLATE_NOOP("AlertModels", "Window"),
    QT_TRANSLATE_NOOP("AlertModels", "Kind"),
    QT_TRANSLATE_NOOP("AlertModels", "Level"),
    QT_TRANSLATE_NOOP("AlertModels", "State"),
    QT_TRANSLATE_NOOP("AlertModels", "Items"),
    QT_TRANSLATE_NOOP("AlertModels", "Raised"),
    QT_TRANSLATE_NOOP("AlertModels", "Deadline"),
    QT_TRANSLATE_NOOP("AlertModels", "Summary"),
)
_EVENT_HEADERS = (
    QT_TRANSLATE_NOOP("AlertModels", "Time"),
    QT_TRANSLATE_NOOP("AlertModels", "By"),
    QT_TRANSLATE_NOOP("AlertModels", "Action"),
    QT_TRANSLATE_NOOP("AlertModels", "State"),
    QT_TRANSLATE_NOOP("AlertModels", "Note"),
)
CLOSED_TEXT = "#80868b"


class AlertTableModel(QAbstractTableModel):
    #: The view reached the last row held and more exist: fetch the next page.
    more_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AlertRow] = []
        #: How many alerts the filter lets through, of which ``rows`` holds the first.
        self.total = 0
        self._asked = False
        self.headers = [QCoreApplication.translate("AlertModels", h) for h in _ALERT_HEADERS]

    def set_rows(self, rows: list[AlertRow], total: int | None = None) -> None:
        """Show ``rows``; when they are the alerts already shown, in the same order, only those that changed
        are redrawn: a reset re-measured the columns over the first rows and reselected the current one,
        a tenth of a second after every action."""
        rows = list(rows)
        total = len(rows) if total is None else max(total, len(rows))
        if [r.id for r in rows] == [r.id for r in self.rows]:
            changed = [n for n, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
            self.rows, self.total, self._asked = rows, total, False
            for n in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.headers) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.total = total
        self._asked = False
        self.endResetModel()

    def append(self, rows: list[AlertRow]) -> None:
        """The next page; an alert already held (the list moved under it) is not shown twice."""
        held = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in held]
        self._asked = False
        if not fresh:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
        self.rows.extend(fresh)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._asked and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def row_of(self, alert_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == alert_id), None)

    def text(self, row: AlertRow, column: int) -> str:
        values = (
            f"#{row.id}",
            row.window_no or "—",
            alert_kind_name(row.kind),
            alert_level_name(row.level),
            alert_state_name(row.state),
            str(row.occurrence_count),
            f"{row.raised_at:%Y-%m-%d %H:%M}",
            row.deadline.isoformat() if row.deadline else "—",
            row.summary,
        )
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if not 0 <= column < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary
        if role == ALERT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(LEVEL_COLOURS[row.level][0])) if row.is_open else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(LEVEL_COLOURS[row.level][1] if row.is_open else CLOSED_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.is_open and column in (3, 4):
            font = QFont()
            font.setBold(True)
            return font
        return None


class HistoryModel(ReadOnlyTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.events: list[EventRow] = []
        self.headers = [QCoreApplication.translate("AlertModels", h) for h in _EVENT_HEADERS]

    def set_events(self, events: list[EventRow] | tuple[EventRow, ...]) -> None:
        self.beginResetModel()
        self.events = list(events)
        self.endResetModel()

    def _rows(self) -> list[EventRow]:
        return self.events

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.events):
            return None
        if not 0 <= index.column() < len(self.headers):
            return None
        event = self.events[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if event.from_state and event.from_state != event.to_state:
                states = (
                    f"{stored_alert_state_name(event.from_state)} → {stored_alert_state_name(event.to_state)}"
                )
            else:
                states = stored_alert_state_name(event.to_state)
            values = (
                f"{event.at:%Y-%m-%d %H:%M}",
                event.actor,
                event_action_name(event.action),
                states,
                event.note,
            )
            return values[index.column()]
        return None
