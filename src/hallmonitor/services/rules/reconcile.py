"""Bringing the stored alerts in line with the history the rules derive.

The rules derive, for each window and kind, the alerts the facts call for from
some moment on (``DerivedAlert``); the store holds what earlier runs wrote and
what people did. An alert is the same alert across runs when kind, subject and
raise moment agree. Its system events and occurrences are the derivation's;
its people's events are never touched. An alert people acted on that the
facts no longer support (a roster was corrected after the order was raised)
is kept with their record and withdrawn; one nobody touched is removed, since
nothing about it was anyone's decision. Only differences are written, so a run
over unchanged facts writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import DerivedAlert, Occurrence, SystemAction, SystemEvent
from hallmonitor.domain.enums import AlertKind, AlertState
from hallmonitor.services.alerts import SYSTEM_ACTOR, Change
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence

SubjectKey = tuple[AlertKind, str]
CHUNK = 5000
WITHDRAWN = "依据的事实已更正，预警不再成立；此前的处理记录保留"
REGROUPED = "按现行规则按窗口归并为一条预警；此前的处理记录保留"


@dataclass
class Scope:
    """The stored alerts of some kinds that a run judges again, and where each subject starts."""

    start: datetime | None
    alerts: list[Alert] = field(default_factory=list)
    #: Per alert id, in time order: people's events, the rules' events, and the occurrences.
    human: dict[int, list[AlertEvent]] = field(default_factory=dict)
    system: dict[int, list[AlertEvent]] = field(default_factory=dict)
    occurrences: dict[int, list[AlertOccurrence]] = field(default_factory=dict)
    restarts: dict[SubjectKey, datetime] = field(default_factory=dict)
    _closes: dict[SubjectKey, dict[datetime, datetime]] | None = field(default=None, repr=False)

    def restart(self, kind: AlertKind, subject_key: str) -> datetime | None:
        """Judge this subject from here: the raise of its alert open at the start, else the start."""
        return self.restarts.get((kind, subject_key), self.start)

    def earliest(self) -> datetime | None:
        if self.start is None:
            return None
        return min([self.start, *self.restarts.values()])

    def human_closes(self, kind: AlertKind, subject_key: str) -> dict[datetime, datetime]:
        """For the subject's alerts: raise moment -> when a person ended it."""
        if self._closes is None:
            self._closes = defaultdict(dict)
            for alert in self.alerts:
                ended = [
                    e.at
                    for e in self.human.get(alert.id, [])
                    if e.to_state and not AlertState(e.to_state).is_open
                ]
                if ended:
                    self._closes[(alert.kind, alert.subject_key)][alert.raised_at] = min(ended)
        return self._closes.get((kind, subject_key), {})


def load_scope(session: Session, hall_id: int, kinds: Iterable[AlertKind], start: datetime | None) -> Scope:
    kinds = set(kinds)
    query = select(Alert).where(Alert.hall_id == hall_id, Alert.kind.in_(kinds))
    if start is not None:
        query = query.where(
            or_(Alert.raised_at >= start, Alert.closed_at.is_(None), Alert.closed_at >= start)
        )
    scope = Scope(start, list(session.scalars(query.order_by(Alert.raised_at, Alert.id))))
    ids = [a.id for a in scope.alerts]
    for begin in range(0, len(ids), CHUNK):
        chunk = ids[begin : begin + CHUNK]
        for event in session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id.in_(chunk)).order_by(AlertEvent.at, AlertEvent.id)
        ):
            by_whom = scope.system if event.actor == SYSTEM_ACTOR else scope.human
            by_whom.setdefault(event.alert_id, []).append(event)
        for occurrence in session.scalars(select(AlertOccurrence).where(AlertOccurrence.alert_id.in_(chunk))):
            scope.occurrences.setdefault(occurrence.alert_id, []).append(occurrence)
    if start is not None:
        for alert in scope.alerts:
            if alert.raised_at < start:
                key = (alert.kind, alert.subject_key)
                scope.restarts[key] = min(scope.restarts.get(key, alert.raised_at), alert.raised_at)
    return scope


def reconcile(session: Session, hall_id: int, scope: Scope, derived: list[DerivedAlert]) -> list[Change]:
    """Write what differs between ``derived`` and the scope's stored alerts; returns new alerts and escalations."""
    stored: dict[tuple[AlertKind, str, datetime], Alert] = {}
    leftovers: list[Alert] = []
    for alert in scope.alerts:
        restart = scope.restart(alert.kind, alert.subject_key)
        if restart is not None and alert.raised_at < restart:
            continue
        key = (alert.kind, alert.subject_key, alert.raised_at)
        if key in stored:
            leftovers.append(alert)
        else:
            stored[key] = alert
    changes: list[Change] = []
    for alert in derived:
        row = stored.pop(alert.key, None)
        change = _write(session, hall_id, scope, row, alert)
        if change is not None:
            changes.append(change)
    removed: list[int] = []
    for row in [*stored.values(), *leftovers]:
        human = scope.human.get(row.id, [])
        if not human:
            removed.append(row.id)
            session.expunge(row)
            continue
        note = REGROUPED if not row.subject_key.startswith(("window:", "hall")) else WITHDRAWN
        withdrawn = DerivedAlert(
            kind=row.kind,
            subject_key=row.subject_key,
            window_id=row.window_id,
            raised_at=row.raised_at,
            deadline=row.deadline,
            level=row.level,
            summary=row.summary,
            events=[
                SystemEvent(
                    max(e.at for e in human), SystemAction.WITHDRAW, row.level, note, AlertState.REVOKED
                )
            ],
            occurrences=[
                Occurrence(o.occurrence_key, o.at, o.detail, o.case_id, o.complaint_id)
                for o in scope.occurrences.get(row.id, [])
            ],
        )
        _write(session, hall_id, scope, row, withdrawn)
    session.flush()
    for begin in range(0, len(removed), CHUNK):
        chunk = removed[begin : begin + CHUNK]
        session.execute(delete(AlertEvent).where(AlertEvent.alert_id.in_(chunk)))
        session.execute(delete(AlertOccurrence).where(AlertOccurrence.alert_id.in_(chunk)))
        session.execute(delete(Alert).where(Alert.id.in_(chunk)))
    return changes


def _write(
    session: Session, hall_id: int, scope: Scope, row: Alert | None, alert: DerivedAlert
) -> Change | None:
    new = row is None
    if row is None:
        row = Alert(
            hall_id=hall_id,
            subject_key=alert.subject_key,
            kind=alert.kind,
            raised_at=alert.raised_at,
            level=alert.level,
            state=AlertState.OPEN,
            occurrence_count=0,
            last_seen_at=alert.raised_at,
        )
        session.add(row)
        session.flush()
    wanted, state, closed_at = _merged(alert.events, scope.human.get(row.id, []))
    have = scope.system.get(row.id, [])
    same = 0
    while same < min(len(have), len(wanted)) and _event_tuple(have[same]) == wanted[same]:
        same += 1
    for event in have[same:]:
        session.delete(event)
    added = wanted[same:]
    for at, action, level, note, from_state, to_state in added:
        session.add(
            AlertEvent(
                alert_id=row.id,
                at=at,
                actor=SYSTEM_ACTOR,
                action=action,
                from_state=from_state,
                to_state=to_state,
                level=level,
                note=note,
            )
        )
    _sync_occurrences(session, row, scope.occurrences.get(row.id, []), alert.occurrences)
    values = {
        "window_id": alert.window_id,
        "level": alert.level,
        "deadline": alert.deadline,
        "summary": alert.summary,
        "occurrence_count": len(alert.occurrences),
        "last_seen_at": max([alert.raised_at, *(o.at for o in alert.occurrences)]),
        "state": state,
        "closed_at": closed_at,
    }
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    actions = {a for _at, a, *_rest in added}
    escalated = bool(actions & {SystemAction.ESCALATE.value, SystemAction.CONFIRM.value})
    if not (new or SystemAction.RAISE.value in actions or escalated):
        return None
    return Change(row.id, alert.kind, alert.level, alert.summary, new=new, escalated=escalated)


EventTuple = tuple[datetime, str, str, str, str, str]


def _event_tuple(event: AlertEvent) -> EventTuple:
    return (event.at, event.action, event.level, event.note, event.from_state, event.to_state)


def _merged(
    system: list[SystemEvent], human: list[AlertEvent]
) -> tuple[list[EventTuple], AlertState, datetime | None]:
    """The system events with the states they move between, amid people's events, and the end state."""
    timeline: list[tuple[datetime, int, SystemEvent | AlertEvent]] = [(e.at, 0, e) for e in system]
    timeline += [(e.at, 1, e) for e in human]
    timeline.sort(key=lambda item: (item[0], item[1]))
    state, closed_at = AlertState.OPEN, None
    wanted: list[EventTuple] = []
    for at, _order, event in timeline:
        if isinstance(event, SystemEvent):
            after = event.closes_as or state
            wanted.append((at, event.action.value, event.level.value, event.note, state.value, after.value))
            state = after
        elif event.to_state:
            state = AlertState(event.to_state)
        if not state.is_open and closed_at is None:
            closed_at = at
    return wanted, state, closed_at


def _sync_occurrences(
    session: Session, row: Alert, have: list[AlertOccurrence], occurrences: list[Occurrence]
) -> None:
    stored = {o.occurrence_key: o for o in have}
    wanted = {o.key: o for o in occurrences}
    gone = [o.id for key, o in stored.items() if key not in wanted]
    if gone:
        session.execute(delete(AlertOccurrence).where(AlertOccurrence.id.in_(gone)))
    added = []
    for key, o in wanted.items():
        have = stored.get(key)
        if have is None:
            added.append(
                {
                    "alert_id": row.id,
                    "occurrence_key": key,
                    "at": o.at,
                    "detail": o.detail,
                    "case_id": o.case_id,
                    "complaint_id": o.complaint_id,
                }
            )
        elif (have.at, have.detail, have.case_id, have.complaint_id) != (
            o.at,
            o.detail,
            o.case_id,
            o.complaint_id,
        ):
            have.at, have.detail, have.case_id, have.complaint_id = o.at, o.detail, o.case_id, o.complaint_id
    # One statement for a card's thirty cases (or a first run's thousands), not one each.
    for begin in range(0, len(added), CHUNK):
        session.execute(insert(AlertOccurrence), added[begin : begin + CHUNK])


def subjects_of(derived: Iterable[DerivedAlert]) -> dict[SubjectKey, list[DerivedAlert]]:
    grouped: dict[SubjectKey, list[DerivedAlert]] = defaultdict(list)
    for alert in derived:
        grouped[(alert.kind, alert.subject_key)].append(alert)
    return grouped
