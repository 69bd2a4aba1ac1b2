"""Which half-day session a moment belongs to."""

from __future__ import annotations

from datetime import datetime, time

from hallmonitor.domain.enums import Session
from hallmonitor.domain.rule_settings import SessionTimes


def session_at(moment: time, times: SessionTimes) -> Session | None:
    """The session under way at ``moment``, or None outside opening hours (lunch included)."""
    if times.morning_start <= moment < times.morning_end:
        return Session.MORNING
    if times.afternoon_start <= moment < times.afternoon_end:
        return Session.AFTERNOON
    return None


def session_for_display(moment: datetime, times: SessionTimes) -> Session:
    """The session a board should show: the current one, else the next one of the day.

    Before noon's end (including before opening) the board shows the morning;
    from the lunch break on it shows the afternoon, so a supervisor checking
    at 12:30 sees who is planned for 13:30.
    """
    current = session_at(moment.time(), times)
    if current is not None:
        return current
    return Session.MORNING if moment.time() < times.morning_end else Session.AFTERNOON


def session_start(day_moment: datetime, session: Session, times: SessionTimes) -> datetime:
    start = times.morning_start if session is Session.MORNING else times.afternoon_start
    return datetime.combine(day_moment.date(), start)
