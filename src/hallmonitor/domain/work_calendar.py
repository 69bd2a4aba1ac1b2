"""Working days by China's official calendar, which never runs out.

The State Council moves days every year: holidays land on weekdays and some
weekends become make-up working days (调休). The chinesecalendar library knows
the published years and raises for any later one, which is how most hall
systems break every January. Here a missing year degrades instead of failing:
a supervisor's imported arrangement counts first, then the library, then
Monday to Friday, and the app says plainly which years are only estimated.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Protocol

from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.texts import say

__all__ = [
    "GUESSES_REVISION",
    "CalendarOverride",
    "ChineseCalendarSource",
    "NoOfficialData",
    "OfficialCalendar",
    "WorkCalendar",
    "YearStatus",
    "guess_overrides",
]

_ONE_DAY = timedelta(days=1)

#: When two overrides name the same day, the one a person is answerable for wins.
_SOURCE_RANK = {
    CalendarSource.GUESSED: 0,
    CalendarSource.OFFICIAL: 1,
    CalendarSource.IMPORTED: 2,
    CalendarSource.MANUAL: 3,
}
#: Sources that publish a whole year's arrangement; a day typed in by hand (a typhoon closure)
#: says nothing about the year's other days, so the year keeps its guesses.
_PUBLISHED = frozenset({CalendarSource.OFFICIAL, CalendarSource.IMPORTED})


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One day whose status a supervisor (or a guess) set, differing from Monday–Friday."""

    day: date
    is_workday: bool
    note: str = ""
    #: Defaults to 手工 because an override nobody labelled was typed in by someone.
    source: CalendarSource = CalendarSource.MANUAL


class YearStatus(StrEnum):
    """Where a year's working days come from; the values are shown to the supervisor."""

    OFFICIAL = "官方数据"
    IMPORTED = "已导入"
    GUESSED = "推测"
    FALLBACK = "周一至周五"

    @property
    def lacks_official_data(self) -> bool:
        return self in (YearStatus.GUESSED, YearStatus.FALLBACK)


class OfficialCalendar(Protocol):
    """A source of published arrangements; it must only be asked about years it covers."""

    def covers(self, year: int) -> bool: ...

    def is_workday(self, day: date) -> bool: ...


class ChineseCalendarSource:
    """The chinesecalendar library, imported on first use to keep start-up fast."""

    #: The library's answers, asked once per process: they are the installed package's, the same
    #: for every calendar, and each calendar a page or a chart loads works out whole years (a
    #: year asked of the library day by day took 10 ms).
    _answers: ClassVar[dict[date, bool]] = {}

    def __init__(self) -> None:
        self._module: Any = None
        self._covered: dict[int, bool] = {}

    def _library(self) -> Any:
        if self._module is None:
            import chinese_calendar

            self._module = chinese_calendar
        return self._module

    def covers(self, year: int) -> bool:
        # The library has no public list of years; it raises NotImplementedError
        # for any date outside them, so probing one date per year is the test.
        known = self._covered.get(year)
        if known is None:
            try:
                self._library().is_workday(date(year, 6, 1))
                known = True
            except NotImplementedError:
                known = False
            self._covered[year] = known
        return known

    def is_workday(self, day: date) -> bool:
        known = self._answers.get(day)
        if known is None:
            known = self._answers[day] = bool(self._library().is_workday(day))
        return known


class NoOfficialData:
    """An official source that knows nothing: for tests and for halls that import everything."""

    def covers(self, year: int) -> bool:
        return False

    def is_workday(self, day: date) -> bool:
        raise NotImplementedError(say("No official data for {year}", year=day.year))


@dataclass(frozen=True, slots=True)
class _Year:
    first_ordinal: int
    #: cumulative[i] = working days from 1 January up to and including day i of the year.
    cumulative: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.cumulative[-1]

    def before(self, index: int) -> int:
        return self.cumulative[index - 1] if index else 0


class WorkCalendar:
    """The hall's working days; immutable, so its per-year tables can be cached freely.

    Precedence for a day: an override from 导入, 手工 or 官方; then the official
    library if it covers the year; then a 推测 override; then Monday to Friday.
    A guess yields to the library so that guesses stored last December stop
    mattering as soon as an updated library publishes the real arrangement.
    """

    def __init__(self, overrides: Iterable[CalendarOverride] = (), official: OfficialCalendar | None = None):
        self._official: OfficialCalendar = official if official is not None else ChineseCalendarSource()
        chosen: dict[date, CalendarOverride] = {}
        # Where a year's days come from counts every source, also one outranked on some day.
        self._sources_by_year: dict[int, set[CalendarSource]] = {}
        for override in overrides:
            current = chosen.get(override.day)
            if current is None or _SOURCE_RANK[override.source] >= _SOURCE_RANK[current.source]:
                chosen[override.day] = override
            self._sources_by_year.setdefault(override.day.year, set()).add(override.source)
        self._overrides = chosen
        self._years: dict[int, _Year] = {}

    @property
    def overrides(self) -> tuple[CalendarOverride, ...]:
        return tuple(sorted(self._overrides.values(), key=lambda o: o.day))

    def with_overrides(self, more: Iterable[CalendarOverride]) -> WorkCalendar:
        """A new calendar with extra overrides, e.g. after an import, sharing the official source."""
        return WorkCalendar([*self._overrides.values(), *more], self._official)

    # --- single days -----------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        table = self._year(day.year)
        index = day.toordinal() - table.first_ordinal
        return table.cumulative[index] != table.before(index)

    def _compute(self, day: date, covered: bool) -> bool:
        override = self._overrides.get(day)
        if override is not None and not (covered and override.source is CalendarSource.GUESSED):
            return override.is_workday
        if covered:
            return self._official.is_workday(day)
        return day.weekday() < 5

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            if not 1 <= year <= 9999:
                raise OverflowError(
                    say("The year {year} is outside the dates that can be worked out", year=year)
                )
            covered = self._official.covers(year)
            first = date(year, 1, 1).toordinal()
            last = date(year, 12, 31).toordinal()
            running = 0
            cumulative: list[int] = []
            for ordinal in range(first, last + 1):
                running += self._compute(date.fromordinal(ordinal), covered)
                cumulative.append(running)
            table = _Year(first, tuple(cumulative))
            self._years[year] = table
        return table

    # --- arithmetic ---------------------------------------------------------------

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day``; ``day`` itself is not counted (期间开始之日不计算在内)."""
        if n < 0:
            raise ValueError(say("A number of working days cannot be negative"))
        if n == 0:
            return day
        year = day.year
        table = self._year(year)
        target = self._through(day) + n
        while target > table.total:
            target -= table.total
            year += 1
            table = self._year(year)
        return date.fromordinal(table.first_ordinal + bisect.bisect_left(table.cumulative, target))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; 0 when end is not after start."""
        if end <= start:
            return 0
        count = -self._through(start)
        for year in range(start.year, end.year):
            count += self._year(year).total
        return count + self._through(end)

    def _through(self, day: date) -> int:
        """Working days from 1 January of ``day``'s year up to and including ``day``."""
        table = self._year(day.year)
        return table.cumulative[day.toordinal() - table.first_ordinal]

    def working_days_in(self, start: date, end: date) -> list[date]:
        """The working days from ``start`` to ``end``, both included."""
        days: list[date] = []
        day = start
        while day <= end:
            if self.is_workday(day):
                days.append(day)
            day += _ONE_DAY
        return days

    # --- where the data comes from -----------------------------------------------------

    def year_status(self, year: int) -> YearStatus:
        if self._official.covers(year):
            return YearStatus.OFFICIAL
        sources = self._sources_by_year.get(year, set())
        if sources & _PUBLISHED:
            return YearStatus.IMPORTED
        if CalendarSource.GUESSED in sources:
            return YearStatus.GUESSED
        return YearStatus.FALLBACK

    def years_lacking_official_data(self, years: Iterable[int]) -> list[int]:
        return sorted({y for y in years if self.year_status(y).lacks_official_data})

    def warning_for(self, years: Iterable[int]) -> str | None:
        """One sentence for the status bar when deadlines rest on estimated working days."""
        lacking = self.years_lacking_official_data(years)
        if not lacking:
            return None
        statuses = {self.year_status(y) for y in lacking}
        if statuses == {YearStatus.GUESSED}:
            basis = say("estimated holidays")
        elif statuses == {YearStatus.FALLBACK}:
            basis = say("Monday to Friday")
        else:
            basis = say("Monday to Friday (or estimated holidays)")
        named = say(", ").join(say("{year}", year=y) for y in lacking)
        return say(
            "The State Council has not published the holiday arrangements for {years}: working days are "
            "counted by {basis} for now. Import the official arrangements in Settings.",
            years=named,
            basis=basis,
        )


#: Raised whenever ``guess_overrides`` changes what it returns for the same package version: a year's
#: guesses kept from an older revision (``services.hall.guessed_holidays``) are then worked out again.
GUESSES_REVISION = 1


def guess_overrides(year: int) -> list[CalendarOverride]:
    """Likely holidays of a year not yet published, from the holidays package.

    The package computes the statutory holidays (lunar dates included) for years
    the State Council has not arranged yet; it cannot know the make-up working
    days, so a guess is only ever 推测 and the app keeps asking for the real
    arrangement. Returns [] rather than raising: a guess is a convenience.
    """
    try:
        import holidays

        known = holidays.country_holidays("CN", years=year, language="zh_CN")
        days = sorted(known.items())
        make_up = sorted(getattr(known, "weekend_workdays", ()))
    except Exception:  # any failure of an optional estimate means "no estimate"
        return []
    guesses = [
        CalendarOverride(day, False, name, CalendarSource.GUESSED)
        for day, name in days
        if day.year == year and day.weekday() < 5
    ]
    # For published years the package also knows the make-up days; keep them.
    guesses += [
        CalendarOverride(day, True, "调休上班", CalendarSource.GUESSED)
        for day in make_up
        if day.year == year and day.weekday() >= 5
    ]
    return sorted(guesses, key=lambda o: o.day)
