"""The stored alerts a rules run judges again, read once, with what people did to them.

A run judges from some moment on. The alerts it may touch are those alive at
that moment or raised after; the one of each subject open at the start is
carried into the derivation as it stood then, and a card's many earlier cases
are carried as a count, so a run after a quiet hour reads an hour of facts, not
the months an unresolved card has been open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import (
    LEVEL_ACTIONS,
    DerivedAlert,
    Occurrence,
    SystemAction,
    SystemEvent,
)
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.services.alerts import SYSTEM_ACTOR
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence

__all__ = ["CHUNK", "EventRec", "OccurrenceRec", "Scope", "SubjectKey", "load_scope", "occurrence_of"]

SubjectKey = tuple[AlertKind, str]
CHUNK = 5000
_LEVEL_ACTIONS = frozenset(a.value for a in LEVEL_ACTIONS)
#: Kinds whose derivation must see every occurrence of a carried alert: the ladder counts its
#: sessions, and a 前店后厂 card or a 人员挂名 alert ends when every one in it has been dismissed.
#: The others only count.
FULLY_CARRIED = frozenset({AlertKind.STAFFING, AlertKind.FRONT_SHOP, AlertKind.NOMINAL_PRESENCE})


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

    @property
    def closes(self) -> bool:
        return bool(self.to_state) and not AlertState(self.to_state).is_open


class OccurrenceRec(NamedTuple):
    id: int
    alert_id: int
    key: str
    at: datetime
    detail: str
    case_id: int | None
    complaint_id: int | None


def occurrence_of(o: OccurrenceRec) -> Occurrence:
    return Occurrence(o.key, o.at, o.detail, o.case_id, o.complaint_id)


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
    _closes: dict[SubjectKey, list[datetime]] | None = field(default=None, repr=False)

    def carried(self, kind: AlertKind, subject_key: str) -> DerivedAlert | None:
        """The subject's alert open at the start, as it stood then, for the derivation to continue.

        Its deadline is the stored one; the derivation works it out again, since
        the calendar may have changed since it was written.
        """
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
                (occurrence_of(o) for o in self.occurrences.get(alert.id, []) if o.at < start),
                key=lambda o: (o.at, o.key),
            ),
            prior=self.prior.get(alert.id, (0, start))[0],
        )

    def human_close(self, alert_id: int) -> datetime | None:
        """When a person ended the stored alert, if one did."""
        return next((e.at for e in self.human.get(alert_id, []) if e.closes), None)

    def first_human(self, alert_id: int) -> datetime | None:
        events = self.human.get(alert_id)
        return events[0].at if events else None

    def human_closes(self, kind: AlertKind, subject_key: str) -> list[datetime]:
        """When people ended the subject's alerts, in time order (see ``HumanCloses``)."""
        if self._closes is None:
            self._closes = defaultdict(list)
            for alert in self.alerts:
                closed = self.human_close(alert.id)
                if closed is not None:
                    self._closes[(alert.kind, alert.subject_key)].append(closed)
            for moments in self._closes.values():
                moments.sort()
        return self._closes.get((kind, subject_key), [])


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
