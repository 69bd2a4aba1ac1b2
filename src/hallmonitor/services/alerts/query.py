"""Reading alerts for the alert center, the hall display and ``hallmonitor alerts``.

Plain rows rather than ORM objects, so pages and commands hold no session
open while they show what they read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.alerts.store import OPEN_STATES
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.staffing import NominalEvidence, session_evidence
from hallmonitor.storage.models import Alert, Department, Window


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    kind: AlertKind
    level: AlertLevel
    state: AlertState
    window_id: int | None
    window_no: str
    window_name: str
    department: str
    window_state: WindowState | None
    summary: str
    raised_at: datetime
    deadline: date | None
    last_seen_at: datetime
    occurrence_count: int
    closed_at: datetime | None
    #: The row's change count when read: an action based on it is refused once the alert moved on.
    version: int = 0

    @property
    def is_open(self) -> bool:
        return self.state.is_open


@dataclass(frozen=True, slots=True)
class EventRow:
    at: datetime
    actor: str
    action: str
    from_state: str
    to_state: str
    level: str
    note: str


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    key: str
    at: datetime
    detail: str


@dataclass(frozen=True, slots=True)
class AlertDetail:
    alert: AlertRow
    events: tuple[EventRow, ...]
    occurrences: tuple[OccurrenceRow, ...]
    #: For a 人员挂名 alert read ``with_evidence``: each session's roster and cases, case by case.
    evidence: tuple[NominalEvidence, ...] = ()


def alert_sessions(keys: list[str]) -> list[tuple[date, Session]]:
    """The sessions occurrences name ("2026-05-11 上午"), in time order; other keys are left out."""
    found = []
    for key in keys:
        day, _sep, session = key.partition(" ")
        try:
            found.append((date.fromisoformat(day), Session(session)))
        except ValueError:
            continue
    return sorted(set(found), key=lambda s: (s[0], s[1] is Session.AFTERNOON))


def _row_query():  # type: ignore[no-untyped-def]
    return (
        select(Alert, Window.number, Window.name, Department.name, Window.state)
        .outerjoin(Window, Alert.window_id == Window.id)
        .outerjoin(Department, Window.department_id == Department.id)
    )


def _to_row(alert: Alert, number: str | None, name: str | None, dept: str | None, state) -> AlertRow:  # type: ignore[no-untyped-def]
    return AlertRow(
        id=alert.id,
        kind=alert.kind,
        level=alert.level,
        state=alert.state,
        window_id=alert.window_id,
        window_no=number or "",
        window_name=name or "",
        department=dept or "",
        window_state=state,
        summary=alert.summary,
        raised_at=alert.raised_at,
        deadline=alert.deadline,
        last_seen_at=alert.last_seen_at,
        occurrence_count=alert.occurrence_count,
        closed_at=alert.closed_at,
        version=alert.version,
    )


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """What the alert center, the hall display and ``hallmonitor alerts`` narrow the list to."""

    open_only: bool = False
    window_no: str | None = None
    department: str | None = None
    kind: AlertKind | None = None
    level: AlertLevel | None = None
    state: AlertState | None = None
    #: Raised on or after / on or before these days.
    raised_from: date | None = None
    raised_to: date | None = None
    #: Listed window by window (in the order people read window numbers) instead of by severity.
    by_window: bool = False


#: Severity for ordering: closure suggested first, then red cards and orders, then evidence to check.
_SEVERITY = case(
    (Alert.level == AlertLevel.SUGGEST_CLOSURE, 0),
    (Alert.level.in_([AlertLevel.ORDER_TO_CORRECT, AlertLevel.RED_CARD]), 1),
    (Alert.level == AlertLevel.TO_VERIFY, 2),
    else_=3,
)


def _filtered(query, ctx: HallContext, f: AlertFilter):  # type: ignore[no-untyped-def]
    query = query.where(Alert.hall_id == ctx.hall_id)
    scope = ctx.window_scope
    if scope is not None:
        # A 窗口负责人 sees the alerts of the windows assigned to them, nobody else's.
        query = query.where(Alert.window_id.in_(sorted(scope)))
    if f.open_only:
        query = query.where(Alert.state.in_(OPEN_STATES))
    if f.window_no:
        query = query.where(Window.number == f.window_no)
    if f.department:
        query = query.where(Department.name == f.department)
    if f.kind is not None:
        query = query.where(Alert.kind == f.kind)
    if f.level is not None:
        query = query.where(Alert.level == f.level)
    if f.state is not None:
        query = query.where(Alert.state == f.state)
    if f.raised_from is not None:
        query = query.where(Alert.raised_at >= datetime.combine(f.raised_from, time.min))
    if f.raised_to is not None:
        query = query.where(Alert.raised_at < datetime.combine(f.raised_to + timedelta(days=1), time.min))
    return query


def _filter_of(f: AlertFilter | None, criteria: dict[str, Any]) -> AlertFilter:
    return replace(f or AlertFilter(), **criteria)


def list_alerts(
    ctx: HallContext,
    f: AlertFilter | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
    **criteria: Any,
) -> list[AlertRow]:
    """Open alerts first, the most severe and newest first within each group (or window by window).

    ``criteria`` are AlertFilter's fields, for callers that want one or two of them.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    f = _filter_of(f, criteria)
    open_first = case((Alert.state.in_(OPEN_STATES), 0), else_=1)
    order = [open_first, _SEVERITY, Alert.raised_at.desc(), Alert.id.desc()]
    if f.by_window:
        order = [Window.number.is_(None), func.length(Window.number), Window.number, *order]
    query = _filtered(_row_query(), ctx, f).order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with ctx.db.session() as session:
        return [_to_row(*row) for row in session.execute(query).all()]


def count_alerts(ctx: HallContext, f: AlertFilter | None = None, **criteria: Any) -> int:
    """How many alerts the filter lets through (the list shows them a page at a time)."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    f = _filter_of(f, criteria)
    query = (
        select(func.count(Alert.id))
        .select_from(Alert)
        .outerjoin(Window, Alert.window_id == Window.id)
        .outerjoin(Department, Window.department_id == Department.id)
    )
    with ctx.db.session() as session:
        return int(session.scalar(_filtered(query, ctx, f)) or 0)


def count_open(ctx: HallContext) -> int:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Alert)
                .where(Alert.hall_id == ctx.hall_id, Alert.state.in_(OPEN_STATES))
            )
            or 0
        )


def alert_departments(ctx: HallContext) -> list[str]:
    """The departments whose windows have alerts, for the alert center's filter."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        return sorted(
            session.scalars(
                select(Department.name)
                .join(Window, Window.department_id == Department.id)
                .join(Alert, Alert.window_id == Window.id)
                .where(Alert.hall_id == ctx.hall_id)
                .distinct()
            )
        )


def alert_detail(ctx: HallContext, alert_id: int, *, with_evidence: bool = False) -> AlertDetail:
    """The alert with its history; ``with_evidence`` adds what a 人员挂名 alert was judged on."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        found = session.execute(
            _row_query().where(Alert.hall_id == ctx.hall_id, Alert.id == alert_id)
        ).first()
        if found is None:
            raise ServiceError(f"找不到编号为 {alert_id} 的预警。")
        alert = found[0]
        detail = AlertDetail(
            alert=_to_row(*found),
            events=tuple(
                EventRow(e.at, e.actor, e.action, e.from_state, e.to_state, e.level, e.note)
                for e in alert.events
            ),
            occurrences=tuple(
                OccurrenceRow(o.occurrence_key, o.at, o.detail)
                for o in sorted(alert.occurrences, key=lambda o: (o.at, o.occurrence_key))
            ),
        )
    row = detail.alert
    if not with_evidence or row.kind is not AlertKind.NOMINAL_PRESENCE or row.window_id is None:
        return detail
    sessions = alert_sessions([o.key for o in detail.occurrences])
    return replace(detail, evidence=tuple(session_evidence(ctx, row.window_id, sessions)))
