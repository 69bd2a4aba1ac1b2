"""Bringing the stored alerts in line with the history the rules derive.

The rules derive, for each window and kind, the alerts the facts call for from
some moment on (``DerivedAlert``); the store holds what earlier runs wrote and
what people did. An alert nobody acted on is the same alert across runs when
kind, subject and raise moment agree. An alert people acted on keeps its
identity (its row, its number on a printed notice) through corrections of the
facts: it is the derived alert that a person's close ended, or else the one
open when someone first acted on it, even when that one is now raised earlier
or later. Its system events and occurrences are the derivation's; its people's
events are never touched.

An alert people acted on that the facts no longer support (a roster was
corrected after the order was raised) is kept with their record and
withdrawn: a window it had closed stays closed until a supervisor reopens it,
and a window it held under rectification is released. One nobody touched is
removed, since nothing about it was anyone's decision. Only differences are
written, so a run over unchanged facts writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from hallmonitor.domain.alert_history import DerivedAlert, Occurrence, SystemAction, SystemEvent
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, WindowState
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.alerts import SYSTEM_ACTOR, Change
from hallmonitor.services.rules.scope import CHUNK, EventRec, OccurrenceRec, Scope, occurrence_of
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence, Window, WindowStateChange

__all__ = ["reconcile"]

#: What the history says when an alert ends because its facts changed (made inside ``stored_texts()``).
WITHDRAWN = mark(
    "The facts the alert rested on were corrected and it no longer holds; what was done on it is kept"
)
WITHDRAWN_CLOSED = mark(
    "The facts the alert rested on were corrected and it no longer holds; the window stays "
    "temporarily closed until a supervisor reopens it"
)
REGROUPED = mark("Merged into one alert per window under the current rules; what was done on it is kept")
RELEASED = mark("The facts alert #{id} rested on were corrected: the window's rectification ends")


def reconcile(session: Session, hall_id: int, scope: Scope, derived: list[DerivedAlert]) -> list[Change]:
    """Write what differs between ``derived`` and the scope's stored alerts; returns new alerts and escalations."""
    pairs, fresh, orphans, unused = _pair(scope, derived)
    changes: list[Change] = []
    for row, alert in pairs:
        change = _write(session, hall_id, scope, row, alert)
        if change is not None:
            changes.append(change)
    changes += _insert_new(session, hall_id, fresh)
    for row in orphans:
        _withdraw(session, hall_id, scope, row)
    session.flush()
    removed = [row.id for row in unused]
    for row in unused:
        session.expunge(row)
    for begin in range(0, len(removed), CHUNK):
        chunk = removed[begin : begin + CHUNK]
        session.execute(delete(AlertEvent).where(AlertEvent.alert_id.in_(chunk)))
        session.execute(delete(AlertOccurrence).where(AlertOccurrence.alert_id.in_(chunk)))
        session.execute(delete(Alert).where(Alert.id.in_(chunk)))
    return changes


Paired = list[tuple[Alert, DerivedAlert]]


def _pair(
    scope: Scope, derived: list[DerivedAlert]
) -> tuple[Paired, list[DerivedAlert], list[Alert], list[Alert]]:
    """Stored and derived alerts that are the same alert; derived ones to insert; stored ones people
    acted on that nothing supports any more; stored ones nobody touched that nothing supports."""
    by_close: dict[tuple[AlertKind, str, datetime], DerivedAlert] = {}
    by_subject: dict[tuple[AlertKind, str], list[DerivedAlert]] = defaultdict(list)
    for alert in derived:
        if alert.closed_by_human_at is not None:
            by_close[(alert.kind, alert.subject_key, alert.closed_by_human_at)] = alert
        by_subject[(alert.kind, alert.subject_key)].append(alert)
    taken: set[int] = set()
    pairs: Paired = []
    orphans: list[Alert] = []
    touched = [a for a in scope.alerts if scope.human.get(a.id)]
    touched.sort(key=lambda a: (scope.first_human(a.id), a.id))
    for row in touched:
        closed = scope.human_close(row.id)
        match = by_close.get((row.kind, row.subject_key, closed)) if closed is not None else None
        if match is None or id(match) in taken:
            first = scope.first_human(row.id)
            assert first is not None
            match = next(
                (
                    a
                    for a in by_subject.get((row.kind, row.subject_key), [])
                    if id(a) not in taken
                    and a.raised_at <= first
                    and (a.ended_at is None or first <= a.ended_at)
                ),
                None,
            )
        if match is None:
            orphans.append(row)
        else:
            taken.add(id(match))
            pairs.append((row, match))
    untouched: dict[tuple[AlertKind, str, datetime], Alert] = {}
    unused: list[Alert] = []
    for row in scope.alerts:
        if scope.human.get(row.id):
            continue
        key = (row.kind, row.subject_key, row.raised_at)
        if key in untouched:
            unused.append(row)
        else:
            untouched[key] = row
    fresh: list[DerivedAlert] = []
    for alert in derived:
        if id(alert) in taken:
            continue
        row = untouched.pop(alert.key, None)
        if row is None:
            fresh.append(alert)
        else:
            pairs.append((row, alert))
    return pairs, fresh, orphans, [*untouched.values(), *unused]


def _withdraw(session: Session, hall_id: int, scope: Scope, row: Alert) -> None:
    """An alert people acted on that the facts no longer support: their record stays, the alert ends."""
    human = scope.human[row.id]
    legacy = not row.subject_key.startswith(("window:", "hall"))
    # An alert of the old rules keeps what they recorded; one the facts no longer support keeps
    # only what people did, so no report counts it as raised.
    kept = [
        SystemEvent(e.at, SystemAction(e.action), AlertLevel(e.level), e.note)
        for e in scope.system.get(row.id, [])
        if legacy and e.action != SystemAction.WITHDRAW.value
    ]
    _wanted, people_left, _closed = _merged([], human)
    at = max(e.at for e in human)
    if people_left is AlertState.WINDOW_CLOSED:
        # Closing the window was a supervisor's decision; reopening it is theirs too.
        note, ends_as = say(REGROUPED if legacy else WITHDRAWN_CLOSED), None
    else:
        note, ends_as = say(REGROUPED if legacy else WITHDRAWN), AlertState.REVOKED
    withdrawn = DerivedAlert(
        kind=row.kind,
        subject_key=row.subject_key,
        window_id=row.window_id,
        raised_at=row.raised_at,
        deadline=row.deadline,
        level=row.level,
        summary=row.summary,
        events=[*kept, SystemEvent(at, SystemAction.WITHDRAW, row.level, note, ends_as)],
        occurrences=[occurrence_of(o) for o in scope.occurrences.get(row.id, [])],
        prior=scope.prior.get(row.id, (0, row.raised_at))[0],
    )
    _write(session, hall_id, scope, row, withdrawn)
    if people_left is AlertState.RECTIFYING:
        _release_window(session, row, at)


def _release_window(session: Session, row: Alert, at: datetime) -> None:
    """The window leaves 整改中 when the withdrawn alert was the last holding it there."""
    window = session.get(Window, row.window_id) if row.window_id is not None else None
    if window is None or window.state is not WindowState.RECTIFYING:
        return
    others = session.scalar(
        select(Alert.id).where(
            Alert.window_id == window.id, Alert.id != row.id, Alert.state == AlertState.RECTIFYING
        )
    )
    if others is not None:
        return
    last = session.scalar(
        select(func.max(WindowStateChange.at)).where(WindowStateChange.window_id == window.id)
    )
    session.add(
        WindowStateChange(
            window_id=window.id,
            at=max(at, last) if last is not None else at,
            from_state=window.state,
            to_state=WindowState.OPEN,
            actor=SYSTEM_ACTOR,
            note=say(RELEASED, id=row.id),
        )
    )
    # Both states are in service: the staffing verdicts do not change, so the rules need not judge again.
    window.state = WindowState.OPEN


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
            select(Alert.id, Alert.kind, Alert.subject_key, Alert.raised_at).where(
                Alert.hall_id == hall_id, Alert.id > before
            )
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
        # An alert people acted on keeps its row when a correction moves the moment it was raised.
        "raised_at": alert.raised_at,
        "window_id": alert.window_id,
        "level": alert.level,
        "deadline": alert.deadline,
        "summary": alert.summary,
        "occurrence_count": alert.held,
        "last_seen_at": max([alert.raised_at, prior_last, *(o.at for o in alert.occurrences)]),
        "state": state,
        "closed_at": closed_at,
    }
    moved = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            moved = moved or name in ("level", "state")
    if moved:
        # What a supervisor sees of it changed: an action based on the old view is refused.
        row.version = (row.version or 1) + 1
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
