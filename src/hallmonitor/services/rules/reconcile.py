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

Everything before the run's start stands as stored. An alert open at the start
is carried into the derivation as it stood then, and a card's many earlier
cases are carried as a count, so a run after a quiet hour reads an hour of
facts, not the months an unresolved card has been open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import (
    LEVEL_ACTIONS,
    DerivedAlert,
    Occurrence,
    SystemAction,
    SystemEvent,
)
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.services.alerts import SYSTEM_ACTOR, Change
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence

SubjectKey = tuple[AlertKind, str]
CHUNK = 5000
_LEVEL_ACTIONS = frozenset(a.value for a in LEVEL_ACTIONS)
#: Kinds whose derivation must see every occurrence of a carried alert: the ladder counts its
#: sessions, and a 前店后厂 card ends when every flag in it has been dismissed. The others only count.
FULLY_CARRIED = frozenset({AlertKind.STAFFING, AlertKind.FRONT_SHOP})
WITHDRAWN = "依据的事实已更正，预警不再成立；此前的处理记录保留"
REGROUPED = "按现行规则按窗口归并为一条预警；此前的处理记录保留"


class EventRec(NamedTuple):
    id: int
    alert_id: int
    at: datetime
    actor: str
    action: str
    from_state: str
    to_state: str
    level: str
    note: str


class OccurrenceRec(NamedTuple):
    id: int
    alert_id: int
    key: str
    at: datetime
    detail: str
    case_id: int | None
    complaint_id: int | None


@dataclass
class Scope:
    """The stored alerts of some kinds that a run judges again: those alive at its start or raised after."""

    start: datetime | None
    alerts: list[Alert] = field(default_factory=list)
    #: Per alert id, in time order: people's events, the rules' events, and the occurrences read.
    human: dict[int, list[EventRec]] = field(default_factory=dict)
    system: dict[int, list[EventRec]] = field(default_factory=dict)
    occurrences: dict[int, list[OccurrenceRec]] = field(default_factory=dict)
    #: Per alert id: occurrences before ``start`` that were counted, not read, and the latest of them.
    prior: dict[int, tuple[int, datetime]] = field(default_factory=dict)
    #: Per subject, its alert open at ``start`` (raised before it).
    open_at_start: dict[SubjectKey, Alert] = field(default_factory=dict)
    _closes: dict[SubjectKey, dict[datetime, datetime]] | None = field(default=None, repr=False)

    def carried(self, kind: AlertKind, subject_key: str) -> DerivedAlert | None:
        """The subject's alert open at the start, as it stood then, for the derivation to continue."""
        alert = self.open_at_start.get((kind, subject_key))
        if alert is None or self.start is None:
            return None
        start = self.start
        before = [e for e in self.system.get(alert.id, []) if e.at < start]
        levels = [e.level for e in before if e.action in _LEVEL_ACTIONS and e.level]
        return DerivedAlert(
            kind=alert.kind,
            subject_key=alert.subject_key,
            window_id=alert.window_id,
            raised_at=alert.raised_at,
            deadline=alert.deadline,
            level=AlertLevel(levels[-1]) if levels else alert.level,
            summary=alert.summary,
            events=[
                SystemEvent(
                    e.at,
                    SystemAction(e.action),
                    AlertLevel(e.level),
                    e.note,
                    AlertState(e.to_state) if e.to_state and not AlertState(e.to_state).is_open else None,
                )
                for e in before
            ],
            occurrences=sorted(
                (_occurrence(o) for o in self.occurrences.get(alert.id, []) if o.at < start),
                key=lambda o: (o.at, o.key),
            ),
            prior=self.prior.get(alert.id, (0, start))[0],
        )

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


def _occurrence(o: OccurrenceRec) -> Occurrence:
    return Occurrence(o.key, o.at, o.detail, o.case_id, o.complaint_id)


def load_scope(session: Session, hall_id: int, kinds: Iterable[AlertKind], start: datetime | None) -> Scope:
    kinds = set(kinds)
    query = select(Alert).where(Alert.hall_id == hall_id, Alert.kind.in_(kinds))
    if start is not None:
        query = query.where(
            or_(Alert.raised_at >= start, Alert.closed_at.is_(None), Alert.closed_at >= start)
        )
    scope = Scope(start, list(session.scalars(query.order_by(Alert.raised_at, Alert.id))))
    if start is not None:
        for alert in scope.alerts:
            if alert.raised_at < start:
                key = (alert.kind, alert.subject_key)
                if key not in scope.open_at_start or scope.open_at_start[key].raised_at < alert.raised_at:
                    scope.open_at_start[key] = alert
    counted = {
        a.id
        for a in scope.alerts
        if start is not None and a.raised_at < start and a.kind not in FULLY_CARRIED
    }
    ids = [a.id for a in scope.alerts]
    for begin in range(0, len(ids), CHUNK):
        chunk = ids[begin : begin + CHUNK]
        for event in session.execute(
            select(*_EVENT_COLUMNS)
            .where(AlertEvent.alert_id.in_(chunk))
            .order_by(AlertEvent.at, AlertEvent.id)
        ):
            rec = EventRec(*event)
            (scope.system if rec.actor == SYSTEM_ACTOR else scope.human).setdefault(rec.alert_id, []).append(
                rec
            )
        full = [i for i in chunk if i not in counted]
        part = [i for i in chunk if i in counted]
        if full:
            _read_occurrences(session, scope, AlertOccurrence.alert_id.in_(full))
        if part:
            assert start is not None
            _read_occurrences(session, scope, AlertOccurrence.alert_id.in_(part), AlertOccurrence.at >= start)
            for alert_id, count, last in session.execute(
                select(AlertOccurrence.alert_id, func.count(), func.max(AlertOccurrence.at))
                .where(AlertOccurrence.alert_id.in_(part), AlertOccurrence.at < start)
                .group_by(AlertOccurrence.alert_id)
            ):
                scope.prior[alert_id] = (int(count), last)
    return scope


_EVENT_COLUMNS = (
    AlertEvent.id,
    AlertEvent.alert_id,
    AlertEvent.at,
    AlertEvent.actor,
    AlertEvent.action,
    AlertEvent.from_state,
    AlertEvent.to_state,
    AlertEvent.level,
    AlertEvent.note,
)
_OCCURRENCE_COLUMNS = (
    AlertOccurrence.id,
    AlertOccurrence.alert_id,
    AlertOccurrence.occurrence_key,
    AlertOccurrence.at,
    AlertOccurrence.detail,
    AlertOccurrence.case_id,
    AlertOccurrence.complaint_id,
)


def _read_occurrences(session: Session, scope: Scope, *where: object) -> None:
    for row in session.execute(select(*_OCCURRENCE_COLUMNS).where(*where)):  # type: ignore[arg-type]
        rec = OccurrenceRec(*row)
        scope.occurrences.setdefault(rec.alert_id, []).append(rec)


def reconcile(session: Session, hall_id: int, scope: Scope, derived: list[DerivedAlert]) -> list[Change]:
    """Write what differs between ``derived`` and the scope's stored alerts; returns new alerts and escalations."""
    stored: dict[tuple[AlertKind, str, datetime], Alert] = {}
    leftovers: list[Alert] = []
    for alert in scope.alerts:
        key = (alert.kind, alert.subject_key, alert.raised_at)
        if key in stored:
            leftovers.append(alert)
        else:
            stored[key] = alert
    changes: list[Change] = []
    fresh: list[DerivedAlert] = []
    for alert in derived:
        row = stored.pop(alert.key, None)
        if row is None:
            fresh.append(alert)
            continue
        change = _write(session, hall_id, scope, row, alert)
        if change is not None:
            changes.append(change)
    changes += _insert_new(session, hall_id, fresh)
    removed: list[int] = []
    for row in [*stored.values(), *leftovers]:
        human = scope.human.get(row.id, [])
        if not human:
            removed.append(row.id)
            session.expunge(row)
            continue
        legacy = not row.subject_key.startswith(("window:", "hall"))
        # An alert of the old rules keeps what they recorded; one the facts no longer support keeps
        # only what people did, so no report counts it as raised.
        kept = [
            SystemEvent(e.at, SystemAction(e.action), AlertLevel(e.level), e.note)
            for e in scope.system.get(row.id, [])
            if legacy and e.action != SystemAction.WITHDRAW.value
        ]
        note = REGROUPED if legacy else WITHDRAWN
        withdrawn = DerivedAlert(
            kind=row.kind,
            subject_key=row.subject_key,
            window_id=row.window_id,
            raised_at=row.raised_at,
            deadline=row.deadline,
            level=row.level,
            summary=row.summary,
            events=[
                *kept,
                SystemEvent(
                    max(e.at for e in human), SystemAction.WITHDRAW, row.level, note, AlertState.REVOKED
                ),
            ],
            occurrences=[_occurrence(o) for o in scope.occurrences.get(row.id, [])],
            prior=scope.prior.get(row.id, (0, row.raised_at))[0],
        )
        _write(session, hall_id, scope, row, withdrawn)
    session.flush()
    for begin in range(0, len(removed), CHUNK):
        chunk = removed[begin : begin + CHUNK]
        session.execute(delete(AlertEvent).where(AlertEvent.alert_id.in_(chunk)))
        session.execute(delete(AlertOccurrence).where(AlertOccurrence.alert_id.in_(chunk)))
        session.execute(delete(Alert).where(Alert.id.in_(chunk)))
    return changes


def _insert_new(session: Session, hall_id: int, fresh: list[DerivedAlert]) -> list[Change]:
    """Alerts no run has written yet, in a few statements however many: a first run writes thousands."""
    if not fresh:
        return []
    merged = [_merged(alert.events, []) for alert in fresh]
    # Plain executemany, then the new ids read back by key: RETURNING would make SQLite insert one by
    # one. Nothing else inserts alerts meanwhile: the rules lock (or SQLite's write lock) is held.
    before = session.scalar(select(func.max(Alert.id))) or 0
    rows = [
        {
            "hall_id": hall_id,
            "window_id": alert.window_id,
            "subject_key": alert.subject_key,
            "kind": alert.kind,
            "level": alert.level,
            "state": state,
            "raised_at": alert.raised_at,
            "deadline": alert.deadline,
            "summary": alert.summary,
            "occurrence_count": alert.held,
            "last_seen_at": max([alert.raised_at, *(o.at for o in alert.occurrences)]),
            "closed_at": closed_at,
        }
        for alert, (_wanted, state, closed_at) in zip(fresh, merged, strict=True)
    ]
    for begin in range(0, len(rows), CHUNK):
        session.execute(Alert.__table__.insert(), rows[begin : begin + CHUNK])
    new_ids = {
        (kind, subject, raised): alert_id
        for alert_id, kind, subject, raised in session.execute(
            select(Alert.id, Alert.kind, Alert.subject_key, Alert.raised_at).where(Alert.id > before)
        )
    }
    ids = [new_ids[alert.key] for alert in fresh]
    events = [
        {
            "alert_id": alert_id,
            "at": at,
            "actor": SYSTEM_ACTOR,
            "action": action,
            "from_state": from_state,
            "to_state": to_state,
            "level": level,
            "note": note,
        }
        for alert_id, (wanted, _state, _closed) in zip(ids, merged, strict=True)
        for at, action, level, note, from_state, to_state in wanted
    ]
    occurrences = [
        {
            "alert_id": alert_id,
            "occurrence_key": o.key,
            "at": o.at,
            "detail": o.detail,
            "case_id": o.case_id,
            "complaint_id": o.complaint_id,
        }
        for alert_id, alert in zip(ids, fresh, strict=True)
        for o in alert.occurrences
    ]
    for begin in range(0, len(events), CHUNK):
        session.execute(AlertEvent.__table__.insert(), events[begin : begin + CHUNK])
    for begin in range(0, len(occurrences), CHUNK):
        session.execute(AlertOccurrence.__table__.insert(), occurrences[begin : begin + CHUNK])
    return [
        Change(
            alert_id,
            alert.kind,
            alert.level,
            alert.summary,
            new=True,
            escalated=any(e.action in (SystemAction.ESCALATE, SystemAction.CONFIRM) for e in alert.events),
        )
        for alert_id, alert in zip(ids, fresh, strict=True)
    ]


def _write(session: Session, hall_id: int, scope: Scope, row: Alert, alert: DerivedAlert) -> Change | None:
    wanted, state, closed_at = _merged(alert.events, scope.human.get(row.id, []))
    have = scope.system.get(row.id, [])
    same = 0
    while same < min(len(have), len(wanted)) and _event_tuple(have[same]) == wanted[same]:
        same += 1
    if have[same:]:
        session.execute(delete(AlertEvent).where(AlertEvent.id.in_([e.id for e in have[same:]])))
    added = wanted[same:]
    if added:
        session.execute(
            insert(AlertEvent),
            [
                {
                    "alert_id": row.id,
                    "at": at,
                    "actor": SYSTEM_ACTOR,
                    "action": action,
                    "from_state": from_state,
                    "to_state": to_state,
                    "level": level,
                    "note": note,
                }
                for at, action, level, note, from_state, to_state in added
            ],
        )
    _sync_occurrences(session, row.id, scope.occurrences.get(row.id, []), alert.occurrences)
    prior_last = scope.prior.get(row.id, (0, alert.raised_at))[1]
    values = {
        "window_id": alert.window_id,
        "level": alert.level,
        "deadline": alert.deadline,
        "summary": alert.summary,
        "occurrence_count": alert.held,
        "last_seen_at": max([alert.raised_at, prior_last, *(o.at for o in alert.occurrences)]),
        "state": state,
        "closed_at": closed_at,
    }
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    actions = {a for _at, a, *_rest in added}
    escalated = bool(actions & {SystemAction.ESCALATE.value, SystemAction.CONFIRM.value})
    raised = SystemAction.RAISE.value in actions
    if not (raised or escalated):
        return None
    return Change(row.id, alert.kind, alert.level, alert.summary, new=raised, escalated=escalated)


EventTuple = tuple[datetime, str, str, str, str, str]


def _event_tuple(event: EventRec) -> EventTuple:
    return (event.at, event.action, event.level, event.note, event.from_state, event.to_state)


def _merged(
    system: list[SystemEvent], human: list[EventRec]
) -> tuple[list[EventTuple], AlertState, datetime | None]:
    """The system events with the states they move between, amid people's events, and the end state."""
    # At the same moment the rules' events come first, save a withdrawal, which follows what people did.
    timeline: list[tuple[datetime, int, SystemEvent | EventRec]] = [
        (e.at, 2 if e.action is SystemAction.WITHDRAW else 0, e) for e in system
    ]
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
    session: Session, alert_id: int, have: list[OccurrenceRec], wanted: list[Occurrence]
) -> None:
    """The occurrences read for the alert against those derived; occurrences only counted are left alone."""
    stored = {o.key: o for o in have}
    derived = {o.key: o for o in wanted}
    gone = [o.id for key, o in stored.items() if key not in derived]
    for begin in range(0, len(gone), CHUNK):
        session.execute(delete(AlertOccurrence).where(AlertOccurrence.id.in_(gone[begin : begin + CHUNK])))
    added, changed = [], []
    for key, o in derived.items():
        old = stored.get(key)
        values = {"at": o.at, "detail": o.detail, "case_id": o.case_id, "complaint_id": o.complaint_id}
        if old is None:
            added.append({"alert_id": alert_id, "occurrence_key": key, **values})
        elif (old.at, old.detail, old.case_id, old.complaint_id) != (
            o.at,
            o.detail,
            o.case_id,
            o.complaint_id,
        ):
            changed.append({"id": old.id, **values})
    # One statement for a card's thirty cases (or a first run's thousands), not one each.
    for begin in range(0, len(added), CHUNK):
        session.execute(AlertOccurrence.__table__.insert(), added[begin : begin + CHUNK])
    if changed:
        session.execute(update(AlertOccurrence), changed)
