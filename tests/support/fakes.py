"""A tiny Monday–Friday calendar so the rule tests do not depend on the real one.

It honours the same contract as the hall's working calendar: holidays can fall
on weekdays and make-up working days (调休) on weekends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


class FakeCalendar:
    def __init__(self, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day``; ``day`` itself is not counted."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        while n > 0:
            current += ONE_DAY
            if self.is_workday(current):
                n -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end."""
        count = 0
        current = start + ONE_DAY
        while current <= end:
            count += self.is_workday(current)
            current += ONE_DAY
        return count

    def working_days_in(self, start: date, end: date) -> list[date]:
        out: list[date] = []
        current = start
        while current <= end:
            if self.is_workday(current):
                out.append(current)
            current += ONE_DAY
        return out


#: May 2026 as the State Council arranged it: 1, 4 and 5 May are holidays,
#: Saturday 9 May is a make-up working day.
MAY_2026 = FakeCalendar(
    holidays={date(2026, 5, 1), date(2026, 5, 4), date(2026, 5, 5)},
    workdays={date(2026, 5, 9)},
)
