"""A day's check: what a supervisor must see of one day, from the history the rules keep.

The rules are first brought up to date (never beyond now); the day is then read
as it stood at its end, or now for today. A day that has not come yet has no
verdicts and no alerts, only a plan: who is rostered where, and what the plan
would give if everyone came.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Date, UnaryExpression, func, select, text, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.record_texts import reread
from hallmonitor.domain.staffing import SessionStaffing
from hallmonitor.services.alerts import alerts_then
from hallmonitor.services.front_shop import FlagRow, list_flags
from hallmonitor.services.hall import Findings, HallContext, implausible_records, load_calendar
from hallmonitor.services.rules.engine import RunSummary, run_rules
from hallmonitor.services.staffing import SuspectedLine, judge_range, session_starts, suspected_lines
from hallmonitor.storage.models import FINISHED_LATE, Case, Item, Window


@dataclass(frozen=True, slots=True)
class AlertLine:
    alert_id: int
    kind: str
    level: str
    state: str
    window_no: str
    #: As it read at the day's end, in the reader's language (the record's is Chinese).
    summary: str
    deadline: date | None
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class LateCase:
    case_no: str
    window_no: str
    item_name: str
    due: date
    completed: datetime | None
    due_today: bool


@dataclass
class DayCheck:
    day: date
    as_of: datetime
    is_workday: bool
    calendar_warning: str | None
    staffing: list[SessionStaffing] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    late_cases: list[LateCase] = field(default_factory=list)
    alerts: list[AlertLine] = field(default_factory=list)
    #: Sessions of the day suspected of 挂名 by ``as_of`` (the morning is judged once the afternoon begins).
    nominal: list[SuspectedLine] = field(default_factory=list)
    run: RunSummary | None = None
    #: The day has not come yet: ``staffing`` is the roster's plan, nothing else is judged.
    future: bool = False
    #: Stored facts the rules left out, being outside the plausible range (see domain.plausible).
    skipped: Findings = field(default_factory=Findings)

    @property
    def violations(self) -> list[SessionStaffing]:
        return [s for s in self.staffing if s.verdict.is_violation]


def check_day(ctx: HallContext, day: date, *, now: datetime | None = None) -> DayCheck:
    """The day as it stood at its end (or at ``now`` for today); a future day's plan."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    now = (now or datetime.now()).replace(microsecond=0)
    calendar = load_calendar(ctx)
    day_end = datetime.combine(day, time(23, 59, 59))
    as_of = min(day_end, now)
    result = DayCheck(day, as_of, calendar.is_workday(day), calendar.warning_for([day.year]))
    if day > now.date():
        result.future = True
        result.as_of = now
        result.run = run_rules(ctx, now)
        result.skipped = implausible_records(ctx)
        result.staffing = judge_range(ctx, day, day, calendar)
        return result
    result.run = run_rules(ctx, as_of)
    result.skipped = implausible_records(ctx)
    # Today: only the sessions that have begun are judged.
    starts = session_starts(ctx, [day])
    result.staffing = [s for s in judge_range(ctx, day, day, calendar) if starts[(day, s.session)] <= as_of]
    result.flags = list_flags(ctx, approved_on=day)
    result.nominal = suspected_lines(ctx, day, day, as_of, calendar)
    with ctx.db.session() as session:
        result.late_cases = _late_cases(session, ctx.hall_id, day, as_of)
        result.alerts = [
            AlertLine(
                a.id,
                a.kind.value,
                a.level.value,
                a.state.value,
                a.window_no,
                reread(a.summary),
                a.deadline,
                a.raised_at,
            )
            for a in alerts_then(session, ctx.hall_id, datetime.combine(day, time.min), as_of)
        ]
    return result


def _late_cases(session: Session, hall_id: int, day: date, as_of: datetime) -> list[LateCase]:
    """Cases due by ``day`` and unfinished at ``as_of``, and those finished on ``day`` after their due day.

    Read in four parts, each from the index its condition names, since one query
    with an OR walks every case due by the day: on a hall of years that is most
    of them. The parts are disjoint by completion (none; after ``as_of``, due
    before the day or on it; on the day), so their union is the list itself.
    """
    day_start = datetime.combine(day, time.min)
    sqlite = session.get_bind().dialect.name == "sqlite"
    received, completed = Case.received_at, Case.completed_at
    if sqlite:
        # SQLite keeps no statistics, so it takes the first index that a term names: "+column" names
        # none, leaving each part the index it is written for (its hints are not rendered either).
        received, completed = _unindexed(received), _unindexed(completed)
    alive = [Case.hall_id == hall_id, Case.voided_at.is_(None)]
    pending = Case.status.not_in([CaseStatus.REFUSED, CaseStatus.RETURNED])
    late_finish = (
        text(FINISHED_LATE["sqlite"].split(" AND ", 1)[1])
        if sqlite
        else func.date(Case.completed_at, type_=Date) > Case.due_date
    )
    parts = [
        # Not finished yet: the partial index of unfinished cases, by due date.
        [received <= as_of, Case.completed_at.is_(None), pending, Case.due_date <= day],
        # Finished after the moment, due before the day: finished late, so in that partial index.
        [Case.received_at <= as_of, completed > as_of, pending, Case.due_date < day, late_finish],
        # Finished after the moment, due on the day itself: one day of due dates.
        [received <= as_of, completed > as_of, pending, Case.due_date == day],
        # Finished on the day (by the moment), past its due day: one day of completions.
        [received <= as_of, Case.completed_at >= day_start, Case.completed_at <= as_of, Case.due_date < day],
    ]
    query = union_all(
        *(
            select(Case.case_no, Window.number, Item.name, Case.due_date, Case.completed_at)
            .join(Window, Case.window_id == Window.id)
            .join(Item, Case.item_id == Item.id)
            .where(*alive, *terms)
            for terms in parts
        )
    )
    ordered = query.subquery()
    # Ordered by "+due_date" on SQLite, or it orders each part by walking the due dates' index.
    due = _unindexed(ordered.c.due_date) if sqlite else ordered.c.due_date
    rows = session.execute(select(ordered).order_by(due, ordered.c.case_no)).all()
    return [
        LateCase(
            n, w, i, d, c if c is not None and c <= as_of else None, (c is None or c > as_of) and d == day
        )
        for n, w, i, d, c in rows
    ]


def _unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column as SQLite's "+column": the same value, through no index."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)
