"""The board's zones and their tiles: kept from one snapshot to the next, filled a zone at a time.

A hall of a hundred windows was about a thousand labels. Built in one go they
held the UI thread for most of a second at every start and every reload (each
label is created, styled and polished); so a tile draws its pieces itself, a
window's tile is kept while the window is on the board and only its text and
colours change, each tile is made in its zone's box (moved into it later, Qt
would work out its style again), and the zones are filled one per turn of the
event loop, so the window stays responsive while a first board of many tiles
appears.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from hallmonitor.services.staffing import BoardSnapshot
from hallmonitor.ui.board.flow import Frame, Packing, pack
from hallmonitor.ui.board.tile_layout import (
    TileFonts,
    TileLayout,
    layout_tile,
    max_width,
    min_width,
    tile_fonts,
)
from hallmonitor.ui.board.tiles import WindowTile

TILE_SPACING = 8
ZONE_GAP = 14
ZONE_STYLE = "QGroupBox { font-weight: bold; font-size: 14px; }"
#: Tile layouts kept for the snapshot shown, at most (a hundred tiles at a few dozen widths).
MEASURED_LIMIT = 5000

Placed = list[tuple[tuple[int, int], WindowTile]]


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


class Zones(QObject):
    """The zone boxes in ``layout`` (inside ``scroll``), each a grid of the tiles of its windows."""

    def __init__(
        self,
        layout: QVBoxLayout,
        scroll: QScrollArea,
        on_click: Callable[[int], None],
        no_zone: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.layout, self.scroll, self.on_click, self.no_zone = layout, scroll, on_click, no_zone
        self.tiles: dict[str, WindowTile] = {}
        self.boxes: list[QGroupBox] = []
        # Per zone box, its tiles with their place in the hall's grid, in reading order.
        self.zone_tiles: list[Placed] = []
        self._by_zone: dict[str, QGroupBox] = {}
        self._packed: object = None
        self._chrome: tuple[int, int] | None = None
        # Bumped by every show(): a fill still under way for an older snapshot stops.
        self._generation = 0
        #: Each tile's layout by (tile, width, font) for the snapshot shown: the packing measures
        #: every tile at the widths it tries, and the fill then places them at the one it chose.
        self._measured: dict[tuple[int, int, str], TileLayout] = {}
        self.filling = False

    # --- a snapshot -----------------------------------------------------------------------------
    def show(self, snapshot: BoardSnapshot, done: Callable[[], None]) -> None:
        """Show ``snapshot``'s tiles; ``done()`` once every zone is filled."""
        self._generation += 1
        self._measured = {}
        self._place(snapshot)
        self._packed = None
        packing = self._packing()
        if packing is None:
            self._unpack_rows()
            done()
            return
        self._rows(packing)
        self.filling = True
        self._fill(self._generation, packing, [z for row in packing.rows for z, _c in row], done)

    def _place(self, snapshot: BoardSnapshot) -> None:
        """Each window's tile (kept when it was on the board) in its zone's box, the others removed."""
        tiles: dict[str, WindowTile] = {}
        boxes: list[QGroupBox] = []
        self.zone_tiles = []
        for zone in snapshot.zones:
            box = self._by_zone.get(zone) or self._new_box()
            box.setTitle(zone or self.no_zone)
            boxes.append(box)
            placed: Placed = []
            taken: set[tuple[int, int]] = set()
            for tile in snapshot.tiles_in(zone):
                row, col = max(tile.grid_row, 0), max(tile.grid_col, 0)
                while (row, col) in taken:  # two windows given the same place: keep both visible
                    col += 1
                taken.add((row, col))
                widget = self.tiles.get(tile.number)
                if widget is None:
                    widget = WindowTile(tile, box)
                    widget.clicked.connect(self.on_click)
                else:
                    widget.show_tile(tile)
                tiles[tile.number] = widget
                placed.append(((row, col), widget))
            self.zone_tiles.append(sorted(placed, key=lambda p: p[0]))
        for number, widget in self.tiles.items():
            if number not in tiles:
                widget.hide()
                widget.deleteLater()
        for box in self._by_zone.values():
            if box not in boxes:
                box.hide()
                box.deleteLater()
        self.tiles, self.boxes = tiles, boxes
        self._by_zone = dict(zip(snapshot.zones, boxes, strict=True))

    def _new_box(self) -> QGroupBox:
        box = QGroupBox()
        box.setStyleSheet(ZONE_STYLE)
        grid = QGridLayout(box)
        grid.setSpacing(TILE_SPACING)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box.hide()  # shown when its turn to be filled comes, not when a row layout takes it
        return box

    def _fill(self, generation: int, packing: Packing, pending: list[int], done: Callable[[], None]) -> None:
        if generation != self._generation:
            return  # a newer snapshot is being shown
        zone = pending.pop(0)
        self._fill_zone(zone, packing)
        if pending:
            QTimer.singleShot(0, self, lambda: self._fill(generation, packing, pending, done))
            return
        self.filling = False
        self._packed = self._key(packing)
        done()
        self.arrange()  # the width may have changed while the zones were filled

    def _fill_zone(self, zone: int, packing: Packing) -> None:
        fonts = tile_fonts(self.scroll.font())
        for _at, widget in self.zone_tiles[zone]:
            widget.apply(self._layout(widget, fonts, packing.tile_width).stretched(packing.tile_height))
        columns = dict(z for row in packing.rows for z in row)[zone]
        self._grid_zone(zone, columns, columns == self._naturals()[zone])
        self.boxes[zone].show()  # at once, not on the layout's queued show, so a grab right after sees it

    # --- the width ------------------------------------------------------------------------------
    def arrange(self) -> None:
        """Size the tiles to their text and the width, then put the zones side by side where they fit."""
        if self.filling:
            return  # the fill arranges again when it is done
        packing = self._packing()
        if packing is None or self._key(packing) == self._packed:
            return
        self._packed = self._key(packing)
        fonts = tile_fonts(self.scroll.font())
        for widget in self.tiles.values():
            widget.apply(self._layout(widget, fonts, packing.tile_width).stretched(packing.tile_height))
        self._rows(packing)
        for row in packing.rows:
            for zone, columns in row:
                self._grid_zone(zone, columns, columns == self._naturals()[zone])
        for box in self.boxes:
            box.show()

    def _layout(self, widget: WindowTile, fonts: TileFonts, width: int) -> TileLayout:
        key = (id(widget), width, fonts.text.key())
        layout = self._measured.get(key)
        if layout is None:
            if len(self._measured) >= MEASURED_LIMIT:  # a window dragged through many widths
                self._measured.clear()
            layout = self._measured[key] = layout_tile(widget.content, fonts, width)
        return layout

    @staticmethod
    def _key(packing: Packing) -> object:
        return (packing.rows, packing.tile_width, packing.tile_height)

    def _naturals(self) -> list[int]:
        return [max(col for (_r, col), _w in placed) + 1 for placed in self.zone_tiles]

    def _packing(self) -> Packing | None:
        if not self.boxes:
            return None
        fonts = tile_fonts(self.scroll.font())
        contents = [w.content for w in self.tiles.values()]
        minimum = max(min_width(c, fonts) for c in contents)
        maximum = max(minimum, max_width(fonts))
        if self._chrome is None:
            self._chrome = zone_chrome()
        chrome_width, chrome_height = self._chrome
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
                layouts = [self._layout(w, fonts, width) for w in self.tiles.values()]
                hiding = sum(1 for t in layouts if t.hidden or t.cut)
                heights[width] = (max(t.height for t in layouts), hiding)
            return heights[width]

        return pack(self._naturals(), [len(p) for p in self.zone_tiles], minimum, maximum, frame, tile_height)

    def _rows(self, packing: Packing) -> None:
        """The zones in rows, side by side where they fit (a box not filled yet stays hidden)."""
        self._unpack_rows()
        for zones in packing.rows:
            row = QHBoxLayout()
            row.setSpacing(ZONE_GAP)
            for zone, _columns in zones:
                row.addWidget(self.boxes[zone], 0, Qt.AlignmentFlag.AlignTop)
            row.addStretch(1)
            self.layout.addLayout(row)

    def _unpack_rows(self) -> None:
        while self.layout.count():
            row = self.layout.takeAt(0).layout()
            while row is not None and row.count():
                row.takeAt(0)
            if row is not None:
                row.deleteLater()

    def _grid_zone(self, zone: int, columns: int, as_in_hall: bool) -> None:
        """The zone's tiles where the hall has them, or in their reading order wrapped at ``columns``."""
        grid = self.boxes[zone].layout()
        assert isinstance(grid, QGridLayout)
        while grid.count():
            grid.takeAt(0)
        for index, ((row, col), widget) in enumerate(self.zone_tiles[zone]):
            at = (row, col) if as_in_hall else divmod(index, columns)
            grid.addWidget(widget, *at)
