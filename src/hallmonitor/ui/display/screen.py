"""大屏模式 (hall display): the board for a screen on the wall, read from across the room.

Nothing on it can be clicked or changed: it is for a screen in the hall or
the supervisor's office, where whoever passes should see at once which
windows are staffed right, which were ordered to correct and which are
closed. It keeps itself current (every minute, and at once on any change
made in the app) and Esc leaves it.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertKind, AlertLevel, WindowState
from hallmonitor.domain.staffing import window_sort_key
from hallmonitor.services.alerts import AlertRow, list_alerts
from hallmonitor.services.staffing import BoardSnapshot, TileStatus, board_snapshot
from hallmonitor.ui.common import PALETTE, long_day_label, session_name, status_text
from hallmonitor.ui.display.cell import DisplayCell
from hallmonitor.ui.shell import LoadGate, Operation, UiEnv

REFRESH_MS = 60_000
CLOCK_MS = 1_000
#: The side list's share of the width, and the height the type sizes below were chosen for.
SIDE_SHARE = 0.25
DESIGN_HEIGHT = 1080
#: Pixel sizes at DESIGN_HEIGHT; a smaller screen scales them down, never below MIN_PIXELS.
TYPE = {"title": 40, "slot": 28, "clock": 40, "counts": 24, "side": 22, "side_title": 26, "hint": 14}
MIN_PIXELS = 11
#: Where the opening window keeps its display, so the menu action raises it rather than opening a second.
HOLDER_ATTRIBUTE = "hall_display_widget"


@dataclass(frozen=True, slots=True)
class DisplayData:
    snapshot: BoardSnapshot
    #: Open staffing alerts: the windows ordered to correct or suggested for closure.
    orders: tuple[AlertRow, ...]


def load_display(ctx: Any, moment: datetime) -> DisplayData:
    orders = list_alerts(ctx, open_only=True, kind=AlertKind.STAFFING)
    return DisplayData(board_snapshot(ctx, moment), tuple(o for o in orders if o.window_no))


class HallDisplay(QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.env = env
        self.setObjectName("hallDisplay")
        self.setWindowTitle(self.tr("Hall display — {hall}").format(hall=env.ctx.hall_name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet("QWidget#hallDisplay { background: #ffffff; }")
        self.cells: dict[str, DisplayCell] = {}
        self._columns = 0
        self.data: DisplayData | None = None
        self._gate = LoadGate()
        self._build()
        env.bus.changed.connect(self._on_changed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_MS)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self._tick()
        self.refresh()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        # A small screen clips the content rather than pushing the window out of full screen.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        top = QHBoxLayout()
        self.title = QLabel(self.env.ctx.hall_name)
        self.slot_label = QLabel()
        self.clock_label = QLabel()
        top.addWidget(self.title)
        top.addSpacing(24)
        top.addWidget(self.slot_label)
        top.addStretch(1)
        top.addWidget(self.clock_label)
        outer.addLayout(top)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("displayCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.counts_label)

        body = QHBoxLayout()
        body.setSpacing(20)
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setSpacing(12)
        self.grid.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.grid_widget, 1)
        self.side = QLabel()
        self.side.setObjectName("displaySide")
        self.side.setTextFormat(Qt.TextFormat.RichText)
        self.side.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.side.setWordWrap(True)
        body.addWidget(self.side)
        outer.addLayout(body, 1)
        self.hint = QLabel(self.tr("Press Esc to leave the hall display"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.hint)
        self._scale_type()

    def type_size(self, key: str) -> int:
        """A piece's type in pixels for this screen: the 1080-line size scaled to the display's height."""
        return max(MIN_PIXELS, round(TYPE[key] * self.height() / DESIGN_HEIGHT))

    def _scale_type(self) -> None:
        px = self.type_size
        self.title.setStyleSheet(f"font-size: {px('title')}px; font-weight: bold; color: #1f3b63;")
        self.slot_label.setStyleSheet(f"font-size: {px('slot')}px; color: #3c4043;")
        self.clock_label.setStyleSheet(f"font-size: {px('clock')}px; font-weight: bold; color: #1f3b63;")
        self.counts_label.setStyleSheet(f"font-size: {px('counts')}px;")
        self.hint.setStyleSheet(f"font-size: {px('hint')}px; color: #9aa0a6;")
        self.side.setFixedWidth(max(240, round(self.width() * SIDE_SHARE)))
        tiles = self.data.snapshot.tiles if self.data is not None else ()
        if tiles and self.columns_for(len(tiles)) != self._columns:
            self._paint_cells(self.data.snapshot)
        self.side.setStyleSheet(
            "QLabel#displaySide { background: #f8f9fb; border: 1px solid #d5d9de; border-radius: 10px;"
            f" padding: {px('side') // 2}px; font-size: {px('side')}px; }}"
        )
        if self.data is not None:
            self._paint_side(self.data)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_type()

    # --- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._gate.start():
            return
        ctx, moment = self.env.ctx, self.env.clock()
        self.env.runner.start(
            Operation(
                "hall display",
                lambda _p: load_display(ctx, moment),
                on_success=self._loaded,
                on_failure=self._failed,
            )
        )

    def _loaded(self, data: DisplayData) -> None:
        if not self._gate.finish():
            self.refresh()
            return
        self.paint(data)
        self.data_ready.emit()

    def _failed(self, _exc: BaseException) -> None:
        # A wall screen has nobody to click a dialog away: say it on the screen and retry on the timer.
        self._gate.fail()
        self.slot_label.setText(self.tr("The hall's data could not be read; retrying every minute."))

    def _on_changed(self, _topic: str) -> None:
        self.refresh()

    def _tick(self) -> None:
        self.clock_label.setText(self.env.clock().strftime("%H:%M"))

    # --- painting -----------------------------------------------------------------------------
    def paint(self, data: DisplayData) -> None:
        self.data = data
        snap = data.snapshot
        day = long_day_label(snap.day)
        self.slot_label.setText(
            self.tr("{day} · {session}").format(day=day, session=session_name(snap.session))
            if snap.working_day
            else self.tr("{day} · not a working day").format(day=day)
        )
        counts = (
            (TileStatus.COMPLIANT, self.tr("Compliant")),
            (TileStatus.AUXILIARY_ONLY, self.tr("Auxiliary staff only")),
            (TileStatus.UNSTAFFED, self.tr("Unstaffed")),
            (TileStatus.CLOSED, self.tr("Temporarily closed")),
        )
        self.counts_label.setText(
            "&nbsp;&nbsp;&nbsp;".join(
                f'<span style="color:{PALETTE[s][1]}; font-weight:bold;">■</span> {escape(t)} '
                f"<b>{snap.count(s)}</b>"
                for s, t in counts
            )
        )
        self._paint_cells(snap)
        self._paint_side(data)

    def _paint_cells(self, snap: BoardSnapshot) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.cells.clear()
        tiles = snap.tiles
        if not tiles:
            empty = QLabel(self.tr("This hall has no windows yet."))
            empty.setStyleSheet(f"font-size: {self.type_size('title')}px; color: #9aa0a6;")
            self.grid.addWidget(empty, 0, 0)
            return
        columns = self.columns_for(len(tiles))
        self._columns = columns
        rows = math.ceil(len(tiles) / columns)
        metrics = QFontMetrics(self.font())
        peers = (
            max((t.number for t in tiles), key=metrics.horizontalAdvance),
            max((status_text(t) for t in tiles), key=metrics.horizontalAdvance),
        )
        for index, tile in enumerate(tiles):
            cell = DisplayCell(tile, peers)
            cell.grid_shape = (columns, rows, self.grid.spacing())
            cell.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.cells[tile.number] = cell
            self.grid.addWidget(cell, index // columns, index % columns)
            cell.show()
        # Every cell the same size, whatever its department's name: the eye reads a regular grid faster.
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 1 if row < rows else 0)

    def columns_for(self, count: int) -> int:
        """Columns giving the largest cells a little wider than tall, in the space beside the side list."""
        spacing = self.grid.spacing()
        width = max(1, self.width() - 48 - self.side.width() - 20)
        height = max(
            1, self.height() - 32 - self.title.sizeHint().height() - self.counts_label.sizeHint().height()
        )
        height -= self.hint.sizeHint().height() + 3 * spacing

        def score(columns: int) -> float:
            rows = math.ceil(count / columns)
            cell_width = (width - (columns - 1) * spacing) / columns
            cell_height = (height - (rows - 1) * spacing) / rows
            return min(cell_width / 1.25, cell_height)

        return max(range(1, max(1, count) + 1), key=score)

    def _paint_side(self, data: DisplayData) -> None:
        closed = sorted(
            (t for t in data.snapshot.tiles if t.state is WindowState.CLOSED),
            key=lambda t: window_sort_key(t.number),
        )
        by_number = sorted(data.orders, key=lambda o: window_sort_key(o.window_no))
        closure = [o for o in by_number if o.level is AlertLevel.SUGGEST_CLOSURE]
        orders = [o for o in by_number if o.level is not AlertLevel.SUGGEST_CLOSURE]
        closed_numbers = {t.number for t in closed}

        none = escape(self.tr("None"))
        size = self.type_size("side_title")

        def section(title: str, colour: str, lines: list[str]) -> str:
            body = "<br/>".join(lines) if lines else f'<span style="color:#9aa0a6;">{none}</span>'
            return (
                f'<p style="margin-bottom:{size // 2}px;"><b style="color:{colour}; font-size:{size}px;">'
                f"{escape(title)}</b><br/>{body}</p>"
            )

        def order_line(o: AlertRow) -> str:
            deadline = (
                self.tr("deadline {date}").format(date=f"{o.deadline.month}/{o.deadline.day}")
                if o.deadline
                else ""
            )
            # The deadline stays in one piece at the end of a line wrapped after a long department.
            kept = escape(deadline).replace(" ", "&nbsp;")
            return f"<b>{escape(o.window_no)}</b> {escape(o.department)} <span style='color:#5f6368;'>{kept}</span>"

        html = section(
            self.tr("Temporarily closed"),
            PALETTE[TileStatus.CLOSED][1],
            [f"<b>{escape(t.number)}</b> {escape(t.department)}" for t in closed],
        )
        html += section(
            self.tr("Closure suggested"),
            "#b3261e",
            [order_line(o) for o in closure if o.window_no not in closed_numbers],
        )
        html += section(
            self.tr("Ordered to correct"),
            PALETTE[TileStatus.AUXILIARY_ONLY][1],
            [order_line(o) for o in orders if o.window_no not in closed_numbers],
        )
        self.side.setText(html)

    # --- leaving ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.refresh_timer.stop()
        self.clock_timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.env.bus.changed.disconnect(self._on_changed)
        super().closeEvent(event)


def open_hall_display(window: QWidget | None, env: UiEnv) -> HallDisplay:
    """Open the display full screen, on the screen of ``window``; one at a time."""
    existing = getattr(window, HOLDER_ATTRIBUTE, None) if window is not None else None
    if isinstance(existing, HallDisplay) and shiboken6.isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    display = HallDisplay(env)
    if window is not None:
        setattr(window, HOLDER_ATTRIBUTE, display)
        screen = window.screen()
        if screen is not None:
            display.setGeometry(screen.geometry())
    display.showFullScreen()
    return display
