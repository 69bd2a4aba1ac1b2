"""What each of the case table's cells shows: its column's title, text, colour and tip.

Kept apart from the paging (models.py) because it depends only on the row it
is given: the same row shows the same way whichever page it came in on.
The words are translated in the model's context, ``CaseTableModel``, where
the catalogue has always held them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from hallmonitor.domain.enums import DeadlineState
from hallmonitor.services.cases import CaseRow
from hallmonitor.ui.cases.words import deadline_name, flag_state_name, status_name, voided_name


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


# Per column: (sort key, or None when the column cannot be sorted; the value shown).
COLUMNS: list[tuple[str | None, Callable[[CaseRow], Any]]] = [
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
TRIPS_COLUMN = 8
DEADLINE_COLUMN = 11
FLAG_COLUMN = 12

DUE_TODAY_COLOUR = QColor("#fff1b8")
OVERDUE_COLOUR = QColor("#ffccc7")
FLAG_COLOUR = QColor("#ffe7ba")
# Shown in a row whose page is being read.
PLACEHOLDER = "…"
PLACEHOLDER_COLOUR = QColor("#9aa0a6")


DISPLAY = Qt.ItemDataRole.DisplayRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_CASE_ID = Qt.ItemDataRole.UserRole.value + 1
# The roles a cell answers; the view asks a dozen for each cell it paints, the others cost nothing.
ROLES = frozenset({DISPLAY, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _CASE_ID})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def placeholder(column: int, role: int) -> Any:
    """A cell whose row is being read: a grey "…" in the first column, empty in the others."""
    if role == DISPLAY:
        return PLACEHOLDER if column == 0 else ""
    if role == _FOREGROUND:
        return QBrush(PLACEHOLDER_COLOUR)
    return None


def answer(row: CaseRow, column: int, role: int) -> Any:
    """A read row's cell, for every role but the text (which the model keeps formatted)."""
    if role == _CASE_ID:
        return row.id
    if role == _ALIGNMENT:
        return _RIGHT if column == TRIPS_COLUMN else None
    if role == _BACKGROUND:
        return background(row, column)
    if role == _TOOLTIP and column == DEADLINE_COLUMN:
        return deadline_tip(row)
    return None


def titles() -> list[str]:
    """The columns' headings, in COLUMNS' order."""
    return [
        QCoreApplication.translate("CaseTableModel", "Case number"),
        QCoreApplication.translate("CaseTableModel", "Received"),
        QCoreApplication.translate("CaseTableModel", "Window"),
        QCoreApplication.translate("CaseTableModel", "Department"),
        QCoreApplication.translate("CaseTableModel", "Item"),
        QCoreApplication.translate("CaseTableModel", "Applicant"),
        QCoreApplication.translate("CaseTableModel", "ID number"),
        QCoreApplication.translate("CaseTableModel", "Status"),
        QCoreApplication.translate("CaseTableModel", "Trips"),
        QCoreApplication.translate("CaseTableModel", "Due"),
        QCoreApplication.translate("CaseTableModel", "Completed"),
        QCoreApplication.translate("CaseTableModel", "Deadline"),
        QCoreApplication.translate("CaseTableModel", "Front shop"),
    ]


def background(row: CaseRow, column: int) -> QBrush | None:
    """The deadline column in yellow (due today) or red (overdue), a flagged case's flag in orange."""
    if column == DEADLINE_COLUMN:
        if row.deadline_state is DeadlineState.OVERDUE:
            return QBrush(OVERDUE_COLOUR)
        if row.deadline_state is DeadlineState.DUE_TODAY:
            return QBrush(DUE_TODAY_COLOUR)
    if column == FLAG_COLUMN and row.flag_state is not None:
        return QBrush(FLAG_COLOUR)
    return None


def deadline_tip(row: CaseRow) -> str:
    if row.deadline_state is DeadlineState.OVERDUE:
        return QCoreApplication.translate("CaseTableModel", "Overdue: due %1").replace(
            "%1", str(row.due_date)
        )
    if row.deadline_state is DeadlineState.DUE_TODAY:
        return QCoreApplication.translate("CaseTableModel", "Due today")
    return QCoreApplication.translate("CaseTableModel", "On time")
