"""Alerts as they stood at a past moment: the week's report and a day's check read them so.

An alert row carries only its latest level, state and summary; its events and
occurrences, each dated when it happened, say how it stood on any evening. So
a report of last week reads the level the last level event up to Sunday night
set, the state the last state change set, and a summary made from what the
alert held then, which a later escalation or a later case cannot change.

The summary and the last handling are the record as it stood, so they are made in
the record's language (``texts.stored_texts``) like the stored summary they stand
for; a reader in another language reads them through ``record_texts.reread``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, aliased

from hallmonitor.domain.alert_history import LEVEL_ACTIONS, Occurrence, summary_of, window_label
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.texts import mark, say, stored_texts
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence, Department, Window

CHUNK = 5000
#: The last thing done to an alert, as the week's report lists it.
_HANDLED = mark("{at:%m-%d %H:%M} {actor}{action}")
_HANDLED_NOTED = mark("{at:%m-%d %H:%M} {actor}{action}: {note}")
_LEVEL_CHANGES = frozenset(a.value for a in LEVEL_ACTIONS)


@dataclass(frozen=True, slots=True)
class AlertThen:
    id: int
    kind: AlertKind
    level: AlertLevel
    state: AlertState
    window_no: str
    department: str
    raised_at: datetime
    deadline: date | None
    summary: str
    #: The last thing done to it by then, e.g. "05-12 11:00 张主任确认：已通知"; empty when nothing was.
    #: Like ``summary``, in the record's language.
    handling: str
    occurrence_count: int


def alerts_then(session: Session, hall_id: int, start: datetime, as_of: datetime) -> list[AlertThen]:
    """Alerts raised by ``as_of`` and not ended before ``start``, as they stood at ``as_of``.

    An alert revoked by then is left out: it was raised in error.
    """
    # Columns, not entities: a report or a day's check reads hundreds of alerts and changes none.
    records = session.execute(
        select(
            Alert.id,
            Alert.kind,
            Alert.level,
            Alert.state,
            Alert.summary,
            Alert.subject_key,
            Alert.raised_at,
            Alert.deadline,
            Alert.occurrence_count,
            Window.number.label("window_no"),
            Department.name.label("department"),
        )
        .outerjoin(Window, Alert.window_id == Window.id)
        .outerjoin(Department, Window.department_id == Department.id)
        .where(
            Alert.hall_id == hall_id,
            Alert.raised_at <= as_of,
            or_(Alert.closed_at.is_(None), Alert.closed_at >= start),
        )
        # Alerts raised at one moment (say, every overdue kind at a day's end) come in a
        # fixed order: their ids depend on when the rules happened to run.
        .order_by(
            Alert.raised_at,
            func.coalesce(Window.number, ""),
            Alert.kind,
            Alert.subject_key,
            Alert.id,
        )
    ).all()
    ids = [alert.id for alert in records]
    events = _events_until(session, ids, as_of)
    held = _occurrences_until(session, ids, as_of)
    found = []
    for alert in records:
        window_no, department = alert.window_no, alert.department
        history = events.get(alert.id, [])
        level, state, summary, handling = alert.level, alert.state, alert.summary, ""
        level_events = [e for e in history if e.action in _LEVEL_CHANGES]
        if level_events and level_events[-1].level:
            level = AlertLevel(level_events[-1].level)
        count, first = held.get(alert.id, (0, None))
        if alert.subject_key.startswith(("window:", "hall")):
            # The summary names the first occurrence and counts them all: the rest are not read.
            with stored_texts():
                summary = summary_of(
                    alert.kind,
                    window_label(window_no, department),
                    level,
                    [first] if first is not None else [],
                    prior=count - 1 if first is not None else 0,
                )
        states = [e for e in history if e.to_state]
        if states:
            state = AlertState(states[-1].to_state)
        handled = [e for e in history if e.action not in _LEVEL_CHANGES]
        if handled:
            last = handled[-1]
            with stored_texts():
                if last.note:
                    handling = say(
                        _HANDLED_NOTED, at=last.at, actor=last.actor, action=last.action, note=last.note
                    )
                else:
                    handling = say(_HANDLED, at=last.at, actor=last.actor, action=last.action)
        if state is AlertState.REVOKED:
            continue
        found.append(
            AlertThen(
                alert.id,
                alert.kind,
                level,
                state,
                window_no or "",
                department or "",
                alert.raised_at,
                alert.deadline,
                summary,
                handling,
                count or alert.occurrence_count,
            )
        )
    return found


def _events_until(session: Session, alert_ids: list[int], as_of: datetime) -> dict[int, list[Row[Any]]]:
    events: dict[int, list[Row[Any]]] = defaultdict(list)
    for begin in range(0, len(alert_ids), CHUNK):
        for event in session.execute(
            select(
                AlertEvent.alert_id,
                AlertEvent.at,
                AlertEvent.actor,
                AlertEvent.action,
                AlertEvent.to_state,
                AlertEvent.level,
                AlertEvent.note,
            )
            .where(AlertEvent.alert_id.in_(alert_ids[begin : begin + CHUNK]), AlertEvent.at <= as_of)
            .order_by(AlertEvent.at, AlertEvent.id)
        ):
            events[event.alert_id].append(event)
    return events


def _occurrences_until(
    session: Session, alert_ids: list[int], as_of: datetime
) -> dict[int, tuple[int, Occurrence]]:
    """Per alert, how many occurrences it held at ``as_of`` and the first of them.

    Counted in SQL and the first found by one index look-up per alert: an overdue card on a
    hall with years of unfinished cases holds tens of thousands, and a summary needs no more.
    """
    held: dict[int, tuple[int, Occurrence]] = {}
    for begin in range(0, len(alert_ids), CHUNK):
        chunk = alert_ids[begin : begin + CHUNK]
        counts = dict(
            session.execute(
                select(AlertOccurrence.alert_id, func.count())
                .where(AlertOccurrence.alert_id.in_(chunk), AlertOccurrence.at <= as_of)
                .group_by(AlertOccurrence.alert_id)
            ).all()
        )
        earlier = aliased(AlertOccurrence)
        first = (
            select(earlier.id)
            .where(earlier.alert_id == Alert.id, earlier.at <= as_of)
            .order_by(earlier.at, earlier.id)
            .limit(1)
            .correlate(Alert)
            .scalar_subquery()
        )
        for o in session.execute(
            select(
                AlertOccurrence.alert_id,
                AlertOccurrence.occurrence_key,
                AlertOccurrence.at,
                AlertOccurrence.detail,
                AlertOccurrence.case_id,
                AlertOccurrence.complaint_id,
            ).where(AlertOccurrence.id.in_(select(first).where(Alert.id.in_(list(counts)))))
        ):
            held[o.alert_id] = (
                int(counts[o.alert_id]),
                Occurrence(o.occurrence_key, o.at, o.detail, o.case_id, o.complaint_id),
            )
    return held
