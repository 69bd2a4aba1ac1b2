"""How far the week is judged, and how a case stood at that moment.

Facts recorded after the end of the week are ignored: a completion next
Tuesday leaves the case unfinished in this week's report, and a special
procedure that started later does not stop this week's clock — so exporting a
past week again gives the same figures. A void is the one exception: a case
voided (作废) at any time was never a real case, so it is left out of every
week's figures, and the 办件明细 lists it as 作废.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, select, union
from sqlalchemy.sql.elements import ColumnElement

from hallmonitor.domain.deadlines import DeadlineReport, SpecialPeriod, assess_case
from hallmonitor.domain.enums import CaseStatus, CaseType
from hallmonitor.domain.plausible import EARLIEST_MOMENT
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.storage.models import Case

_WITHOUT_TIME = (CaseStatus.REFUSED, CaseStatus.RETURNED)


@dataclass(frozen=True, slots=True)
class Span:
    """The week as far as it is judged: from Monday 00:00 to ``as_of``, for one hall.

    The case populations are written as ``id IN (a UNION of index ranges)`` rather than one
    WHERE with ORs: each branch then walks its own index (received, approved, completed),
    where the ORs made SQLite read every case the hall ever had. They are the hall's already,
    and a query adds no hall term of its own: SQLite keeps no statistics here, and given one it
    walks the hall's index over every case it ever had instead of fetching the week's by id.
    """

    hall_id: int
    start: datetime
    as_of: datetime
    calendar: WorkCalendar
    #: Deadlines already judged at ``as_of`` (see ``assess``).
    judged: dict[tuple[date, CaseType, int, date | None], DeadlineReport] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def day(self) -> date:
        return self.as_of.date()

    def within(self, column: ColumnElement[datetime] | object) -> ColumnElement[bool]:
        return and_(column >= self.start, column <= self.as_of)  # type: ignore[operator]

    def _ids(self, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        branches = [select(Case.id).where(Case.hall_id == self.hall_id, c) for c in conditions]
        return Case.id.in_(union(*branches))

    def handled(self) -> ColumnElement[bool]:
        """Received in the week, completed in it, or still open at its end (经办件).

        A case received before 2000 (a placeholder, a typo) is no case the week handled: it is
        named among the implausible records instead. The receipt is bounded in every branch, so
        the cases still open at the end are one range of the (completed, received) index, not
        every case completed since or received before.
        """
        received = and_(Case.received_at <= self.as_of, Case.received_at >= EARLIEST_MOMENT)
        return and_(
            Case.voided_at.is_(None),
            self._ids(
                and_(self.within(Case.received_at), received),
                and_(self.within(Case.completed_at), received),
                and_(Case.completed_at > self.as_of, received),
                and_(Case.completed_at.is_(None), received, Case.status.not_in(_WITHOUT_TIME)),
            ),
        )

    def completed_in_week(self) -> ColumnElement[bool]:
        """Completed in the week (by id, so no other term can send SQLite down another index)."""
        return self._ids(self.within(Case.completed_at))

    def decided(self) -> ColumnElement[bool]:
        """Approved in the week, or completed (办结) in it: the cases a 前店后厂 flag can be about."""
        return and_(
            Case.voided_at.is_(None),
            self._ids(
                self.within(Case.approved_at),
                and_(self.within(Case.completed_at), Case.status == CaseStatus.COMPLETED),
            ),
        )

    def done(self, completed_at: datetime | None) -> date | None:
        return completed_at.date() if completed_at is not None and completed_at <= self.as_of else None


def periods_as_of(periods: Iterable[SpecialPeriod], day: date) -> list[SpecialPeriod]:
    """Special procedures as they were known at the end of ``day``: later ones not yet begun."""
    return [
        (start, end if end is not None and end <= day else None) for start, end in periods if start <= day
    ]


def running_on(periods: Iterable[SpecialPeriod], day: date) -> bool:
    return any(start <= day and end is None for start, end in periods)


def status_at(
    status: CaseStatus, completed_at: datetime | None, running: bool, as_of: datetime
) -> CaseStatus:
    """The status the case had at ``as_of``; status changes before completion have no history, so
    an open case is 补正 only if it still is, 特别程序 if a procedure was running, else 已受理."""
    if completed_at is not None and completed_at <= as_of:
        return status if status.is_finished else CaseStatus.COMPLETED
    if completed_at is None and status in _WITHOUT_TIME:
        return status
    if running:
        return CaseStatus.SPECIAL_PROCEDURE
    return CaseStatus.AWAITING_DOCUMENTS if status is CaseStatus.AWAITING_DOCUMENTS else CaseStatus.ACCEPTED


def assess(
    span: Span,
    received_at: datetime,
    case_type: CaseType,
    promised_days: int,
    completed_at: datetime | None,
    periods: list[SpecialPeriod],
) -> DeadlineReport:
    """How the case stood at the end of the week; the same days and limit give the same answer.

    A week lists thousands of cases received on a few days under a few limits (and an overdue
    list every case still open), so a case without special procedures is judged once per
    (day received, type, limit, day finished) and the others share the answer.
    """
    accepted = received_at.date()
    done = span.done(completed_at)
    key = (accepted, case_type, promised_days, done)
    if not periods:
        known = span.judged.get(key)
        if known is not None:
            return known
    report = assess_case(
        span.calendar,
        accepted=accepted,
        case_type=case_type,
        promised_days=promised_days,
        completed=max(done, accepted) if done is not None else None,
        as_of=span.day,
        special_periods=periods,
    )
    if not periods:
        span.judged[key] = report
    return report
