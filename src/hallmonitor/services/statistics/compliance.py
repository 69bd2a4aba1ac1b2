"""The weekly 合规 chart: which window-sessions were staffed by a formal civil servant, counted per week.

The chart needs one bit per window and session (was a formal civil servant
present?), not who was there: the database answers it with a GROUP BY over the
roster, so a chart of eight weeks reads a few thousand rows instead of building
every session's staffing in Python. Which sessions are judged at all (working
days, windows in service as the session began, from when each window is
judged) and which were confirmed 挂名 are the staffing verdicts' own rules,
asked of the same functions, so the chart cannot disagree with the board, the
alerts or the weekly report (the tests compare it with ``judge_range``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import String, or_, select, type_coerce

from hallmonitor.domain.enums import Session, StaffCategory, WindowState
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext
from hallmonitor.services.staffing import (
    category_history,
    confirmed_nominal,
    judged_since,
    session_starts,
    states_at,
    windows,
)
from hallmonitor.storage.models import RosterEntry, Staff, StaffCategoryChange, Window

FORMAL = tuple(c for c in StaffCategory if c.is_formal)

#: (window id, the day as 2026-05-11, the session's stored value): compared as the database gives them.
SessionKey = tuple[int, str, str]


def formal_present(ctx: HallContext, start: date, end: date) -> set[SessionKey]:
    """Every session from ``start`` to ``end`` with a formal civil servant present.

    Present is the roster's plan until attendance is recorded, then the
    attendance (an absent person does not count). A person's category is the
    one they had that day: people whose category never changed are grouped by
    the database; the few whose category changed are looked up in their history.
    """
    changed = select(StaffCategoryChange.staff_id)
    present = or_(RosterEntry.attendance.is_(None), RosterEntry.attendance.is_(True))
    in_range = (
        Window.hall_id == ctx.hall_id,
        RosterEntry.day >= start,
        RosterEntry.day <= end,
        present,
    )
    with ctx.db.session() as session:
        # Thousands of rows: kept as the database's text, not made into dates and enums one by one.
        day, sitting = type_coerce(RosterEntry.day, String), type_coerce(RosterEntry.session, String)
        grouped = session.execute(
            select(RosterEntry.window_id, day, sitting)
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .where(*in_range, Staff.category.in_(FORMAL), Staff.id.not_in(changed))
            .group_by(RosterEntry.window_id, RosterEntry.day, RosterEntry.session)
        ).all()
        moved = session.execute(
            select(RosterEntry.window_id, RosterEntry.day, RosterEntry.session, Staff.id, Staff.category)
            .join(Window, RosterEntry.window_id == Window.id)
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .where(*in_range, Staff.id.in_(changed))
        ).all()
        history = category_history(ctx, session) if moved else None
    found: set[SessionKey] = {(w, str(d), s) for w, d, s in grouped}
    if history is not None:
        found.update(
            (w, d.isoformat(), s.value) for w, d, s, sid, now in moved if history.on(sid, d, now).is_formal
        )
    return found


def compliance_by_week(
    ctx: HallContext, start: date, end: date, calendar: WorkCalendar
) -> tuple[dict[date, int], dict[date, int]]:
    """Sessions judged and sessions 合规, by the Monday of their week, from ``start`` to ``end``.

    The same sessions as ``judge_range`` judges, and the same verdict: 合规
    when a formal civil servant was present and no supervisor confirmed 挂名.
    """
    judged: dict[date, int] = defaultdict(int)
    compliant: dict[date, int] = defaultdict(int)
    first, since = judged_since(ctx)
    if first is None:
        return judged, compliant
    start = max(start, first)
    workdays = [
        day
        for day in (start + timedelta(days=i) for i in range((end - start).days + 1))
        if calendar.is_workday(day)
    ]
    if not workdays:
        return judged, compliant
    starts = session_starts(ctx, workdays)
    states = states_at(ctx, sorted(set(starts.values())), windows(ctx))
    staffed = formal_present(ctx, start, end)
    confirmed = confirmed_nominal(ctx)
    serving = frozenset(state for state in WindowState if state.in_service)
    for day in workdays:
        monday, text = day - timedelta(days=day.weekday()), day.isoformat()
        for session in Session:
            began, value = starts[(day, session)], session.value
            ids = [
                window_id
                for window_id, state in states[began].items()
                if state in serving
                and (first_judged := since.get(window_id)) is not None
                and began >= first_judged
            ]
            judged[monday] += len(ids)
            compliant[monday] += sum(
                1
                for window_id in ids
                if (window_id, text, value) in staffed and (window_id, day, session) not in confirmed
            )
    return judged, compliant
