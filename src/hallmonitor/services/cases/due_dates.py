"""Keeping each case's due date in the table, so overdue filters and counts run in SQL.

Due dates depend on the calendar, the item's limit and special procedures, so
they are computed by the domain and stored; they are recomputed for cases that
lack one, that have special procedures, or all of them after the calendar changed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallmonitor.domain.deadlines import SpecialPeriod, due_date
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, facts_changed
from hallmonitor.storage.models import Case, Item
from hallmonitor.storage.models import SpecialPeriod as SpecialPeriodRow

CHUNK = 5000


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
        select(Case.id, Case.received_at, Item.case_type, Item.promised_days, Case.due_date)
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
        periods = special_periods_of(session, [r[0] for r in rows])
        updates: list[dict[str, object]] = []
        moved: list[date] = []
        for case_id, received_at, case_type, promised_days, stored in rows:
            due: date | None = due_date(
                calendar, received_at.date(), case_type, promised_days, periods.get(case_id, ())
            )
            if due != stored:
                updates.append({"id": case_id, "due_date": due})
                moved.extend(d for d in (due, stored) if d is not None)
        for start in range(0, len(updates), CHUNK):
            session.execute(update(Case), updates[start : start + CHUNK])
        changed = len(updates)
        if moved:
            facts_changed(session, ctx.hall_id, min(moved))
    return changed
