"""Reading alerts for the alert center, the hall display and ``hallmonitor alerts``.

Plain rows rather than ORM objects, so pages and commands hold no session
open while they show what they read. What the rules stored (the summary, their
events' notes, the occurrences' details) is the hall's record, in Chinese
whatever the PC speaks: a row carries it as stored and as its reader reads it
(``domain.record_texts``), so every page and command shows the reader's language
while an action or a comparison can still use the record's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.record_texts import reread
from hallmonitor.domain.texts import say
from hallmonitor.services.alerts.store import OPEN_STATES, SYSTEM_ACTOR
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
    #: ``summary`` as the record holds it (``summary`` is in the reader's language).
    stored_summary: str = ""

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
    #: The rules' own notes in the reader's language; what a person wrote as they wrote it.
    note: str
    stored_note: str = ""


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    key: str
    at: datetime
    #: In the reader's language; ``stored_detail`` as the record holds it.
    detail: str
    stored_detail: str = ""


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
        summary=reread(alert.summary),
        raised_at=alert.raised_at,
        deadline=alert.deadline,
        last_seen_at=alert.last_seen_at,
        occurrence_count=alert.occurrence_count,
        closed_at=alert.closed_at,
        version=alert.version,
        stored_summary=alert.summary,
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
_SEVERITY_OF = {
    AlertLevel.SUGGEST_CLOSURE: 0,
    AlertLevel.ORDER_TO_CORRECT: 1,
    AlertLevel.RED_CARD: 1,
    AlertLevel.TO_VERIFY: 2,
}
_SEVERITY = case(
    *((Alert.level == level, rank) for level, rank in _SEVERITY_OF.items()),
    else_=3,
)
_OPEN_FIRST = case((Alert.state.in_(OPEN_STATES), 0), else_=1)


def _order(by_window: bool) -> list[tuple[Any, bool]]:
    """The list's order as (expression, descending), the id last: every alert has one place in it."""
    order = [(_OPEN_FIRST, False), (_SEVERITY, False), (Alert.raised_at, True), (Alert.id, True)]
    if by_window:
        # Windows in the order people read their numbers ("2" before "10"); alerts of no window last.
        number = func.coalesce(Window.number, "")
        order = [
            (Window.number.is_(None), False),
            (func.length(number), False),
            (number, False),
            *order,
        ]
    return order


def _key_of(row: AlertRow, by_window: bool) -> list[Any]:
    """The row's values of :func:`_order`'s expressions, as the database computes them."""
    key = [0 if row.is_open else 1, _SEVERITY_OF.get(row.level, 3), row.raised_at, row.id]
    if by_window:
        key = [not row.window_no, len(row.window_no), row.window_no, *key]
    return key


def _after(row: AlertRow, by_window: bool) -> ColumnElement[bool]:
    """The alerts after ``row`` in the list's order: the next page starts there, whatever came or went.

    An offset would count rows that have moved since the page before was read
    (an alert closed, a new one raised) and show one twice or skip one.
    """
    order = _order(by_window)
    values = _key_of(row, by_window)
    branches = []
    for last, (expression, descending) in enumerate(order):
        equal = [order[i][0] == values[i] for i in range(last)]
        bound = literal(values[last], type_=getattr(expression, "type", None))
        branches.append(and_(*equal, expression < bound if descending else expression > bound))
    return or_(*branches)


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
    after: AlertRow | None = None,
    **criteria: Any,
) -> list[AlertRow]:
    """Open alerts first, the most severe and newest first within each group (or window by window).

    ``after``: the page after that row (the alert center's next page); ``offset``
    counts rows to skip instead. ``criteria`` are AlertFilter's fields, for
    callers that want one or two of them.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    f = _filter_of(f, criteria)
    order = [e.desc() if descending else e for e, descending in _order(f.by_window)]
    query = _filtered(_row_query(), ctx, f).order_by(*order)
    if after is not None:
        query = query.where(_after(after, f.by_window))
    if offset:
        query = query.offset(offset)
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
            raise ServiceError(say("There is no alert numbered {id}.", id=alert_id))
        alert = found[0]
        detail = AlertDetail(
            alert=_to_row(*found),
            events=tuple(
                EventRow(
                    e.at,
                    e.actor,
                    e.action,
                    e.from_state,
                    e.to_state,
                    e.level,
                    reread(e.note) if e.actor == SYSTEM_ACTOR else e.note,
                    e.note,
                )
                for e in alert.events
            ),
            occurrences=tuple(
                OccurrenceRow(o.occurrence_key, o.at, reread(o.detail), o.detail)
                for o in sorted(alert.occurrences, key=lambda o: (o.at, o.occurrence_key))
            ),
        )
    row = detail.alert
    if not with_evidence or row.kind is not AlertKind.NOMINAL_PRESENCE or row.window_id is None:
        return detail
    sessions = alert_sessions([o.key for o in detail.occurrences])
    return replace(detail, evidence=tuple(session_evidence(ctx, row.window_id, sessions)))
