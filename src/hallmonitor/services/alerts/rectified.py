"""What must be true before an alert is marked rectified: only a fact closes it.

A staffing order is rectified when the window's current (or last started)
session has a formal civil servant on duty; a card about late work when the
work is done. Each refusal says what is still missing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from hallmonitor.domain.enums import AlertKind, StaffingVerdict
from hallmonitor.domain.sessions import session_start
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError, load_calendar, load_settings
from hallmonitor.services.staffing import judge_range
from hallmonitor.storage.models import Alert, AlertOccurrence, Case, Complaint

#: How far back the re-check looks for the window's last judged session (a long holiday fits).
RECHECK_LOOKBACK_DAYS = 14


def refuse_while_unfinished(session: DbSession, alert: Alert) -> None:
    """A card about late work is rectified when the work is done: every complaint answered, every case finished."""
    if alert.kind is AlertKind.COMPLAINT_OVERDUE:
        complaint_ids = [alert.complaint_id] if alert.complaint_id is not None else []
        complaint_ids += session.scalars(
            select(AlertOccurrence.complaint_id).where(
                AlertOccurrence.alert_id == alert.id, AlertOccurrence.complaint_id.is_not(None)
            )
        )
        open_no = session.scalar(
            select(Complaint.complaint_no)
            .where(Complaint.id.in_(complaint_ids), Complaint.completed_at.is_(None))
            .order_by(Complaint.complaint_no)
            .limit(1)
        )
        if open_no is not None:
            raise ServiceError(
                say(
                    "Complaint {number} is not settled yet, so the alert cannot be marked rectified. "
                    "Settle the complaint first.",
                    number=open_no,
                )
            )
    elif alert.kind is AlertKind.CASE_OVERDUE:
        open_no = session.scalar(
            select(Case.case_no)
            .join(AlertOccurrence, AlertOccurrence.case_id == Case.id)
            .where(
                AlertOccurrence.alert_id == alert.id,
                Case.completed_at.is_(None),
                Case.voided_at.is_(None),  # a voided case is nobody's to finish
            )
            .order_by(Case.case_no)
            .limit(1)
        )
        if open_no is not None:
            raise ServiceError(
                say(
                    "Case {number} is not completed yet, so the alert cannot be marked rectified. "
                    "Complete the overdue cases first.",
                    number=open_no,
                )
            )


def recheck_staffing(ctx: HallContext, window_no: str, at: datetime) -> None:
    """Refuse unless the window's current (or last started) session is staffed by a formal civil servant."""
    calendar = load_calendar(ctx)
    times = load_settings(ctx).session_times
    verdicts = judge_range(
        ctx,
        at.date() - timedelta(days=RECHECK_LOOKBACK_DAYS),
        at.date(),
        calendar,
        window_numbers={window_no},
    )
    started = [
        v
        for v in verdicts
        if session_start(datetime.combine(v.day, datetime.min.time()), v.session, times) <= at
    ]
    if not started:
        raise ServiceError(
            say(
                "Window {window} has no session to check again yet: mark it rectified once a session has begun.",
                window=window_no,
            )
        )
    last = started[-1]
    if last.verdict is not StaffingVerdict.COMPLIANT:
        who = say(", ").join(last.auxiliary) or say("nobody")
        raise ServiceError(
            say(
                "The check failed: window {window} on {day} {session} is still “{verdict}” (present: {people}); "
                "a formal civil servant must be on duty before it can be marked rectified.",
                window=window_no,
                day=last.day.isoformat(),
                session=last.session.value,
                verdict=last.verdict.value,
                people=who,
            )
        )
