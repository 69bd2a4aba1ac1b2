"""统计分析: charts of the hall over a period, each owning its PlotWidget."""

from hallmonitor.ui.charts.page import ChartsPage

__all__ = ["ChartsPage"]
