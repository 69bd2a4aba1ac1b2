"""Staffing verdicts read from the roster: which window, day and session broke the rule.

Filtering happens in SQL (roster rows of the date range only); the verdict is
the domain's. A window is judged on a day only when it was in service that day
(its state history decides, so re-judging a past week gives the same answer)
and only on working days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from hallmonitor.domain.enums import WindowState
from hallmonitor.domain.staffing import DutyRecord, SessionStaffing, judge_sessions
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Department, RosterEntry, Staff, Window, WindowStateChange


@dataclass(frozen=True, slots=True)
class WindowInfo:
    id: int
    number: str
    name: str
    department: str
    state: WindowState


def windows(ctx: HallContext) -> list[WindowInfo]:
    with ctx.db.session() as session:
        rows = session.execute(
            select(Window.id, Window.number, Window.name, Department.name, Window.state)
            .join(Department, Window.department_id == Department.id)
            .where(Window.hall_id == ctx.hall_id)
        ).all()
    return [WindowInfo(*row) for row in rows]


def states_on(ctx: HallContext, day: date) -> dict[int, WindowState]:
    """Each window's state at the end of ``day``, from its history."""
    return states_over(ctx, [day])[day]


def states_over(
    ctx: HallContext, days: list[date], known: list[WindowInfo] | None = None
) -> dict[date, dict[int, WindowState]]:
    """Each window's state at the end of each day; ``known`` saves reading the windows again."""
    current = {w.id: w.state for w in (known if known is not None else windows(ctx))}
    with ctx.db.session() as session:
        changes = session.execute(
            select(
                WindowStateChange.window_id,
                WindowStateChange.at,
                WindowStateChange.from_state,
                WindowStateChange.to_state,
            )
            .join(Window, WindowStateChange.window_id == Window.id)
            .where(Window.hall_id == ctx.hall_id)
            .order_by(WindowStateChange.at, WindowStateChange.id)
        ).all()
    by_window: dict[int, list[tuple[datetime, WindowState, WindowState]]] = defaultdict(list)
    for window_id, at, from_state, to_state in changes:
        by_window[window_id].append((at, from_state, to_state))
    result: dict[date, dict[int, WindowState]] = {}
    for day in days:
        end = datetime.combine(day, time.max)
        states: dict[int, WindowState] = {}
        for window_id, state in current.items():
            history = by_window.get(window_id)
            if not history:
                states[window_id] = state
                continue
            before = [h for h in history if h[0] <= end]
            states[window_id] = before[-1][2] if before else history[0][1]
        result[day] = states
    return result


def duty_records(ctx: HallContext, start: date, end: date) -> list[DutyRecord]:
    """Roster rows between ``start`` and ``end`` inclusive, as the domain's records."""
    with ctx.db.session() as session:
        rows = session.execute(
            select(
                Window.number,
                RosterEntry.day,
                RosterEntry.session,
                Staff.staff_no,
                Staff.name,
                Staff.category,
                RosterEntry.attendance,
            )
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .where(Window.hall_id == ctx.hall_id, RosterEntry.day >= start, RosterEntry.day <= end)
        ).all()
    return [DutyRecord(*row) for row in rows]


def first_roster_day(ctx: HallContext) -> date | None:
    with ctx.db.session() as session:
        return session.scalar(
            select(func.min(RosterEntry.day))
            .join(Window, RosterEntry.window_id == Window.id)
            .where(Window.hall_id == ctx.hall_id)
        )


def judge_range(
    ctx: HallContext,
    start: date,
    end: date,
    calendar: WorkCalendar,
    *,
    window_numbers: set[str] | None = None,
) -> list[SessionStaffing]:
    """Verdicts for every in-service window, working day and session from ``start`` to ``end``.

    Days before the hall's first roster entry are not judged: supervision
    starts when the hall starts keeping its roster here, and a new install
    must not find every earlier day unstaffed.
    """
    first = first_roster_day(ctx)
    if first is None:
        return []
    start = max(start, first)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    workdays = [d for d in days if calendar.is_workday(d)]
    if not workdays:
        return []
    all_windows = windows(ctx)
    numbers = {w.id: w.number for w in all_windows}
    states = states_over(ctx, workdays, all_windows)
    records = duty_records(ctx, start, end)
    results: list[SessionStaffing] = []
    for day in workdays:
        in_service = [
            numbers[wid]
            for wid, state in states[day].items()
            if state.in_service and (window_numbers is None or numbers[wid] in window_numbers)
        ]
        results.extend(judge_sessions(in_service, records, [day]))
    return results
