"""统计分析: how the hall is doing over a period, against its public commitments.

The figures are computed off the UI thread (the staffing rate judges every
window-session of several weeks), and so is the first import of pyqtgraph
(half a second of numpy and Qt bindings): the page opens at once with a
"loading" line, and the charts appear when both are ready. Each chart is a
panel owning its PlotWidget; ``draw`` turns the figures into bars and lines.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services import statistics
from hallmonitor.services.hall import load_calendar
from hallmonitor.ui.charts.draw import Charts, Figures, drawers, next_step
from hallmonitor.ui.shell import UiEnv, owned_operation

if TYPE_CHECKING:
    from hallmonitor.ui.charts.panel import ChartPanel

DEFAULT_DAYS = 28
DEFAULT_WEEKS = 8
PANEL_MODULE = "hallmonitor.ui.charts.panel"

# (row, column, row span, column span) of each chart in a grid six columns wide: the windows
# get a whole row, since a hall has dozens of them and each is named; the days and weeks half a
# row each, the rest a third.
_PLACES = {
    "window": (0, 0, 1, 6),
    "daily": (1, 0, 1, 3),
    "compliance": (1, 3, 1, 3),
    "front_shop": (2, 0, 1, 2),
    "limits": (2, 2, 1, 2),
    "shares": (2, 4, 1, 2),
}


class ChartsPage(QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("chartsPage")
        self._painted = False
        self._stale = False
        self._generation = 0
        self.figures: Figures | None = None
        self.panels: Charts | None = None
        self.window_chart: ChartPanel
        self.daily_chart: ChartPanel
        self.compliance_chart: ChartPanel
        self.front_shop_chart: ChartPanel
        self.limits_chart: ChartPanel
        self.shares_chart: ChartPanel

        today = env.clock().date()
        self.from_edit = QDateEdit(QDate(today - timedelta(days=DEFAULT_DAYS - 1)), calendarPopup=True)
        self.to_edit = QDateEdit(QDate(today), calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.weeks_spin = QSpinBox(minimum=1, maximum=52, value=DEFAULT_WEEKS)
        self.weeks_spin.setSuffix(self.tr(" weeks"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.status = QLabel()
        self.status.setObjectName("chartsStatus")
        self.hint = QLabel()
        self.hint.setObjectName("chartsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #ad4e00; font-size: 14px; padding: 2px 0;")
        self.hint.hide()
        self.loading = QLabel(self.tr("Loading the charts…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("color: #8c8c8c; font-size: 16px;")

        title = QLabel(self.tr("Statistics"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Received from")))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.to_edit)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Staffing over the last")))
        bar.addWidget(self.weeks_spin)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        self.grid = QGridLayout()
        self.grid.addWidget(self.loading, 0, 0, 3, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addLayout(self.grid, 1)

        self._steps: list[Callable[[], None]] = []
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._next_step)
        self.refresh_button.clicked.connect(self.refresh)
        env.bus.changed.connect(self._on_changed)

    @property
    def charts(self) -> list[Any]:
        """The chart panels, in reading order (none before the first figures arrive)."""
        p = self.panels
        return [] if p is None else [p.window, p.daily, p.compliance, p.front_shop, p.limits, p.shares]

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        if end < start:
            start, end = end, start
        weeks = self.weeks_spin.value()
        as_of = self.env.clock().date()
        ctx = self.env.ctx
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Computing…"))

        def work(_progress: Any) -> Figures:
            importlib.import_module(PANEL_MODULE)  # pyqtgraph, loaded here rather than on the UI thread
            calendar = load_calendar(ctx)
            return Figures(
                start,
                end,
                statistics.cases_per_window(ctx, start, end),
                statistics.daily_cases(ctx, start, end, calendar),
                statistics.weekly_compliance(ctx, weeks, as_of, calendar),
                statistics.front_shop_by_department(ctx, start, end),
                statistics.indicators(ctx, start, end),
            )

        def done(figures: Figures) -> None:
            if generation == self._generation:
                self.show_figures(figures)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.status.setText(self.tr("Could not compute the figures: %1").replace("%1", str(exc)))

        self.env.runner.start(owned_operation(self, "charts", work, on_success=done, on_failure=failed))

    # --- drawing ---------------------------------------------------------------------------------

    def show_figures(self, f: Figures) -> None:
        """Draw ``f``, a chart per turn of the event loop (making the panels first, the first time).

        Six PlotWidgets and forty bars with their labels take a few hundred milliseconds: in one go
        that is a stall, one at a time each is short and the page stays responsive.
        """
        steps: list[Callable[[], None]] = []
        if self.panels is None:
            made: dict[str, ChartPanel] = {}
            steps += [lambda name=name: self._make_panel(name, made) for name in _PLACES]
            steps.append(lambda: self._keep_panels(made))
        steps += [
            lambda draw=draw, name=name: draw(getattr(self.panels, name), f)
            for name, draw in drawers().items()
        ]
        steps.append(lambda: self._drawn(f))
        self._steps = steps
        self._step_timer.start()

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._step_timer.start()

    def _make_panel(self, name: str, made: dict[str, ChartPanel]) -> None:
        from hallmonitor.ui.charts.panel import ChartPanel

        titles = {
            "window": self.tr("Cases per window"),
            "daily": self.tr("Cases per working day"),
            "compliance": self.tr("Weekly staffing compliance (%)"),
            "front_shop": self.tr("Front shop, back factory (%)"),
            "limits": self.tr("Time used against the limit (%)"),
            "shares": self.tr("Shares (%)"),
        }
        if not made:
            self.grid.removeWidget(self.loading)
            self.loading.hide()
        made[name] = panel = ChartPanel(titles[name], horizontal=name == "front_shop")
        self.grid.addWidget(panel, *_PLACES[name])

    def _keep_panels(self, made: dict[str, ChartPanel]) -> None:
        for row in range(3):
            self.grid.setRowStretch(row, 1)
        for column in range(6):
            self.grid.setColumnStretch(column, 1)
        self.panels = p = Charts(**made)
        self.window_chart, self.daily_chart, self.compliance_chart = p.window, p.daily, p.compliance
        self.front_shop_chart, self.limits_chart, self.shares_chart = p.front_shop, p.limits, p.shares

    def _drawn(self, f: Figures) -> None:
        self.figures = f
        hint = next_step(f)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.status.setText(
            self.tr("%1 to %2: %3 cases").replace("%1", f.start.isoformat()).replace("%2", f.end.isoformat())
            .replace("%3", f"{f.total:,}")
        )  # fmt: skip
        if not self._painted:
            self._painted = True
            self.data_ready.emit()

    def _on_changed(self, topic: str) -> None:
        # Recomputing judges weeks of roster: only for a page someone is looking at.
        if topic in ("cases", "flags", "roster", "settings", "windows"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
