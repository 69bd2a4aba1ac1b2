"""Staffing verdicts: is a formal civil servant at the window in a session?

The directive's first demand is that every approval window be staffed by a
formal civil servant. A session is judged from who was on duty: the roster
when attendance is not yet known, the attendance once it is recorded.
Everything here is a pure function of its inputs so that a report for a past
week gives the same verdicts every time it is produced.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict

#: Sessions in the order of the day; results and reports list them this way.
SESSION_ORDER: dict[Session, int] = {session: index for index, session in enumerate(Session)}


@dataclass(frozen=True)
class DutyRecord:
    """One person planned or present at a window in one session.

    ``attendance`` is None while only the roster is known: a planned person
    counts as present, because the hall judges the plan before the day is
    over and the attendance sheet may come in later. False means recorded
    absent, and such a record is ignored.
    """

    window_no: str
    day: date
    session: Session
    staff_no: str
    staff_name: str
    category: StaffCategory
    attendance: bool | None

    @property
    def counts_as_present(self) -> bool:
        return self.attendance is not False


@dataclass(frozen=True)
class SessionStaffing:
    window_no: str
    day: date
    session: Session
    verdict: StaffingVerdict
    #: Names of the formal civil servants present.
    formal: tuple[str, ...]
    #: Names of the auxiliary staff present.
    auxiliary: tuple[str, ...]
    #: A supervisor confirmed 挂名 for the session: the roster found it 合规, the verdict is 仅辅助人员.
    nominal_confirmed: bool = False

    @property
    def roster_verdict(self) -> StaffingVerdict:
        """The verdict the roster alone gives, before a confirmed 挂名 overrode it."""
        return StaffingVerdict.COMPLIANT if self.nominal_confirmed else self.verdict

    @property
    def formal_count(self) -> int:
        return len(self.formal)

    @property
    def auxiliary_count(self) -> int:
        return len(self.auxiliary)


def judge(categories_present: Iterable[StaffCategory]) -> StaffingVerdict:
    """Verdict for one window in one session.

    Auxiliary staff may help at a window but never make it compliant on their
    own; who is formal is decided by ``StaffCategory.is_formal`` alone.
    """
    anyone = False
    for category in categories_present:
        if category.is_formal:
            return StaffingVerdict.COMPLIANT
        anyone = True
    return StaffingVerdict.AUXILIARY_ONLY if anyone else StaffingVerdict.UNSTAFFED


def window_sort_key(window_no: str) -> tuple[tuple[int, int | str], ...]:
    """Order window numbers as people read them: "2" before "10", "A2" before "A10"."""
    parts = re.split(r"(\d+)", window_no)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def judge_sessions(
    window_nos: Iterable[str],
    records: Iterable[DutyRecord],
    days: Iterable[date],
) -> list[SessionStaffing]:
    """Judge every given window in both sessions of every given day.

    The caller passes only working days and only windows in service (open or
    under rectification): a closed window or a holiday is not a violation, and
    deciding that needs the calendar and the window states, which live
    elsewhere. A window with no record in a session is judged unstaffed, so
    every window × day × session gets exactly one result. Records for other
    windows or days, and records of absent staff, are ignored; a person listed
    twice in one session is counted once.

    Results are sorted by day, session (上午 before 下午) and window number.
    """
    windows = sorted(set(window_nos), key=window_sort_key)
    wanted_days = sorted(set(days))
    window_set = set(windows)
    day_set = set(wanted_days)

    present: dict[tuple[str, date, Session], dict[str, DutyRecord]] = defaultdict(dict)
    for record in records:
        if not record.counts_as_present:
            continue
        if record.window_no not in window_set or record.day not in day_set:
            continue
        people = present[(record.window_no, record.day, record.session)]
        people.setdefault(record.staff_no, record)

    results: list[SessionStaffing] = []
    for day in wanted_days:
        for session in sorted(Session, key=SESSION_ORDER.__getitem__):
            for window_no in windows:
                people = list(present.get((window_no, day, session), {}).values())
                results.append(
                    SessionStaffing(
                        window_no=window_no,
                        day=day,
                        session=session,
                        verdict=judge(p.category for p in people),
                        formal=tuple(p.staff_name for p in people if p.category.is_formal),
                        auxiliary=tuple(p.staff_name for p in people if not p.category.is_formal),
                    )
                )
    return results
