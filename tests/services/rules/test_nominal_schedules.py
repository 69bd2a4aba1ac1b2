"""The 人员挂名 history does not depend on when the rules ran, reviews and their reversals included.

A01's formal officer is rostered and present from Mon 11 to Tue 19 May 2026
while an auxiliary colleague receives and approves every case; a supervisor
reviews the alert on Thursday the 14th (and, in one plan, reverses the review
on Monday the 18th). Each plan is run under four schedules, as the other kinds
are in ``test_history_schedules``: at every session start, once at the end,
at random moments, and only by exporting the weeks. Before acting, the app has
run the rules at that moment, as it does on every change. The whole alert
history, the windows' states and the weekly reports must come out the same.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, Session, StaffCategory
from hallmonitor.services.alerts import Action, perform
from hallmonitor.services.hall import HallContext, hall_context, init_hall, load_calendar
from hallmonitor.services.rules import run_rules
from hallmonitor.services.weekly import build_week
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Alert
from tests.support import builders as b
from tests.support.schedules import history, states

DAYS = [d for d in (date(2026, 5, 11) + timedelta(days=n) for n in range(9)) if d.weekday() < 5]
END = datetime(2026, 5, 19, 23, 59, 59)
WEEKS = ("2026-W20", "2026-W21")
STARTS = (time(9, 0), time(13, 30))
THURSDAY, MONDAY = datetime(2026, 5, 14, 10, 0), datetime(2026, 5, 18, 10, 30)

#: What the supervisor does, and when.
PLANS: dict[str, list[tuple[datetime, Action, str]]] = {
    "confirmed": [(THURSDAY, Action.CONFIRM_NOMINAL, "监控显示正式人员未到窗口")],
    "dismissed": [(THURSDAY, Action.DISMISS_NOMINAL, "正式人员在窗口后台审核，有记录")],
    "confirmed then reversed": [
        (THURSDAY, Action.CONFIRM_NOMINAL, "监控显示正式人员未到窗口"),
        (MONDAY, Action.DISMISS_NOMINAL, "部门补交考勤记录，确认在岗"),
    ],
}


def build(ctx: HallContext) -> None:
    a01, b01 = b.window(ctx, "A01", "市场监管局"), b.window(ctx, "B01", "税务局")
    formal = b.staff(ctx, "F1", "张三", StaffCategory.CIVIL_SERVANT)
    helper = b.staff(ctx, "X1", "李四", StaffCategory.LABOUR_DISPATCH)
    other = b.staff(ctx, "F2", "王五", StaffCategory.PUBLIC_INSTITUTION, "税务局")
    item = b.item(ctx, "I1", promised_days=3)
    for day in DAYS:
        for session, start in zip(Session, STARTS, strict=True):
            b.duty(ctx, a01, formal, day, session)
            b.duty(ctx, a01, helper, day, session)
            b.duty(ctx, b01, other, day, session)
            for n in range(6):
                received = datetime.combine(day, start) + timedelta(minutes=10 + 10 * n)
                done = received + timedelta(minutes=5)
                tag = f"{day:%m%d}{session.value}{n}"
                b.case(ctx, f"A{tag}", a01, item, received, received_by=helper, approved_by=helper,
                       approved_at=done, completed_at=done)  # fmt: skip
                b.case(ctx, f"B{tag}", b01, item, received, received_by=other, approved_by=other,
                       approved_at=done, completed_at=done)  # fmt: skip


def report(ctx: HallContext, week: str) -> Any:
    """The weekly report as plain data, without the alerts' row numbers (they differ between databases)."""
    data = dataclasses.asdict(build_week(ctx, week, now=END))
    for row in data["alerts"]:
        row.pop("alert_id")
    return data


def act(ctx: HallContext, at: datetime, action: Action, note: str) -> None:
    run_rules(ctx, at)
    with ctx.db.session() as s:
        alert_id = s.scalars(
            select(Alert.id).where(Alert.kind == AlertKind.NOMINAL_PRESENCE).order_by(Alert.raised_at.desc())
        ).first()
    assert alert_id is not None
    perform(ctx, alert_id, action, note, at=at)


Schedule = Callable[[HallContext, list[tuple[datetime, Action, str]], random.Random], dict[str, Any]]


def run(ctx: HallContext, moments: list[datetime], plan: list[tuple[datetime, Action, str]]) -> None:
    moments = sorted(moments)
    for at, action, note in plan:
        while moments and moments[0] < at:
            run_rules(ctx, moments.pop(0))
        act(ctx, at, action, note)
    for moment in moments:
        run_rules(ctx, moment)
    run_rules(ctx, END)


def every_session_start(ctx: HallContext, plan, rng) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    calendar = load_calendar(ctx)
    days = [DAYS[0] + timedelta(days=n) for n in range((DAYS[-1] - DAYS[0]).days + 1)]
    run(ctx, [datetime.combine(d, t) for d in days if calendar.is_workday(d) for t in STARTS], plan)
    return {}


def once_at_the_end(ctx: HallContext, plan, rng) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    run(ctx, [], plan)
    return {}


def random_moments(ctx: HallContext, plan, rng) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    base = datetime.combine(DAYS[0], time())
    span = int((END - base).total_seconds())
    run(ctx, [base + timedelta(seconds=rng.randrange(span)) for _ in range(8)], plan)
    return {}


def weeks_exported(ctx: HallContext, plan, rng) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Nobody looked until the supervisor acted; after that only the weekly reports were made."""
    for at, action, note in plan:
        act(ctx, at, action, note)
    order = list(WEEKS)
    rng.shuffle(order)
    return {week: report(ctx, week) for week in order}


SCHEDULES: tuple[Schedule, ...] = (every_session_start, once_at_the_end, random_moments, weeks_exported)


@pytest.mark.parametrize("plan", list(PLANS))
def test_every_schedule_gives_the_same_nominal_history_and_reports(
    plan: str, sqlite_template: Path, tmp_path: Path
) -> None:
    built = tmp_path / "built.sqlite3"
    shutil.copyfile(sqlite_template, built)
    db = open_database(f"sqlite:///{built}")
    init_hall(db, "H001", "测试市政务服务大厅")
    build(hall_context(db))
    db.close()

    results = []
    for schedule in SCHEDULES:
        path = tmp_path / f"{schedule.__name__}.sqlite3"
        shutil.copyfile(built, path)
        db = open_database(f"sqlite:///{path}")
        try:
            ctx = hall_context(db)
            during = schedule(ctx, PLANS[plan], random.Random(7))
            reports = {week: report(ctx, week) for week in WEEKS}
            for week, exported in during.items():
                assert exported == reports[week], (schedule.__name__, week)
            results.append((schedule.__name__, history(ctx), states(ctx), reports))
        finally:
            db.close()
    name, expected, expected_states, expected_reports = results[1]
    kinds = {row[0] for row in expected if row[0] != "flags"}
    assert "人员挂名" in kinds
    # Only a confirmation that stands moves the ladder; a reversed one takes its order back with it.
    assert ("人员配置" in kinds) == (plan == "confirmed")
    for found in results:
        assert found[1] == expected, f"{found[0]} differs from {name}"
        assert found[2] == expected_states, f"{found[0]}'s window states differ from {name}'s"
        assert found[3] == expected_reports, f"{found[0]}'s reports differ from {name}'s"
