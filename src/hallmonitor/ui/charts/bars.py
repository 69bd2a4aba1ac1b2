"""Bars that carry their values, a missing value said in words, and the busiest bars when not all fit.

How wide a bar is on screen decides how its value is written: level above it
where the number fits the bar's slot, upright where only a line's height
does, and not at all (the hover still names it) below that. The value axis
is then stretched just enough that the highest bar's number stays inside.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt

from hallmonitor.ui.charts.specs import BAR_SHARE, MUTED, RED, BarChart

#: The panel drawn on (``panel.ChartPanel``, which imports this module: named loosely to keep them acyclic).
ChartPanel = Any


def choose(panel: ChartPanel, chart: BarChart) -> list[int]:
    """The labels that get a bar: all, or the busiest that fit, leaving the last slot for the rest."""
    count = len(chart.labels)
    along = panel._along()
    capacity = int(along // (panel._metrics().height() + 2)) if along > 0 else count
    if count <= max(capacity, 2):
        return list(range(count))
    ranking = chart.series[0].values
    busiest = sorted(range(count), key=lambda i: (-(ranking[i] or 0.0), i))[: max(1, capacity - 1)]
    return sorted(busiest)


def draw_bars(panel: ChartPanel, chart: BarChart) -> None:
    panel._clear()
    panel.shown = choose(panel, chart)
    rest = [i for i in range(len(chart.labels)) if i not in set(panel.shown)]
    slots = len(panel.shown) + (1 if rest else 0)
    names = [chart.labels[i] for i in panel.shown] + (
        [chart.rest_label.replace("%1", str(len(rest)))] if rest else []
    )
    # Top first when the bars lie down, as one reads a list.
    place = (lambda j: float(slots - 1 - j)) if panel.horizontal else float
    along, across = panel._along(), panel._across()
    slot_px = along / (slots + 0.2) if along > 0 else 40.0
    count = max(1, len(chart.series))
    width = BAR_SHARE / count
    bar_px = slot_px * width
    head = 0.0  # pixels the value labels need beyond the longest bar
    peak = 0.0
    for n, s in enumerate(chart.series):
        offset = (n - (count - 1) / 2) * width
        present = [(j, i, float(v)) for j, i in enumerate(panel.shown) if (v := s.values[i]) is not None]
        positions = [place(j) + offset for j, _i, _v in present]
        values = [v for _j, _i, v in present]
        peak = max([peak, *values])
        if present:
            pen = pg.mkPen(None)
            if panel.horizontal:
                bar = pg.BarGraphItem(x0=0, y=positions, height=width * 0.9, width=values, pen=pen)
            else:
                bar = pg.BarGraphItem(x=positions, height=values, width=width * 0.9, pen=pen)
            if s.colours:
                bar.setOpts(brushes=[pg.mkBrush(s.colours[i]) for _j, i, _v in present])
            else:
                bar.setOpts(brush=pg.mkBrush(s.colour))
            bar.setToolTip(s.name)
            panel.plot.addItem(bar)
            panel.bars.append(bar)
        for (_j, _i, value), position in zip(present, positions, strict=True):
            head = max(head, _value_label(panel, chart.value_text(value), position, value, bar_px, "#262626"))
        if chart.missing:
            for j, i in enumerate(panel.shown):
                if s.values[i] is None:
                    head = max(
                        head, _value_label(panel, chart.missing, place(j) + offset, 0.0, bar_px, MUTED)
                    )
    for j, i in enumerate(panel.shown):
        top = max((float(v) for s in chart.series if (v := s.values[i]) is not None), default=0.0)
        panel.points.append(
            (top, place(j), chart.texts[i]) if panel.horizontal else (place(j), top, chart.texts[i])
        )
    if rest:
        listed = "、".join(
            f"{chart.labels[i]} {chart.value_text(v)}"
            if (v := chart.series[0].values[i]) is not None
            else chart.labels[i]
            for i in rest[:30]
        )
        sentence = (chart.rest or "%1: %2").replace("%1", str(len(rest))).replace("%2", listed)
        panel.points.append(
            (0.0, place(slots - 1), sentence) if panel.horizontal else (place(slots - 1), 0.0, sentence)
        )
    panel.category_axis.set_labels(names[::-1] if panel.horizontal else names)
    base = max(peak, chart.y_max or 0.0, chart.reference or 0.0)
    base = base if base > 0 else 1.0
    top = base / (1 - head / across) if 0 < head < across * 0.6 else base * (1.5 if head else 1.1)
    span = (-0.6, slots - 0.4)
    if panel.horizontal:
        panel.plot.setYRange(*span, padding=0)
        panel.plot.setXRange(0, top, padding=0)
    else:
        panel.plot.setXRange(*span, padding=0)
        panel.plot.setYRange(0, top, padding=0)
    if chart.percent:
        panel.value_axis.setTicks([[(float(v), str(v)) for v in range(0, 101, 20)]])
    else:
        panel.value_axis.setTicks(None)
    if chart.reference is not None:
        line_item = pg.InfiniteLine(
            pos=chart.reference,
            angle=90 if panel.horizontal else 0,
            pen=pg.mkPen(RED, width=1, style=Qt.PenStyle.DashLine),
            label=chart.reference_label or None,
            labelOpts={"position": 0.97, "color": RED, "anchors": [(1, 1), (1, 1)]},
        )
        panel.plot.addItem(line_item, ignoreBounds=True)


def _value_label(
    panel: ChartPanel, text: str, position: float, value: float, bar_px: float, colour: str
) -> float:
    """The value written at the end of its bar; returns the pixels it needs beyond that end (0: none drawn)."""
    item = pg.TextItem(text, color=colour)
    item.setFont(panel.category_axis.label_font)
    item.textItem.document().setDocumentMargin(1)
    size = item.textItem.boundingRect()
    width, height = size.width(), size.height()
    slot = bar_px / BAR_SHARE  # the bar and its share of the gaps beside it
    if panel.horizontal:
        if height > slot + 2:
            return 0.0
        item.setAnchor((-3 / width, 0.5))  # three pixels clear of the bar's end
        item.setPos(value, position)
        need = width + 6
    elif width <= slot:
        item.setAnchor((0.5, 1))
        item.setPos(position, value)
        need = height + 2
    elif height <= slot:
        item.setAngle(90)
        item.setAnchor((0, 0.5))
        item.setPos(position, value)
        need = width + 4
    else:
        return 0.0
    panel.plot.addItem(item, ignoreBounds=True)
    panel.value_labels.append(item)
    return need
