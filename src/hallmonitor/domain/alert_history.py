"""The alert history as a function of the facts and of what supervisors did.

Alerts decide whether a window is ordered to correct or closed, so the same
facts must give the same history whoever runs the rules, whenever, however
often, in whatever order. This module states that history without any store:
given the moments at which each rule became true (a violating session's
start, the end of a case's due day, an approval made out of the hall) and the
moments at which a person ended an alert, it says which alerts exist, when
each was raised, when its level changed and why, and what it holds.

Every derivation here is causal: what it says about a moment depends only on
triggers and actions at or before that moment. Deriving up to a later horizon
therefore never changes what a derivation up to an earlier one said, which is
what lets the rules run in small steps and still give the history a single
run at the end would give.

The staffing ladder is derived in ``escalation``; the cards of the other kinds
in ``cards``. Both produce the ``DerivedAlert`` defined here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.texts import mark, say

__all__ = [
    "DerivedAlert",
    "HumanCloses",
    "Occurrence",
    "SystemAction",
    "SystemEvent",
    "day_end",
    "person_close",
    "settle",
    "still_open",
    "summary_of",
    "window_label",
    "window_subject",
]


class SystemAction(StrEnum):
    """What the rules themselves write into an alert's history (people's actions are the workflow's)."""

    RAISE = "触发"
    ESCALATE = "升级"
    CONFIRM = "确认违规"
    AUTO_CLOSE = "自动关闭"
    ALL_DISMISSED = "全部排除"
    WITHDRAW = "撤回"


#: The actions that set an alert's level (the weekly report replays them as of the week's end).
LEVEL_ACTIONS = frozenset({SystemAction.RAISE, SystemAction.ESCALATE, SystemAction.CONFIRM})


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One thing an alert holds: a violating session, an overdue case, a flagged approval..."""

    key: str
    at: datetime
    detail: str
    case_id: int | None = None
    complaint_id: int | None = None


@dataclass(frozen=True, slots=True)
class SystemEvent:
    at: datetime
    action: SystemAction
    level: AlertLevel
    note: str
    #: The state the alert ends in when the rules themselves end it, else None.
    closes_as: AlertState | None = None


@dataclass
class DerivedAlert:
    kind: AlertKind
    #: One open alert per subject and kind: "window:12", or "hall" for what no window owns.
    subject_key: str
    window_id: int | None
    raised_at: datetime
    deadline: date | None
    level: AlertLevel
    summary: str
    events: list[SystemEvent] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    #: Occurrences held from before the derivation began that it did not need to see again.
    prior: int = 0
    #: When a person ended the alert (the walk decides which of the subject's closes is its own).
    closed_by_human_at: datetime | None = None
    #: A close at or before this moment ended the subject's previous alert and is not this one's.
    closes_after: datetime | None = None

    @property
    def held(self) -> int:
        return self.prior + len(self.occurrences)

    @property
    def key(self) -> tuple[AlertKind, str, datetime]:
        """What identifies the alert across runs: the same rule, subject and moment."""
        return (self.kind, self.subject_key, self.raised_at)

    @property
    def closed_by_rules_at(self) -> datetime | None:
        return next((e.at for e in self.events if e.closes_as is not None), None)

    @property
    def ended_at(self) -> datetime | None:
        """When the alert stopped being open, by the rules or by a person; None while open."""
        ends = [at for at in (self.closed_by_rules_at, self.closed_by_human_at) if at is not None]
        return min(ends) if ends else None


#: For one subject and kind, in time order: the moments at which a person ended one of its alerts.
#: A close is not tied to the alert it was made on: it ends whichever alert of the subject is open
#: at that moment, so a correction that moves when an alert was raised keeps what people decided.
HumanCloses = Sequence[datetime]


def window_subject(window_id: int | None) -> str:
    return f"window:{window_id}" if window_id is not None else "hall"


def day_end(day: date) -> datetime:
    """The last moment of ``day``: a due day ends here, and a case still open then is late."""
    return datetime.combine(day, time(23, 59, 59))


def person_close(alert: DerivedAlert, closes: HumanCloses) -> datetime | None:
    """The first close at or after the alert was raised that did not end the subject's previous alert."""
    index = bisect_left(closes, alert.raised_at)
    while index < len(closes) and alert.closes_after is not None and closes[index] <= alert.closes_after:
        index += 1
    return closes[index] if index < len(closes) else None


def still_open(alert: DerivedAlert, closes: HumanCloses, moment: datetime) -> bool:
    """Whether no person had ended ``alert`` by ``moment``; when one had, the alert records it.

    A person's action takes effect at its moment: what the rules find at that
    same moment belongs to the next alert.
    """
    closed = person_close(alert, closes)
    if closed is None or closed > moment:
        return True
    alert.closed_by_human_at = closed
    return False


def settle(alert: DerivedAlert | None, closes: HumanCloses, horizon: datetime) -> None:
    """At the end of a walk: an alert the rules left open records the close a person made by ``horizon``."""
    if alert is not None and alert.closed_by_rules_at is None:
        still_open(alert, closes, horizon)


def window_label(number: str | None, department: str | None) -> str:
    """How sentences name a window: "A03号窗口（税务局）"; nothing for what no window owns."""
    if not number:
        return ""
    if department:
        return say(_NAMED, number=number, department=department)
    return say(_NUMBERED, number=number)


_NAMED = mark("Window {number} ({department})")
_NUMBERED = mark("Window {number}")
#: A staffing order names the window and its first session, as ``_NAMED`` and ``_NUMBERED`` do.
_FIRST_SESSION = {
    _NAMED: mark("Window {number} ({department}): {day} {session} {detail}"),
    _NUMBERED: mark("Window {number}: {day} {session} {detail}"),
}


#: How a card's summary counts what it holds: after the window's name, and for what no window owns.
_COUNTED = {
    AlertKind.CASE_OVERDUE: (mark("{window}: overdue cases: {count}"), mark("Overdue cases: {count}")),
    AlertKind.CASE_DUE: (
        mark("{window}: cases due on {day}: {count}"),
        mark("Cases due on {day}: {count}"),
    ),
    AlertKind.FRONT_SHOP: (
        mark("{window}: cases suspected of front shop, back factory: {count}"),
        mark("Cases suspected of front shop, back factory: {count}"),
    ),
    AlertKind.MULTIPLE_TRIPS: (
        mark("{window}: cases whose applicant came more than once: {count}"),
        mark("Cases whose applicant came more than once: {count}"),
    ),
    AlertKind.COMPLAINT_OVERDUE: (
        mark("{window}: complaints not settled within their time limit: {count}"),
        mark("Complaints not settled within their time limit: {count}"),
    ),
    AlertKind.NOMINAL_PRESENCE: (
        mark("{window}: sessions suspected of nominal presence: {count}"),
        mark("Sessions suspected of nominal presence: {count}"),
    ),
}


def summary_of(
    kind: AlertKind,
    label: str,
    level: AlertLevel,
    occurrences: Sequence[Occurrence],
    *,
    prior: int = 0,
    raised_at: datetime | None = None,
) -> str:
    """An alert's one-line summary from what it held and its level at some moment.

    A function of those alone, so a report of a past week can say how the alert
    read then: an order names the session that opened it, a card counts its cases
    (``prior`` more than ``occurrences`` lists, when those were not read again).
    It is part of the hall's record: made inside ``texts.stored_texts()``.
    """
    if kind is AlertKind.STAFFING:
        if level is AlertLevel.SUGGEST_CLOSURE:
            return say("{window}: rectification falls short, temporary closure suggested", window=label)
        first = occurrences[0] if occurrences else None
        if first is None:
            return label
        day, _sep, session = first.key.partition(" ")
        template = _FIRST_SESSION.get(getattr(label, "source", ""))
        if template is None or not session:
            return f"{label}{first.key}{first.detail}"
        # The window's number and department, not its name, so that the record reads back (see
        # ``record_texts``): nothing in "A03号窗口（税务局）2026-05-11 上午…" says where a name would end.
        params = getattr(label, "params", {})
        return say(template, **params, day=day, session=session, detail=first.detail)
    when = raised_at or (occurrences[0].at if occurrences else None)
    day = when.date().isoformat() if when else ""
    named, unnamed = _COUNTED[kind]
    count = prior + len(occurrences)
    if label:
        return say(named, window=label, count=count, day=day)
    return say(unnamed, count=count, day=day)
