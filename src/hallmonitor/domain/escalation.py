"""The escalation ladder for a window that is not staffed by a formal civil servant.

The model, for one window:

1. Only violating sessions on working days up to ``as_of`` are looked at.
   Later ones are ignored, so judging a past week as of its last day gives the
   same answer today as it did then. Sessions on days the calendar says are
   not working days are ignored too: nobody has to staff a window on a
   holiday, and the consecutive-day rule below counts working days only.
2. Any violation raises an order to correct (责令纠正). The order is anchored
   on the day of the violation that opened it: ``order_raised_on`` when the
   caller knows it (an open alert), else the earliest violation given. The
   deadline is the end of the N-th working day after that day.
3. The window is suggested for temporary closure (建议临时关闭) when
   (a) it still violates in any session on a working day after the deadline,
   or (b) it violated in at least M sessions within any K consecutive working
   days — counted over every violation given, whether before or after the
   anchor, because (b) exists to catch a window that keeps falling back even
   though each single order was corrected in time.

The caller decides which history to pass: after a window has been corrected
and its order resolved, pass ``order_raised_on`` for the new order (or only the
violations since), else the old violations anchor the deadline. Closing the
window is a supervisor's decision and lives outside this module; this module
only says whether reopening is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

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
from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.staffing import SESSION_ORDER
from hallmonitor.domain.texts import say


def reopen_refusal() -> str:
    """Why a temporarily closed window may not open again yet."""
    return say(
        "The window's roster has no formal civil servant, so it cannot open again. "
        "Put a formal civil servant on duty first."
    )


_LEVEL_RANK: dict[AlertLevel | None, int] = {
    None: 0,
    AlertLevel.NOTICE: 1,
    AlertLevel.YELLOW_CARD: 1,
    AlertLevel.TO_VERIFY: 1,
    AlertLevel.RED_CARD: 2,
    AlertLevel.ORDER_TO_CORRECT: 2,
    AlertLevel.SUGGEST_CLOSURE: 3,
}


class Calendar(Protocol):
    """What the rules need from the hall's working calendar."""

    def is_workday(self, day: date) -> bool: ...

    def next_working_day(self, day: date) -> date: ...

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day``; ``day`` itself is not counted."""
        ...

    def working_days_between(self, start: date, end: date) -> int:
        """Count of working days d with start < d <= end."""
        ...

    def working_days_in(self, start: date, end: date) -> list[date]: ...


@dataclass(frozen=True)
class Violation:
    day: date
    session: Session
    verdict: StaffingVerdict

    @property
    def sort_key(self) -> tuple[date, int]:
        return (self.day, SESSION_ORDER[self.session])

    def describe(self) -> str:
        return f"{self.day.isoformat()} {self.session.value} {self.verdict.value}"


@dataclass(frozen=True)
class LadderDecision:
    #: None when there is nothing to raise.
    level: AlertLevel | None
    #: The violation that opened the current order, if it is among those given.
    first_violation: Violation | None
    #: Last day of the rectification period.
    deadline: date | None
    #: Chinese sentences shown to the supervisor and printed in reports.
    reasons: tuple[str, ...]
    #: The working day on which the window met a closure condition.
    escalated_on: date | None


NOTHING_TO_RAISE = LadderDecision(None, None, None, (), None)


def level_rank(level: AlertLevel | None) -> int:
    """Lets callers and tests compare levels: no alert < notice < order < closure."""
    return _LEVEL_RANK[level]


def correction_deadline(calendar: Calendar, violation_day: date, settings: RuleSettings) -> date:
    """The violating day itself is not counted, as with every time limit in working days."""
    return calendar.add_working_days(violation_day, settings.correction_deadline_working_days)


def can_reopen(roster_categories: Iterable[StaffCategory]) -> bool:
    """A closed window may reopen only once a formal civil servant is on its roster."""
    return any(category.is_formal for category in roster_categories)


def evaluate_window(
    violations: Sequence[Violation],
    calendar: Calendar,
    settings: RuleSettings,
    as_of: date,
    order_raised_on: date | None = None,
) -> LadderDecision:
    """Where the window stands on the ladder as of ``as_of``; see the module docstring.

    The answer depends only on the arguments, not on their order: violations
    are de-duplicated per day and session and sorted. An ``order_raised_on``
    after ``as_of`` did not exist yet on that day and is ignored.
    """
    considered = _considered(violations, calendar, as_of)
    if not considered:
        return NOTHING_TO_RAISE

    if order_raised_on is not None and order_raised_on <= as_of:
        anchor = order_raised_on
        first = next((v for v in considered if v.day >= anchor), None)
    else:
        first = considered[0]
        anchor = first.day
    deadline = correction_deadline(calendar, anchor, settings)

    reasons = [
        first.describe()
        if first is not None
        else say("ordered to correct from {day}", day=anchor.isoformat())
    ]
    escalation_days: list[date] = []

    late = [v for v in considered if v.day > deadline]
    if late:
        escalation_days.append(late[0].day)
        reasons.append(
            say(
                "still in violation after the rectification deadline {deadline}: {violation}",
                deadline=deadline.isoformat(),
                violation=late[0].describe(),
            )
        )

    burst = _first_burst(considered, calendar, settings)
    if burst is not None:
        escalation_days.append(burst[-1].day)
        sessions = say(", ").join(f"{v.day.isoformat()} {v.session.value}" for v in burst)
        reasons.append(
            say(
                "{count} sessions in violation within {days} consecutive working days: {sessions}",
                count=settings.escalation_session_count,
                days=settings.escalation_window_working_days,
                sessions=sessions,
            )
        )

    if escalation_days:
        return LadderDecision(
            level=AlertLevel.SUGGEST_CLOSURE,
            first_violation=first,
            deadline=deadline,
            reasons=tuple(reasons),
            escalated_on=min(escalation_days),
        )
    return LadderDecision(
        level=AlertLevel.ORDER_TO_CORRECT,
        first_violation=first,
        deadline=deadline,
        reasons=tuple(reasons),
        escalated_on=None,
    )


def _considered(violations: Iterable[Violation], calendar: Calendar, as_of: date) -> list[Violation]:
    """Violations that count as of ``as_of``, one per day and session, in time order."""
    by_session: dict[tuple[date, int], Violation] = {}
    for violation in violations:
        if not violation.verdict.is_violation or violation.day > as_of:
            continue
        if not calendar.is_workday(violation.day):
            continue
        key = violation.sort_key
        kept = by_session.get(key)
        # Two records of the same session: keep the worse verdict, deterministically.
        if kept is None or _verdict_weight(violation.verdict) > _verdict_weight(kept.verdict):
            by_session[key] = violation
    return [by_session[key] for key in sorted(by_session)]


def _verdict_weight(verdict: StaffingVerdict) -> int:
    return {StaffingVerdict.COMPLIANT: 0, StaffingVerdict.AUXILIARY_ONLY: 1, StaffingVerdict.UNSTAFFED: 2}[
        verdict
    ]


def _first_burst(
    considered: Sequence[Violation], calendar: Calendar, settings: RuleSettings
) -> tuple[Violation, ...] | None:
    """The earliest run of M violating sessions that fits in K consecutive working days.

    Two working days a and b lie within K consecutive working days exactly when
    fewer than K working days follow a up to and including b.
    """
    needed = settings.escalation_session_count
    span = settings.escalation_window_working_days
    if needed <= 0 or span <= 0:
        return None
    start = 0
    for end, last in enumerate(considered):
        while calendar.working_days_between(considered[start].day, last.day) > span - 1:
            start += 1
        if end - start + 1 >= needed:
            return tuple(considered[end - needed + 1 : end + 1])
    return None


@dataclass(frozen=True, slots=True)
class JudgedSession:
    """A violating session of one window, with the moment the rule became true.

    That is the session's start, or later for a session found wanting after it
    (a 挂名 a supervisor confirmed days on): the order it raises is then dated,
    and its deadline counted, from that moment. ``note`` follows the verdict in
    the occurrence ("仅辅助人员（经核查确认挂名）").
    """

    start: datetime
    violation: Violation
    note: str = ""


def derive_ladder(
    window_id: int,
    label: str,
    sessions: Sequence[JudgedSession],
    calendar: Calendar,
    settings_at: Callable[[datetime], RuleSettings],
    *,
    horizon: datetime,
    human_closes: HumanCloses,
    carried: DerivedAlert | None = None,
) -> list[DerivedAlert]:
    """The window's staffing alerts up to ``horizon``, each step dated when it became true.

    A violating session raises 责令纠正 at its start when no order is open; while
    one is open it adds the session as an occurrence, and the ladder is walked
    again with what was known at that session's start, so an escalation is dated
    at the start of the session that met a closure condition (the first one after
    the deadline, or the one that made M sessions within K working days). An
    order a person ended before a session began does not take that session: it
    raises the next order. ``label`` names the window in sentences ("A03号窗口（税务局）").

    ``carried`` is the order open when ``sessions`` begin, as judged before (its
    occurrences are its violating sessions): the walk continues it instead of
    starting from the order's first session again.
    """
    alerts: list[DerivedAlert] = []
    current = carried
    violations: list[Violation] = [_violation_of(o) for o in carried.occurrences] if carried else []
    if carried is not None:
        # The deadline follows the calendar as it stands now: a day declared a holiday since moves it.
        carried.deadline = correction_deadline(
            calendar, carried.raised_at.date(), settings_at(carried.raised_at)
        )
        alerts.append(carried)
    for judged in sorted(sessions, key=lambda s: (s.start, s.violation.sort_key)):
        start, violation = judged.start, judged.violation
        if start > horizon:
            break
        if current is not None and not still_open(current, human_closes, start):
            current = None
        # An order is judged throughout by the rules in force when it was issued.
        settings = settings_at(start if current is None else current.raised_at)
        # What was known on the day the rule became true (the session's own day but for a late finding).
        known_on = max(violation.day, start.date())
        if current is None:
            violations = [violation]
            decision = evaluate_window(violations, calendar, settings, known_on, order_raised_on=start.date())
            if decision.level is None:
                continue
            current = DerivedAlert(
                kind=AlertKind.STAFFING,
                subject_key=window_subject(window_id),
                window_id=window_id,
                raised_at=start,
                deadline=decision.deadline,
                level=AlertLevel.ORDER_TO_CORRECT,
                summary="",
                events=[
                    SystemEvent(start, SystemAction.RAISE, AlertLevel.ORDER_TO_CORRECT, violation.describe())
                ],
                closes_after=alerts[-1].closed_by_human_at if alerts else None,
            )
            alerts.append(current)
        else:
            violations.append(violation)
            decision = evaluate_window(
                violations, calendar, settings, known_on, order_raised_on=current.raised_at.date()
            )
        current.occurrences.append(
            Occurrence(
                f"{violation.day.isoformat()} {violation.session.value}",
                start,
                violation.verdict.value + judged.note,
            )
        )
        if decision.level is AlertLevel.SUGGEST_CLOSURE and current.level is AlertLevel.ORDER_TO_CORRECT:
            current.level = AlertLevel.SUGGEST_CLOSURE
            current.events.append(
                SystemEvent(
                    start, SystemAction.ESCALATE, AlertLevel.SUGGEST_CLOSURE, say("; ").join(decision.reasons)
                )
            )
        current.summary = summary_of(AlertKind.STAFFING, label, current.level, current.occurrences)
    settle(current, human_closes, horizon)
    if carried is not None:
        carried.summary = summary_of(AlertKind.STAFFING, label, carried.level, carried.occurrences)
    return alerts


def _violation_of(occurrence: Occurrence) -> Violation:
    """A staffing occurrence back as the violation it records ("2026-05-11 上午", "仅辅助人员…")."""
    day, session = occurrence.key.split(" ", 1)
    verdict = StaffingVerdict(occurrence.detail.split("（", 1)[0])
    return Violation(date.fromisoformat(day), Session(session), verdict)
