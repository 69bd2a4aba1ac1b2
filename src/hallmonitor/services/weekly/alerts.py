"""The week's alerts, staffing ladder events, closures and complaints, replayed as of the week's end.

How an alert stood on Sunday night is read from its dated events and
occurrences (``services.alerts.alerts_then``), never from its row's latest state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import LEVEL_ACTIONS, SystemAction
from hallmonitor.domain.deadlines import assess_complaint, complaint_due
from hallmonitor.domain.enums import AlertKind, AlertLevel, DeadlineState, WindowState
from hallmonitor.reports.weekly import AlertRow, ComplaintRow
from hallmonitor.services.alerts import alerts_then
from hallmonitor.services.weekly.span import Span
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    Case,
    Complaint,
    Window,
    WindowStateChange,
)

RAISED = SystemAction.RAISE.value
_LEVEL_CHANGES = tuple(a.value for a in LEVEL_ACTIONS)
_ORDER_OR_ABOVE = (AlertLevel.ORDER_TO_CORRECT.value, AlertLevel.SUGGEST_CLOSURE.value)


def alert_rows(session: Session, hall_id: int, span: Span) -> list[AlertRow]:
    """Alerts raised by the end of the week and not ended before it began, as they stood then."""
    return [
        AlertRow(
            a.id,
            a.window_no,
            a.kind.value,
            a.level.value,
            a.raised_at,
            a.deadline,
            a.state.value,
            a.handling,
            a.department,
            a.summary,
        )
        for a in alerts_then(session, hall_id, span.start, span.as_of)
    ]


def ladder_counts(session: Session, hall_id: int, span: Span) -> tuple[int, int]:
    """(责令纠正次数, 建议临时关闭次数) of the staffing ladder in the week.

    Orders count raise events at 责令纠正 or above; suggestions count alerts that reached
    建议临时关闭 in the week, whether raised there directly or escalated.
    """
    staffing = (Alert.hall_id == hall_id, Alert.kind == AlertKind.STAFFING, span.within(AlertEvent.at))
    orders = session.scalar(
        select(func.count(AlertEvent.id))
        .join(Alert, AlertEvent.alert_id == Alert.id)
        .where(*staffing, AlertEvent.action == RAISED, AlertEvent.level.in_(_ORDER_OR_ABOVE))
    )
    suggestions = session.scalar(
        select(func.count(distinct(AlertEvent.alert_id)))
        .join(Alert, AlertEvent.alert_id == Alert.id)
        .where(
            *staffing,
            AlertEvent.action.in_(_LEVEL_CHANGES),
            AlertEvent.level == AlertLevel.SUGGEST_CLOSURE.value,
        )
    )
    return int(orders or 0), int(suggestions or 0)


def closure_count(session: Session, hall_id: int, span: Span) -> int:
    """Windows temporarily closed during the week (state changes to 临时关闭)."""
    return int(
        session.scalar(
            select(func.count(WindowStateChange.id))
            .join(Window, WindowStateChange.window_id == Window.id)
            .where(
                Window.hall_id == hall_id,
                WindowStateChange.to_state == WindowState.CLOSED,
                span.within(WindowStateChange.at),
            )
        )
        or 0
    )


def complaint_rows(
    session: Session, hall_id: int, span: Span, limit_for: Callable[[datetime], int]
) -> list[ComplaintRow]:
    """Complaints received in the week, late if unanswered by their working-day limit at the week's end.

    ``limit_for`` gives the limit in force when a complaint came in, as the rules judged it.
    """
    records = session.execute(
        select(
            Complaint.complaint_no,
            Window.number,
            Complaint.received_at,
            Complaint.category,
            Complaint.completed_at,
            Case.case_no,
            Complaint.content,
        )
        .outerjoin(Window, Complaint.window_id == Window.id)
        .outerjoin(Case, Complaint.case_id == Case.id)
        .where(Complaint.hall_id == hall_id, span.within(Complaint.received_at))
        .order_by(Complaint.received_at, Complaint.complaint_no)
    ).all()
    rows = []
    for number, window_no, received_at, category, completed_at, case_no, content in records:
        limit = limit_for(received_at)
        answered = span.done(completed_at)
        report = assess_complaint(
            span.calendar,
            received=received_at.date(),
            limit_working_days=limit,
            answered=max(answered, received_at.date()) if answered is not None else None,
            as_of=span.day,
        )
        rows.append(
            ComplaintRow(
                number,
                window_no or "",
                received_at,
                category,
                complaint_due(span.calendar, received_at.date(), limit),
                completed_at if answered is not None else None,
                report.state is DeadlineState.OVERDUE,
                case_no or "",
                content,
            )
        )
    return rows
