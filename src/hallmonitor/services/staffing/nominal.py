"""挂名 evidence read from the hall's records: each 合规 session's roster held against its cases.

The domain judges (``domain.nominal``); this module gathers what it judges:
the sessions the roster finds 合规 (``judge_range``), everyone rostered in
them with their attendance, and every case received there with its receiver
and approver, each person by the category they had that day. Cases are read
a month at a time, so a first run over years of records never holds them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.nominal import (
    HandledCase,
    Handler,
    NominalJudgement,
    Officer,
    SessionEvidence,
    judge_session,
    judged_at,
    receipt_session,
)
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.services.hall import HallContext, SettingsTimeline, load_calendar, settings_timeline
from hallmonitor.services.staffing.categories import category_history
from hallmonitor.services.staffing.reviews import ReviewRecord, last_reviews, nominal_reviews
from hallmonitor.services.staffing.verdicts import (
    WindowInfo,
    judged_since,
    judged_with_records,
    windows,
)
from hallmonitor.storage.models import Case, Staff

__all__ = ["NominalEvidence", "NominalSession", "nominal_sessions", "session_evidence"]

#: Days of cases read at a time.
_CHUNK_DAYS = 31

Key = tuple[str, date, Session]


@dataclass(frozen=True, slots=True)
class NominalSession:
    """One 合规 session of a window as the 挂名 rule judged it, and what a supervisor said of it."""

    window_id: int
    department: str
    judgement: NominalJudgement
    #: When the judgement became true (see ``domain.nominal.judged_at``).
    at: datetime
    #: The session's last review by the moment asked for, if any.
    review: ReviewRecord | None = None

    @property
    def suspected(self) -> bool:
        return self.judgement.suspected

    @property
    def key(self) -> str:
        return self.judgement.key

    @property
    def confirmed(self) -> bool:
        return self.review is not None and self.review.confirmed

    @property
    def dismissed(self) -> bool:
        return self.review is not None and not self.review.confirmed


@dataclass(frozen=True, slots=True)
class NominalEvidence:
    """A judged session with everything it was judged on, for an inspector to read case by case."""

    session: NominalSession
    evidence: SessionEvidence


def nominal_sessions(
    ctx: HallContext,
    start: date,
    end: date,
    calendar: WorkCalendar,
    *,
    window_ids: set[int] | None = None,
    until: datetime | None = None,
) -> list[NominalSession]:
    """Every session from ``start`` to ``end`` the roster finds 合规, judged; reviews by ``until``.

    Sessions whose judgement is not yet true at ``until`` are left out.
    """
    return [found.session for found in _judged(ctx, start, end, calendar, window_ids, until)]


def session_evidence(
    ctx: HallContext, window_id: int, sessions: Iterable[tuple[date, Session]]
) -> list[NominalEvidence]:
    """The evidence of some sessions of one window, in time order; a session not 合规 by the roster has none."""
    wanted = set(sessions)
    if not wanted:
        return []
    days = [d for d, _s in wanted]
    found = _judged(ctx, min(days), max(days), load_calendar(ctx), {window_id}, None)
    return [f for f in found if (f.session.judgement.day, f.session.judgement.session) in wanted]


def _judged(
    ctx: HallContext,
    start: date,
    end: date,
    calendar: WorkCalendar,
    window_ids: set[int] | None,
    until: datetime | None,
) -> list[NominalEvidence]:
    known = windows(ctx)
    if window_ids is not None:
        known = [w for w in known if w.id in window_ids]
    first_roster_day, _since = judged_since(ctx)
    if first_roster_day is None or not known:
        return []
    start = max(start, first_roster_day)
    if end < start:
        return []
    reviews = last_reviews(nominal_reviews(ctx, window_ids=window_ids), until)
    timeline = settings_timeline(ctx)
    found: list[NominalEvidence] = []
    first = start
    while first <= end:
        last = min(end, first + timedelta(days=_CHUNK_DAYS - 1))
        found += _judge_chunk(
            ctx, (first, last), calendar, timeline, known, window_ids is not None, reviews, until
        )
        first = last + timedelta(days=1)
    return found


def _judge_chunk(
    ctx: HallContext,
    days: tuple[date, date],
    calendar: WorkCalendar,
    timeline: SettingsTimeline,
    known: list[WindowInfo],
    some_windows: bool,
    reviews: dict[tuple[int, date, Session], ReviewRecord],
    until: datetime | None,
) -> list[NominalEvidence]:
    start, end = days
    numbers = {w.number for w in known}
    by_number = {w.number: w for w in known}
    judged, records = judged_with_records(
        ctx, start, end, calendar, window_numbers=numbers if some_windows else None
    )
    verdicts = [v for v in judged if v.roster_verdict is StaffingVerdict.COMPLIANT and v.window_no in numbers]
    if not verdicts:
        return []
    # Every case asks for its day's session times: looked up once a day, not once a case.
    day_times: dict[date, SessionTimes] = {}

    def times_of(day: date) -> SessionTimes:
        found = day_times.get(day)
        if found is None:
            found = day_times[day] = timeline.at(datetime.combine(day, time.min)).session_times
        return found

    wanted = {
        (v.window_no, v.day, v.session)
        for v in verdicts
        if until is None or judged_at(v.day, v.session, times_of(v.day)) <= until
    }
    officers: dict[Key, dict[str, Officer]] = defaultdict(dict)
    for r in (r for day in records.values() for r in day):
        if (r.window_no, r.day, r.session) in wanted:
            officers[(r.window_no, r.day, r.session)].setdefault(
                r.staff_no, Officer(r.staff_no, r.staff_name, r.category, r.attendance)
            )
    cases, untimed = _cases(ctx, start, end, {w.id: w.number for w in known}, wanted, times_of)
    found = []
    for v in verdicts:
        key = (v.window_no, v.day, v.session)
        if key not in wanted:
            continue
        window = by_number[v.window_no]
        at = judged_at(v.day, v.session, times_of(v.day))
        evidence = SessionEvidence(
            v.window_no,
            v.day,
            v.session,
            StaffingVerdict.COMPLIANT,
            tuple(sorted(officers.get(key, {}).values(), key=lambda o: (not o.formal, o.staff_no))),
            tuple(cases.get(key, ())),
            untimed.get((v.window_no, v.day), 0),
        )
        judgement = judge_session(evidence, threshold=timeline.at(at).nominal_case_threshold)
        review = reviews.get((window.id, v.day, v.session))
        found.append(
            NominalEvidence(NominalSession(window.id, window.department, judgement, at, review), evidence)
        )
    return found


def _cases(
    ctx: HallContext,
    start: date,
    end: date,
    numbers: dict[int, str],
    wanted: set[Key],
    times_of,  # type: ignore[no-untyped-def]
) -> tuple[dict[Key, list[HandledCase]], dict[tuple[str, date], int]]:
    """The cases of the wanted sessions with receiver and approver, and per window and day those without a time."""
    query = (
        select(Case.window_id, Case.case_no, Case.received_at, Case.received_by_id, Case.approved_by_id)
        .where(
            Case.hall_id == ctx.hall_id,
            Case.voided_at.is_(None),
            Case.received_at >= datetime.combine(start, time.min),
            Case.received_at < datetime.combine(end + timedelta(days=1), time.min),
        )
        .order_by(Case.received_at, Case.case_no)
    )
    if len(numbers) < 50:
        query = query.where(Case.window_id.in_(sorted(numbers)))
    grouped: dict[Key, list[HandledCase]] = defaultdict(list)
    untimed: dict[tuple[str, date], int] = defaultdict(int)
    with ctx.db.session() as session:
        staff = {
            sid: (no, name, category)
            for sid, no, name, category in session.execute(
                select(Staff.id, Staff.staff_no, Staff.name, Staff.category).where(
                    Staff.hall_id == ctx.hall_id
                )
            )
        }
        history = category_history(ctx, session)
        handlers: dict[tuple[int, date], Handler] = {}

        def handler(staff_id: int | None, day: date) -> Handler | None:
            if staff_id is None or staff_id not in staff:
                return None
            made = handlers.get((staff_id, day))
            if made is None:
                no, name, category = staff[staff_id]
                had: StaffCategory = history.on(staff_id, day, category)
                made = handlers[(staff_id, day)] = Handler(no, name, had)
            return made

        for window_id, case_no, received, receiver, approver in session.execute(query):
            number = numbers.get(window_id)
            if number is None:
                continue
            day = received.date()
            sess = receipt_session(received, times_of(day))
            if sess is None:
                untimed[(number, day)] += 1
                continue
            key = (number, day, sess)
            if key in wanted:
                grouped[key].append(
                    HandledCase(case_no, received, handler(receiver, day), handler(approver, day))
                )
    return grouped, untimed
