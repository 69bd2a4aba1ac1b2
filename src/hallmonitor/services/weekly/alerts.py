"""The week's alerts, staffing ladder events, closures and complaints, replayed as of the week's end.

An alert's level and state change over time and only its latest ones are on
the row; the append-only event history is what says how it stood on Sunday
night, so the report reads the events up to that moment instead.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import LEVEL_ACTIONS, Occurrence, SystemAction, summary_of, window_label
from hallmonitor.domain.deadlines import assess_complaint, complaint_due
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, DeadlineState, WindowState
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.reports.weekly import AlertRow, ComplaintRow
from hallmonitor.services.cases import CHUNK
from hallmonitor.services.weekly.span import Span
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    AlertOccurrence,
    Case,
    Complaint,
    Department,
    Window,
    WindowStateChange,
)

RAISED = SystemAction.RAISE.value
_LEVEL_CHANGES = tuple(a.value for a in LEVEL_ACTIONS)
_ORDER_OR_ABOVE = (AlertLevel.ORDER_TO_CORRECT.value, AlertLevel.SUGGEST_CLOSURE.value)


def alert_rows(session: Session, hall_id: int, span: Span) -> list[AlertRow]:
    """Alerts raised by the end of the week and not closed before it began, as they stood then.

    An alert revoked by the end of the week is left out: it was raised in error.
    """
    records = session.execute(
        select(Alert, Window.number, Department.name)
        .outerjoin(Window, Alert.window_id == Window.id)
        .outerjoin(Department, Window.department_id == Department.id)
        .where(
            Alert.hall_id == hall_id,
            Alert.raised_at <= span.as_of,
            or_(Alert.closed_at.is_(None), Alert.closed_at >= span.start),
        )
        .order_by(Alert.raised_at, Alert.id)
    ).all()
    ids = [alert.id for alert, _n, _d in records]
    events = _events_until(session, ids, span.as_of)
    held = _occurrences_until(session, ids, span.as_of)
    rows = []
    for alert, window_no, department in records:
        history = events.get(alert.id, [])
        level, state, summary, handling = alert.level.value, alert.state.value, alert.summary, ""
        level_events = [e for e in history if e.action in _LEVEL_CHANGES]
        if level_events:
            level = level_events[-1].level or level
        if alert.subject_key.startswith(("window:", "hall")):
            # Read as the alert stood on Sunday night: what it held then, at the level it had then.
            label = window_label(window_no, department)
            summary = summary_of(alert.kind, label, AlertLevel(level), held.get(alert.id, []))
        states = [e for e in history if e.to_state]
        if states:
            state = states[-1].to_state
        handled = [e for e in history if e.action not in _LEVEL_CHANGES]
        if handled:
            last = handled[-1]
            handling = f"{last.at:%m-%d %H:%M} {last.actor}{last.action}" + (
                f"：{last.note}" if last.note else ""
            )
        if state == AlertState.REVOKED.value:
            continue
        rows.append(
            AlertRow(
                alert.id,
                window_no or "",
                alert.kind.value,
                level,
                alert.raised_at,
                alert.deadline,
                state,
                handling,
                department or "",
                summary,
            )
        )
    return rows


def _events_until(session: Session, alert_ids: list[int], as_of: datetime) -> dict[int, list[AlertEvent]]:
    events: dict[int, list[AlertEvent]] = defaultdict(list)
    for start in range(0, len(alert_ids), CHUNK):
        for event in session.scalars(
            select(AlertEvent)
            .where(AlertEvent.alert_id.in_(alert_ids[start : start + CHUNK]), AlertEvent.at <= as_of)
            .order_by(AlertEvent.at, AlertEvent.id)
        ):
            events[event.alert_id].append(event)
    return events


def _occurrences_until(
    session: Session, alert_ids: list[int], as_of: datetime
) -> dict[int, list[Occurrence]]:
    held: dict[int, list[Occurrence]] = defaultdict(list)
    for start in range(0, len(alert_ids), CHUNK):
        for o in session.scalars(
            select(AlertOccurrence)
            .where(
                AlertOccurrence.alert_id.in_(alert_ids[start : start + CHUNK]), AlertOccurrence.at <= as_of
            )
            .order_by(AlertOccurrence.at, AlertOccurrence.id)
        ):
            held[o.alert_id].append(Occurrence(o.occurrence_key, o.at, o.detail, o.case_id, o.complaint_id))
    return held


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


def complaint_rows(session: Session, hall_id: int, span: Span, settings: RuleSettings) -> list[ComplaintRow]:
    """Complaints received in the week, late if unanswered by their working-day limit at the week's end."""
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
    limit = settings.complaint_limit_working_days
    rows = []
    for number, window_no, received_at, category, completed_at, case_no, content in records:
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
