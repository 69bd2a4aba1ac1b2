"""挂名 (nominal presence): a formal civil servant on the roster while auxiliary staff handle every case.

The staffing verdict trusts the roster: a formal civil servant rostered and
marked present makes the window 合规. The easy way around the directive is on
paper, so the hall's own case records are held against the roster: when a
window judged 合规 received at least N cases in a session and none of them was
received or approved by any formal civil servant on that window's roster for
that session, the session is 疑似挂名. It is evidence for a supervisor to check
(待核查), never a verdict by itself, so every judgement carries what an
inspector would ask for before accusing a department: the officers rostered and
whether they were marked present, and each case with who received and approved it.

Which session a case belongs to is decided by its receipt time alone (see
``receipt_session``). Only cases whose receiver is recorded count towards N:
a case entered without one says nothing about who sat at the window. A case
received or approved by a rostered formal officer clears the session, whenever
the approval was made, since approving the window's cases is the officer's work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.texts import mark, say

__all__ = [
    "HandledCase",
    "Handler",
    "NominalJudgement",
    "NominalOutcome",
    "Officer",
    "SessionEvidence",
    "judge_session",
    "judged_at",
    "officers_text",
    "receipt_session",
    "session_key",
]


class NominalOutcome(StrEnum):
    SUSPECTED = "疑似挂名"
    NOT_SUSPECTED = "未见挂名"
    #: Too little evidence, a holiday, or a session the staffing rule already finds wanting.
    NOT_JUDGED = "不予判断"


@dataclass(frozen=True, slots=True)
class Officer:
    """Someone on the window's roster for the session, with the category they had that day."""

    staff_no: str
    name: str
    category: StaffCategory
    #: None while only planned (counts as present), True marked present, False marked absent.
    attendance: bool | None

    @property
    def formal(self) -> bool:
        return self.category.is_formal

    @property
    def present(self) -> bool:
        return self.attendance is not False

    def describe(self) -> str:
        """The roster's word about this person: 张三（公务员，已到岗）."""
        return say(
            "{name} ({category}, {attendance})",
            name=self.name,
            category=self.category.value,
            attendance=say(_ATTENDANCE[self.attendance]),
        )


#: How the roster's attendance reads after a person's name.
_ATTENDANCE = {None: mark("planned to be present"), True: mark("present"), False: mark("absent")}


@dataclass(frozen=True, slots=True)
class Handler:
    """Who received or approved a case, with the category they had on the day it was received."""

    staff_no: str
    name: str
    category: StaffCategory

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(frozen=True, slots=True)
class HandledCase:
    case_no: str
    received_at: datetime
    receiver: Handler | None
    approver: Handler | None


@dataclass(frozen=True, slots=True)
class SessionEvidence:
    """Everything the rule looks at for one window in one session."""

    window_no: str
    day: date
    session: Session
    #: The staffing verdict as the roster gives it.
    verdict: StaffingVerdict
    #: Everyone rostered at the window in the session, absent people included.
    officers: tuple[Officer, ...]
    #: The cases received there in the session (see ``receipt_session``).
    cases: tuple[HandledCase, ...]
    #: Cases of the window's day whose receipt has no time of day, so no session can hold them.
    untimed: int = 0


@dataclass(frozen=True, slots=True)
class NominalJudgement:
    window_no: str
    day: date
    session: Session
    outcome: NominalOutcome
    #: One sentence saying why, fit to show a supervisor.
    reason: str
    #: Cases received in the session, and of those the ones whose receiver is recorded.
    case_count: int
    recorded_count: int
    #: Cases received by a formal civil servant, whoever (a non-zero count on a suspected
    #: session means a formal officer not rostered at this window received them).
    formal_received: int
    #: Cases received or approved by a formal civil servant on the window's roster for the session.
    rostered_formal_handled: int
    #: The formal civil servants on the roster (absent ones included, marked so).
    formal_officers: tuple[Officer, ...]

    @property
    def suspected(self) -> bool:
        return self.outcome is NominalOutcome.SUSPECTED

    @property
    def key(self) -> str:
        return session_key(self.day, self.session)

    def evidence_line(self) -> str:
        """The judgement in one line, as an alert occurrence and a notice row cite it."""
        return say(
            "Formal staff present: {officers}; {reason}",
            officers=officers_text(self.formal_officers),
            reason=self.reason,
        )


def session_key(day: date, session: Session) -> str:
    """How alerts and reviews name a session, "2026-05-11 上午": as a staffing occurrence does."""
    return f"{day.isoformat()} {session.value}"


def officers_text(officers: Iterable[Officer]) -> str:
    listed = [o.describe() for o in officers]
    return say(", ").join(listed) if listed else say("none")


def judged_at(day: date, session: Session, times: SessionTimes) -> datetime:
    """When a session's judgement becomes true: once every case it can hold is in.

    The morning holds receipts up to the afternoon's start, the afternoon the
    rest of the day (see ``receipt_session``).
    """
    if session is Session.MORNING:
        return datetime.combine(day, times.afternoon_start)
    return datetime.combine(day, time(23, 59, 59))


def receipt_session(moment: datetime, times: SessionTimes) -> Session | None:
    """The session a case received at ``moment`` belongs to; None when no time of day was recorded.

    Everything before the afternoon's start is the morning's (staff finish the
    morning's queue over lunch, and nobody of the afternoon has begun), the
    rest of the day the afternoon's, after-hours receipts included. A receipt at
    exactly midnight is how a date without a time is stored: such a case cannot
    be placed in a session and is left out.
    """
    if moment.time() == time(0, 0):
        return None
    return Session.MORNING if moment.time() < times.afternoon_start else Session.AFTERNOON


def judge_session(evidence: SessionEvidence, *, threshold: int, is_workday: bool = True) -> NominalJudgement:
    """Whether one window's session is 疑似挂名, with the reason; see the module docstring.

    In order: a non-working day and a session the roster does not find 合规
    are not judged (the staffing ladder deals with the latter); a case received
    or approved by a rostered formal officer clears the session; fewer than
    ``threshold`` cases with a recorded receiver are too little evidence;
    otherwise the session is suspected.
    """
    threshold = max(threshold, 1)
    formal = tuple(o for o in evidence.officers if o.formal)
    formal_nos = {o.staff_no for o in formal}
    cases = evidence.cases
    handled = [c for c in cases if _touched_by(c, formal_nos)]
    recorded = [c for c in cases if c.receiver is not None]
    formal_received = sum(1 for c in cases if c.receiver is not None and c.receiver.formal)

    def judged(outcome: NominalOutcome, reason: str) -> NominalJudgement:
        return NominalJudgement(
            evidence.window_no,
            evidence.day,
            evidence.session,
            outcome,
            reason,
            len(cases),
            len(recorded),
            formal_received,
            len(handled),
            formal,
        )

    if not is_workday:
        return judged(NominalOutcome.NOT_JUDGED, say("Not a working day: not judged"))
    if evidence.verdict is not StaffingVerdict.COMPLIANT:
        return judged(
            NominalOutcome.NOT_JUDGED,
            say(
                "The roster's verdict is {verdict}: the staffing rule deals with it, "
                "and no nominal presence is judged",
                verdict=evidence.verdict.value,
            ),
        )
    if handled:
        names = say(", ").join(dict.fromkeys(_formal_handlers(handled, formal_nos)))
        return judged(
            NominalOutcome.NOT_SUSPECTED,
            say(
                "{count} cases received, {handled} of them received or approved by {names}",
                count=len(cases),
                handled=len(handled),
                names=names,
            ),
        )
    notes = _left_out(len(cases) - len(recorded), evidence.untimed)
    if len(recorded) < threshold:
        if notes:
            return judged(
                NominalOutcome.NOT_JUDGED,
                say(
                    "{recorded} cases with their receiver recorded, fewer than {threshold}: "
                    "too little evidence, not judged {notes}",
                    recorded=len(recorded),
                    threshold=threshold,
                    notes=notes,
                ),
            )
        return judged(
            NominalOutcome.NOT_JUDGED,
            say(
                "{recorded} cases with their receiver recorded, fewer than {threshold}: "
                "too little evidence, not judged",
                recorded=len(recorded),
                threshold=threshold,
            ),
        )
    if notes:
        reason = say(
            "{recorded} cases received, none of them received or approved by a rostered formal "
            "civil servant {notes}; {handlers}",
            recorded=len(recorded),
            notes=notes,
            handlers=_handlers_text(recorded),
        )
    else:
        reason = say(
            "{recorded} cases received, none of them received or approved by a rostered formal "
            "civil servant; {handlers}",
            recorded=len(recorded),
            handlers=_handlers_text(recorded),
        )
    return judged(NominalOutcome.SUSPECTED, reason)


def _left_out(unrecorded: int, untimed: int) -> str:
    """What the judgement could not count, in brackets after it; nothing when it counted every case."""
    if unrecorded and untimed:
        return say(
            "({unrecorded} more cases have no receiver recorded and do not count)"
            "({untimed} more cases of the day have no time of receipt and fit no session)",
            unrecorded=unrecorded,
            untimed=untimed,
        )
    if unrecorded:
        return say("({count} more cases have no receiver recorded and do not count)", count=unrecorded)
    if untimed:
        return say(
            "({count} more cases of the day have no time of receipt and fit no session)", count=untimed
        )
    return ""


def _touched_by(case: HandledCase, formal_nos: set[str]) -> bool:
    return any(h is not None and h.staff_no in formal_nos for h in (case.receiver, case.approver))


def _formal_handlers(cases: Sequence[HandledCase], formal_nos: set[str]) -> list[str]:
    return [
        h.name for c in cases for h in (c.receiver, c.approver) if h is not None and h.staff_no in formal_nos
    ]


def _handlers_text(cases: Sequence[HandledCase]) -> str:
    """Who received and who approved, most cases first: 受理：李四（劳务派遣）6 件、王五（编外聘用）2 件；审批：…"""

    def counted(people: list[Handler | None], what: str, missing: str) -> str:
        counts: dict[tuple[str, str, str], int] = {}
        for p in people:
            if p is not None:
                key = (p.staff_no, p.name, p.category.value)
                counts[key] = counts.get(key, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        parts = [
            say("{name} ({category}): {count}", name=name, category=category, count=n)
            for (_no, name, category), n in ranked
        ]
        absent = sum(1 for p in people if p is None)
        if absent:
            parts.append(say(missing, count=absent))
        return say(what, people=say(", ").join(parts)) if parts else ""

    receivers = counted(
        [c.receiver for c in cases], mark("received by {people}"), mark("{count} with no receiver recorded")
    )
    approvers = counted(
        [c.approver for c in cases], mark("approved by {people}"), mark("{count} not approved")
    )
    return say("; ").join(p for p in (receivers, approvers) if p)
