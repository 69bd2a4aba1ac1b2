"""The figures behind the charts: counts grouped by the database, rates from the rules.

Charts cover weeks of a hall that may hold a million cases, so every count is
a GROUP BY and Python only fills in the days or windows that had none. The
staffing rate reuses the verdicts the board and the alerts use, and the core
indicators come from the domain, so a chart can never disagree with a report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.sql import ColumnElement

from hallmonitor.domain.enums import ENTERPRISE_SETUP_CATEGORIES, CaseStatus, FlagState, ItemCategory
from hallmonitor.domain.indicators import (
    CaseFacts,
    IndicatorResult,
    ItemFacts,
    compute_indicators,
    needs_trip_flag,
)
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.plausible import moment_ok
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.front_shop import day_of
from hallmonitor.services.hall import HallContext, load_calendar, load_settings, plausible_trips
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import Case, Department, FrontShopFlag, Item, Window

#: Item categories whose cases the duration indicators need case by case.
_DURATION_CATEGORIES = (
    *ENTERPRISE_SETUP_CATEGORIES,
    ItemCategory.REAL_ESTATE,
    ItemCategory.CONSTRUCTION_PROJECT,
)


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
    calendar = calendar or load_calendar(ctx)
    this_monday = as_of - timedelta(days=as_of.weekday())
    first_monday = this_monday - timedelta(weeks=max(1, weeks) - 1)
    verdicts = judge_range(ctx, first_monday, as_of, calendar)
    judged: dict[date, int] = defaultdict(int)
    compliant: dict[date, int] = defaultdict(int)
    for verdict in verdicts:
        monday = verdict.day - timedelta(days=verdict.day.weekday())
        judged[monday] += 1
        compliant[monday] += not verdict.verdict.is_violation
    mondays = [first_monday + timedelta(weeks=n) for n in range(max(1, weeks))]
    return [WeekCompliance(m, judged[m], compliant[m]) for m in mondays]


def front_shop_by_department(ctx: HallContext, start: date, end: date) -> list[DepartmentFrontShop]:
    """Per approving department (the item's), cases received and those flagged 前店后厂."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    flagged = case(
        (and_(FrontShopFlag.id.is_not(None), FrontShopFlag.state != FlagState.DISMISSED), 1), else_=0
    )
    query = (
        select(Department.name, func.count(Case.id), func.coalesce(func.sum(flagged), 0))
        .select_from(Case)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .outerjoin(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        .where(Case.hall_id == ctx.hall_id, _received_between(start, end))
        .group_by(Department.name)
        .order_by(Department.name)
    )
    with ctx.db.session() as session:
        return [DepartmentFrontShop(name, int(n), int(f)) for name, n, f in session.execute(query)]


def indicators(ctx: HallContext, start: date, end: date) -> list[IndicatorResult]:
    """The five core indicators for cases received from ``start`` to ``end``.

    Only the cases the duration indicators need are read one by one (enterprise
    setup, real estate, investment projects); the one-trip share comes from a
    GROUP BY on trips, each group judged by the domain's own rule.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    settings = load_settings(ctx)
    calendar = load_calendar(ctx)
    received = _received_between(start, end)
    with ctx.db.session() as session:
        rows = session.execute(
            select(
                Case.case_no, Item.category, Case.bundle_key, Case.received_at, Case.completed_at, Case.status
            )
            .join(Item, Case.item_id == Item.id)
            .where(Case.hall_id == ctx.hall_id, received, Item.category.in_(_DURATION_CATEGORIES))
        ).all()
        trips = session.execute(
            select(Case.trips, func.count(Case.id))
            # A count no one could have made is a typo, named by ``check``, not a trip.
            .where(Case.hall_id == ctx.hall_id, received, plausible_trips())
            .group_by(Case.trips)
        ).all()
        items = session.execute(
            select(Item.code, Item.admitted, Item.window_may_approve).where(Item.hall_id == ctx.hall_id)
        ).all()
    facts = [
        CaseFacts(
            case_no=no,
            item_category=category,
            bundle_key=bundle,
            accepted=received_at.date(),
            # A completion dated in 9999 (a placeholder) is no completion to count days to.
            completed=completed_at.date() if completed_at and moment_ok(completed_at) else None,
            trips=None,  # counted below from the GROUP BY
            finished_ok=status is CaseStatus.COMPLETED,
        )
        for no, category, bundle, received_at, completed_at, status in rows
    ]
    results = compute_indicators(facts, [ItemFacts(*row) for row in items], calendar, settings)
    total = sum(int(n) for _, n in trips)
    met = sum(int(n) for t, n in trips if not needs_trip_flag(int(t)))
    return [
        replace(r, actual=met / total if total else None, sample_count=total, met_count=met,
                met_rate=met / total if total else None)
        if r.key == "one_trip_rate"
        else r
        for r in results
    ]  # fmt: skip


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _as_date(value: object) -> date:
    # SQLite's date() gives text unless the type adapts it; PostgreSQL gives a date.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
