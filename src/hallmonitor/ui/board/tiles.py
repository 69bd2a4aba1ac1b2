"""A window's tile on the hall board, and the detail a click on it opens.

The colour is the first thing a supervisor reads from across the room, so it
follows the board's four rules only: green compliant, amber auxiliary staff
only, red unstaffed or closed, grey out of service or not a working day.
Formal civil servants and auxiliary staff carry different badges (正 / 辅)
because "who is formal" is exactly what the directive is about.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertLevel, Session, WindowState
from hallmonitor.services.staffing import BoardTile, DutyPerson, TileDetail
from hallmonitor.ui.common import (
    AUXILIARY_BADGE_COLOUR,
    FORMAL_BADGE_COLOUR,
    PALETTE,
    auxiliary_badge,
    badge,
    formal_badge,
    long_day_label,
    session_name,
    status_text,
    window_state_name,
)

MAX_NAMES = 3
TILE_WIDTH = 196
TILE_HEIGHT = 124


def ladder_text(tile: BoardTile) -> str:
    """What the window has been told to do, when it has: rectifying, ordered to correct, closure suggested."""
    if tile.staffing_alert is AlertLevel.SUGGEST_CLOSURE:
        return QCoreApplication.translate("BoardTiles", "Closure suggested")
    if tile.state is WindowState.RECTIFYING:
        return window_state_name(tile.state)
    if tile.staffing_alert is AlertLevel.ORDER_TO_CORRECT:
        return QCoreApplication.translate("BoardTiles", "Ordered to correct")
    return ""


def person_html(person: DutyPerson) -> str:
    mark = (
        badge(formal_badge(), FORMAL_BADGE_COLOUR)
        if person.formal
        else badge(auxiliary_badge(), AUXILIARY_BADGE_COLOUR)
    )
    # Chinese text may break between any two characters; a word joiner keeps a name whole.
    name = escape("\u2060".join(person.name))
    if person.attendance is False:
        name = f'<s style="color:#8a8a8a;">{name}</s>'
    elif person.formal:
        name = f"<b>{name}</b>"
    return f"{mark}&nbsp;{name}"


def duty_html(people: tuple[DutyPerson, ...], limit: int = MAX_NAMES) -> str:
    """Formal first, then auxiliary, absent last; long lists end in "+n"."""
    if not people:
        nobody = QCoreApplication.translate("BoardTiles", "Nobody on duty")
        return f'<span style="color:#8a8a8a;">{escape(nobody)}</span>'
    ordered = sorted(people, key=lambda p: (p.attendance is False, not p.formal, p.staff_no))
    shown = " ".join(person_html(p) for p in ordered[:limit])
    if len(ordered) > limit:
        shown += f" +{len(ordered) - limit}"
    return shown


class WindowTile(QFrame):
    """One window; ``status`` and ``colour`` are what tests and the hall display read."""

    clicked = Signal(int)

    def __init__(self, tile: BoardTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.status = tile.status
        self.verdict = tile.verdict
        background, accent = PALETTE[tile.status]
        self.colour = QColor(accent)
        self.setObjectName("tile")
        self.setProperty("status", tile.status.value)
        self.setProperty("windowNumber", tile.number)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(TILE_WIDTH, TILE_HEIGHT)
        self.setStyleSheet(
            f"QFrame#tile {{ background: {background}; border: 1px solid #d5d9de; "
            f"border-left: 6px solid {accent}; border-radius: 6px; }}"
            "QFrame#tile QLabel { background: transparent; border: none; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)

        top = QHBoxLayout()
        number = QLabel(tile.number)
        number.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.status_label = QLabel(status_text(tile))
        self.status_label.setStyleSheet(f"color: {accent}; font-weight: bold;")
        top.addWidget(number)
        top.addStretch(1)
        top.addWidget(self.status_label)
        layout.addLayout(top)

        department = QLabel()
        department.setStyleSheet("color: #3c4043;")
        department.setText(
            department.fontMetrics().elidedText(tile.department, Qt.TextElideMode.ElideRight, TILE_WIDTH - 24)
        )
        department.setToolTip(f"{tile.department}\n{tile.name}")
        layout.addWidget(department)
        ladder = ladder_text(tile)
        self.ladder_label: QLabel | None = None
        if ladder:
            self.ladder_label = QLabel(ladder)
            self.ladder_label.setObjectName("ladder")
            self.ladder_label.setStyleSheet(
                "color: #ffffff; background: #c62828; padding: 0 4px; font-size: 12px;"
            )
            row = QHBoxLayout()
            row.addWidget(self.ladder_label)
            row.addStretch(1)
            layout.addLayout(row)

        self.duty_label = QLabel(duty_html(tile.on_duty))
        self.duty_label.setTextFormat(Qt.TextFormat.RichText)
        self.duty_label.setWordWrap(True)
        self.duty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.duty_label, 1)

        counts = QLabel(
            QCoreApplication.translate("BoardTiles", "Cases today {cases} · Alerts {alerts}").format(
                cases=tile.cases_today, alerts=tile.open_alerts
            )
        )
        counts.setStyleSheet("color: #c62828;" if tile.open_alerts else "color: #5f6368;")
        layout.addWidget(counts)
        self.setToolTip(
            QCoreApplication.translate(
                "BoardTiles", "Click for today's roster and cases of window {number}"
            ).format(number=tile.number)
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.tile.window_id)
        super().mouseReleaseEvent(event)


class TileDetailDialog(QDialog):
    """Today's roster of one window in both sessions, and the cases it received today."""

    def __init__(self, detail: TileDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setObjectName("tileDetail")
        self.setWindowTitle(
            QCoreApplication.translate("BoardTiles", "Window {number} · {department}").format(
                number=detail.number, department=detail.department
            )
        )
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{escape(detail.number)} {escape(detail.name)}</b> — {escape(window_state_name(detail.state))}"
            f"<br>{escape(long_day_label(detail.day))}"
        )
        layout.addWidget(heading)
        rows = [
            f"<tr><td style='padding-right:12px;'><b>{escape(session_name(s))}</b></td>"
            f"<td>{duty_html(detail.roster.get(s, ()), limit=99)}</td></tr>"
            for s in (Session.MORNING, Session.AFTERNOON)
        ]
        roster = QLabel(f"<table cellspacing='4'>{''.join(rows)}</table>")
        roster.setTextFormat(Qt.TextFormat.RichText)
        roster.setWordWrap(True)
        layout.addWidget(roster)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate("BoardTiles", "Cases received today: {count}").format(
                    count=len(detail.cases)
                )
            )
        )
        self.cases = QTableWidget(len(detail.cases), 4)
        self.cases.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("BoardTiles", "Time"),
                QCoreApplication.translate("BoardTiles", "Case number"),
                QCoreApplication.translate("BoardTiles", "Item"),
                QCoreApplication.translate("BoardTiles", "Status"),
            ]
        )
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.verticalHeader().setVisible(False)
        for row, case in enumerate(detail.cases):
            values = (case.received_at.strftime("%H:%M"), case.case_no, case.item, case.status)
            for col, value in enumerate(values):
                self.cases.setItem(row, col, QTableWidgetItem(value))
        self.cases.horizontalHeader().setStretchLastSection(True)
        self.cases.resizeColumnsToContents()
        layout.addWidget(self.cases, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
