"""Keeping each case's due date in the table, so overdue filters and counts run in SQL.

Due dates depend on the calendar, the item's limit and special procedures, so
they are computed by the domain and stored; they are recomputed for cases that
lack one, that have special procedures, or all of them after the calendar changed.

A case whose deadline would be counted from an implausible fact (received in
9999, an item's limit of 3,000,000 working days; see ``domain.plausible``) has
no due date, so no card, check or report judges it; a stored due date outside
the plausible range is only a leftover and is worked out again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallmonitor.domain.deadlines import DeadlineCalendar, SpecialPeriod, due_date
from hallmonitor.domain.enums import CaseType
from hallmonitor.domain.plausible import (
    AFTER_LATEST_MOMENT,
    EARLIEST,
    EARLIEST_MOMENT,
    LATEST_DUE,
    deadline_problem,
)
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, facts_changed, plausible_limit
from hallmonitor.storage.models import Case, Item
from hallmonitor.storage.models import SpecialPeriod as SpecialPeriodRow

CHUNK = 5000


def case_due_date(
    calendar: DeadlineCalendar,
    received_at: datetime,
    case_type: CaseType,
    promised_days: int,
    periods: Iterable[SpecialPeriod] = (),
    completed_at: datetime | None = None,
) -> date | None:
    """The due date to store: None while the clock is stopped, or when a fact it counts from is implausible."""
    periods = list(periods)
    if deadline_problem(received_at, case_type, promised_days, completed_at, periods) is not None:
        return None
    return due_date(calendar, received_at.date(), case_type, promised_days, periods)


def special_periods_of(session: Session, case_ids: list[int]) -> dict[int, list[SpecialPeriod]]:
    periods: dict[int, list[SpecialPeriod]] = defaultdict(list)
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        rows = session.execute(
            select(SpecialPeriodRow.case_id, SpecialPeriodRow.start_day, SpecialPeriodRow.end_day).where(
                SpecialPeriodRow.case_id.in_(chunk)
            )
        ).all()
        for case_id, start_day, end_day in rows:
            periods[case_id].append((start_day, end_day))
    return periods


def refresh_due_dates(ctx: HallContext, calendar: WorkCalendar, *, everything: bool = False) -> int:
    """Recompute stored due dates; returns how many changed."""
    query = (
        select(
            Case.id, Case.received_at, Item.case_type, Item.promised_days, Case.due_date, Case.completed_at
        )
        .join(Item, Case.item_id == Item.id)
        .where(Case.hall_id == ctx.hall_id)
    )
    changed = 0
    with ctx.db.session() as session:
        if everything:
            rows = session.execute(query).all()
        else:
            # Cases without a due date (new, or a clock stopped), and those with special procedures:
            # two queries that each use an index, where one with an OR read every case the hall had.
            lacking = session.execute(query.where(Case.due_date.is_(None))).all()
            seen = {row[0] for row in lacking}
            # The few cases with special procedures, looked up by id: a join lets the planner walk
            # every case of the hall instead.
            with_periods = [
                i for i in session.scalars(select(SpecialPeriodRow.case_id).distinct()) if i not in seen
            ]
            stopped = []
            for begin in range(0, len(with_periods), CHUNK):
                stopped += session.execute(
                    query.where(Case.id.in_(with_periods[begin : begin + CHUNK]))
                ).all()
            rows = [*lacking, *(row for row in stopped if row[0] not in seen)]
            seen |= {row[0] for row in stopped}
            # And those keeping a due date they must not: empty index ranges on a healthy hall.
            for row in _implausible(session, ctx.hall_id, query):
                if row[0] not in seen:
                    seen.add(row[0])
                    rows.append(row)
        periods = special_periods_of(session, [r[0] for r in rows])
        updates: list[dict[str, object]] = []
        moved: list[date] = []
        for case_id, received_at, case_type, promised_days, stored, completed_at in rows:
            due = case_due_date(
                calendar, received_at, case_type, promised_days, periods.get(case_id, ()), completed_at
            )
            if due != stored:
                updates.append({"id": case_id, "due_date": due})
                moved.extend(d for d in (due, stored) if d is not None and EARLIEST <= d <= LATEST_DUE)
        for start in range(0, len(updates), CHUNK):
            session.execute(update(Case), updates[start : start + CHUNK])
        changed = len(updates)
        if moved:
            facts_changed(session, ctx.hall_id, min(moved))
    return changed


def _implausible(session: Session, hall_id: int, query):  # type: ignore[no-untyped-def]
    """Cases with a due date that must not keep it: it, or a fact it was counted from, is implausible.

    Each part is an index range that is empty on a healthy hall (or the hall's few items).
    """
    rows = []
    for condition in (
        Case.received_at < EARLIEST_MOMENT,
        Case.received_at >= AFTER_LATEST_MOMENT,
        Case.completed_at < EARLIEST_MOMENT,
        Case.completed_at >= AFTER_LATEST_MOMENT,
        Case.due_date < EARLIEST,
        Case.due_date > LATEST_DUE,
    ):
        rows += session.execute(query.where(Case.due_date.is_not(None), condition)).all()
    odd_items = list(
        session.scalars(
            select(Item.id).where(
                Item.hall_id == hall_id,
                Item.case_type != CaseType.IMMEDIATE,
                ~plausible_limit(Item.promised_days),
            )
        )
    )
    if odd_items:
        rows += session.execute(query.where(Case.due_date.is_not(None), Case.item_id.in_(odd_items))).all()
    return rows
