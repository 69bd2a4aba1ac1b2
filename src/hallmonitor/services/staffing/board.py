"""The hall board: every window's staffing right now, in a handful of queries.

A supervisor keeps the board open all day and it refreshes on every change,
so a snapshot is read with one query per kind of fact (windows, today's
roster, today's case counts, open alerts) rather than one per window. The
verdict itself is the domain's ``judge``: the board and the weekly report can
never disagree about a session.

The board shows the window's *current* state rather than its state history:
a window closed a minute ago must turn red now, whatever the clock under
which the board is evaluated says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, select

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    Session,
    StaffCategory,
    StaffingVerdict,
    WindowKind,
    WindowState,
)
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.record_texts import reread
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.sessions import session_for_display
from hallmonitor.domain.staffing import SESSION_ORDER, judge, window_sort_key
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError, load_calendar, load_settings
from hallmonitor.services.staffing.categories import category_history
from hallmonitor.services.staffing.suspected import SuspectedLine, suspected_lines
from hallmonitor.storage.models import Alert, Case, Department, Item, RosterEntry, Staff, Window

#: Alert states that still need someone to act, as the alert center counts them.
OPEN_ALERT_STATES: tuple[AlertState, ...] = tuple(s for s in AlertState if s.is_open)
#: The escalation ladder, lowest first (the enum's order).
LADDER: tuple[AlertLevel, ...] = tuple(AlertLevel)


class TileStatus(StrEnum):
    """What colour a tile gets; one value per colour rule of the board."""

    COMPLIANT = "compliant"
    AUXILIARY_ONLY = "auxiliary_only"
    UNSTAFFED = "unstaffed"
    CLOSED = "closed"
    OUT_OF_SERVICE = "out_of_service"
    NON_WORKING_DAY = "non_working_day"


@dataclass(frozen=True, slots=True)
class DutyPerson:
    staff_no: str
    name: str
    category: StaffCategory
    #: None while only planned (counts as present), True present, False absent.
    attendance: bool | None

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(frozen=True, slots=True)
class BoardTile:
    window_id: int
    number: str
    name: str
    department: str
    kind: WindowKind
    state: WindowState
    zone: str
    grid_row: int
    grid_col: int
    status: TileStatus
    #: None when the window is not judged (closed, out of service, non-working day).
    verdict: StaffingVerdict | None
    #: Everyone rostered in the shown session, absent people included (they are shown struck out).
    on_duty: tuple[DutyPerson, ...]
    cases_today: int
    open_alerts: int
    #: The highest step of the staffing ladder open on the window (责令纠正, 建议临时关闭), if any.
    staffing_alert: AlertLevel | None = None

    @property
    def formal(self) -> tuple[DutyPerson, ...]:
        return tuple(p for p in self.on_duty if p.formal and p.attendance is not False)

    @property
    def auxiliary(self) -> tuple[DutyPerson, ...]:
        return tuple(p for p in self.on_duty if not p.formal and p.attendance is not False)

    @property
    def absent(self) -> tuple[DutyPerson, ...]:
        return tuple(p for p in self.on_duty if p.attendance is False)


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    day: date
    session: Session
    working_day: bool
    session_times: SessionTimes
    tiles: tuple[BoardTile, ...]
    #: All open alerts of the hall, including those not tied to a window.
    open_alerts: int

    @property
    def zones(self) -> tuple[str, ...]:
        return tuple(sorted({t.zone for t in self.tiles}, key=window_sort_key))

    def tiles_in(self, zone: str) -> tuple[BoardTile, ...]:
        return tuple(t for t in self.tiles if t.zone == zone)

    def count(self, status: TileStatus) -> int:
        return sum(1 for t in self.tiles if t.status is status)


@dataclass(frozen=True, slots=True)
class CaseLine:
    case_no: str
    item: str
    status: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class TileAlert:
    """An open alert of the window, for the detail to link to the alert center."""

    alert_id: int
    kind: AlertKind
    level: AlertLevel
    state: AlertState
    raised_at: datetime
    deadline: date | None
    summary: str


@dataclass(frozen=True, slots=True)
class TileDetail:
    """What a click on a tile shows: the day's roster in both sessions, the day's cases, the open alerts."""

    window_id: int
    number: str
    name: str
    department: str
    state: WindowState
    day: date
    roster: dict[Session, tuple[DutyPerson, ...]]
    cases: tuple[CaseLine, ...]
    #: Open alerts of the window, the staffing ladder first, then the newest.
    alerts: tuple[TileAlert, ...] = ()
    #: The day's sessions suspected of 挂名 by the moment asked for, with how each stands.
    nominal: tuple[SuspectedLine, ...] = ()


def display_slot(moment: datetime, times: SessionTimes) -> tuple[date, Session]:
    """The day and session a board shows at ``moment``; the page re-reads when this changes."""
    return moment.date(), session_for_display(moment, times)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def _status(state: WindowState, working_day: bool, verdict: StaffingVerdict | None) -> TileStatus:
    if state is WindowState.OUT_OF_SERVICE:
        return TileStatus.OUT_OF_SERVICE
    if state is WindowState.CLOSED:
        return TileStatus.CLOSED
    if not working_day or verdict is None:
        return TileStatus.NON_WORKING_DAY
    return {
        StaffingVerdict.COMPLIANT: TileStatus.COMPLIANT,
        StaffingVerdict.AUXILIARY_ONLY: TileStatus.AUXILIARY_ONLY,
        StaffingVerdict.UNSTAFFED: TileStatus.UNSTAFFED,
    }[verdict]


def _roster_people(
    ctx: HallContext, day: date, session: Session | None, window_id: int | None = None
) -> dict[tuple[int, Session], list[DutyPerson]]:
    query = (
        select(
            RosterEntry.window_id,
            RosterEntry.session,
            Staff.id,
            Staff.staff_no,
            Staff.name,
            Staff.category,
            RosterEntry.attendance,
        )
        .join(Staff, RosterEntry.staff_id == Staff.id)
        .join(Window, RosterEntry.window_id == Window.id)
        .where(Window.hall_id == ctx.hall_id, RosterEntry.day == day)
        .order_by(Staff.staff_no)
    )
    if session is not None:
        query = query.where(RosterEntry.session == session)
    if window_id is not None:
        query = query.where(RosterEntry.window_id == window_id)
    people: dict[tuple[int, Session], list[DutyPerson]] = defaultdict(list)
    with ctx.db.session() as s:
        categories = category_history(ctx, s)
        for wid, sess, sid, staff_no, name, category, attendance in s.execute(query):
            key = (wid, sess)
            if all(p.staff_no != staff_no for p in people[key]):
                people[key].append(DutyPerson(staff_no, name, categories.on(sid, day, category), attendance))
    return people


def board_snapshot(ctx: HallContext, moment: datetime) -> BoardSnapshot:
    """Every window's tile for the session shown at ``moment``."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    settings = load_settings(ctx)
    calendar = load_calendar(ctx)
    day, session = display_slot(moment, settings.session_times)
    working_day = calendar.is_workday(day)
    start, end = _day_bounds(day)
    with ctx.db.session() as s:
        windows = s.execute(
            select(
                Window.id,
                Window.number,
                Window.name,
                Department.name,
                Window.kind,
                Window.state,
                Window.zone,
                Window.grid_row,
                Window.grid_col,
            )
            .join(Department, Window.department_id == Department.id)
            .where(Window.hall_id == ctx.hall_id)
        ).all()
        cases = dict(
            s.execute(
                select(Case.window_id, func.count())
                .where(
                    Case.hall_id == ctx.hall_id,
                    Case.received_at >= start,
                    Case.received_at < end,
                    Case.voided_at.is_(None),
                )
                .group_by(Case.window_id)
            ).all()
        )
        alert_rows = s.execute(
            select(Alert.window_id, Alert.kind, Alert.level, func.count())
            .where(Alert.hall_id == ctx.hall_id, Alert.state.in_(OPEN_ALERT_STATES))
            .group_by(Alert.window_id, Alert.kind, Alert.level)
        ).all()
    alerts: dict[int, int] = defaultdict(int)
    ladder: dict[int, AlertLevel] = {}
    for wid, kind, level, n in alert_rows:
        if wid is None:
            continue
        alerts[wid] += n
        if kind is AlertKind.STAFFING and LADDER.index(level) > LADDER.index(ladder.get(wid, LADDER[0])):
            ladder[wid] = level
    people = _roster_people(ctx, day, session)
    tiles = []
    for wid, number, name, dept, kind, state, zone, row, col in windows:
        on_duty = tuple(people.get((wid, session), ()))
        judged = working_day and state.in_service
        verdict = judge(p.category for p in on_duty if p.attendance is not False) if judged else None
        tiles.append(
            BoardTile(
                window_id=wid,
                number=number,
                name=name,
                department=dept,
                kind=kind,
                state=state,
                zone=zone or "",
                grid_row=row or 0,
                grid_col=col or 0,
                status=_status(state, working_day, verdict),
                verdict=verdict,
                on_duty=on_duty,
                cases_today=cases.get(wid, 0),
                open_alerts=alerts.get(wid, 0),
                staffing_alert=ladder.get(wid),
            )
        )
    tiles.sort(key=lambda t: (window_sort_key(t.zone), t.grid_row, t.grid_col, window_sort_key(t.number)))
    return BoardSnapshot(
        day=day,
        session=session,
        working_day=working_day,
        session_times=settings.session_times,
        tiles=tuple(tiles),
        open_alerts=sum(n for *_, n in alert_rows),
    )


def tile_detail(ctx: HallContext, window_id: int, day: date, *, now: datetime | None = None) -> TileDetail:
    """The day's roster (both sessions), cases and open alerts of one window, and its suspected 挂名.

    A session's 挂名 is judged once its cases are in (see ``domain.nominal.judged_at``), so
    at ``now`` (the clock by default) today's afternoon is not judged yet.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    start, end = _day_bounds(day)
    with ctx.db.session() as s:
        window = s.execute(
            select(Window.number, Window.name, Department.name, Window.state)
            .join(Department, Window.department_id == Department.id)
            .where(Window.hall_id == ctx.hall_id, Window.id == window_id)
        ).first()
        if window is None:
            raise ServiceError(say("That window no longer exists; refresh the hall board."))
        cases = s.execute(
            select(Case.case_no, Item.name, Case.status, Case.received_at)
            .join(Item, Case.item_id == Item.id)
            .where(
                Case.window_id == window_id,
                Case.received_at >= start,
                Case.received_at < end,
                Case.voided_at.is_(None),
            )
            .order_by(Case.received_at, Case.case_no)
        ).all()
        alert_rows = s.execute(
            select(
                Alert.id, Alert.kind, Alert.level, Alert.state, Alert.raised_at, Alert.deadline, Alert.summary
            ).where(
                Alert.hall_id == ctx.hall_id,
                Alert.window_id == window_id,
                Alert.state.in_(OPEN_ALERT_STATES),
            )
        ).all()
    # Newest first, then staffing before the rest (a stable sort keeps the order within each); no
    # timestamp(), which fails for a moment another program dated in the year 1.
    newest = sorted(
        # The summary is the hall's record, stored in Chinese: shown in the reader's language.
        (TileAlert(*row[:-1], reread(row[-1])) for row in alert_rows),
        key=lambda a: (a.raised_at, a.alert_id),
        reverse=True,
    )
    alerts = sorted(newest, key=lambda a: a.kind is not AlertKind.STAFFING)
    people = _roster_people(ctx, day, None, window_id)
    roster = {
        sess: tuple(people.get((window_id, sess), ()))
        for sess in sorted(Session, key=SESSION_ORDER.__getitem__)
    }
    return TileDetail(
        window_id=window_id,
        number=window[0],
        name=window[1],
        department=window[2],
        state=window[3],
        day=day,
        roster=roster,
        cases=tuple(CaseLine(no, item, str(status), at) for no, item, status, at in cases),
        alerts=tuple(alerts),
        nominal=tuple(
            suspected_lines(
                ctx,
                day,
                day,
                min(datetime.combine(day, time(23, 59, 59)), now or datetime.now().replace(microsecond=0)),
                load_calendar(ctx),
                window_ids={window_id},
            )
        ),
    )


def open_alert_count(ctx: HallContext) -> int:
    """Open alerts of the hall, for the status bar's counter."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Alert)
                .where(Alert.hall_id == ctx.hall_id, Alert.state.in_(OPEN_ALERT_STATES))
            )
            or 0
        )
