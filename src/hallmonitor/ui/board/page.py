"""大厅态势: the hall as it stands now, one tile per window, laid out as the hall is.

The board is open all day on a supervisor's screen, so it keeps itself
current: any change announced on the bus reloads it, and a timer notices
when the shown session (morning, afternoon, the next day) is over. Loading
runs off the UI thread; a change that arrives during a load queues exactly
one more load, so a burst of saves does not pile up reads.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.staffing import (
    BoardSnapshot,
    TileDetail,
    TileStatus,
    board_snapshot,
    display_slot,
    tile_detail,
)
from hallmonitor.ui.board.tiles import TileDetailDialog, WindowTile
from hallmonitor.ui.common import PALETTE, long_day_label, session_name
from hallmonitor.ui.shell import LoadGate, UiEnv, owned_operation, show_error

log = logging.getLogger("hallmonitor.ui")

SESSION_CHECK_MS = 30_000


class BoardPage(QWidget):
    data_ready = Signal()
    open_alerts_changed = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("boardPage")
        self.snapshot: BoardSnapshot | None = None
        self.tiles: dict[str, WindowTile] = {}
        self.zone_boxes: list[QGroupBox] = []
        self._columns = 0
        self._gate = LoadGate()
        self._detail: TileDetailDialog | None = None
        self._build()
        env.bus.changed.connect(self._on_changed)
        self.session_timer = QTimer(self)
        self.session_timer.setInterval(SESSION_CHECK_MS)
        self.session_timer.timeout.connect(self.check_session)
        self.session_timer.start()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel(self.tr("Hall board"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.slot_label = QLabel()
        self.slot_label.setStyleSheet("font-size: 15px; color: #3c4043;")
        self.alerts_label = QLabel()
        self.alerts_label.setObjectName("boardOpenAlerts")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.slot_label)
        header.addStretch(1)
        header.addWidget(self.alerts_label)
        header.addSpacing(12)
        header.addWidget(refresh)
        outer.addLayout(header)

        legend = QHBoxLayout()
        legend.setSpacing(14)
        self.legend: list[tuple[tuple[TileStatus, ...], str, QLabel]] = []
        for statuses, text in (
            ((TileStatus.COMPLIANT,), self.tr("Compliant")),
            ((TileStatus.AUXILIARY_ONLY,), self.tr("Auxiliary staff only")),
            ((TileStatus.UNSTAFFED, TileStatus.CLOSED), self.tr("Unstaffed or temporarily closed")),
            ((TileStatus.OUT_OF_SERVICE, TileStatus.NON_WORKING_DAY), self.tr("Not in service")),
        ):
            background, accent = PALETTE[statuses[0]]
            chip = QLabel()
            chip.setFixedSize(14, 14)
            chip.setStyleSheet(f"background: {background}; border: 2px solid {accent}; border-radius: 3px;")
            label = QLabel(text)
            self.legend.append((statuses, text, label))
            legend.addWidget(chip)
            legend.addWidget(label)
        legend.addStretch(1)
        outer.addLayout(legend)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.zones_widget = QWidget()
        self.zones_layout = QGridLayout(self.zones_widget)
        self.zones_layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.zones_layout.setSpacing(14)
        self.scroll.setWidget(self.zones_widget)
        outer.addWidget(self.scroll, 1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(False)
        outer.addWidget(self.empty_label)

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._gate.start():
            return
        ctx, moment = self.env.ctx, self.env.clock()

        def work(_progress: Any) -> BoardSnapshot:
            return board_snapshot(ctx, moment)

        self.env.runner.start(
            owned_operation(self, "hall board", work, on_success=self._loaded, on_failure=self._failed)
        )

    def _loaded(self, snapshot: BoardSnapshot) -> None:
        if not self._gate.finish():
            self.refresh()
            return
        self.paint(snapshot)
        self.data_ready.emit()

    def _failed(self, exc: BaseException) -> None:
        self._gate.fail()
        self.slot_label.setText(self.tr("The board could not be loaded."))
        show_error(self, exc)

    def _on_changed(self, _topic: str) -> None:
        self.refresh()

    def check_session(self) -> None:
        """Reload when the clock has moved the board to another day or session."""
        if self.snapshot is None:
            return
        now = display_slot(self.env.clock(), self.snapshot.session_times)
        if now != (self.snapshot.day, self.snapshot.session):
            self.refresh()

    # --- painting -----------------------------------------------------------------------------
    def paint(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        day_text = long_day_label(snapshot.day)
        if snapshot.working_day:
            self.slot_label.setText(
                self.tr("{day} · {session}").format(day=day_text, session=session_name(snapshot.session))
            )
        else:
            self.slot_label.setText(self.tr("{day} · not a working day").format(day=day_text))
        colour = "#b3261e" if snapshot.open_alerts else "#2e7d32"
        self.alerts_label.setText(self.tr("Open alerts: {count}").format(count=snapshot.open_alerts))
        self.alerts_label.setProperty("count", snapshot.open_alerts)
        self.alerts_label.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {colour};")
        self._update_legend(snapshot)
        self._clear_zones()
        self.zone_boxes = [self._zone_box(zone, snapshot) for zone in snapshot.zones]
        self._columns = 0
        self._arrange_zones()
        self.empty_label.setVisible(not snapshot.tiles)
        self.empty_label.setText(self.tr("This hall has no windows yet. Import them from the File menu."))
        self.open_alerts_changed.emit(snapshot.open_alerts)

    def _update_legend(self, snapshot: BoardSnapshot) -> None:
        for statuses, text, label in self.legend:
            count = sum(snapshot.count(s) for s in statuses)
            label.setText(self.tr("{text} {count}").format(text=text, count=count))

    def _clear_zones(self) -> None:
        self.tiles.clear()
        for box in self.zone_boxes:
            self.zones_layout.removeWidget(box)
            box.deleteLater()
        self.zone_boxes = []

    def _arrange_zones(self) -> None:
        """Zones side by side as far as the width allows, so a wide screen shows the hall at once."""
        if not self.zone_boxes:
            return
        spacing = self.zones_layout.spacing()
        widest = max(box.sizeHint().width() for box in self.zone_boxes) + spacing
        available = self.scroll.viewport().width() - 2 * self.zones_layout.contentsMargins().left()
        columns = max(1, min(len(self.zone_boxes), (available + spacing) // max(widest, 1)))
        if columns == self._columns:
            return
        self._columns = columns
        for box in self.zone_boxes:
            self.zones_layout.removeWidget(box)
        for index, box in enumerate(self.zone_boxes):
            self.zones_layout.addWidget(box, index // columns, index % columns)
            box.show()  # at once, not on the layout's queued show, so a grab right after sees it

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_zones()

    def _zone_box(self, zone: str, snapshot: BoardSnapshot) -> QGroupBox:
        box = QGroupBox(zone or self.tr("No zone"))
        box.setStyleSheet("QGroupBox { font-weight: bold; font-size: 14px; }")
        grid = QGridLayout(box)
        grid.setSpacing(8)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        taken: set[tuple[int, int]] = set()
        for tile in snapshot.tiles_in(zone):
            row, col = max(tile.grid_row, 0), max(tile.grid_col, 0)
            while (row, col) in taken:  # two windows given the same place: keep both visible
                col += 1
            taken.add((row, col))
            widget = WindowTile(tile)
            widget.clicked.connect(self.open_detail)
            self.tiles[tile.number] = widget
            grid.addWidget(widget, row, col)
        return box

    # --- detail -------------------------------------------------------------------------------
    def open_detail(self, window_id: int) -> None:
        if self.snapshot is None:
            return
        ctx, day = self.env.ctx, self.snapshot.day

        def work(_progress: Any) -> TileDetail:
            return tile_detail(ctx, window_id, day)

        self.env.runner.start(
            owned_operation(
                self,
                "tile detail",
                work,
                on_success=self._show_detail,
                on_failure=lambda e: show_error(self, e),
            )
        )

    def _show_detail(self, detail: TileDetail) -> None:
        if self._detail is not None:
            self._detail.close()
        self._detail = TileDetailDialog(detail, self)
        self._detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._detail.destroyed.connect(self._forget_detail)
        self._detail.show()

    def _forget_detail(self) -> None:
        self._detail = None

    @property
    def detail_dialog(self) -> TileDetailDialog | None:
        return self._detail
