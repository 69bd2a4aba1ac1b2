"""Writing alerts: one open alert per subject and kind, repeats as occurrences, every change as an event.

Re-running the rules over the same facts therefore changes nothing: an
occurrence is keyed (e.g. "2026-05-11 上午") and added once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.escalation import level_rank
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence

SYSTEM_ACTOR = "系统"
OPEN_STATES = tuple(s for s in AlertState if s.is_open)


@dataclass(frozen=True, slots=True)
class Subject:
    kind: AlertKind
    key: str
    window_id: int | None = None
    case_id: int | None = None
    complaint_id: int | None = None


@dataclass(slots=True)
class Change:
    """What one call did, for tray notices: a new alert or an escalation."""

    alert_id: int
    kind: AlertKind
    level: AlertLevel
    summary: str
    new: bool
    escalated: bool


_CACHE = "open_alerts"


def preload_open_alerts(session: Session, hall_id: int, kinds: Iterable[AlertKind]) -> None:
    """Load the open alerts of ``kinds`` once for this operation.

    A rules run over thousands of overdue cases would otherwise ask for each
    case's open alert in a query of its own.
    """
    kinds = set(kinds)
    cache: dict[tuple[AlertKind, str], Alert] = session.info.setdefault(_CACHE, {})
    for alert in session.scalars(
        select(Alert).where(Alert.hall_id == hall_id, Alert.kind.in_(kinds), Alert.state.in_(OPEN_STATES))
    ):
        cache[(alert.kind, alert.subject_key)] = alert
    session.info.setdefault(_CACHE + ".kinds", set()).update(kinds)


def find_open_alert(session: Session, hall_id: int, kind: AlertKind, key: str) -> Alert | None:
    if kind in session.info.get(_CACHE + ".kinds", ()):
        alert = session.info[_CACHE].get((kind, key))
        return alert if alert is not None and alert.state in OPEN_STATES else None
    return session.scalar(
        select(Alert).where(
            Alert.hall_id == hall_id,
            Alert.kind == kind,
            Alert.subject_key == key,
            Alert.state.in_(OPEN_STATES),
        )
    )


def record_alert(
    session: Session,
    hall_id: int,
    subject: Subject,
    *,
    level: AlertLevel,
    at: datetime,
    summary: str,
    deadline: date | None = None,
    occurrences: list[tuple[str, datetime, str]] = (),  # type: ignore[assignment]
    note: str = "",
    as_of: datetime | None = None,
) -> Change | None:
    """Raise, escalate or add occurrences to the subject's open alert; None when nothing changed.

    ``as_of`` is the moment the rules judge: when replaying a past moment (a past week's
    report), an alert that was open then and has been closed since is that alert, not a new one.
    """
    alert = find_open_alert(session, hall_id, subject.kind, subject.key)
    if alert is None and as_of is not None and _closed_since(session, hall_id, subject, as_of):
        return None
    new = escalated = False
    if alert is None:
        alert = Alert(
            hall_id=hall_id,
            window_id=subject.window_id,
            case_id=subject.case_id,
            complaint_id=subject.complaint_id,
            subject_key=subject.key,
            kind=subject.kind,
            level=level,
            state=AlertState.OPEN,
            raised_at=at,
            deadline=deadline,
            summary=summary,
            occurrence_count=0,
            last_seen_at=at,
        )
        session.add(alert)
        session.flush()
        session.info.setdefault(_CACHE, {})[(subject.kind, subject.key)] = alert
        session.add(
            AlertEvent(
                alert_id=alert.id,
                at=at,
                actor=SYSTEM_ACTOR,
                action="触发",
                to_state=AlertState.OPEN.value,
                level=level.value,
                note=note or summary,
            )
        )
        new = True
    elif level_rank(level) > level_rank(alert.level):
        session.add(
            AlertEvent(
                alert_id=alert.id,
                at=at,
                actor=SYSTEM_ACTOR,
                action="升级",
                from_state=alert.state.value,
                to_state=alert.state.value,
                level=level.value,
                note=note or summary,
            )
        )
        alert.level, alert.summary = level, summary
        if deadline is not None:
            alert.deadline = deadline
        escalated = True
    known: set[str] = set()
    if occurrences and not new:
        known = set(
            session.scalars(
                select(AlertOccurrence.occurrence_key).where(AlertOccurrence.alert_id == alert.id)
            )
        )
    added = 0
    for key, when, detail in occurrences:
        if key not in known:
            session.add(AlertOccurrence(alert_id=alert.id, occurrence_key=key, at=when, detail=detail))
            known.add(key)
            added += 1
            alert.last_seen_at = max(alert.last_seen_at, when)
    if new and not occurrences:
        added = 1
    alert.occurrence_count += added
    if not (new or escalated):
        return None
    return Change(alert.id, subject.kind, level, summary, new, escalated)


def _closed_since(session: Session, hall_id: int, subject: Subject, as_of: datetime) -> bool:
    found = session.scalar(
        select(Alert.id).where(
            Alert.hall_id == hall_id,
            Alert.kind == subject.kind,
            Alert.subject_key == subject.key,
            Alert.raised_at <= as_of,
            Alert.closed_at > as_of,
        )
    )
    return found is not None


def close_alert(
    session: Session, alert: Alert, *, at: datetime, actor: str, action: str, state: AlertState, note: str
) -> None:
    session.add(
        AlertEvent(
            alert_id=alert.id,
            at=at,
            actor=actor,
            action=action,
            from_state=alert.state.value,
            to_state=state.value,
            level=alert.level.value,
            note=note,
        )
    )
    alert.state = state
    if not state.is_open:
        alert.closed_at = at
