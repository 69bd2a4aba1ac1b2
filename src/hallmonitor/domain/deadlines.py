"""Case deadlines in working days, with yellow and red cards.

A promised case (承诺件) is due on the N-th working day after acceptance, the
day of acceptance itself not counted (期间开始之日不计算在内). A special
procedure (特别程序: hearing, expert review, public notice, ...) stops the
clock: its working days do not count, so the deadline moves later by the
working days of each procedure that starts before the clock has run out. A
procedure that starts after the deadline has passed moves nothing; the case was
already late. An immediate case (即办件) is due the day it is accepted.

Time used is reported both in working days (the Chinese targets) and in
calendar days (what Doing Business / B-READY measure).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from hallmonitor.domain.enums import CaseType, DeadlineState
from hallmonitor.domain.texts import say

__all__ = [
    "DeadlineCalendar",
    "DeadlineReport",
    "SpecialPeriod",
    "assess_case",
    "assess_complaint",
    "complaint_due",
    "due_date",
]

_ONE_DAY = timedelta(days=1)

#: (first day, last day) of a special procedure, both included; None while it still runs.
SpecialPeriod = tuple[date, date | None]


class DeadlineCalendar(Protocol):
    """What deadlines need from the hall's working calendar (WorkCalendar provides it)."""

    def add_working_days(self, day: date, n: int) -> date: ...

    def working_days_between(self, start: date, end: date) -> int: ...


@dataclass(frozen=True, slots=True)
class DeadlineReport:
    #: None while a special procedure that stopped the clock has no end yet.
    due: date | None
    state: DeadlineState
    #: Working days after acceptance up to completion (or as_of), special procedures excluded.
    working_days_used: int
    calendar_days_used: int
    #: Working days after the due date up to completion (or as_of), special procedures excluded.
    overdue_working_days: int


def due_date(
    calendar: DeadlineCalendar,
    accepted: date,
    case_type: CaseType,
    promised_days: int,
    special_periods: Iterable[SpecialPeriod] = (),
) -> date | None:
    """The last day on which finishing the case is on time, or None while the clock is stopped."""
    return _due(calendar, accepted, _limit(case_type, promised_days), _merged(special_periods, accepted))


def assess_case(
    calendar: DeadlineCalendar,
    *,
    accepted: date,
    case_type: CaseType,
    promised_days: int,
    completed: date | None,
    as_of: date,
    special_periods: Sequence[SpecialPeriod] = (),
) -> DeadlineReport:
    """How a case stands on ``as_of``.

    A completion later than ``as_of`` is ignored, so the same call replays what
    the supervisor saw on an earlier day. A case finished on its due day is on
    time; finished on any later day, even a holiday, it is late (with possibly
    zero overdue working days). A case whose clock is stopped is on time.
    """
    if completed is not None and completed < accepted:
        raise ValueError(
            say(
                "The completion date {completed} is before the acceptance date {accepted}",
                completed=completed,
                accepted=accepted,
            )
        )
    limit = _limit(case_type, promised_days)
    periods = _merged(special_periods, accepted)
    due = _due(calendar, accepted, limit, periods)
    finished = completed is not None and completed <= as_of
    end = completed if finished and completed is not None else as_of

    used = _counted(calendar, periods, accepted, end)
    calendar_days = max(0, (end - accepted).days)
    if due is None or end < due:
        state = DeadlineState.ON_TIME
    elif end == due:
        state = DeadlineState.ON_TIME if finished else DeadlineState.DUE_TODAY
    else:
        state = DeadlineState.OVERDUE
    overdue = (
        _counted(calendar, periods, due, end) if due is not None and state is DeadlineState.OVERDUE else 0
    )
    return DeadlineReport(due, state, used, calendar_days, overdue)


def complaint_due(calendar: DeadlineCalendar, received: date, limit_working_days: int) -> date:
    """A complaint about something not done in one go must be answered within working days, too."""
    if limit_working_days < 0:
        raise ValueError(say("A complaint's time limit cannot be negative"))
    return calendar.add_working_days(received, limit_working_days)


def assess_complaint(
    calendar: DeadlineCalendar,
    *,
    received: date,
    limit_working_days: int,
    answered: date | None,
    as_of: date,
) -> DeadlineReport:
    """Complaints run on the same clock as promised cases, without special procedures."""
    if limit_working_days < 0:
        raise ValueError(say("A complaint's time limit cannot be negative"))
    return assess_case(
        calendar,
        accepted=received,
        case_type=CaseType.PROMISED,
        promised_days=limit_working_days,
        completed=answered,
        as_of=as_of,
    )


def _limit(case_type: CaseType, promised_days: int) -> int:
    if case_type is CaseType.IMMEDIATE:
        return 0
    if promised_days < 0:
        raise ValueError(
            say("The promised time limit cannot be negative ({days} working days)", days=promised_days)
        )
    return promised_days


def _merged(periods: Iterable[SpecialPeriod], accepted: date) -> list[SpecialPeriod]:
    """Sorted, non-overlapping periods that hold working days after acceptance.

    Overlapping or touching periods are joined so a working day inside two of
    them is not taken off twice.
    """
    relevant: list[SpecialPeriod] = []
    for start, end in periods:
        if end is not None and end < start:
            raise ValueError(
                say(
                    "The special procedure's end date {end} is before its start date {start}",
                    end=end,
                    start=start,
                )
            )
        if end is None or end > accepted:
            relevant.append((start, end))
    relevant.sort(key=lambda p: p[0])
    merged: list[SpecialPeriod] = []
    for start, end in relevant:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break
            if start <= last_end + _ONE_DAY:
                merged[-1] = (last_start, None if end is None else max(end, last_end))
                continue
        merged.append((start, end))
    return merged


def _due(calendar: DeadlineCalendar, accepted: date, limit: int, periods: list[SpecialPeriod]) -> date | None:
    # Walk from period to period: where the deadline would fall if nothing else
    # stopped the clock; if the next period starts after that, it is the
    # answer, otherwise the working days before the period are used up and
    # the count resumes after it.
    if limit == 0:
        return accepted
    cursor, remaining = accepted, limit
    for start, end in periods:
        candidate = calendar.add_working_days(cursor, remaining)
        if start > candidate:
            return candidate
        remaining -= calendar.working_days_between(cursor, start - _ONE_DAY)
        if end is None:
            return None
        cursor = max(cursor, end)
    return calendar.add_working_days(cursor, remaining)


def _counted(calendar: DeadlineCalendar, periods: list[SpecialPeriod], after: date, through: date) -> int:
    """Working days d with after < d <= through that lie outside every special period."""
    total = calendar.working_days_between(after, through)
    for start, end in periods:
        low = max(after, start - _ONE_DAY)
        high = through if end is None else min(end, through)
        total -= calendar.working_days_between(low, high)
    return total
