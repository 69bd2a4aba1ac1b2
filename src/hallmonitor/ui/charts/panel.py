"""One titled chart: it owns a pyqtgraph PlotWidget, names the value under the mouse, and saves itself as PNG.

pyqtgraph is imported here and nowhere else, and this module only by the
charts page when it is created, so the app starts without loading it.
The panel keeps what it plotted (labels, values, sentences) so the hover
text and the tests read the same numbers the bars were drawn from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BLUE = "#1677ff"
GREY = "#bfbfbf"
GREEN = "#52c41a"
ORANGE = "#fa541c"
RED = "#f5222d"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str
    # One colour per bar, when bars mean different things (over or under a target).
    colours: Sequence[str] = ()


class ChartPanel(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen("#8c8c8c"))
            axis.setTextPen(pg.mkPen("#262626"))
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet("color: #595959;")
        # Wrapped, so a long title or hover sentence never widens the page past a 1366-pixel screen.
        self.title_label.setWordWrap(True)
        self.hover_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as PNG"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG picture"))
        self.save_button.clicked.connect(self.ask_save)
        self.marker = pg.TextItem(anchor=(0.5, 1.2), color="#262626", fill=pg.mkBrush(255, 255, 255, 220))
        self.marker.setZValue(10)

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.hover_label)

        self.bars: list[pg.BarGraphItem] = []
        self.curve: pg.PlotDataItem | None = None
        self.horizontal = False
        # (x, y, sentence) of every value, for the hover text.
        self.points: list[tuple[float, float, str]] = []
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    # --- drawing -------------------------------------------------------------------------------

    def _reset(self) -> None:
        self.plot.clear()
        self.bars, self.curve, self.points = [], None, []
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.marker.hide()
        self.hover_label.setText(" ")

    def show_bars(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        texts: Sequence[str],
        *,
        horizontal: bool = False,
        y_max: float | None = None,
        reference: float | None = None,
    ) -> None:
        """One bar per label per series, side by side; ``texts`` are the hover sentences per label."""
        self._reset()
        self.horizontal = horizontal
        count = max(1, len(series))
        width = 0.8 / count
        for n, s in enumerate(series):
            offset = (n - (count - 1) / 2) * width
            positions = [i + offset for i in range(len(labels))]
            brush = pg.mkBrush(s.colour)
            brushes = [pg.mkBrush(c) for c in s.colours] if s.colours else None
            pen = pg.mkPen(None)
            if horizontal:
                bar = pg.BarGraphItem(x0=0, y=positions, height=width * 0.9, width=list(s.values), pen=pen)
            else:
                bar = pg.BarGraphItem(x=positions, height=list(s.values), width=width * 0.9, pen=pen)
            if brushes:
                bar.setOpts(brushes=brushes)
            else:
                bar.setOpts(brush=brush)
            bar.setToolTip(s.name)
            self.plot.addItem(bar)
            self.bars.append(bar)
        for i, text in enumerate(texts):
            top = max((float(s.values[i]) for s in series), default=0.0)
            self.points.append((top, float(i), text) if horizontal else (float(i), top, text))
        axis = self.plot.getAxis("left" if horizontal else "bottom")
        other = self.plot.getAxis("bottom" if horizontal else "left")
        axis.setTicks([self._ticks(labels, horizontal=horizontal)])
        other.setTicks(None)
        span = (-0.6, len(labels) - 0.4)
        peak = max([float(v) for s in series for v in s.values] + [reference or 0.0])
        top = y_max if y_max is not None else (peak * 1.15 if peak > 0 else 1.0)
        if horizontal:
            self.plot.setYRange(*span, padding=0)
            self.plot.setXRange(0, top, padding=0)
            self.plot.invertY(True)
        else:
            self.plot.invertY(False)
            self.plot.setXRange(*span, padding=0)
            self.plot.setYRange(0, top, padding=0)
        if reference is not None:
            line = pg.InfiniteLine(
                pos=reference,
                angle=90 if horizontal else 0,
                pen=pg.mkPen(RED, width=1, style=Qt.PenStyle.DashLine),
            )
            self.plot.addItem(line, ignoreBounds=True)
        if len(series) > 1:
            legend = " · ".join(s.name for s in series)
            self.title_label.setText(f"{self.title}（{legend}）")

    def show_line(self, labels: Sequence[str], values: Sequence[float], texts: Sequence[str]) -> None:
        self._reset()
        self.horizontal = False
        self.plot.invertY(False)
        xs = list(range(len(values)))
        self.curve = self.plot.plot(
            xs,
            list(values),
            pen=pg.mkPen(BLUE, width=2),
            symbol="o",
            symbolSize=5,
            symbolBrush=BLUE,
            symbolPen=None,
        )
        self.points = [(float(x), float(v), t) for x, v, t in zip(xs, values, texts, strict=True)]
        self.plot.getAxis("bottom").setTicks([self._ticks(labels)])
        self.plot.getAxis("left").setTicks(None)
        peak = max((float(v) for v in values), default=0.0)
        self.plot.setXRange(-0.5, max(0.5, len(values) - 0.5), padding=0)
        self.plot.setYRange(0, peak * 1.15 if peak > 0 else 1.0, padding=0)

    def _ticks(self, labels: Sequence[str], *, horizontal: bool = False) -> list[tuple[float, str]]:
        """Every label that fits without overlapping its neighbours; hover names the others."""
        if len(labels) <= 6:  # a handful of categories: every one named, even if tight
            return [(float(i), label) for i, label in enumerate(labels)]
        if horizontal:
            room, need = max(200, self.plot_widget.height() - 40), 18
        else:
            widest = max(sum(13 if ord(c) > 0x2E80 else 7 for c in label) for label in labels)
            room, need = max(300, self.plot_widget.width() - 60), widest + 10
        step = max(1, math.ceil(len(labels) * need / room))
        return [(float(i), label) for i, label in enumerate(labels) if i % step == 0]

    # --- hover -----------------------------------------------------------------------------------

    def hover_at(self, x: float, y: float) -> str:
        """The sentence for the value nearest to the view position (x, y), shown under the chart."""
        along = y if self.horizontal else x
        best = min(self.points, key=lambda p: abs((p[1] if self.horizontal else p[0]) - along), default=None)
        if best is None or abs((best[1] if self.horizontal else best[0]) - along) > 0.5:
            self.hover_label.setText(" ")
            self.marker.hide()
            return ""
        self.hover_label.setText(best[2])
        self.marker.setText(best[2].split("：")[-1] if "：" in best[2] else best[2])
        self.marker.setAnchor((0, 0.5) if self.horizontal else (0.5, 1.2))
        self.marker.setPos(best[0], best[1])
        self.marker.show()
        return best[2]

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return
        view = self.plot.vb.mapSceneToView(scene_pos)
        self.hover_at(view.x(), view.y())

    # --- export ----------------------------------------------------------------------------------

    def save_png(self, path: str) -> None:
        self.marker.hide()
        exporter = pyqtgraph.exporters.ImageExporter(self.plot)
        exporter.parameters()["width"] = max(800, int(self.plot.sceneBoundingRect().width()) * 2)
        exporter.export(path)

    def ask_save(self) -> None:
        name = self.title.replace("/", "-").replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{name}.png", self.tr("PNG picture (*.png)")
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.save_png(path)
            self.hover_label.setText(self.tr("Saved to %1").replace("%1", path))
