"""The weekly 合规 chart: which window-sessions were staffed by a formal civil servant, counted per week.

The chart needs one bit per window and session (was a formal civil servant
present?), not who was there: the database answers it from the roster's index
by window and day, which holds who was there and whether they came (migration
0007), so a chart of eight weeks reads a few thousand rows instead of building
every session's staffing in Python. Which sessions are judged at all (working
days, windows in service as the session began, from when each window is
judged) and which were confirmed 挂名 are the staffing verdicts' own rules,
asked of the same functions, so the chart cannot disagree with the board, the
alerts or the weekly report (the tests compare it with ``judge_range``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, distinct, func, or_, select, type_coerce

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
from hallmonitor.storage.models import RosterEntry, Staff, StaffCategoryChange, Window, WindowStateChange

FORMAL = tuple(c for c in StaffCategory if c.is_formal)

#: (the day as 2026-05-11, the session's stored value): compared as the database gives them.
SessionKey = tuple[str, str]


def formal_present(ctx: HallContext, start: date, end: date) -> dict[SessionKey, set[str]]:
    """The windows with a formal civil servant present, for every session from ``start`` to ``end``.

    Present is the roster's plan until attendance is recorded, then the
    attendance (an absent person does not count). A person's category is the
    one they had that day: the database names the windows of the people whose
    category never changed, read from the roster's index by window and day
    alone (it holds the session, the person and the attendance), a row per
    session with its windows listed; the few whose category changed, when there
    are any, are looked up in their history. The windows are named by their ids
    as the database writes them (``"17"``), compared as text, not made numbers.
    """
    # The hall's people whose category changed: the ones category_history knows.
    changed = (
        select(StaffCategoryChange.staff_id)
        .join(Staff, StaffCategoryChange.staff_id == Staff.id)
        .where(Staff.hall_id == ctx.hall_id)
    )
    present = or_(RosterEntry.attendance.is_(None), RosterEntry.attendance.is_(True))
    in_range = (
        # The hall's windows by their ids, not a join: the index's order is then the roster's.
        RosterEntry.window_id.in_(select(Window.id).where(Window.hall_id == ctx.hall_id)),
        RosterEntry.day >= start,
        RosterEntry.day <= end,
        present,
    )
    formal = select(Staff.id).where(Staff.category.in_(FORMAL), Staff.id.not_in(changed))
    # Each window once per session, a row per session: some seventy rows for eight weeks, where a
    # row per window and session made seven thousand for Python to read. Each window is listed once
    # by the aggregate itself (DISTINCT), not by a DISTINCT subquery first: a third less to sort.
    if ctx.db.is_sqlite:  # SQLite's DISTINCT aggregate takes one argument: the separator is its ","
        listed = func.group_concat(RosterEntry.window_id.distinct())
    else:
        listed = func.string_agg(distinct(cast(RosterEntry.window_id, String)), ",")
    # Kept as the database's text, not made into dates and enums.
    day, sitting = type_coerce(RosterEntry.day, String), type_coerce(RosterEntry.session, String)
    staffed = (
        select(day, sitting, listed)
        .where(*in_range, RosterEntry.staff_id.in_(formal))
        .group_by(RosterEntry.day, RosterEntry.session)
    )
    found: dict[SessionKey, set[str]] = defaultdict(set)
    with ctx.db.session() as session:
        history = category_history(ctx, session)
        for d, s, ids in session.execute(staffed):
            found[(str(d), s)] = set(ids.split(","))
        moved = []
        if history.changes:
            moved = session.execute(
                select(RosterEntry.window_id, RosterEntry.day, RosterEntry.session, Staff.id, Staff.category)
                .join(Staff, RosterEntry.staff_id == Staff.id)
                .where(*in_range, Staff.id.in_(changed))
            ).all()
    for w, d, s, sid, now in moved:
        if history.on(sid, d, now).is_formal:
            found[(d.isoformat(), s.value)].add(str(w))
    return found


def compliance_by_week(
    ctx: HallContext, start: date, end: date, calendar: WorkCalendar
) -> tuple[dict[date, int], dict[date, int]]:
    """Sessions judged and sessions 合规, by the Monday of their week, from ``start`` to ``end``.

    The same sessions as ``judge_range`` judges, and the same verdict: 合规
    when a formal civil servant was present and no supervisor confirmed 挂名.
    Every look-up shares one transaction: a session begun and committed for
    each cost more than most of the reads in it.
    """
    with ctx.db.transaction():
        return _compliance_by_week(ctx, start, end, calendar)


def _compliance_by_week(
    ctx: HallContext, start: date, end: date, calendar: WorkCalendar
) -> tuple[dict[date, int], dict[date, int]]:
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
    states = _states(ctx, sorted(set(starts.values())))
    staffed = formal_present(ctx, start, end)
    confirmed: dict[SessionKey, set[str]] = defaultdict(set)
    for window_id, day, session in confirmed_nominal(ctx):
        if start <= day <= end:
            confirmed[(day.isoformat(), session.value)].add(str(window_id))
    judged_at = _JudgedWindows(since)
    nobody: frozenset[str] = frozenset()
    for day in workdays:
        monday, text = day - timedelta(days=day.weekday()), day.isoformat()
        for session in Session:
            began, key = starts[(day, session)], (text, session.value)
            ids = judged_at.of(began, states[began])
            judged[monday] += len(ids)
            present = ids & staffed.get(key, nobody)
            compliant[monday] += len(present - confirmed[key]) if key in confirmed else len(present)
    return judged, compliant


def _states(ctx: HallContext, moments: list[datetime]) -> dict[datetime, dict[int, WindowState]]:
    """``states_at`` of ``moments``, asked once per stretch between two recorded changes of state.

    Between two changes every window is in the state it was in at the first:
    eight weeks of a hall whose windows did not change are one moment, not
    eighty, each of them a look-up of every window.
    """
    changes = select(WindowStateChange.at).join(Window, WindowStateChange.window_id == Window.id)
    with ctx.db.session() as session:
        at = sorted(set(session.scalars(changes.where(Window.hall_id == ctx.hall_id))))
    stretches: dict[int, datetime] = {}
    for moment in moments:
        stretches.setdefault(bisect_right(at, moment), moment)
    asked = states_at(ctx, list(stretches.values()), windows(ctx))
    return {moment: asked[stretches[bisect_right(at, moment)]] for moment in moments}


class _JudgedWindows:
    """The windows judged at a session's start: in service then, and judged from that moment on.

    Both change rarely (a window closed, a window added), so the sets are kept
    and only worked out again when the states or the windows judged by then
    differ from the session before: judging eight weeks is then a few set
    intersections instead of a look-up of every window in every session.
    """

    _SERVING = frozenset(state for state in WindowState if state.in_service)

    def __init__(self, since: dict[int, datetime]) -> None:
        order = sorted(since.items(), key=lambda entry: entry[1])
        self._moments = [moment for _id, moment in order]
        self._ids = [str(window_id) for window_id, _moment in order]
        self._states: dict[int, WindowState] | None = None
        self._serving: frozenset[str] = frozenset()
        self._judged: dict[int, frozenset[str]] = {}

    def of(self, began: datetime, states: dict[int, WindowState]) -> frozenset[str]:
        """The ids, as text (see ``formal_present``), of the windows judged in the session ``began`` begins."""
        if states is not self._states:
            self._states = states
            self._serving = frozenset(str(w) for w, state in states.items() if state in self._SERVING)
            self._judged = {}
        # The windows judged from ``began`` on are a prefix of them in the order they are judged from.
        n = bisect_right(self._moments, began)
        found = self._judged.get(n)
        if found is None:
            found = self._judged[n] = self._serving.intersection(self._ids[:n])
        return found
