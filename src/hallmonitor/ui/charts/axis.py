"""A pyqtgraph axis that names categories (windows, weeks, departments) without overlapping them.

pyqtgraph's own axis drops or crowds tick labels it cannot fit; this one lays
them out with ``labels.below`` / ``labels.beside`` whenever its size or range
changes, grows to hold what it drew (upright window numbers need more height
than one line), and draws exactly the boxes it computed, which the tests read.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication

from hallmonitor.ui.charts.labels import GAP, MAX_UPRIGHT, LabelBox, below, beside, widest

#: The share of the chart a left axis may take for its names; longer names are shortened.
MAX_SHARE = 0.42


class CategoryAxis(pg.AxisItem):
    """Categories at 0, 1, 2… of the linked view; ``every``: each is named (bars), else as many as fit (days)."""

    def __init__(self, orientation: str, *, every: bool = True) -> None:
        super().__init__(orientation)
        self.every = every
        self.labels: list[str] = []
        self.boxes: list[LabelBox] = []
        self.label_font = QFont(QApplication.font())
        self.setTickFont(self.label_font)
        self.setStyle(tickLength=0)
        self.setTicks([[]])
        self._size = 0.0

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.relayout()

    # --- layout -----------------------------------------------------------------------------------

    def _position(self, value: float, bounds: QRectF) -> float:
        low, high = self.range
        if high == low:
            return bounds.left()
        if self.orientation == "bottom":
            return bounds.left() + (value - low) * bounds.width() / (high - low)
        return bounds.bottom() - (value - low) * bounds.height() / (high - low)

    def relayout(self) -> None:
        if "label_font" not in self.__dict__:  # pyqtgraph resizes the axis while it is being built
            return
        bounds = self.mapRectFromParent(self.geometry())
        metrics = QFontMetricsF(self.label_font)
        low, high = self.range
        centres = [self._position(i, bounds) for i in range(len(self.labels))]
        chart = self.parentItem()
        if self.orientation == "bottom":
            slot = bounds.width() / (high - low) if high > low else bounds.width()
            # Upright names may take a third of the chart's height, never the whole of it.
            tall = chart.boundingRect().height() if chart is not None else 300.0
            self.boxes = below(
                self.labels,
                centres,
                slot,
                metrics,
                every=self.every,
                left=bounds.left(),
                right=bounds.right(),
                upright_max=max(3 * metrics.height(), min(MAX_UPRIGHT, tall / 3)),
            )
            needed = max((b.rect.bottom() for b in self.boxes), default=metrics.height()) + GAP
            size = max(needed, metrics.height() + GAP)
            if abs(size - self._size) >= 1:
                self._size = size
                self.setHeight(int(size + 0.5))
        else:
            slot = bounds.height() / (high - low) if high > low else bounds.height()
            room = chart.boundingRect().width() if chart is not None else 400.0
            max_width = max(40.0, min(widest(self.labels, metrics), room * MAX_SHARE))
            self.boxes = beside(
                self.labels, centres, slot, metrics, right=bounds.right(), max_width=max_width
            )
            size = max_width + 2 * GAP
            if abs(size - self._size) >= 1:
                self._size = size
                self.setWidth(int(size + 0.5))
        self.picture = None
        self.update()

    def resizeEvent(self, ev=None) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(ev)
        self.relayout()

    def linkedViewChanged(self, view, newRange=None) -> None:  # type: ignore[no-untyped-def]
        super().linkedViewChanged(view, newRange)
        self.relayout()

    # --- drawing ----------------------------------------------------------------------------------

    def generateDrawSpecs(self, p: QPainter):  # type: ignore[no-untyped-def]
        specs = super().generateDrawSpecs(p)
        return None if specs is None else (specs[0], specs[1], [])

    def drawPicture(self, p: QPainter, axisSpec, tickSpecs, textSpecs) -> None:  # type: ignore[no-untyped-def]
        super().drawPicture(p, axisSpec, tickSpecs, [])
        p.setFont(self.label_font)
        p.setPen(self.textPen())
        centred = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        for box in self.boxes:
            if box.upright:
                # Read from bottom to top, ending at the axis line.
                p.save()
                p.translate(QPointF(box.rect.left(), box.rect.bottom()))
                p.rotate(-90)
                p.drawText(
                    QRectF(0, 0, box.rect.height(), box.rect.width()),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    box.text,
                )
                p.restore()
            elif self.orientation == "left":
                p.drawText(
                    box.rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), box.text
                )
            else:
                p.drawText(box.rect, int(centred), box.text)
