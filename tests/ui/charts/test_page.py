from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage
from sqlalchemy import insert, select

from hallmonitor.domain.enums import FlagState, Session
from hallmonitor.services.hall import load_calendar
from hallmonitor.storage.models import Case, FrontShopFlag, Item, RosterEntry
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.case_seed import bulk_cases, seed_hall

NOW = datetime(2026, 5, 22, 16, 0)  # a Friday
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _floats(values) -> list[float]:  # type: ignore[no-untyped-def]
    return [round(float(v), 6) for v in values]


@pytest.fixture
def env(sqlite_hall, qapp):
    seeded = seed_hall(sqlite_hall)
    bulk_cases(sqlite_hall, seeded, 900, first_day=date(2026, 4, 20), days=33)
    rows = []
    for monday in (date(2026, 5, 11), date(2026, 5, 18)):
        for offset in range(5):
            day = monday + timedelta(days=offset)
            for session in Session:
                rows.append(
                    {
                        "day": day,
                        "session": session,
                        "window_id": seeded.windows["01"],
                        "staff_id": seeded.staff["G001"],
                    }
                )
                rows.append({"day": day, "session": session, "window_id": seeded.windows["02"],
                             "staff_id": seeded.staff["F001"] if offset < 3 else seeded.staff["G002"]})  # fmt: skip
    with sqlite_hall.db.session() as s:
        s.execute(insert(RosterEntry), rows)
    runner = OperationRunner(QThreadPool())  # its own pool: no other test's stuck job can starve it
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    env.seeded = seeded  # type: ignore[attr-defined]
    yield env
    runner.wait(10_000)


@pytest.fixture
def page(qtbot, env):
    from hallmonitor.ui.charts.page import ChartsPage

    page = ChartsPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=20_000):
        page.refresh()
    return page


def _received(env) -> list[Case]:
    start, end = NOW.date() - timedelta(days=27), NOW.date()
    with env.ctx.db.session() as s:
        return [c for c in s.scalars(select(Case)) if start <= c.received_at.date() <= end]


def _working(env, days) -> set[date]:  # type: ignore[no-untyped-def]
    calendar = load_calendar(env.ctx)
    return {d for d in days if calendar.is_workday(d)}


def test_cases_per_window_and_per_working_day_are_plotted_as_counted(page, env):
    cases = _received(env)
    per_window = Counter(c.window_id for c in cases)
    expected = [per_window.get(wid, 0) for _, wid in sorted(env.seeded.windows.items())]
    (bars,) = page.window_chart.bars
    assert _floats(bars.opts["height"]) == _floats(expected)
    assert sum(expected) == len(cases) > 0
    assert page.window_chart.slot_labels == sorted(env.seeded.windows)  # every window named
    assert [t.toPlainText() for t in page.window_chart.value_labels] == [str(n) for n in expected]

    # Working days, and the days off on which cases came in anyway (this hall takes some on Saturdays).
    xs, ys = page.daily_chart.curve.getData()
    per_day = Counter(c.received_at.date() for c in cases)
    days = [NOW.date() - timedelta(days=27 - n) for n in range(28)]
    plotted = [d for d in days if d in _working(env, days) or per_day.get(d)]
    assert _floats(ys) == _floats(per_day.get(d, 0) for d in plotted)
    assert list(xs) == list(range(len(plotted)))
    assert page.daily_chart.slot_labels == [f"{d.month}/{d.day}" for d in plotted]


def test_the_daily_line_skips_weekends_and_holidays_instead_of_dropping_to_zero(page, env, qtbot):
    days = [NOW.date() - timedelta(days=27 - n) for n in range(28)]
    working = _working(env, days)
    with env.ctx.db.session() as s:  # the cases of days off move out of the period
        for case in s.scalars(select(Case)):
            if case.received_at.date() not in working:
                case.received_at = datetime(2026, 3, 2, 10, 0)
    before = page.figures
    page.refresh()
    qtbot.waitUntil(lambda: page.figures is not before, timeout=20_000)
    _xs, ys = page.daily_chart.curve.getData()
    labels = page.daily_chart.slot_labels
    assert len(labels) == len(working) < len(days)
    assert "5/1" not in labels and "5/2" not in labels and "5/5" not in labels  # Labour Day
    assert "5/9" in labels  # the Saturday worked in its place
    assert min(ys) > 0  # every working day had cases: no dip to 0 anywhere
    # A line between weeks, since the days between them are left out.
    assert len(page.daily_chart.plot.items) > 2


def test_weeks_without_a_roster_say_so_instead_of_drawing_zero(page):
    (bars,) = page.compliance_chart.bars
    # Roster only in the last two weeks: 14 of 20 sessions; the six weeks before have no bar.
    assert _floats(bars.opts["height"]) == [70.0, 70.0]
    assert _floats(bars.opts["x"]) == [6.0, 7.0]
    texts = [t.toPlainText() for t in page.compliance_chart.value_labels]
    assert texts.count("no roster") == 6 and texts[:2] == ["70", "70"]
    assert "14" in page.compliance_chart.points[-1][2] and "20" in page.compliance_chart.points[-1][2]
    assert "no roster" in page.compliance_chart.points[0][2]


def test_front_shop_rate_by_department(page, env):
    cases = _received(env)
    with env.ctx.db.session() as s:
        flagged = {f.case_id for f in s.scalars(select(FrontShopFlag)) if f.state is not FlagState.DISMISSED}
        dept_of_item = {i.id: i.department_id for i in s.scalars(select(Item))}
    rates = {}
    for name, dept in env.seeded.departments.items():
        mine = [c for c in cases if dept_of_item[c.item_id] == dept]
        rates[name] = 100 * sum(c.id in flagged for c in mine) / len(mine)
    # Highest share on top.
    ranked = sorted(rates, key=lambda n: (-rates[n], n))
    assert page.front_shop_chart.slot_labels == ranked
    (bars,) = page.front_shop_chart.bars
    assert page.front_shop_chart.horizontal
    # Drawn bottom-up on the view, so the top row is the last position.
    by_row = sorted(zip(bars.opts["y"], bars.opts["width"], strict=True), reverse=True)
    assert _floats(w for _y, w in by_row) == _floats(rates[n] for n in ranked)


def test_indicators_against_targets(page, env):
    (used,) = page.limits_chart.bars
    limits = [r for r in page.figures.indicators if r.unit != "%"]
    assert [r.target for r in limits] == [3.0, 5.0, 120.0]
    # A limit no finished case was measured against has no bar, and says so.
    measured = [n for n, r in enumerate(limits) if r.actual is not None]
    assert _floats(used.opts["x"]) == _floats(measured)
    assert _floats(used.opts["height"]) == _floats(
        limits[n].actual / limits[n].target * 100 for n in measured
    )
    texts = [t.toPlainText() for t in page.limits_chart.value_labels]
    assert texts.count("none finished") == len(limits) - len(measured) > 0
    actual_shares, target_shares = page.shares_chart.bars
    cases = _received(env)
    one_trip = 100 * sum(c.trips <= 1 for c in cases) / len(cases)
    assert _floats(actual_shares.opts["height"]) == _floats([one_trip, 100 * 2 / 3])
    assert _floats(target_shares.opts["height"]) == [90.0, 90.0]
    estate = next(r for r in limits if r.key == "real_estate")
    assert estate.sample_count > 0


def test_hover_names_the_value(page, env):
    cases = _received(env)
    count_02 = sum(c.window_id == env.seeded.windows["02"] for c in cases)
    text = page.window_chart.hover_at(1.1, 3.0)
    assert "02" in text and str(count_02) in text
    assert page.window_chart.hover_label.text() == text
    assert page.window_chart.marker.isVisible()
    assert page.window_chart.hover_at(7.5, 1.0) == ""
    # Horizontal bars are found by their row: the top row is the highest share.
    top = page.front_shop_chart.slot_labels[0]
    assert page.front_shop_chart.hover_at(1.0, len(env.seeded.departments) - 1 + 0.1).startswith(top)


def test_save_as_png(page, tmp_path):
    target = tmp_path / "window.png"
    page.window_chart.save_png(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(target))
    assert image.width() >= 800 and image.height() > 100


def test_pyqtgraph_is_loaded_only_with_the_page():
    code = (
        "import sys, hallmonitor.ui.charts.page, hallmonitor.ui.cases.page; print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
