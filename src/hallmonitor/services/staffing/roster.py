"""The week's roster as the roster page edits it: load a week, judge cells, save edits at once.

The page keeps edits pending until the supervisor saves, and colours each
cell by the staffing verdict of its *pending* contents, so the cell and the
saved verdict use the same function (``cell_verdict`` calls the domain's
``judge``). Saving writes every touched cell's final contents in one
transaction: a half-saved week would be judged wrongly by the alert engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.staffing import SESSION_ORDER, judge, window_sort_key
from hallmonitor.domain.texts import say
from hallmonitor.services.front_shop import evaluate_flags
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed, load_calendar
from hallmonitor.services.staffing.categories import CategoryHistory, category_history
from hallmonitor.services.staffing.suspected import SuspectedLine, suspected_lines
from hallmonitor.services.staffing.verdicts import session_starts, states_at, states_over
from hallmonitor.storage.models import Department, RosterEntry, Staff, Window

SESSIONS: tuple[Session, ...] = tuple(sorted(Session, key=SESSION_ORDER.__getitem__))


@dataclass(frozen=True, slots=True)
class StaffOption:
    id: int
    staff_no: str
    name: str
    department: str
    category: StaffCategory

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(frozen=True, slots=True)
class Assignment:
    """One person in one roster cell."""

    staff_id: int
    staff_no: str
    name: str
    category: StaffCategory
    #: None planned (counts as present), True present, False absent.
    attendance: bool | None = None

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(frozen=True, slots=True)
class RosterWindow:
    id: int
    number: str
    name: str
    department: str


@dataclass(frozen=True, slots=True)
class CellKey:
    window_id: int
    day: date
    session: Session


Cell = tuple[Assignment, ...]


@dataclass(frozen=True)
class RosterWeek:
    monday: date
    #: The days shown: the week's working days plus any other day that already has a roster.
    days: tuple[date, ...]
    workdays: frozenset[date]
    windows: tuple[RosterWindow, ...]
    #: Window states per shown day; a window not in service that day is not judged.
    states: dict[date, dict[int, WindowState]]
    cells: dict[CellKey, Cell]
    staff: tuple[StaffOption, ...]
    #: Who had which category on which day: a cell is judged by the categories its people had then.
    categories: CategoryHistory = field(default_factory=CategoryHistory)
    #: Sessions suspected of 挂名 by the moment the week was read, with how each stands.
    nominal: dict[CellKey, SuspectedLine] = field(default_factory=dict)

    @property
    def slots(self) -> tuple[tuple[date, Session], ...]:
        return tuple((d, s) for d in self.days for s in SESSIONS)

    def cell(self, key: CellKey) -> Cell:
        return self.cells.get(key, ())

    def judged(self, key: CellKey) -> bool:
        state = self.states.get(key.day, {}).get(key.window_id)
        return key.day in self.workdays and state is not None and state.in_service


@dataclass(frozen=True, slots=True)
class RosterCellChange:
    """The final contents of one touched cell, and what it held when the page loaded it.

    ``loaded`` lets the save refuse a cell someone else changed meanwhile, instead
    of silently writing over their change; None writes without that check.
    """

    key: CellKey
    entries: Cell
    loaded: Cell | None = None


class RosterConflict(ServiceError):
    """A cell was changed elsewhere after this page loaded it; nothing of the save was written."""


def _held(entries: Iterable[Assignment]) -> set[tuple[int, bool | None]]:
    return {(a.staff_id, a.attendance) for a in entries}


@dataclass(frozen=True, slots=True)
class SaveResult:
    added: int
    removed: int
    updated: int

    @property
    def total(self) -> int:
        return self.added + self.removed + self.updated


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def cell_verdict(week: RosterWeek, key: CellKey, entries: Iterable[Assignment]) -> StaffingVerdict | None:
    """The verdict of a cell with these contents, or None where the rule does not apply."""
    if not week.judged(key):
        return None
    return judge(
        week.categories.on(a.staff_id, key.day, a.category) for a in entries if a.attendance is not False
    )


def load_week(ctx: HallContext, monday: date, *, now: datetime | None = None) -> RosterWeek:
    """The roster of the ISO week starting ``monday``, with the hall's windows and active staff.

    Its sessions suspected of 挂名 are those judged by ``now`` (the clock by default).
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    monday = monday_of(monday)
    all_days = [monday + timedelta(days=i) for i in range(7)]
    calendar = load_calendar(ctx)
    workdays = frozenset(d for d in all_days if calendar.is_workday(d))
    with ctx.db.session() as s:
        windows = [
            RosterWindow(*row)
            for row in s.execute(
                select(Window.id, Window.number, Window.name, Department.name)
                .join(Department, Window.department_id == Department.id)
                .where(Window.hall_id == ctx.hall_id)
            )
        ]
        rows = s.execute(
            select(
                RosterEntry.window_id,
                RosterEntry.day,
                RosterEntry.session,
                Staff.id,
                Staff.staff_no,
                Staff.name,
                Staff.category,
                RosterEntry.attendance,
            )
            .join(Staff, RosterEntry.staff_id == Staff.id)
            .join(Window, RosterEntry.window_id == Window.id)
            .where(Window.hall_id == ctx.hall_id, RosterEntry.day >= monday, RosterEntry.day <= all_days[-1])
            .order_by(Staff.staff_no)
        ).all()
        staff = [
            StaffOption(*row)
            for row in s.execute(
                select(Staff.id, Staff.staff_no, Staff.name, Department.name, Staff.category)
                .join(Department, Staff.department_id == Department.id)
                .where(Staff.hall_id == ctx.hall_id, Staff.active.is_(True))
                .order_by(Staff.staff_no)
            )
        ]
    categories = category_history(ctx)
    cells: dict[CellKey, list[Assignment]] = defaultdict(list)
    for wid, day, session, sid, staff_no, name, category, attendance in rows:
        had = categories.on(sid, day, category)
        cells[CellKey(wid, day, session)].append(Assignment(sid, staff_no, name, had, attendance))
    days = tuple(d for d in all_days if d in workdays or any(k.day == d for k in cells))
    windows.sort(key=lambda w: window_sort_key(w.number))
    return RosterWeek(
        monday=monday,
        days=days,
        workdays=workdays,
        windows=tuple(windows),
        states=states_over(ctx, list(days)) if days else {},
        cells={k: tuple(sorted(v, key=lambda a: (not a.formal, a.staff_no))) for k, v in cells.items()},
        staff=tuple(staff),
        categories=categories,
        nominal={
            CellKey(line.window_id, line.day, line.session): line
            for line in suspected_lines(
                ctx, monday, all_days[-1], now or datetime.now().replace(microsecond=0), calendar
            )
        },
    )


def save_roster_changes(ctx: HallContext, changes: Sequence[RosterCellChange]) -> SaveResult:
    """Write the final contents of every touched cell in one transaction.

    The 前店后厂 flags of approvals on the days touched (was the approver in the
    hall?) and the rules' mark are written in the same transaction; the alerts
    follow at the next rules run, which every reader of alerts makes first.
    Raises RosterConflict, writing nothing, when a cell no longer holds what the
    page loaded, or when another PC placed the same person in it at the same moment.
    """
    try:
        return _save(ctx, changes)
    except IntegrityError:
        raise RosterConflict(
            say(
                "Another PC was changing these roster cells at the same moment, so this save was not written; "
                "the latest roster is loaded again: make your change on it."
            )
        ) from None


def _save(ctx: HallContext, changes: Sequence[RosterCellChange]) -> SaveResult:
    ctx.require(Permission.EDIT_ROSTER, say("change the roster"))
    if not changes:
        return SaveResult(0, 0, 0)
    window_ids = {c.key.window_id for c in changes}
    staff_ids = {a.staff_id for c in changes for a in c.entries}
    first = min(c.key.day for c in changes)
    last = max(c.key.day for c in changes)
    added = removed = updated = 0
    slots = sorted({(c.key.day, c.key.session) for c in changes if c.entries})
    starts = session_starts(ctx, sorted({day for day, _s in slots}))
    states = states_at(ctx, sorted({starts[slot] for slot in slots}))
    with ctx.db.transaction() as s:
        known_windows = set(
            s.scalars(select(Window.id).where(Window.hall_id == ctx.hall_id, Window.id.in_(window_ids)))
        )
        known_staff = set(
            s.scalars(select(Staff.id).where(Staff.hall_id == ctx.hall_id, Staff.id.in_(staff_ids)))
        )
        if known_windows != window_ids or not staff_ids <= known_staff:
            raise ServiceError(say("A window or person in the roster was deleted; refresh and edit again."))
        window_numbers = dict(
            s.execute(select(Window.id, Window.number).where(Window.id.in_(window_ids))).all()
        )
        people = {
            sid: (name, staff_no, left_on)
            for sid, name, staff_no, left_on in s.execute(
                select(Staff.id, Staff.name, Staff.staff_no, Staff.left_on).where(Staff.id.in_(staff_ids))
            )
        }
        existing: dict[CellKey, dict[int, RosterEntry]] = defaultdict(dict)
        for row in s.scalars(
            select(RosterEntry).where(
                RosterEntry.window_id.in_(window_ids), RosterEntry.day >= first, RosterEntry.day <= last
            )
        ):
            existing[CellKey(row.window_id, row.day, row.session)][row.staff_id] = row
        for change in changes:
            have = existing.get(change.key, {})
            if change.loaded is not None and {(sid, row.attendance) for sid, row in have.items()} != _held(
                change.loaded
            ):
                raise _conflict(change.key, window_numbers, have, s)
            wanted = {a.staff_id: a for a in change.entries}
            for staff_id, row in have.items():
                if staff_id not in wanted:
                    s.delete(row)
                    removed += 1
            for staff_id, a in wanted.items():
                row = have.get(staff_id)
                if row is None:
                    _refuse_placing(change.key, window_numbers, people[staff_id], states, starts)
                    s.add(
                        RosterEntry(
                            day=change.key.day,
                            session=change.key.session,
                            window_id=change.key.window_id,
                            staff_id=staff_id,
                            attendance=a.attendance,
                        )
                    )
                    added += 1
                elif row.attendance is not a.attendance:
                    row.attendance = a.attendance
                    updated += 1
        if added or removed or updated:
            facts_changed(s, ctx.hall_id, first)
            s.flush()
            evaluate_flags(ctx, first, last)
    return SaveResult(added, removed, updated)


def _conflict(
    key: CellKey, window_numbers: dict[int, str], have: dict[int, RosterEntry], s
) -> RosterConflict:  # type: ignore[no-untyped-def]
    names = (
        dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(list(have)))).all()) if have else {}
    )
    now_held = say(", ").join(sorted(names.values())) or say("nobody")
    return RosterConflict(
        say(
            "The roster of window {number} on {month}-{day} {session} was changed elsewhere (it now holds: "
            "{held}), so this save was not written; the latest roster is loaded again: make your change on it.",
            number=window_numbers.get(key.window_id, ""),
            month=f"{key.day:%m}",
            day=f"{key.day:%d}",
            session=key.session.value,
            held=now_held,
        )
    )


def _refuse_placing(
    key: CellKey,
    window_numbers: dict[int, str],
    person: tuple[str, str, date | None],
    states: dict,  # type: ignore[type-arg]
    starts: dict,  # type: ignore[type-arg]
) -> None:
    """A 停用 window has no roster, and nobody is rostered on or after the day they left."""
    when = {"day": f"{key.day:%Y-%m-%d}", "session": key.session.value}
    state = states[starts[(key.day, key.session)]].get(key.window_id)
    if state is WindowState.OUT_OF_SERVICE:
        raise ServiceError(
            say(
                "Window {number} is out of service on {day} {session}, so it cannot be rostered; open it in "
                "the hall's data first.",
                number=window_numbers.get(key.window_id, ""),
                **when,
            )
        )
    name, staff_no, left_on = person
    if left_on is not None and key.day >= left_on:
        raise ServiceError(
            say(
                "{name} ({staff_no}) left on {left}, so cannot be rostered on {day} {session}.",
                name=name,
                staff_no=staff_no,
                left=f"{left_on:%Y-%m-%d}",
                **when,
            )
        )
