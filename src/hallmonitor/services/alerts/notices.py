"""Facts for an alert's printed notice, read from the database.

A notice is evidence handed to a department, so its facts come from the
stored occurrences (what the rules saw) and the roster of those very
sessions (who was there, of which category), not from today's state.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffingVerdict
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.reports.notices import NoticeData, NoticeFact, OnDuty
from hallmonitor.services.alerts.nominal import nominal_facts
from hallmonitor.services.alerts.store import SYSTEM_ACTOR
from hallmonitor.services.alerts.workflow import no_such_alert
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.staffing import duty_records
from hallmonitor.storage.models import Alert, AlertEvent, Department, Window

#: Levels that are warnings or evidence still to check, not an order a department must answer.
_NO_NOTICE = frozenset({AlertLevel.NOTICE, AlertLevel.YELLOW_CARD, AlertLevel.TO_VERIFY})


def _parse_key(key: str) -> tuple[date, Session] | None:
    """Staffing occurrences are keyed "YYYY-MM-DD 上午"; anything else is not a session."""
    parts = key.split(" ", 1)
    try:
        return date.fromisoformat(parts[0]), Session(parts[1])
    except (ValueError, IndexError):
        return None


def _verdict(detail: str) -> tuple[StaffingVerdict | None, str]:
    """The verdict an occurrence records, and what follows it ("仅辅助人员（经核查确认挂名）")."""
    head, sep, rest = detail.partition("（")
    try:
        return StaffingVerdict(head), sep + rest
    except ValueError:
        return None, ""


def notice_data(ctx: HallContext, alert_id: int, *, issued_on: date | None = None) -> NoticeData:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        found = session.execute(
            select(Alert, Window.number, Window.name, Department.name)
            .outerjoin(Window, Alert.window_id == Window.id)
            .outerjoin(Department, Window.department_id == Department.id)
            .where(Alert.hall_id == ctx.hall_id, Alert.id == alert_id)
        ).first()
        if found is None:
            raise ServiceError(no_such_alert(alert_id))
        alert, window_no, window_name, department = found
        if alert.level in _NO_NOTICE:
            raise ServiceError(
                say(
                    "Alert #{id} is at level “{level}”, which gets no rectification notice: evidence to check "
                    "must be confirmed on review first, and notices and yellow cards are reminders only.",
                    id=alert_id,
                    level=alert.level.value,
                )
            )
        if window_no is None:
            raise ServiceError(
                say("Alert #{id} is not about a window, so no rectification notice is issued.", id=alert_id)
            )
        occurrences = [(o.occurrence_key, o.at, o.detail) for o in alert.occurrences]
        escalation_notes = session.scalars(
            select(AlertEvent.note)
            .where(
                AlertEvent.alert_id == alert.id,
                AlertEvent.actor == SYSTEM_ACTOR,
                AlertEvent.level == AlertLevel.SUGGEST_CLOSURE.value,
            )
            .order_by(AlertEvent.id)
        ).all()
        level, kind, summary, window_id = alert.level, alert.kind, alert.summary, alert.window_id
        raised_at, deadline = alert.raised_at, alert.deadline
        closed = (alert.state, alert.closed_at) if not alert.state.is_open else (None, None)

    staffing = kind is AlertKind.STAFFING
    facts: list[NoticeFact] = []
    findings: list[str] = []
    if staffing:
        sessions = [(parsed, detail) for key, _at, detail in occurrences if (parsed := _parse_key(key))]
        if sessions:
            days = [d for (d, _s), _ in sessions]
            records = [r for r in duty_records(ctx, min(days), max(days)) if r.window_no == window_no]
            for (day, sess), detail in sessions:
                people: dict[str, OnDuty] = {}
                for r in records:
                    if r.day == day and r.session is sess and r.counts_as_present:
                        people.setdefault(r.staff_no, OnDuty(r.staff_name, r.category))
                verdict, note = _verdict(detail)
                facts.append(NoticeFact(day, sess, verdict, tuple(people.values()), note))
    elif kind is AlertKind.NOMINAL_PRESENCE and window_id is not None:
        facts, findings = nominal_facts(ctx, window_id, occurrences)
    else:
        facts = [NoticeFact(at.date(), None, None, text=detail or key) for key, at, detail in occurrences]
        if not facts:
            facts = [NoticeFact(raised_at.date(), None, None, text=summary)]

    reasons: list[str] = []
    if level is AlertLevel.SUGGEST_CLOSURE and escalation_notes:
        # The rules' note starts with the violation that opened the order; the rest says why it escalated.
        reasons = [r for r in escalation_notes[0].split("；")[1:] if r]
    return NoticeData(
        alert_id=alert_id,
        level=level,
        hall_name=ctx.hall_name,
        hall_code=ctx.hall_code,
        window_no=window_no,
        window_name=window_name or "",
        department=department or "",
        raised_at=raised_at,
        deadline=deadline,
        issued_on=issued_on or date.today(),
        summary=summary,
        facts=tuple(facts),
        escalation_reasons=tuple(reasons),
        kind=kind,
        closed_state=closed[0],
        closed_at=closed[1],
        findings=tuple(findings),
    )
