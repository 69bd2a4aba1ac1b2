"""Staffing verdicts read from the roster: which window, day and session broke the rule.

Filtering happens in SQL (roster rows of the date range only); the verdict is
the domain's. A window is judged in a session only when it was in service as
the session began (its state history decides, so re-judging a past week gives
the same answer) and only on working days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from hallmonitor.domain.enums import Session, StaffingVerdict, WindowState
from hallmonitor.domain.sessions import session_start
from hallmonitor.domain.staffing import DutyRecord, SessionStaffing, judge_sessions
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, settings_timeline
from hallmonitor.services.staffing.categories import category_history
from hallmonitor.services.staffing.reviews import confirmed_nominal
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
    end = datetime.combine(day, time.max)
    return states_at(ctx, [end])[end]


def states_over(
    ctx: HallContext, days: list[date], known: list[WindowInfo] | None = None
) -> dict[date, dict[int, WindowState]]:
    """Each window's state at the end of each day; ``known`` saves reading the windows again."""
    ends = {day: datetime.combine(day, time.max) for day in days}
    states = states_at(ctx, list(ends.values()), known)
    return {day: states[end] for day, end in ends.items()}


def states_at(
    ctx: HallContext, moments: list[datetime], known: list[WindowInfo] | None = None
) -> dict[datetime, dict[int, WindowState]]:
    """Each window's state at each of ``moments``, from its history of changes."""
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
    result: dict[datetime, dict[int, WindowState]] = {}
    for moment in moments:
        states: dict[int, WindowState] = {}
        for window_id, state in current.items():
            history = by_window.get(window_id)
            if not history:
                states[window_id] = state
                continue
            before = [h for h in history if h[0] <= moment]
            states[window_id] = before[-1][2] if before else history[0][1]
        result[moment] = states
    return result


def duty_records(ctx: HallContext, start: date, end: date) -> list[DutyRecord]:
    """Roster rows between ``start`` and ``end`` inclusive, as the domain's records.

    Each person counts with the category they had that day (see ``category_history``).
    """
    with ctx.db.session() as session:
        rows = session.execute(
            select(
                Window.number,
                RosterEntry.day,
                RosterEntry.session,
                Staff.id,
                Staff.staff_no,
                Staff.name,
                Staff.category,
                RosterEntry.attendance,
            )
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .where(Window.hall_id == ctx.hall_id, RosterEntry.day >= start, RosterEntry.day <= end)
        ).all()
        categories = category_history(ctx, session)
    return [
        DutyRecord(number, day, sess, staff_no, name, categories.on(sid, day, category), attendance)
        for number, day, sess, sid, staff_no, name, category, attendance in rows
    ]


def judged_since(ctx: HallContext) -> tuple[date | None, dict[int, datetime]]:
    """The hall's first roster day, and the moment from which each window is judged.

    A window is judged from when it was entered here, or from its first roster
    day when that is earlier (a roster imported for weeks before the window
    was); a window entered before this was recorded, from the hall's first
    roster day. A window added in November is not found unstaffed all summer.
    """
    # Each window's first day is the first entry of its index (window, day): one seek, where a
    # join grouped every roster row of the hall.
    first_day = select(func.min(RosterEntry.day)).where(RosterEntry.window_id == Window.id).scalar_subquery()
    with ctx.db.session() as session:
        rows = session.execute(
            select(Window.id, Window.created_at, first_day).where(Window.hall_id == ctx.hall_id)
        ).all()
    days = [first for _id, _created, first in rows if first is not None]
    if not days:
        return None, {}
    hall_first = datetime.combine(min(days), time.min)
    since: dict[int, datetime] = {}
    for window_id, created, first in rows:
        if created is None:
            since[window_id] = hall_first
        else:
            since[window_id] = min(created, datetime.combine(first, time.min)) if first else created
    return min(days), since


def judge_range(
    ctx: HallContext,
    start: date,
    end: date,
    calendar: WorkCalendar,
    *,
    window_numbers: set[str] | None = None,
    reviewed_by: datetime | None = None,
) -> list[SessionStaffing]:
    """Verdicts for every in-service window, working day and session from ``start`` to ``end``.

    A session the roster finds 合规 but a supervisor confirmed as 挂名 is
    仅辅助人员, marked so (``nominal_confirmed``); ``reviewed_by`` takes only the
    reviews made by then (a past week's report), every one by default.

    A window is judged in a session when it was in service as the session
    began, by its state history: closed at three in the afternoon, it was still
    judged that morning. Days before the hall's first roster entry are not
    judged: supervision starts when the hall starts keeping its roster here,
    and a new install must not find every earlier day unstaffed; nor are
    sessions before a window existed (see ``judged_since``).
    """
    first, since = judged_since(ctx)
    if first is None:
        return []
    start = max(start, first)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    workdays = [d for d in days if calendar.is_workday(d)]
    if not workdays:
        return []
    all_windows = windows(ctx)
    numbers = {w.id: w.number for w in all_windows}
    starts = session_starts(ctx, workdays)
    states = states_at(ctx, sorted(set(starts.values())), all_windows)
    records = duty_records(ctx, start, end)
    ids = {w.number: w.id for w in all_windows}
    confirmed = confirmed_nominal(ctx, until=reviewed_by)
    results: list[SessionStaffing] = []
    for day in workdays:
        serving = {
            session: {
                numbers[wid]
                for wid, state in states[starts[(day, session)]].items()
                if state.in_service
                and wid in since
                and starts[(day, session)] >= since[wid]
                and (window_numbers is None or numbers[wid] in window_numbers)
            }
            for session in Session
        }
        judged = judge_sessions(set().union(*serving.values()), records, [day])
        for r in judged:
            if r.window_no not in serving[r.session]:
                continue
            if r.verdict is StaffingVerdict.COMPLIANT and (ids[r.window_no], day, r.session) in confirmed:
                r = replace(r, verdict=StaffingVerdict.AUXILIARY_ONLY, nominal_confirmed=True)
            results.append(r)
    return results


def session_starts(ctx: HallContext, days: list[date]) -> dict[tuple[date, Session], datetime]:
    """When each session of ``days`` began, by the session times in force that day."""
    timeline = settings_timeline(ctx)
    starts: dict[tuple[date, Session], datetime] = {}
    for day in days:
        times = timeline.at(datetime.combine(day, time.min)).session_times
        for session in Session:
            starts[(day, session)] = session_start(datetime.combine(day, time.min), session, times)
    return starts
