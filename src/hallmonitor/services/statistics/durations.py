"""The core indicators for a chart: their samples counted by the database, judged by the domain.

A chart of four weeks covers tens of thousands of cases, most of them in the
categories the duration indicators time. Read one by one they cost half a
second; but a duration depends only on the day a case (or a bundle's first
case) was accepted and the day it (or the bundle's last) was finished, so the
database groups them by that pair of days and Python works out each pair's
working days once. The counts go through the domain's own indicator rules,
so the chart says what the weekly report says (the tests compare the two).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from hallmonitor.domain.enums import ENTERPRISE_SETUP_CATEGORIES, CaseStatus, ItemCategory
from hallmonitor.domain.indicators import (
    Durations,
    IndicatorResult,
    ItemFacts,
    indicators_from,
    needs_trip_flag,
)
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.front_shop import day_of
from hallmonitor.services.hall import HallContext, moment_in_range, plausible_trips
from hallmonitor.storage.models import Case, Item

#: Counts of samples by (day accepted, day finished).
Pairs = list[tuple[object, object, int]]


def chart_indicators(
    ctx: HallContext, received: ColumnElement[bool], calendar: WorkCalendar, settings: RuleSettings
) -> list[IndicatorResult]:
    """The five core indicators for the cases ``received`` selects: two passes over them, both GROUP BYs."""
    sqlite = ctx.db.is_sqlite
    accepted = day_of(Case.received_at, sqlite=sqlite)
    finished = day_of(Case.completed_at, sqlite=sqlite)
    # 办结 on a plausible day: a refusal set nobody up, and a completion dated 9999 is no completion.
    done = and_(Case.status == CaseStatus.COMPLETED, moment_in_range(Case.completed_at))
    mine = (Case.hall_id == ctx.hall_id, received)
    estate = and_(Item.category == ItemCategory.REAL_ESTATE, done)
    # A count no one could have made is a typo, named by ``check``, not a trip.
    trips = case((plausible_trips(), Case.trips))
    timed = (case((estate, accepted)), case((estate, finished)))
    with ctx.db.session() as session:
        counted = session.execute(
            select(trips, *timed, func.count())
            .join(Item, Case.item_id == Item.id)
            .where(*mine)
            .group_by(trips, *timed)
        ).all()
        bundles = _bundles(session, mine, accepted, finished, done)
        items = session.execute(
            select(Item.code, Item.admitted, Item.window_may_approve).where(Item.hall_id == ctx.hall_id)
        ).all()
    durations = Durations(
        enterprise_setup=_working_days(bundles.get(SETUP, []), calendar),
        real_estate=_working_days([(a, f, n) for _t, a, f, n in counted if a is not None], calendar),
        investment_project=_working_days(bundles.get(PROJECT, []), calendar),
    )
    results = indicators_from(durations, [], [ItemFacts(*row) for row in items], settings)
    by_trips: dict[int, int] = defaultdict(int)
    for t, _a, _f, n in counted:
        if t is not None:
            by_trips[int(t)] += int(n)
    total = sum(by_trips.values())
    met = sum(n for t, n in by_trips.items() if not needs_trip_flag(t))
    return [
        replace(r, actual=met / total if total else None, sample_count=total, met_count=met,
                met_rate=met / total if total else None)
        if r.key == "one_trip_rate"
        else r
        for r in results
    ]  # fmt: skip


SETUP, PROJECT = "setup", "project"


def _bundles(
    session: Session,
    mine: tuple[ColumnElement[bool], ...],
    accepted: ColumnElement[object],
    finished: ColumnElement[object],
    done: ColumnElement[bool],
) -> dict[str, Pairs]:
    """Whole bundles (一件事) of each duration indicator by their first acceptance and last completion.

    A bundle with a step not done is left out; a bundle's cases of the two
    indicators' categories are two bundles, as the domain counts them.
    """
    indicator = case(
        (Item.category.in_(list(ENTERPRISE_SETUP_CATEGORIES)), SETUP),
        (Item.category == ItemCategory.CONSTRUCTION_PROJECT, PROJECT),
    )
    members = (
        select(
            indicator.label("indicator"),
            func.min(accepted).label("first"),
            func.max(finished).label("last"),
        )
        .join(Item, Case.item_id == Item.id)
        .where(*mine, indicator.is_not(None), Case.bundle_key.is_not(None))
        .group_by(indicator, Case.bundle_key)
        .having(func.min(case((done, 1), else_=0)) == 1)
        .subquery()
    )
    found: dict[str, Pairs] = defaultdict(list)
    rows = session.execute(
        select(members.c.indicator, members.c.first, members.c.last, func.count()).group_by(
            members.c.indicator, members.c.first, members.c.last
        )
    )
    for which, first, last, n in rows:
        found[which].append((first, last, n))
    return found


def _working_days(pairs: Pairs, calendar: WorkCalendar) -> list[int]:
    """Each pair's working days, once per sample it counts."""
    durations: list[int] = []
    for first, last, n in pairs:
        durations += [calendar.working_days_between(_as_date(first), _as_date(last))] * int(n)
    return durations


def _as_date(value: object) -> date:
    # SQLite's date() gives text; PostgreSQL gives a date.
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
