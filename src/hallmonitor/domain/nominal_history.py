"""The 人员挂名 alert of a window: suspected sessions that keep coming back, for a supervisor to check.

One suspected session is too little to put to a department: the case list of a
quiet half day may look so by chance. A window suspected in M sessions within
K consecutive working days (the settings, 3 in 5 by default, like the staffing
ladder) gets one 待核查 alert holding those sessions, and every later suspected
session joins it while it is open. A supervisor checks the evidence and
confirms (the alert turns 红牌, and the sessions count as 仅辅助人员 from then
on, which the staffing ladder takes up) or dismisses it with a note; once every
session it holds is dismissed it ends by itself (已撤销). A session an alert
held never counts again towards the next one, so a dismissal is not undone by
the next quiet afternoon.

Like the other histories (see ``alert_history``) this is a pure function of
when each session became suspected, of the reviews and of people's closes;
nothing here reads a clock, and deriving to a later horizon never changes what
an earlier one said.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hallmonitor.domain.alert_history import (
    DerivedAlert,
    HumanCloses,
    Occurrence,
    SystemAction,
    SystemEvent,
    settle,
    still_open,
    summary_of,
    window_subject,
)
from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session
from hallmonitor.domain.escalation import Calendar
from hallmonitor.domain.nominal import session_key
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.staffing import SESSION_ORDER
from hallmonitor.domain.texts import say

__all__ = ["SessionReview", "SuspectedSession", "confirmed_note", "derive_nominal"]

KIND = AlertKind.NOMINAL_PRESENCE


def confirmed_note() -> str:
    """What the history says when a supervisor confirms the evidence."""
    return say(
        "Nominal presence confirmed on review: the sessions count as auxiliary staff only for staffing"
    )


def dismissed_note() -> str:
    return say("Every suspected session was ruled out on review")


@dataclass(frozen=True, slots=True)
class SuspectedSession:
    day: date
    session: Session
    #: When the suspicion became true: once every case the session can hold was in.
    at: datetime
    #: The evidence in one line (see ``NominalJudgement.evidence_line``).
    detail: str

    @property
    def key(self) -> str:
        return session_key(self.day, self.session)

    @property
    def sort_key(self) -> tuple[date, int]:
        return (self.day, SESSION_ORDER[self.session])

    def occurrence(self) -> Occurrence:
        return Occurrence(self.key, self.at, self.detail)


@dataclass(frozen=True, slots=True)
class SessionReview:
    """A supervisor's word on one suspected session; a later review of the same session overrides it."""

    at: datetime
    key: str
    confirmed: bool


def derive_nominal(
    window_id: int,
    label: str,
    sessions: Sequence[SuspectedSession],
    calendar: Calendar,
    settings_at: Callable[[datetime], RuleSettings],
    *,
    horizon: datetime,
    human_closes: HumanCloses,
    reviews: Sequence[SessionReview] = (),
    carried: DerivedAlert | None = None,
    carried_dismissed: frozenset[str] = frozenset(),
    waiting: Sequence[SuspectedSession] = (),
) -> list[DerivedAlert]:
    """The window's 人员挂名 alerts up to ``horizon``, oldest first; ``label`` names the window.

    ``carried`` is the alert open when ``sessions`` begin, as judged before,
    with the sessions whose last review by then dismissed them. Without one,
    ``waiting`` are the suspected sessions before the walk that no alert held
    and that came after the last one ended: they count towards the next.
    Sessions on days that are not working days never count.
    """
    timeline: list[tuple[datetime, int, tuple[date, int], SuspectedSession | SessionReview]] = [
        (s.at, 0, s.sort_key, s) for s in sessions if s.at <= horizon and calendar.is_workday(s.day)
    ]
    timeline += [(r.at, 1, (date.min, 0), r) for r in reviews if r.at <= horizon]
    timeline.sort(key=lambda item: (item[0], item[1], item[2], item[3].key))

    alerts: list[DerivedAlert] = [carried] if carried is not None else []
    current = carried
    counted: list[SuspectedSession] = [] if carried is not None else sorted(waiting, key=lambda s: s.sort_key)
    dismissed = set(carried_dismissed)
    for at, _order, _when, item in timeline:
        if current is not None and not still_open(current, human_closes, at):
            current, dismissed = None, set()
        if isinstance(item, SuspectedSession):
            if current is not None:
                current.occurrences.append(item.occurrence())
                continue
            settings = settings_at(item.at)
            span = max(settings.nominal_window_working_days, 1)
            counted = [
                s
                for s in counted
                if s.sort_key < item.sort_key and calendar.working_days_between(s.day, item.day) <= span - 1
            ]
            counted.append(item)
            if len(counted) >= max(settings.nominal_session_count, 1):
                current = _raise(window_id, item.at, counted, calendar, settings, span, alerts)
                alerts.append(current)
                counted = []
            continue
        if current is None or all(o.key != item.key for o in current.occurrences):
            continue  # a review of a session no open alert holds changes nothing here
        if item.confirmed:
            dismissed.discard(item.key)
            if current.level is AlertLevel.TO_VERIFY:
                current.level = AlertLevel.RED_CARD
                current.events.append(
                    SystemEvent(at, SystemAction.CONFIRM, AlertLevel.RED_CARD, confirmed_note())
                )
            continue
        dismissed.add(item.key)
        if {o.key for o in current.occurrences} <= dismissed:
            current.events.append(
                SystemEvent(
                    at, SystemAction.ALL_DISMISSED, current.level, dismissed_note(), AlertState.REVOKED
                )
            )
            current, dismissed = None, set()
    settle(current, human_closes, horizon)
    for alert in alerts:
        alert.summary = summary_of(KIND, label, alert.level, alert.occurrences, prior=alert.prior)
    return alerts


def _raise(
    window_id: int,
    at: datetime,
    counted: list[SuspectedSession],
    calendar: Calendar,
    settings: RuleSettings,
    span: int,
    alerts: list[DerivedAlert],
) -> DerivedAlert:
    previous = alerts[-1] if alerts else None
    keys = say(", ").join(s.key for s in counted)
    return DerivedAlert(
        kind=KIND,
        subject_key=window_subject(window_id),
        window_id=window_id,
        raised_at=at,
        deadline=calendar.add_working_days(at.date(), settings.rectification_deadline_working_days),
        level=AlertLevel.TO_VERIFY,
        summary="",
        events=[
            SystemEvent(
                at,
                SystemAction.RAISE,
                AlertLevel.TO_VERIFY,
                say(
                    "{count} sessions suspected of nominal presence within {days} consecutive working days: {sessions}",
                    count=len(counted),
                    days=span,
                    sessions=keys,
                ),
            )
        ],
        occurrences=[s.occurrence() for s in counted],
        closes_after=previous.closed_by_human_at if previous is not None else None,
    )
