"""The core indicators for a chart: their samples counted by the database, judged by the domain.

A chart of four weeks covers tens of thousands of cases. Read one by one they
cost half a second, and even grouped by the database they cost a sort of
every one; so each count reads only the cases it needs, item by item, from the
index by hall, item and receipt that holds every column counted here
(migration 0007): an item's cases of the range are one stretch of it.

* 最多跑一次: how many cases have a plausible count of trips, and how many of
  those needed a second trip, counted in one pass with nothing grouped: the
  domain says which counts need one (``needs_trip_flag``), asked of every
  plausible count, and the database counts the cases in those runs of values;
* the durations depend only on the day a case (or a bundle's first case) was
  accepted and the day it (or the bundle's last) was finished, so the database
  groups the real-estate cases, and the bundles, by that pair of days and
  Python works out each pair's working days once.

The counts go through the domain's own indicator rules, so the chart says what
the weekly report says (the tests compare the two).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from hallmonitor.domain.enums import ENTERPRISE_SETUP_CATEGORIES, CaseStatus, ItemCategory
from hallmonitor.domain.indicators import (
    Durations,
    IndicatorResult,
    ItemFacts,
    indicators_from,
    needs_trip_flag,
)
from hallmonitor.domain.plausible import MAX_TRIPS
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.front_shop import day_of
from hallmonitor.services.hall import HallContext, moment_in_range, plausible_trips
from hallmonitor.storage.models import Case, Item

#: Counts of samples by (day accepted, day finished).
Pairs = list[tuple[object, object, int]]


def _runs(flagged: list[int]) -> list[tuple[int, int]]:
    """Consecutive values as (first, last) runs: 2..99 is one BETWEEN, not 98 values."""
    runs: list[tuple[int, int]] = []
    for value in flagged:
        if runs and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def _second_trip() -> ColumnElement[bool]:
    """A plausible count of trips the domain flags (最多跑一次 missed), as ranges of values."""
    runs = _runs([t for t in range(MAX_TRIPS + 1) if needs_trip_flag(t)])
    return or_(*(Case.trips.between(first, last) for first, last in runs)) if runs else false()


def _items(ctx: HallContext, *categories: ItemCategory) -> Select:  # type: ignore[type-arg]
    return select(Item.id).where(Item.hall_id == ctx.hall_id, Item.category.in_(categories))


def chart_indicators(
    ctx: HallContext, received: ColumnElement[bool], calendar: WorkCalendar, settings: RuleSettings
) -> list[IndicatorResult]:
    """The five core indicators for the cases ``received`` selects."""
    sqlite = ctx.db.is_sqlite
    accepted = day_of(Case.received_at, sqlite=sqlite)
    finished = day_of(Case.completed_at, sqlite=sqlite)
    # 办结 on a plausible day: a refusal set nobody up, and a completion dated 9999 is no completion.
    done = and_(Case.status == CaseStatus.COMPLETED, moment_in_range(Case.completed_at))
    every_item = select(Item.id).where(Item.hall_id == ctx.hall_id)
    mine = (Case.hall_id == ctx.hall_id, received)
    # A count no one could have made is a typo, named by ``check``, not a trip.
    trips = select(func.count(case((plausible_trips(), 1))), func.count(case((_second_trip(), 1)))).where(
        *mine, Case.item_id.in_(every_item)
    )
    # Done is counted, not a condition: a condition on the completion or the status would lead SQLite
    # (no statistics) to read their indexes, and every case of them, instead of the item's stretch.
    timed = (case((done, accepted)), case((done, finished)))
    estate = (
        select(*timed, func.count())
        .where(*mine, Case.item_id.in_(_items(ctx, ItemCategory.REAL_ESTATE)))
        .group_by(*timed)
    )
    with ctx.db.session() as session:
        total, flagged = session.execute(trips).one()
        real_estate = [(a, f, n) for a, f, n in session.execute(estate) if a is not None]
        bundles = _bundles(session, ctx, mine, accepted, finished, done)
        items = session.execute(
            select(Item.code, Item.admitted, Item.window_may_approve).where(Item.hall_id == ctx.hall_id)
        ).all()
    durations = Durations(
        enterprise_setup=_working_days(bundles.get(SETUP, []), calendar),
        real_estate=_working_days(real_estate, calendar),
        investment_project=_working_days(bundles.get(PROJECT, []), calendar),
    )
    results = indicators_from(durations, [], [ItemFacts(*row) for row in items], settings)
    total, met = int(total), int(total) - int(flagged)
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
    ctx: HallContext,
    mine: tuple[ColumnElement[bool], ...],
    accepted: ColumnElement[object],
    finished: ColumnElement[object],
    done: ColumnElement[bool],
) -> dict[str, Pairs]:
    """Whole bundles (一件事) of each duration indicator by their first acceptance and last completion.

    A bundle with a step not done is left out; a bundle's cases of the two
    indicators' categories are two bundles, as the domain counts them.
    """
    setup = _items(ctx, *ENTERPRISE_SETUP_CATEGORIES)
    project = _items(ctx, ItemCategory.CONSTRUCTION_PROJECT)
    indicator = case((Case.item_id.in_(setup), SETUP), (Case.item_id.in_(project), PROJECT))
    members = (
        select(
            indicator.label("indicator"),
            func.min(accepted).label("first"),
            func.max(finished).label("last"),
        )
        .where(*mine, Case.item_id.in_(setup.union_all(project)), Case.bundle_key.is_not(None))
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
    """Each pair's working days, once per sample it counts.

    A pair's working days are the difference of two running counts from a day
    before all of them, each day's worked out once: a few dozen days stand
    for hundreds of pairs.
    """
    if not pairs:
        return []
    days = {value: _as_date(value) for pair in pairs for value in pair[:2]}
    anchor = min(days.values())
    through = {value: calendar.working_days_between(anchor, day) for value, day in days.items()}
    durations: list[int] = []
    for first, last, n in pairs:
        # Working days d with first < d <= last: none when the last is not after the first.
        between = through[last] - through[first] if days[last] > days[first] else 0
        durations += [between] * int(n)
    return durations


def _as_date(value: object) -> date:
    # SQLite's date() gives text; PostgreSQL gives a date.
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
