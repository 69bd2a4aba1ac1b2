"""When the scale hall worked, how busy each day was, and who sat at which window each half day.

The hall's age follows from its size at a busy city hall's pace, about 2,040
cases a working day (2,000 to 5,000 in the field): a million cases are two
years of China's working days, 100,000 ten weeks. So a figure measured on a
busy day or the busiest week is about as large at every size, and what grows
with the hall is its history, which should slow down nothing but the case
table (comparing the two sizes shows what does).

The roster is planned up to 45 days past the last day with cases (as many
days as the hall worked, for a hall younger than that), so that the board
still shows a staffed day when the cached hall is reused weeks later.
Every half day a window has one of its two formal officers and its clerk (or a
relief clerk); a few sessions are left to the clerk alone (the officer marked
absent), nobody (unstaffed), or have the officer present while the clerk does
all the work (what 挂名 looks for): the rules have something to find.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from hallmonitor.bench.layout import Layout, PlannedStaff, PlannedWindow

CASES_PER_DAY = 2040
MIN_DAYS = 10
#: The case files: up to this many rows each, the last one always a tenth of the hall.
CHUNK_ROWS = 100_000
PLANNED_AHEAD = timedelta(days=45)
#: Shares of window sessions that are not simply compliant.
UNSTAFFED, ABSENT, NOMINAL = 0.004, 0.012, 0.003
_WEEKDAY_LOAD = (1.3, 1.1, 1.0, 1.0, 0.85, 0.7, 0.7)


class Duty(Enum):
    COMPLIANT = "compliant"
    #: The officer is rostered but marked absent: the clerk alone.
    ABSENT = "absent"
    #: Nobody rostered.
    UNSTAFFED = "unstaffed"
    #: The officer present, every case handled by the clerk.
    NOMINAL = "nominal"


@dataclass(frozen=True)
class Seat:
    """Who sits at a window in one half day."""

    duty: Duty
    officer: PlannedStaff | None
    #: The window's other formal officer (on its other session that day).
    other: PlannedStaff | None
    clerk: PlannedStaff | None


@dataclass(frozen=True)
class Plan:
    layout: Layout
    #: Working days with a roster, oldest first; the first ``len(counts)`` of them have cases.
    roster_days: tuple[date, ...]
    counts: tuple[int, ...]
    seed: int

    @property
    def case_days(self) -> tuple[date, ...]:
        return self.roster_days[: len(self.counts)]

    @property
    def cases(self) -> int:
        return sum(self.counts)

    @property
    def first_day(self) -> date:
        return self.roster_days[0]

    @property
    def last_day(self) -> date:
        return self.roster_days[len(self.counts) - 1]

    @property
    def final_now(self) -> datetime:
        """The moment the hall's last import is judged at: the evening of its last day with cases."""
        return datetime.combine(self.last_day, time(18, 0))

    @property
    def last_file_rows(self) -> int:
        return max(1, self.cases // 10)

    @property
    def case_files(self) -> int:
        return -(-(self.cases - self.last_file_rows) // CHUNK_ROWS) + 1

    def file_of(self, ordinal: int) -> int:
        """Which case file the hall's ``ordinal``-th case (0-based) is in: files of CHUNK_ROWS, then the last tenth."""
        before_last = self.cases - self.last_file_rows
        return self.case_files - 1 if ordinal >= before_last else ordinal // CHUNK_ROWS

    def seats(self, day_index: int) -> list[tuple[Seat, Seat]]:
        """Morning and afternoon seat of every window on the ``day_index``-th roster day."""
        return [
            (self._seat(day_index, 0, w, window), self._seat(day_index, 1, w, window))
            for w, window in enumerate(self.layout.windows)
        ]

    def _seat(self, day_index: int, session: int, w: int, window: PlannedWindow) -> Seat:
        draw = random.Random(((self.seed * 1_000_003 + day_index) * 2 + session) * 1000 + w).random()
        officer = window.formal[(day_index + session) % 2]
        other = window.formal[(day_index + session + 1) % 2]
        relief = self.layout.relief
        clerk = relief[(w + day_index) % len(relief)] if (w + day_index) % 6 == 0 else window.clerk
        if draw < UNSTAFFED:
            return Seat(Duty.UNSTAFFED, None, other, None)
        if draw < UNSTAFFED + ABSENT:
            return Seat(Duty.ABSENT, officer, other, clerk)
        if draw < UNSTAFFED + ABSENT + NOMINAL:
            return Seat(Duty.NOMINAL, officer, other, clerk)
        return Seat(Duty.COMPLIANT, officer, other, clerk)


def plan_hall(
    layout: Layout, cases: int, today: date, is_workday: Callable[[date], bool], seed: int = 14
) -> Plan:
    """``cases`` cases over the working days before ``today``, at the busy hall's pace."""
    wanted = max(MIN_DAYS, round(cases / CASES_PER_DAY))
    days: list[date] = []
    day = today - timedelta(days=1)
    while len(days) < wanted:
        if is_workday(day):
            days.append(day)
        day -= timedelta(days=1)
    days.reverse()
    ahead: list[date] = []
    day = days[-1] + timedelta(days=1)
    while day <= today + min(PLANNED_AHEAD, timedelta(days=len(days))):
        if is_workday(day):
            ahead.append(day)
        day += timedelta(days=1)
    rng = random.Random(seed)
    weights = []
    for i, day in enumerate(days):
        weight = _WEEKDAY_LOAD[day.weekday()] * rng.uniform(0.8, 1.2)
        if i and (day - days[i - 1]).days > 3:  # the first day after a holiday
            weight *= 1.35
        if (day + timedelta(days=7)).month != day.month:  # the month's last week
            weight *= 1.1
        weights.append(weight)
    return Plan(layout, tuple(days + ahead), _shares(cases, weights), seed)


def _shares(total: int, weights: list[float]) -> tuple[int, ...]:
    """``total`` split in proportion to ``weights``, in whole cases that add up exactly."""
    scale = total / sum(weights)
    counts, carried = [], 0.0
    for weight in weights:
        carried += weight * scale
        counts.append(round(carried) - sum(counts))
    return tuple(counts)


def busiest_day(plan: Plan) -> tuple[date, int]:
    count, day = max(zip(plan.counts, plan.case_days, strict=True))
    return day, count


def busiest_week(plan: Plan) -> tuple[str, int]:
    """The ISO week that received the most cases, as ``2026-W20``, and how many."""
    weeks: dict[str, int] = {}
    for day, count in zip(plan.case_days, plan.counts, strict=True):
        year, week, _ = day.isocalendar()
        key = f"{year}-W{week:02d}"
        weeks[key] = weeks.get(key, 0) + count
    week = max(weeks, key=lambda k: (weeks[k], k))
    return week, weeks[week]
