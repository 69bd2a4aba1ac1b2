"""The suspected sessions as a day's check and the weekly report list them, each with how it stood.

A session is listed once it is suspected (疑似挂名) by the moment asked for,
whether or not it was part of a 人员挂名 alert: the center sees the isolated
ones too. How it stood then is its last review by that moment, else whether
an alert held it and whether that alert was still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, AlertState, Session
from hallmonitor.domain.staffing import SESSION_ORDER, window_sort_key
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext
from hallmonitor.services.staffing.nominal import NominalSession, nominal_sessions
from hallmonitor.storage.models import Alert, AlertEvent, AlertOccurrence

__all__ = [
    "CONFIRMED",
    "DISMISSED",
    "NOMINAL_STATUSES",
    "NOT_RAISED",
    "TO_VERIFY",
    "SuspectedLine",
    "suspected_lines",
]

CONFIRMED = "已确认"
DISMISSED = "已排除"
TO_VERIFY = "待核查"
#: Suspected, but too seldom for an alert (fewer than the setting's sessions within its working days).
NOT_RAISED = "未达预警条件"
#: The words a line's ``status`` may be besides 未核查（预警…）, as the weekly report writes them.
NOMINAL_STATUSES = (CONFIRMED, DISMISSED, TO_VERIFY, NOT_RAISED)


@dataclass(frozen=True, slots=True)
class SuspectedLine:
    window_id: int
    window_no: str
    department: str
    day: date
    session: Session
    #: The formal civil servants the roster has present, with their category: 张三（公务员）.
    formal_present: str
    case_count: int
    #: Cases received by a formal civil servant, whoever (see ``NominalJudgement.formal_received``).
    formal_received: int
    status: str
    #: Why it is suspected, the handlers counted.
    reason: str
    #: The supervisor's note of the last review, if any.
    review_note: str
    #: The state of the 人员挂名 alert holding it by then (None: none did): ``status`` says it in the report's words.
    alert_state: AlertState | None = None


def suspected_lines(
    ctx: HallContext,
    start: date,
    end: date,
    as_of: datetime,
    calendar: WorkCalendar,
    *,
    window_ids: set[int] | None = None,
) -> list[SuspectedLine]:
    """Sessions from ``start`` to ``end`` suspected by ``as_of``, by day, session and window."""
    judged = nominal_sessions(ctx, start, end, calendar, window_ids=window_ids, until=as_of)
    sessions = [s for s in judged if s.suspected]
    held = _held(ctx, sessions, as_of)
    lines = []
    for s in sessions:
        j = s.judgement
        present = "、".join(f"{o.name}（{o.category.value}）" for o in j.formal_officers if o.present)
        lines.append(
            SuspectedLine(
                s.window_id,
                j.window_no,
                s.department,
                j.day,
                j.session,
                present,
                j.case_count,
                j.formal_received,
                _status(s, held.get((s.window_id, s.key))),
                j.reason,
                s.review.note if s.review is not None else "",
                held.get((s.window_id, s.key)),
            )
        )
    lines.sort(key=lambda line: (line.day, SESSION_ORDER[line.session], window_sort_key(line.window_no)))
    return lines


def _status(session: NominalSession, alert_state: AlertState | None) -> str:
    if session.confirmed:
        return CONFIRMED
    if session.dismissed:
        return DISMISSED
    if alert_state is None:
        return NOT_RAISED
    return TO_VERIFY if alert_state.is_open else f"未核查（预警{alert_state.value}）"


def _held(
    ctx: HallContext, sessions: list[NominalSession], as_of: datetime
) -> dict[tuple[int, str], AlertState]:
    """Per window and session, the state at ``as_of`` of the latest 人员挂名 alert that held it then."""
    windows = sorted({s.window_id for s in sessions})
    if not windows:
        return {}
    with ctx.db.session() as db:
        rows = db.execute(
            select(Alert.id, Alert.window_id, AlertOccurrence.occurrence_key)
            .join(AlertOccurrence, AlertOccurrence.alert_id == Alert.id)
            .where(
                Alert.hall_id == ctx.hall_id,
                Alert.kind == AlertKind.NOMINAL_PRESENCE,
                Alert.window_id.in_(windows),
                Alert.raised_at <= as_of,
                AlertOccurrence.at <= as_of,
            )
            .order_by(Alert.raised_at, Alert.id)
        ).all()
        ids = sorted({alert_id for alert_id, _w, _k in rows})
        states: dict[int, AlertState] = dict.fromkeys(ids, AlertState.OPEN)
        for alert_id, to_state in db.execute(
            select(AlertEvent.alert_id, AlertEvent.to_state)
            .where(AlertEvent.alert_id.in_(ids), AlertEvent.at <= as_of, AlertEvent.to_state != "")
            .order_by(AlertEvent.at, AlertEvent.id)
        ):
            states[alert_id] = AlertState(to_state)
    return {(window_id, key): states[alert_id] for alert_id, window_id, key in rows}
