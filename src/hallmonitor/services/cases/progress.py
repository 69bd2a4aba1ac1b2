"""What happens to a case after it is entered: completion and special procedures.

Entry checks a whole form; these record one event each on a stored case and
move its due date, so they live apart from the form's checks. Each change
appends a CaseEvent and recomputes the stored due date, which the overdue
filter on a million cases reads in SQL.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.cases.due_dates import case_due_date
from hallmonitor.services.cases.texts import NOTE_LIMIT, free_text, masked_note
from hallmonitor.services.cases.view import load_case, periods_of
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed, load_calendar
from hallmonitor.storage.models import Case, CaseEvent, Item, SpecialPeriod

__all__ = ["add_special_period", "complete_case", "end_special_period"]


def complete_case(
    ctx: HallContext,
    case_id: int,
    completed_at: datetime,
    note: str = "",
    *,
    status: CaseStatus = CaseStatus.COMPLETED,
    now: datetime | None = None,
) -> None:
    """Record that a case is finished (办结, or refused or returned).

    A special procedure still running ends on the day of completion: the clock
    cannot stay stopped on a case that is done.
    """
    ctx.require(Permission.ENTER_CASES, say("record a completion"))
    note, masked = free_text(note, say("Completion note"), NOTE_LIMIT)
    if not status.is_finished:
        raise ServiceError(say('"{status}" is not a status that finishes a case.', status=status.value))
    now = now or datetime.now()
    calendar = load_calendar(ctx)
    with ctx.db.session() as session:
        case = load_case(session, ctx, case_id)
        if case.voided_at is not None:
            raise ServiceError(
                say("Case {case_no} is voided: its completion cannot be recorded.", case_no=case.case_no)
            )
        if case.status.is_finished:
            raise ServiceError(
                say('Case {case_no} is already "{status}".', case_no=case.case_no, status=case.status.value)
            )
        if completed_at < case.received_at:
            raise ServiceError(say("The completion time is earlier than the time of receipt."))
        for period in case.special_periods:
            if period.end_day is None:
                period.end_day = max(period.start_day, completed_at.date())
        case.status = status
        case.completed_at = completed_at
        _refresh_due(session, case, calendar)
        text = f"{completed_at:%Y-%m-%d %H:%M}"
        if note:
            text = say("; ").join([text, note + masked_note(masked)])
        session.add(CaseEvent(case_id=case.id, at=now, actor=ctx.actor.name, action=status.value, note=text))


def add_special_period(
    ctx: HallContext,
    case_id: int,
    start: date,
    end: date | None,
    reason: str,
    *,
    now: datetime | None = None,
) -> int:
    """Stop the case's clock for a special procedure (hearing, expert review, notice…)."""
    ctx.require(Permission.ENTER_CASES, say("enter a special procedure"))
    reason, masked = free_text(reason, say("Reason for the special procedure"), 200)
    if not reason:
        raise ServiceError(say("Enter the reason for the special procedure."))
    if end is not None and end < start:
        raise ServiceError(say("The special procedure ends before it starts."))
    now = now or datetime.now()
    calendar = load_calendar(ctx)
    with ctx.db.session() as session:
        case = load_case(session, ctx, case_id)
        if case.voided_at is not None:
            raise ServiceError(
                say(
                    "Case {case_no} is voided: no special procedure can be entered for it.",
                    case_no=case.case_no,
                )
            )
        if start < case.received_at.date():
            raise ServiceError(say("A special procedure cannot start before the day of receipt."))
        if end is None and case.status.is_finished:
            raise ServiceError(
                say("The case is finished: only a special procedure that has ended can be added.")
            )
        if end is None and any(p.end_day is None for p in case.special_periods):
            raise ServiceError(say("The case has a special procedure under way; end it first."))
        period = SpecialPeriod(start_day=start, end_day=end, reason=reason)
        case.special_periods.append(period)
        if end is None:
            case.status = CaseStatus.SPECIAL_PROCEDURE
        _refresh_due(session, case, calendar)
        span = (
            say("{start} to {end}", start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}")
            if end
            else say("from {start}", start=f"{start:%Y-%m-%d}")
        )
        session.add(
            CaseEvent(
                case_id=case.id,
                at=now,
                actor=ctx.actor.name,
                action="特别程序",
                note=say("; ").join([span, reason + masked_note(masked)]),
            )
        )
        session.flush()
        return period.id


def end_special_period(
    ctx: HallContext, period_id: int, end: date, note: str = "", *, now: datetime | None = None
) -> None:
    """Restart the clock: the procedure's last day is ``end``."""
    ctx.require(Permission.ENTER_CASES, say("end a special procedure"))
    note, masked = free_text(note, say("Note on the ending"), NOTE_LIMIT)
    now = now or datetime.now()
    calendar = load_calendar(ctx)
    with ctx.db.session() as session:
        period = session.get(SpecialPeriod, period_id)
        if period is None or period.case.hall_id != ctx.hall_id:
            raise ServiceError(say("That special procedure does not exist."))
        if period.end_day is not None:
            raise ServiceError(
                say("That special procedure ended on {day}.", day=f"{period.end_day:%Y-%m-%d}")
            )
        if end < period.start_day:
            raise ServiceError(say("The special procedure ends before it starts."))
        period.end_day = end
        case = period.case
        if case.status is CaseStatus.SPECIAL_PROCEDURE:
            case.status = CaseStatus.ACCEPTED
        _refresh_due(session, case, calendar)
        span = say("{start} to {end}", start=f"{period.start_day:%Y-%m-%d}", end=f"{end:%Y-%m-%d}")
        parts = [span, period.reason]
        if note:
            parts.append(note + masked_note(masked))
        text = say("; ").join(parts)
        session.add(
            CaseEvent(case_id=case.id, at=now, actor=ctx.actor.name, action="特别程序结束", note=text)
        )


def _refresh_due(session: Session, case: Case, calendar: WorkCalendar) -> None:
    """The due date after a change to the case; the rules judge the case again from its receipt."""
    facts_changed(session, case.hall_id, case.received_at)
    item = session.get(Item, case.item_id)
    assert item is not None
    case.due_date = case_due_date(
        calendar, case.received_at, item.case_type, item.promised_days, periods_of(case), case.completed_at
    )
