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
from PySide6.QtGui import QResizeEvent, QShowEvent
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
    board_snapshot,
    display_slot,
    tile_detail,
)
from hallmonitor.ui.board.detail import TileDetailDialog
from hallmonitor.ui.board.flow import Frame, pack
from hallmonitor.ui.board.legend import BoardLegend
from hallmonitor.ui.board.tile_layout import layout_tile, max_width, min_width, tile_fonts
from hallmonitor.ui.board.tiles import WindowTile
from hallmonitor.ui.common import long_day_label, session_name
from hallmonitor.ui.shell import LoadGate, ReloadWhenShown, UiEnv, owned_operation, show_error

log = logging.getLogger("hallmonitor.ui")

SESSION_CHECK_MS = 30_000
TILE_SPACING = 8
ZONE_GAP = 14
ZONE_STYLE = "QGroupBox { font-weight: bold; font-size: 14px; }"


def zone_chrome() -> tuple[int, int]:
    """What a zone box adds around its grid of tiles (border, title, margins), measured on a probe."""
    probe = QGroupBox("A")
    probe.setStyleSheet(ZONE_STYLE)
    grid = QGridLayout(probe)
    inner = QWidget()
    inner.setFixedSize(100, 100)
    grid.addWidget(inner, 0, 0)
    hint = probe.sizeHint()
    probe.deleteLater()
    return hint.width() - 100, hint.height() - 100


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
        self.tiles: dict[str, WindowTile] = {}
        self.zone_boxes: list[QGroupBox] = []
        #: Per zone box, its tiles with their place in the hall's grid, in reading order.
        self.zone_tiles: list[list[tuple[tuple[int, int], WindowTile]]] = []
        self._packed: object = None
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
        else:
            self.paint(snapshot)
        self.data_ready.emit()

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
    def paint(self, snapshot: BoardSnapshot) -> None:
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
        self._clear_zones()
        self.zone_boxes = [self._zone_box(zone, snapshot) for zone in snapshot.zones]
        self._arrange_zones()
        self.empty_label.setVisible(not snapshot.tiles)
        self.legend.setVisible(bool(snapshot.tiles))  # nothing on the board for it to explain
        self.empty_label.setText(
            self.tr(
                "No windows yet: add them on Hall data, or File ▸ Import. Each window then shows here as a tile."
            )
        )
        self.open_alerts_changed.emit(snapshot.open_alerts)

    def _clear_zones(self) -> None:
        self.tiles.clear()
        self._unpack_rows()
        for box in self.zone_boxes:
            box.deleteLater()
        self.zone_boxes = []
        self.zone_tiles = []
        self._packed = None

    def _unpack_rows(self) -> None:
        while self.zones_layout.count():
            row = self.zones_layout.takeAt(0).layout()
            while row is not None and row.count():
                row.takeAt(0)
            if row is not None:
                row.deleteLater()

    def _zone_box(self, zone: str, snapshot: BoardSnapshot) -> QGroupBox:
        box = QGroupBox(zone or self.tr("No zone"))
        box.setStyleSheet(ZONE_STYLE)
        grid = QGridLayout(box)
        grid.setSpacing(TILE_SPACING)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        placed: list[tuple[tuple[int, int], WindowTile]] = []
        taken: set[tuple[int, int]] = set()
        for tile in snapshot.tiles_in(zone):
            row, col = max(tile.grid_row, 0), max(tile.grid_col, 0)
            while (row, col) in taken:  # two windows given the same place: keep both visible
                col += 1
            taken.add((row, col))
            widget = WindowTile(tile)
            widget.clicked.connect(self.open_detail)
            self.tiles[tile.number] = widget
            placed.append(((row, col), widget))
        self.zone_tiles.append(sorted(placed, key=lambda p: p[0]))
        return box

    def _arrange_zones(self) -> None:
        """Size the tiles to their text and the width, then put the zones side by side where they fit."""
        if not self.zone_boxes:
            return
        fonts = tile_fonts(self.font())
        contents = [w.content for w in self.tiles.values()]
        minimum = max(min_width(c, fonts) for c in contents)
        maximum = max(minimum, max_width(fonts))
        chrome_width, chrome_height = zone_chrome()
        scrollbar = self.scroll.verticalScrollBar().sizeHint().width()
        frame = Frame(
            available=max(self.scroll.width() - scrollbar - 2, minimum + chrome_width),
            spacing=TILE_SPACING,
            zone_gap=ZONE_GAP,
            chrome_width=chrome_width,
            chrome_height=chrome_height,
        )
        heights: dict[int, tuple[int, int]] = {}

        def tile_height(width: int) -> tuple[int, int]:
            if width not in heights:
                layouts = [layout_tile(c, fonts, width) for c in contents]
                hiding = sum(1 for t in layouts if t.hidden or t.cut)
                heights[width] = (max(t.height for t in layouts), hiding)
            return heights[width]

        naturals = [max(col for (_r, col), _w in placed) + 1 for placed in self.zone_tiles]
        packing = pack(naturals, [len(p) for p in self.zone_tiles], minimum, maximum, frame, tile_height)
        key = (packing.rows, packing.tile_width, packing.tile_height)
        if key == self._packed:
            return
        self._packed = key
        for widget in self.tiles.values():
            widget.apply(
                layout_tile(widget.content, fonts, packing.tile_width).stretched(packing.tile_height)
            )
        self._unpack_rows()
        for zones in packing.rows:
            row = QHBoxLayout()
            row.setSpacing(ZONE_GAP)
            for zone, columns in zones:
                self._grid_zone(zone, columns, columns == naturals[zone])
                row.addWidget(self.zone_boxes[zone], 0, Qt.AlignmentFlag.AlignTop)
            row.addStretch(1)
            self.zones_layout.addLayout(row)
        for box in self.zone_boxes:
            box.show()  # at once, not on the layout's queued show, so a grab right after sees it

    def _grid_zone(self, zone: int, columns: int, as_in_hall: bool) -> None:
        """The zone's tiles where the hall has them, or in their reading order wrapped at ``columns``."""
        grid = self.zone_boxes[zone].layout()
        assert isinstance(grid, QGridLayout)
        while grid.count():
            grid.takeAt(0)
        for index, ((row, col), widget) in enumerate(self.zone_tiles[zone]):
            at = (row, col) if as_in_hall else divmod(index, columns)
            grid.addWidget(widget, *at)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_zones()

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
