"""The figures behind the charts: counts grouped by the database, rates from the rules.

Charts cover weeks of a hall that may hold a million cases, so every count is
a GROUP BY and Python only fills in the days or windows that had none. The
staffing rate reuses the verdicts the board and the alerts use, and the core
indicators come from the domain, so a chart can never disagree with a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.sql import ColumnElement

from hallmonitor.domain.enums import FlagState
from hallmonitor.domain.indicators import IndicatorResult
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.front_shop import day_of
from hallmonitor.services.hall import HallContext, load_calendar, load_settings
from hallmonitor.services.statistics.compliance import compliance_by_week
from hallmonitor.services.statistics.durations import chart_indicators
from hallmonitor.storage.models import Case, Department, FrontShopFlag, Item, Window


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int
    #: A working day of the hall's calendar; a daily line skips the others unless cases came in.
    working: bool = True


@dataclass(frozen=True)
class WeekCompliance:
    monday: date
    #: In-service window-sessions judged that week.
    sessions: int
    compliant: int

    @property
    def rate(self) -> float | None:
        return self.compliant / self.sessions if self.sessions else None


@dataclass(frozen=True)
class DepartmentFrontShop:
    department: str
    cases: int
    #: Flagged and not dismissed: pending review or confirmed.
    flagged: int

    @property
    def rate(self) -> float:
        return self.flagged / self.cases if self.cases else 0.0


def _received_between(start: date, end: date) -> ColumnElement[bool]:
    """Cases received in the range that count: a voided case (作废) is in no chart."""
    return and_(
        Case.voided_at.is_(None),
        Case.received_at >= datetime.combine(start, time.min),
        Case.received_at < datetime.combine(end + timedelta(days=1), time.min),
    )


def cases_per_window(ctx: HallContext, start: date, end: date) -> list[Count]:
    """Cases received at each window from ``start`` to ``end``; windows without any show 0."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    query = (
        select(Window.number, func.count(Case.id))
        .select_from(Window)
        .outerjoin(Case, and_(Case.window_id == Window.id, _received_between(start, end)))
        .where(Window.hall_id == ctx.hall_id)
        .group_by(Window.number)
        .order_by(Window.number)
    )
    with ctx.db.session() as session:
        return [Count(number, int(n)) for number, n in session.execute(query)]


def daily_cases(
    ctx: HallContext, start: date, end: date, calendar: WorkCalendar | None = None
) -> list[DayCount]:
    """Cases received per calendar day, every day of the range present and marked working or not."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    calendar = calendar or load_calendar(ctx)
    day = day_of(Case.received_at, sqlite=ctx.db.is_sqlite)
    query = (
        select(day, func.count(Case.id))
        .where(Case.hall_id == ctx.hall_id, _received_between(start, end))
        .group_by(day)
    )
    with ctx.db.session() as session:
        counts = {_as_date(d): int(n) for d, n in session.execute(query)}
    return [DayCount(d, counts.get(d, 0), calendar.is_workday(d)) for d in _days(start, end)]


def weekly_compliance(
    ctx: HallContext, weeks: int, as_of: date, calendar: WorkCalendar | None = None
) -> list[WeekCompliance]:
    """合规 share of in-service window-sessions, per week, for ``weeks`` weeks up to ``as_of``."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    this_monday = as_of - timedelta(days=as_of.weekday())
    first_monday = this_monday - timedelta(weeks=max(1, weeks) - 1)
    with ctx.db.transaction():  # one for every read (see ``compliance_by_week``)
        calendar = calendar or load_calendar(ctx)
        judged, compliant = compliance_by_week(ctx, first_monday, as_of, calendar)
    mondays = [first_monday + timedelta(weeks=n) for n in range(max(1, weeks))]
    return [WeekCompliance(m, judged[m], compliant[m]) for m in mondays]


def front_shop_by_department(ctx: HallContext, start: date, end: date) -> list[DepartmentFrontShop]:
    """Per approving department (the item's), cases received and those flagged 前店后厂.

    Counted per item first, over the range's cases alone, then summed per
    department: each item's cases of the range are one stretch of the charts'
    index, read in the item's order with nothing sorted, and each is looked up
    among the (few) flags; joining every case to its item and department cost
    a lookup of each of tens of thousands of cases.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    counted = FrontShopFlag.state != FlagState.DISMISSED
    per_item = (
        select(Case.item_id, func.count().label("n"), func.count(FrontShopFlag.id).label("flagged"))
        .outerjoin(FrontShopFlag, and_(FrontShopFlag.case_id == Case.id, counted))
        .where(
            Case.hall_id == ctx.hall_id,
            Case.item_id.in_(select(Item.id).where(Item.hall_id == ctx.hall_id)),
            _received_between(start, end),
        )
        .group_by(Case.item_id)
        .subquery()
    )
    query = (
        select(Department.name, func.sum(per_item.c.n), func.sum(per_item.c.flagged))
        .select_from(per_item)
        .join(Item, per_item.c.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .group_by(Department.name)
        .order_by(Department.name)
    )
    with ctx.db.session() as session:
        return [DepartmentFrontShop(name, int(n), int(f)) for name, n, f in session.execute(query)]


def indicators(ctx: HallContext, start: date, end: date) -> list[IndicatorResult]:
    """The five core indicators for cases received from ``start`` to ``end`` (see ``durations``)."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.transaction():  # one for every read: a session begun and committed for each costs more
        return chart_indicators(ctx, _received_between(start, end), load_calendar(ctx), load_settings(ctx))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _as_date(value: object) -> date:
    # SQLite's date() gives text unless the type adapts it; PostgreSQL gives a date.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
