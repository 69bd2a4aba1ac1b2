"""大厅态势: the hall as it stands now, one tile per window, laid out as the hall is.

The board is open all day on a supervisor's screen, so it keeps itself
current: any change announced on the bus reloads it, and a timer notices
when the shown session (morning, afternoon, the next day) is over. Loading
runs off the UI thread; a change that arrives during a load queues exactly
one more load, so a burst of saves does not pile up reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
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
    board_snapshot,
    display_slot,
    tile_detail,
)
from hallmonitor.ui.board.detail import TileDetailDialog
from hallmonitor.ui.board.legend import BoardLegend
from hallmonitor.ui.board.tiles import WindowTile
from hallmonitor.ui.board.zones import ZONE_GAP, Zones
from hallmonitor.ui.common import long_day_label, session_name
from hallmonitor.ui.shell import LoadGate, ReloadWhenShown, UiEnv, owned_operation, show_error

log = logging.getLogger("hallmonitor.ui")

SESSION_CHECK_MS = 30_000


class BoardPage(QWidget):
    data_ready = Signal()
    open_alerts_changed = Signal(int)
    #: An alert's id whose link was clicked in a tile's detail: the main window shows it in the alert center.
    open_alert_requested = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("boardPage")
        self.snapshot: BoardSnapshot | None = None
        self._gate = LoadGate()
        self._detail: TileDetailDialog | None = None
        #: A snapshot that arrived while another page was shown: painted when the board is shown again.
        self._unpainted: BoardSnapshot | None = None
        self._build()
        # Behind another page the board reads nothing: reading forty windows' staffing holds the
        # interpreter long enough for the page on screen to stutter after every save.
        self._reload = ReloadWhenShown(self)
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
        # Under the title, where the eye goes first: on an empty hall the board below is blank.
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty_label.setStyleSheet("color: #595959; font-size: 15px; padding: 16px 0;")
        self.empty_label.setVisible(False)
        outer.addWidget(self.empty_label)
        self.legend = BoardLegend()
        outer.addWidget(self.legend)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The tiles are sized to the width, never beyond it: the board scrolls down, never sideways.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.zones_widget = QWidget()
        self.zones_layout = QVBoxLayout(self.zones_widget)
        self.zones_layout.setContentsMargins(0, 0, 0, 0)
        self.zones_layout.setSpacing(ZONE_GAP)
        self.zones_layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll.setWidget(self.zones_widget)
        outer.addWidget(self.scroll, 1)
        self.zones = Zones(self.zones_layout, self.scroll, self.open_detail, self.tr("No zone"), self)

    @property
    def tiles(self) -> dict[str, WindowTile]:
        return self.zones.tiles

    @property
    def zone_boxes(self) -> list[QGroupBox]:
        return self.zones.boxes

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
        if self.window().isVisible() and not self.isVisible():
            # Rebuilding forty tiles takes a quarter of a second; behind another page it would
            # stall the save that announced the change, and nobody would see the result.
            self._unpainted = snapshot
            self.open_alerts_changed.emit(snapshot.open_alerts)  # the status bar's counter is seen
            self.data_ready.emit()
        else:
            self.paint(snapshot, done=self.data_ready.emit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        snapshot, self._unpainted = self._unpainted, None
        if snapshot is not None:
            self.paint(snapshot)

    def _failed(self, exc: BaseException) -> None:
        self._gate.fail()
        self.slot_label.setText(self.tr("The board could not be loaded."))
        show_error(self, exc)

    def _on_changed(self, _topic: str) -> None:
        self._reload.request(self.refresh)

    def check_session(self) -> None:
        """Reload when the clock has moved the board to another day or session."""
        if self.snapshot is None:
            return
        now = display_slot(self.env.clock(), self.snapshot.session_times)
        if now != (self.snapshot.day, self.snapshot.session):
            self._reload.request(self.refresh)

    # --- painting -----------------------------------------------------------------------------
    def paint(self, snapshot: BoardSnapshot, done: Callable[[], None] | None = None) -> None:
        """Show ``snapshot``: the header at once, the zones one per turn of the event loop; then ``done()``."""
        self._unpainted = None
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
        self.legend.set_counts(snapshot)
        self.empty_label.setVisible(not snapshot.tiles)
        self.legend.setVisible(bool(snapshot.tiles))  # nothing on the board for it to explain
        self.empty_label.setText(
            self.tr(
                "No windows yet: add them on Hall data, or File ▸ Import. Each window then shows here as a tile."
            )
        )
        self.open_alerts_changed.emit(snapshot.open_alerts)
        self.zones.show(snapshot, done or (lambda: None))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.zones.arrange()

    # --- detail -------------------------------------------------------------------------------
    def open_detail(self, window_id: int) -> None:
        if self.snapshot is None:
            return
        ctx, day, now = self.env.ctx, self.snapshot.day, self.env.clock()

        def work(_progress: Any) -> TileDetail:
            return tile_detail(ctx, window_id, day, now=now)

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
        self._detail.alert_requested.connect(self.open_alert_requested)
        self._detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._detail.destroyed.connect(self._forget_detail)
        self._detail.show()

    def _forget_detail(self) -> None:
        self._detail = None

    @property
    def detail_dialog(self) -> TileDetailDialog | None:
        return self._detail
