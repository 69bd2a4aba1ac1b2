"""统计分析: how the hall is doing over a period, against its public commitments.

The figures are computed off the UI thread (the staffing rate judges every
window-session of several weeks) and drawn by panels that each own their
PlotWidget. pyqtgraph is loaded when this page is created, not when the app
starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
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

from hallmonitor.domain.indicators import UNIT_PERCENT, IndicatorResult
from hallmonitor.services import statistics
from hallmonitor.ui.shell import Operation, UiEnv

if TYPE_CHECKING:
    from hallmonitor.ui.charts.panel import ChartPanel

DEFAULT_DAYS = 28
DEFAULT_WEEKS = 8


def indicator_name(key: str, fallback: str) -> str:
    names = {
        "enterprise_setup": QCoreApplication.translate("ChartsPage", "New enterprise setup"),
        "real_estate": QCoreApplication.translate("ChartsPage", "Real-estate registration"),
        "investment_project": QCoreApplication.translate("ChartsPage", "Investment project"),
        "one_trip_rate": QCoreApplication.translate("ChartsPage", "At most one trip"),
        "admitted_rate": QCoreApplication.translate("ChartsPage", "Items admitted and authorised"),
    }
    return names.get(key, fallback)


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    per_window: list[statistics.Count]
    per_day: list[statistics.DayCount]
    weeks: list[statistics.WeekCompliance]
    front_shop: list[statistics.DepartmentFrontShop]
    indicators: list[IndicatorResult]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class ChartsPage(QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from hallmonitor.ui.charts.panel import ChartPanel

        self.env = env
        self._painted = False
        self._stale = False
        self._generation = 0
        self.figures: Figures | None = None

        today = env.clock().date()
        self.from_edit = QDateEdit(QDate(today - timedelta(days=DEFAULT_DAYS - 1)), calendarPopup=True)
        self.to_edit = QDateEdit(QDate(today), calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.weeks_spin = QSpinBox(minimum=1, maximum=52, value=DEFAULT_WEEKS)
        self.weeks_spin.setSuffix(self.tr(" weeks"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.status = QLabel()

        self.window_chart: ChartPanel = ChartPanel(self.tr("Cases per window"))
        self.daily_chart: ChartPanel = ChartPanel(self.tr("Cases per day"))
        self.compliance_chart: ChartPanel = ChartPanel(self.tr("Weekly staffing compliance (%)"))
        self.front_shop_chart: ChartPanel = ChartPanel(self.tr("Front shop, back factory by department (%)"))
        self.limits_chart: ChartPanel = ChartPanel(self.tr("Time used against the limit (%, 100 = limit)"))
        self.shares_chart: ChartPanel = ChartPanel(self.tr("Shares (%)"))

        bar = QHBoxLayout()
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
        grid = QGridLayout()
        for n, chart in enumerate(self.charts):
            grid.addWidget(chart, n // 3, n % 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)

        self.refresh_button.clicked.connect(self.refresh)
        env.bus.changed.connect(self._on_changed)

    @property
    def charts(self) -> list[ChartPanel]:
        return [
            self.window_chart,
            self.daily_chart,
            self.compliance_chart,
            self.front_shop_chart,
            self.limits_chart,
            self.shares_chart,
        ]

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
            return Figures(
                start,
                end,
                statistics.cases_per_window(ctx, start, end),
                statistics.daily_cases(ctx, start, end),
                statistics.weekly_compliance(ctx, weeks, as_of),
                statistics.front_shop_by_department(ctx, start, end),
                statistics.indicators(ctx, start, end),
            )

        def done(figures: Figures) -> None:
            if generation == self._generation:
                self.show_figures(figures)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.status.setText(self.tr("Could not compute the figures: %1").replace("%1", str(exc)))

        self.env.runner.start(Operation("charts", work, on_success=done, on_failure=failed, parent=self))

    # --- drawing ---------------------------------------------------------------------------------

    def show_figures(self, f: Figures) -> None:
        from hallmonitor.ui.charts.panel import BLUE, GREEN, GREY, ORANGE, RED, Series

        self.figures = f
        cases = self.tr("%1 cases")
        window = self.tr("Window")
        week_of = self.tr("Week of")
        self.window_chart.show_bars(
            [c.label for c in f.per_window],
            [Series(self.tr("Cases"), [c.count for c in f.per_window], BLUE)],
            [f"{window} {c.label}：{cases.replace('%1', str(c.count))}" for c in f.per_window],
        )
        self.daily_chart.show_line(
            [f"{d.day.month}/{d.day.day}" for d in f.per_day],
            [d.count for d in f.per_day],
            [f"{d.day.isoformat()}：{cases.replace('%1', str(d.count))}" for d in f.per_day],
        )
        judged = self.tr("%1 of %2 window-sessions compliant")
        self.compliance_chart.show_bars(
            [f"{w.monday.month}/{w.monday.day}" for w in f.weeks],
            [Series(self.tr("Compliant"), [(w.rate or 0.0) * 100 for w in f.weeks], GREEN)],
            [
                f"{week_of} {w.monday.isoformat()}："
                + (
                    f"{_percent(w.rate)}（{judged.replace('%1', str(w.compliant)).replace('%2', str(w.sessions))}）"
                    if w.sessions
                    else self.tr("not judged")
                )
                for w in f.weeks
            ],
            y_max=105,
        )
        flagged = self.tr("%1 of %2 cases flagged")
        self.front_shop_chart.show_bars(
            [d.department for d in f.front_shop],
            [Series(self.tr("Flagged"), [d.rate * 100 for d in f.front_shop], ORANGE)],
            [
                f"{d.department}：{_percent(d.rate)}（{flagged.replace('%1', str(d.flagged)).replace('%2', str(d.cases))}）"
                for d in f.front_shop
            ],
            horizontal=True,
        )
        limits = [r for r in f.indicators if r.unit != UNIT_PERCENT]
        shares = [r for r in f.indicators if r.unit == UNIT_PERCENT]
        # Days against the limit as a share of it, so 3-day and 120-day limits fit one axis.
        days = self.tr("average %1 working days against a limit of %2 (%3 of %4 within it)")
        used = [(r.actual or 0.0) / r.target * 100 if r.target else 0.0 for r in limits]
        self.limits_chart.show_bars(
            [indicator_name(r.key, r.name) for r in limits],
            [Series(self.tr("Used"), used, BLUE, [RED if u > 100 else BLUE for u in used])],
            [
                f"{indicator_name(r.key, r.name)}："
                + (
                    f"{u:.0f}%，"
                    + days.replace("%1", f"{r.actual:.1f}")
                    .replace("%2", f"{r.target:g}")
                    .replace("%3", str(r.met_count))
                    .replace("%4", str(r.sample_count))
                    if r.actual is not None
                    else self.tr("no finished cases yet")
                )
                for r, u in zip(limits, used, strict=True)
            ],
            reference=100,
        )
        share = self.tr("%1, target %2 (%3 of %4)")
        self.shares_chart.show_bars(
            [indicator_name(r.key, r.name) for r in shares],
            [
                Series(self.tr("Actual"), [(r.actual or 0.0) * 100 for r in shares], BLUE),
                Series(self.tr("Target"), [r.target * 100 for r in shares], GREY),
            ],
            [
                f"{indicator_name(r.key, r.name)}："
                + share.replace("%1", _percent(r.actual))
                .replace("%2", _percent(r.target))
                .replace("%3", str(r.met_count))
                .replace("%4", str(r.sample_count))
                for r in shares
            ],
            y_max=105,
        )
        total = sum(c.count for c in f.per_window)
        self.status.setText(
            self.tr("%1 to %2: %3 cases").replace("%1", f.start.isoformat()).replace("%2", f.end.isoformat())
            .replace("%3", f"{total:,}")
        )  # fmt: skip
        if not self._painted:
            self._painted = True
            self.data_ready.emit()

    def _on_changed(self, topic: str) -> None:
        # Recomputing judges weeks of roster: only for a page someone is looking at.
        if topic in ("cases", "flags", "roster", "settings"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
