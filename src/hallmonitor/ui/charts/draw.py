"""The figures as charts: what each bar and point is, what hovering it says, and what an empty chart advises.

Kept apart from the page so the page is about loading; the sentences share the
page's translation context. Nothing here imports pyqtgraph: the panels it is
given were made after the page loaded it off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hallmonitor.domain.indicators import UNIT_PERCENT, IndicatorResult
from hallmonitor.services import statistics
from hallmonitor.ui.charts.specs import BLUE, GREEN, GREY, ORANGE, RED, Series

if TYPE_CHECKING:
    from hallmonitor.ui.charts.panel import ChartPanel


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    per_window: list[statistics.Count]
    per_day: list[statistics.DayCount]
    weeks: list[statistics.WeekCompliance]
    front_shop: list[statistics.DepartmentFrontShop]
    indicators: list[IndicatorResult]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.per_window)


@dataclass(frozen=True)
class Charts:
    window: ChartPanel
    daily: ChartPanel
    compliance: ChartPanel
    front_shop: ChartPanel
    limits: ChartPanel
    shares: ChartPanel


def indicator_name(key: str, fallback: str) -> str:
    names = {
        "enterprise_setup": QCoreApplication.translate("ChartsPage", "New enterprise setup"),
        "real_estate": QCoreApplication.translate("ChartsPage", "Real-estate registration"),
        "investment_project": QCoreApplication.translate("ChartsPage", "Investment project"),
        "one_trip_rate": QCoreApplication.translate("ChartsPage", "At most one trip"),
        "admitted_rate": QCoreApplication.translate("ChartsPage", "Items admitted and authorised"),
    }
    return names.get(key, fallback)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def no_windows() -> str:
    return QCoreApplication.translate(
        "ChartsPage", "No windows yet: add them on Hall data, or File ▸ Import."
    )


def no_cases(f: Figures) -> str:
    return (
        QCoreApplication.translate(
            "ChartsPage",
            "No cases received from %1 to %2: choose other dates, or enter cases on Cases or File ▸ Import.",
        )
        .replace("%1", f.start.isoformat())
        .replace("%2", f.end.isoformat())
    )


def next_step(f: Figures) -> str:
    """What the page says above the charts when the hall has nothing to chart yet ("" when it has)."""
    if not f.per_window:
        return no_windows()
    return no_cases(f) if not f.total else ""


def draw(charts: Charts, f: Figures) -> None:
    for name, chart in drawers().items():
        chart(getattr(charts, name), f)


def drawers() -> dict[str, Callable[[ChartPanel, Figures], None]]:
    """Each chart's drawing, by its name in ``Charts``: the page draws one per turn of the event loop."""
    return {
        "window": _windows,
        "daily": _daily,
        "compliance": _compliance,
        "front_shop": _front_shop,
        "limits": _limits,
        "shares": _shares,
    }


def _cases_text() -> str:
    return QCoreApplication.translate("ChartsPage", "%1 cases")


def _windows(chart: ChartPanel, f: Figures) -> None:

    if not f.per_window or not f.total:
        chart.show_empty(next_step(f))
        return
    cases = _cases_text()
    window = QCoreApplication.translate("ChartsPage", "Window")
    chart.show_bars(
        [c.label for c in f.per_window],
        [Series(QCoreApplication.translate("ChartsPage", "Cases"), [c.count for c in f.per_window], BLUE)],
        [f"{window} {c.label}：{cases.replace('%1', str(c.count))}" for c in f.per_window],
        rest=QCoreApplication.translate("ChartsPage", "%1 quieter windows not drawn: %2"),
        rest_label=QCoreApplication.translate("ChartsPage", "%1 more"),
    )


def _daily(chart: ChartPanel, f: Figures) -> None:
    if not f.total:
        chart.show_empty(next_step(f))
        return
    # Working days only, so a weekend or a holiday is no dip to 0; a day off that had cases stays, in grey.
    days = [d for d in f.per_day if d.working or d.count]
    cases = _cases_text()
    off = QCoreApplication.translate("ChartsPage", "%1 (not a working day)")
    breaks = [
        n for n in range(1, len(days)) if days[n].day.isocalendar()[:2] != days[n - 1].day.isocalendar()[:2]
    ]
    chart.show_line(
        [f"{d.day.month}/{d.day.day}" for d in days],
        [d.count for d in days],
        [
            f"{d.day.isoformat() if d.working else off.replace('%1', d.day.isoformat())}："
            f"{cases.replace('%1', str(d.count))}"
            for d in days
        ],
        breaks=breaks,
        off_days=[n for n, d in enumerate(days) if not d.working],
    )


def _compliance(chart: ChartPanel, f: Figures) -> None:

    if not f.per_window:
        chart.show_empty(no_windows())
        return
    if not any(w.sessions for w in f.weeks):
        chart.show_empty(
            QCoreApplication.translate(
                "ChartsPage",
                "No roster in these weeks: once windows are rostered, each week's share shows here.",
            )
        )
        return
    judged = QCoreApplication.translate("ChartsPage", "%1 of %2 window-sessions compliant")
    week_of = QCoreApplication.translate("ChartsPage", "Week of")
    not_judged = QCoreApplication.translate("ChartsPage", "no roster that week, nothing judged")
    chart.show_bars(
        [f"{w.monday.month}/{w.monday.day}" for w in f.weeks],
        [
            Series(
                QCoreApplication.translate("ChartsPage", "Compliant"),
                [None if w.rate is None else w.rate * 100 for w in f.weeks],
                GREEN,
            )
        ],
        [
            f"{week_of} {w.monday.isoformat()}："
            + (
                f"{_percent(w.rate)}（{judged.replace('%1', str(w.compliant)).replace('%2', str(w.sessions))}）"
                if w.sessions
                else not_judged
            )
            for w in f.weeks
        ],
        y_max=100,
        percent=True,
        missing=QCoreApplication.translate("ChartsPage", "no roster"),
    )


def _front_shop(chart: ChartPanel, f: Figures) -> None:

    if not f.front_shop:
        chart.show_empty(next_step(f) or no_cases(f))
        return
    flagged = QCoreApplication.translate("ChartsPage", "%1 of %2 cases flagged")
    # Highest share first: the departments to talk to are on top, and stay there when not all fit.
    departments = sorted(f.front_shop, key=lambda d: (-d.rate, d.department))
    chart.show_bars(
        [d.department for d in departments],
        [
            Series(
                QCoreApplication.translate("ChartsPage", "Flagged"),
                [d.rate * 100 for d in departments],
                ORANGE,
            )
        ],
        [
            f"{d.department}：{_percent(d.rate)}（{flagged.replace('%1', str(d.flagged)).replace('%2', str(d.cases))}）"
            for d in departments
        ],
        rest=QCoreApplication.translate("ChartsPage", "%1 more departments not drawn: %2"),
        rest_label=QCoreApplication.translate("ChartsPage", "%1 more"),
    )


def _limits(chart: ChartPanel, f: Figures) -> None:

    limits = [r for r in f.indicators if r.unit != UNIT_PERCENT]
    if not any(r.actual is not None for r in limits):
        chart.show_empty(
            next_step(f)
            or QCoreApplication.translate(
                "ChartsPage",
                "No finished case of these kinds in the period: the time used shows once some are done.",
            )
        )
        return
    # Days against the limit as a share of it, so 3-day and 120-day limits fit one axis.
    days = QCoreApplication.translate(
        "ChartsPage", "average %1 working days against a limit of %2 (%3 of %4 within it)"
    )
    used = [None if r.actual is None or not r.target else r.actual / r.target * 100 for r in limits]
    chart.show_bars(
        [indicator_name(r.key, r.name) for r in limits],
        [
            Series(
                QCoreApplication.translate("ChartsPage", "Used"),
                used,
                BLUE,
                [RED if (u or 0) > 100 else BLUE for u in used],
            )
        ],
        [
            f"{indicator_name(r.key, r.name)}："
            + (
                f"{u:.0f}%，"
                + days.replace("%1", f"{r.actual:.1f}")
                .replace("%2", f"{r.target:g}")
                .replace("%3", str(r.met_count))
                .replace("%4", str(r.sample_count))
                if r.actual is not None and u is not None
                else QCoreApplication.translate("ChartsPage", "no finished cases yet")
            )
            for r, u in zip(limits, used, strict=True)
        ],
        reference=100,
        reference_label=QCoreApplication.translate("ChartsPage", "limit"),
        missing=QCoreApplication.translate("ChartsPage", "none finished"),
    )


def _shares(chart: ChartPanel, f: Figures) -> None:

    shares = [r for r in f.indicators if r.unit == UNIT_PERCENT]
    if not any(r.actual is not None for r in shares):
        chart.show_empty(next_step(f) or no_cases(f))
        return
    share = QCoreApplication.translate("ChartsPage", "%1, target %2 (%3 of %4)")
    chart.show_bars(
        [indicator_name(r.key, r.name) for r in shares],
        [
            Series(
                QCoreApplication.translate("ChartsPage", "Actual"),
                [None if r.actual is None else r.actual * 100 for r in shares],
                BLUE,
            ),
            Series(
                QCoreApplication.translate("ChartsPage", "Target"), [r.target * 100 for r in shares], GREY
            ),
        ],
        [
            f"{indicator_name(r.key, r.name)}："
            + share.replace("%1", _percent(r.actual))
            .replace("%2", _percent(r.target))
            .replace("%3", str(r.met_count))
            .replace("%4", str(r.sample_count))
            for r in shares
        ],
        y_max=100,
        percent=True,
        missing=QCoreApplication.translate("ChartsPage", "none yet"),
    )
