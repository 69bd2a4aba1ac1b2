"""One titled chart: it owns a pyqtgraph PlotWidget, names the value under the mouse, and saves itself as PNG.

pyqtgraph is imported here and in ``axis``, and these modules only once the
charts page has them loaded off the UI thread, so neither the app's start nor
the page's first opening waits for it. The panel keeps what it plotted
(labels, values, sentences) so the hover text and the tests read the same
numbers the bars were drawn from.

A chart must read on a 1366-pixel screen with forty windows: every bar is
named (``CategoryAxis``), carries its value, and a value that is not there (a
week nobody was rostered) says so instead of drawing a zero. When there are
more bars than the chart has room for even with upright names, it draws the
busiest ones in their order and names the rest, with their values, on hover
over the last slot. A chart with nothing to show says 暂无数据 and what to
do, instead of empty axes. The layout follows the chart's size: it is redone
(once the resizing stops for this turn of the event loop) whenever it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.ui.charts.axis import CategoryAxis
from hallmonitor.ui.charts.bars import draw_bars
from hallmonitor.ui.charts.specs import BLUE, GREY, BarChart, LineChart, Series, number


class ChartPanel(QWidget):
    def __init__(self, title: str, *, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.category_axis = CategoryAxis("left" if horizontal else "bottom")
        self.plot_widget = pg.PlotWidget(
            background="w", axisItems={"left" if horizontal else "bottom": self.category_axis}
        )
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.25)
        self.value_axis = self.plot.getAxis("bottom" if horizontal else "left")
        self.value_axis.setTickFont(QFont(QApplication.font()))
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
        self.save_button.setFlat(True)
        self.save_button.clicked.connect(self.ask_save)
        self.marker = pg.TextItem(anchor=(0.5, 1.2), color="#262626", fill=pg.mkBrush(255, 255, 255, 230))
        self.marker.setZValue(10)

        self.empty_label = QLabel(self.tr("No data yet"))
        self.empty_label.setObjectName("chartEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("font-size: 18px; color: #8c8c8c;")
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #595959;")
        empty = QWidget()
        empty.setStyleSheet("background: white;")
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot_widget)
        self.stack.addWidget(empty)

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hover_label)

        self.bars: list[pg.BarGraphItem] = []
        self.value_labels: list[pg.TextItem] = []
        self.curve: pg.PlotDataItem | None = None
        #: Label indices drawn, in order; with more bars than room, the busiest (then one slot for the rest).
        self.shown: list[int] = []
        #: (x, y, sentence) of every value, for the hover text.
        self.points: list[tuple[float, float, str]] = []
        self._chart: BarChart | LineChart | None = None
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.redraw)
        self.plot.vb.sigResized.connect(lambda *_: self._relayout.start())
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    # --- what to draw ------------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    @property
    def slot_labels(self) -> list[str]:
        """The names of the drawn slots in reading order (left to right, or top to bottom)."""
        labels = list(self.category_axis.labels)
        return labels[::-1] if self.horizontal else labels

    @property
    def layout_pending(self) -> bool:
        return self._relayout.isActive()

    def show_empty(self, hint: str = "") -> None:
        """暂无数据 in place of the plot, and what would fill it."""
        self._chart = None
        self._clear()
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))
        self.stack.setCurrentIndex(1)
        self.save_button.setEnabled(False)  # nothing to keep
        self.title_label.setText(self.title)

    def show_bars(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        texts: Sequence[str],
        *,
        y_max: float | None = None,
        reference: float | None = None,
        percent: bool = False,
        value_text: Callable[[float], str] = number,
        missing: str = "",
        rest: str = "",
        rest_label: str = "+%1",
        reference_label: str = "",
    ) -> None:
        """One bar per label per series, side by side; ``texts`` are the hover sentences per label.

        ``missing`` is written where a value is None; ``rest`` (with %1 for how many, %2 for the list)
        is the hover sentence of the last slot when not every bar fits, ``rest_label`` its name.
        """
        self._chart = BarChart(
            tuple(labels),
            tuple(series),
            tuple(texts),
            y_max,
            reference,
            percent,
            value_text,
            missing,
            rest,
            rest_label,
            reference_label,
        )
        self._show_legend(series)
        self.stack.setCurrentIndex(0)
        self.save_button.setEnabled(True)
        self.redraw()

    def show_line(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        texts: Sequence[str],
        *,
        breaks: Sequence[int] = (),
        off_days: Sequence[int] = (),
    ) -> None:
        self._chart = LineChart(
            tuple(labels), tuple(float(v) for v in values), tuple(texts), tuple(breaks), tuple(off_days)
        )
        self.title_label.setText(self.title)
        self.stack.setCurrentIndex(0)
        self.save_button.setEnabled(True)
        self.redraw()

    def _show_legend(self, series: Sequence[Series]) -> None:
        if len(series) < 2:
            self.title_label.setText(self.title)
            return
        keys = "　".join(f"<span style='color:{s.colour}'>■</span> {s.name}" for s in series)
        self.title_label.setText(f"{self.title}　<span style='font-weight: normal'>{keys}</span>")

    # --- drawing -----------------------------------------------------------------------------------

    def _clear(self) -> None:
        self.plot.clear()
        self.bars, self.value_labels, self.curve, self.points, self.shown = [], [], None, [], []
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.marker.hide()
        self.hover_label.setText(" ")

    def redraw(self) -> None:
        """Lay the chart out again for its present size."""
        self._relayout.stop()
        if isinstance(self._chart, BarChart):
            draw_bars(self, self._chart)
        elif isinstance(self._chart, LineChart):
            self._draw_line(self._chart)

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.category_axis.label_font)

    def _along(self) -> float:
        """Pixels of the view along the category axis (0 before the first layout)."""
        rect = self.plot.vb.boundingRect()
        return rect.height() if self.horizontal else rect.width()

    def _across(self) -> float:
        rect = self.plot.vb.boundingRect()
        return rect.width() if self.horizontal else rect.height()

    def _draw_line(self, chart: LineChart) -> None:
        self._clear()
        xs = list(range(len(chart.values)))
        off = set(chart.off_days)
        self.curve = self.plot.plot(
            xs,
            list(chart.values),
            pen=pg.mkPen(BLUE, width=2),
            symbol="o",
            symbolSize=5,
            symbolBrush=[pg.mkBrush(GREY if i in off else BLUE) for i in xs],
            symbolPen=None,
        )
        for b in chart.breaks:
            self.plot.addItem(
                pg.InfiniteLine(pos=b - 0.5, angle=90, pen=pg.mkPen("#d9d9d9", style=Qt.PenStyle.DotLine)),
                ignoreBounds=True,
            )
        self.points = [(float(x), v, t) for x, v, t in zip(xs, chart.values, chart.texts, strict=True)]
        self.category_axis.every = False
        self.category_axis.set_labels(chart.labels)
        self.value_axis.setTicks(None)
        peak = max(chart.values, default=0.0)
        self.plot.setXRange(-0.5, max(0.5, len(xs) - 0.5), padding=0)
        self.plot.setYRange(0, peak * 1.15 if peak > 0 else 1.0, padding=0)

    # --- hover -------------------------------------------------------------------------------------

    def hover_at(self, x: float, y: float) -> str:
        """The sentence for the value nearest to the view position (x, y), shown under the chart."""
        along = y if self.horizontal else x
        best = min(self.points, key=lambda p: abs((p[1] if self.horizontal else p[0]) - along), default=None)
        if best is None or abs((best[1] if self.horizontal else best[0]) - along) > 0.5:
            self.hover_label.setText(" ")
            self.marker.hide()
            return ""
        self.hover_label.setText(best[2])
        value = best[2].split("：", 1)[-1]
        # The box on the chart stays short (a long list of quieter windows is read below the chart).
        self.marker.setText(value if len(value) <= 40 else value[:40] + "…")
        self.marker.setAnchor((0, 0.5) if self.horizontal else (0.5, 1.2))
        self.marker.setPos(best[0], best[1])
        self.marker.show()
        return best[2]

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return
        view = self.plot.vb.mapSceneToView(scene_pos)
        self.hover_at(view.x(), view.y())

    # --- export ------------------------------------------------------------------------------------

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
