from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.work_calendar import (
    CalendarOverride,
    ChineseCalendarSource,
    NoOfficialData,
    WorkCalendar,
    YearStatus,
    guess_overrides,
)

# One calendar per module: the per-year tables are what makes the properties fast.
REAL = WorkCalendar()
PLAIN = WorkCalendar(official=NoOfficialData())


class CoversNothing:
    """A stub official source, as the brief's Monday–Friday case asks for."""

    def covers(self, year: int) -> bool:
        return False

    def is_workday(self, day: date) -> bool:  # pragma: no cover - must never be called
        raise AssertionError("asked about a year it does not cover")


# --- the real 2026 arrangement ---------------------------------------------------


def test_chinesecalendar_agrees_on_may_2026():
    import chinese_calendar

    for day in (1, 2, 3, 4, 5):
        assert not chinese_calendar.is_workday(date(2026, 5, day))
    assert chinese_calendar.is_workday(date(2026, 5, 9))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 30), True),
        (date(2026, 5, 1), False),  # Labour Day, a Friday
        (date(2026, 5, 2), False),
        (date(2026, 5, 3), False),
        (date(2026, 5, 4), False),  # Monday, holiday
        (date(2026, 5, 5), False),  # Tuesday, holiday
        (date(2026, 5, 6), True),
        (date(2026, 5, 9), True),  # Saturday, make-up working day
        (date(2026, 5, 10), False),
        (date(2026, 1, 1), False),
        (date(2026, 1, 4), True),  # Sunday, make-up working day for New Year
        (date(2026, 2, 14), True),  # Saturday before the Spring Festival
        (date(2026, 2, 16), False),
        (date(2026, 2, 20), False),
        (date(2026, 2, 23), False),  # Monday, last day of the Spring Festival break
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday after it
        (date(2026, 10, 1), False),
        (date(2026, 10, 10), True),
    ],
)
def test_official_2026_days(day, working):
    assert REAL.is_workday(day) is working


def test_spring_festival_2026_runs_nine_days():
    off = [date(2026, 2, 15) + timedelta(days=i) for i in range(9)]
    assert not any(REAL.is_workday(d) for d in off)
    assert REAL.working_days_in(date(2026, 2, 14), date(2026, 2, 28)) == [
        date(2026, 2, 14),
        *(date(2026, 2, d) for d in (24, 25, 26, 27, 28)),
    ]


def test_arithmetic_over_may_2026():
    assert REAL.next_working_day(date(2026, 4, 30)) == date(2026, 5, 6)
    assert REAL.add_working_days(date(2026, 4, 30), 3) == date(2026, 5, 8)
    assert REAL.add_working_days(date(2026, 5, 8), 1) == date(2026, 5, 9)
    assert REAL.add_working_days(date(2026, 5, 9), 1) == date(2026, 5, 11)
    assert REAL.add_working_days(date(2026, 5, 2), 0) == date(2026, 5, 2)
    assert REAL.working_days_between(date(2026, 4, 30), date(2026, 5, 11)) == 5
    assert REAL.working_days_between(date(2026, 5, 11), date(2026, 4, 30)) == 0
    assert REAL.working_days_between(date(2026, 5, 6), date(2026, 5, 6)) == 0
    assert REAL.working_days_in(date(2026, 4, 30), date(2026, 5, 11)) == [
        date(2026, 4, 30),
        date(2026, 5, 6),
        date(2026, 5, 7),
        date(2026, 5, 8),
        date(2026, 5, 9),
        date(2026, 5, 11),
    ]
    assert REAL.working_days_in(date(2026, 5, 1), date(2026, 5, 5)) == []


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        REAL.add_working_days(date(2026, 5, 6), -1)


# --- years without official data ----------------------------------------------------


def test_2027_does_not_raise_and_follows_monday_to_friday():
    assert REAL.year_status(2027) is YearStatus.FALLBACK
    monday = date(2027, 1, 4)
    week = [monday + timedelta(days=i) for i in range(7)]
    assert [REAL.is_workday(d) for d in week] == [True] * 5 + [False] * 2
    assert REAL.is_workday(date(2027, 1, 1))  # a Friday: unknown holidays are working days
    assert REAL.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert REAL.working_days_between(date(2026, 12, 25), date(2027, 1, 8)) == 10


def test_far_years_work_on_both_sides():
    assert REAL.year_status(1990) is YearStatus.FALLBACK
    assert REAL.is_workday(date(2100, 3, 1))
    assert REAL.working_days_between(date(1999, 12, 31), date(2000, 1, 7)) == 5


def test_chinese_calendar_source_covers_published_years_only():
    source = ChineseCalendarSource()
    assert source.covers(2026)
    assert source.covers(2004)
    assert not source.covers(2027)
    assert not source.covers(2003)


def test_override_wins_and_marks_the_year_imported():
    new_year = CalendarOverride(date(2027, 1, 1), False, "元旦", CalendarSource.IMPORTED)
    calendar = WorkCalendar([new_year])
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.year_status(2027) is YearStatus.IMPORTED
    assert calendar.warning_for([2027]) is None
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_a_day_typed_in_by_hand_does_not_make_an_unpublished_year_known():
    typhoon = CalendarOverride(date(2027, 3, 3), False, "台风停止办公", CalendarSource.MANUAL)
    calendar = WorkCalendar([typhoon])
    assert calendar.year_status(2027) is YearStatus.FALLBACK
    assert calendar.warning_for([2027]) is not None
    # With the year's guesses added, the hand-typed day still wins over them.
    guessed = CalendarOverride(date(2027, 3, 3), True, "推测", CalendarSource.GUESSED)
    with_guesses = calendar.with_overrides([guessed])
    assert with_guesses.year_status(2027) is YearStatus.GUESSED
    assert not with_guesses.is_workday(date(2027, 3, 3))


def test_override_wins_over_official_data():
    # A hall closed for a typhoon on an official working day, and opened on a holiday.
    closed = CalendarOverride(date(2026, 5, 6), False, "台风停止办公", CalendarSource.MANUAL)
    opened = CalendarOverride(date(2026, 5, 4), True, "", CalendarSource.IMPORTED)
    calendar = WorkCalendar([closed, opened])
    assert not calendar.is_workday(date(2026, 5, 6))
    assert calendar.is_workday(date(2026, 5, 4))
    assert calendar.year_status(2026) is YearStatus.OFFICIAL


def test_guess_yields_to_official_data_but_not_to_monday_to_friday():
    guessed_2026 = CalendarOverride(date(2026, 5, 6), False, "", CalendarSource.GUESSED)
    guessed_2027 = CalendarOverride(date(2027, 5, 3), False, "", CalendarSource.GUESSED)
    calendar = WorkCalendar([guessed_2026, guessed_2027])
    assert calendar.is_workday(date(2026, 5, 6))
    assert not calendar.is_workday(date(2027, 5, 3))
    assert calendar.year_status(2027) is YearStatus.GUESSED


def test_person_entered_override_beats_a_guess_for_the_same_day():
    day = date(2027, 5, 3)
    guess = CalendarOverride(day, False, "", CalendarSource.GUESSED)
    imported = CalendarOverride(day, True, "", CalendarSource.IMPORTED)
    for order in ([guess, imported], [imported, guess]):
        calendar = WorkCalendar(order)
        assert calendar.is_workday(day)
        assert calendar.overrides == (imported,)


def test_override_positional_order_matches_storage_rows():
    override = CalendarOverride(date(2027, 1, 1), False, "元旦", CalendarSource.IMPORTED)
    assert (override.day, override.is_workday, override.note, override.source) == (
        date(2027, 1, 1),
        False,
        "元旦",
        CalendarSource.IMPORTED,
    )
    assert CalendarOverride(date(2027, 1, 1), False).source is CalendarSource.MANUAL


def test_with_overrides_returns_a_new_calendar():
    extra = CalendarOverride(date(2027, 1, 1), False, "元旦", CalendarSource.IMPORTED)
    updated = REAL.with_overrides([extra])
    assert not updated.is_workday(date(2027, 1, 1))
    assert REAL.is_workday(date(2027, 1, 1))


# --- warnings -----------------------------------------------------------------------


def test_warning_for_years():
    assert REAL.warning_for([2026]) is None
    assert REAL.warning_for([]) is None
    warning = REAL.warning_for([2026, 2027])
    assert warning is not None
    assert "2027年" in warning
    assert "2026" not in warning
    assert "请在设置中导入官方安排" in warning
    assert "周一至周五" in warning


def test_warning_names_every_lacking_year_once_in_order():
    warning = REAL.warning_for([2028, 2027, 2028, 2026])
    assert warning is not None
    assert warning.startswith("2027年、2028年尚无国务院公布的节假日安排")
    assert REAL.years_lacking_official_data([2028, 2026, 2027, 2027]) == [2027, 2028]


def test_warning_mentions_guesses():
    calendar = WorkCalendar(guess_overrides(2027))
    assert calendar.year_status(2027) is YearStatus.GUESSED
    assert "推测" in (calendar.warning_for([2027]) or "")
    assert "或推测数据" in (calendar.warning_for([2027, 2028]) or "")


# --- guesses from the holidays package ---------------------------------------------------


def test_guess_overrides_for_2027():
    guesses = guess_overrides(2027)
    assert guesses
    assert all(g.source is CalendarSource.GUESSED for g in guesses)
    assert all(g.day.year == 2027 for g in guesses)
    assert all(g.day.weekday() < 5 for g in guesses if not g.is_workday)
    assert [g.day for g in guesses] == sorted(g.day for g in guesses)
    assert CalendarOverride(date(2027, 1, 1), False, "元旦", CalendarSource.GUESSED) in guesses
    labour_day = date(2027, 5, 3)  # Monday after 1 May 2027, a Saturday
    assert any(g.day == labour_day and not g.is_workday for g in guesses)


def test_guess_overrides_for_a_published_year_agree_with_chinesecalendar():
    calendar = WorkCalendar(guess_overrides(2026), official=NoOfficialData())
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert calendar.is_workday(day) is REAL.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", [1900, 2300, 9999])
def test_guess_overrides_never_raise(year):
    assert guess_overrides(year) == []


def test_guess_overrides_survive_a_broken_package(monkeypatch):
    import holidays

    def broken(*args, **kwargs):
        raise NotImplementedError("no data")

    monkeypatch.setattr(holidays, "country_holidays", broken)
    assert guess_overrides(2027) == []


# --- properties -----------------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=150)


@settings(deadline=None)
@given(days, st.integers(min_value=1, max_value=150))
def test_result_is_a_working_day(day, n):
    assert REAL.is_workday(REAL.add_working_days(day, n))


@settings(deadline=None)
@given(days, counts)
def test_between_inverts_add(day, n):
    assert REAL.working_days_between(day, REAL.add_working_days(day, n)) == n


@settings(deadline=None)
@given(days, counts, counts)
def test_add_is_monotonic(day, a, b):
    low, high = sorted((a, b))
    assert REAL.add_working_days(day, low) <= REAL.add_working_days(day, high)
    if low < high:
        assert REAL.add_working_days(day, low) < REAL.add_working_days(day, high)


@settings(deadline=None)
@given(days, days)
def test_in_and_between_agree(start, end):
    listed = REAL.working_days_in(start, end)
    assert all(REAL.is_workday(d) for d in listed)
    if end > start:
        assert len(listed) - REAL.is_workday(start) == REAL.working_days_between(start, end)


def _brute_count(start: date, end: date) -> int:
    day, count = start + timedelta(days=1), 0
    while day <= end:
        count += day.weekday() < 5
        day += timedelta(days=1)
    return count


def _brute_add(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


STUB = WorkCalendar(official=CoversNothing())


@settings(deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), counts, counts)
def test_plain_calendar_matches_brute_force(day, n, span):
    other = day + timedelta(days=span * 3 - 150)
    assert STUB.add_working_days(day, n) == _brute_add(day, n)
    assert STUB.working_days_between(day, other) == _brute_count(day, other)
    assert STUB.year_status(day.year) is YearStatus.FALLBACK


@settings(deadline=None)
@given(st.lists(st.tuples(days, st.booleans()), max_size=30), days, counts)
def test_overrides_match_brute_force(flips, day, n):
    overrides = [CalendarOverride(d, w, "", CalendarSource.IMPORTED) for d, w in flips]
    calendar = WorkCalendar(overrides, official=NoOfficialData())
    chosen = {o.day: o.is_workday for o in overrides}

    def working(d: date) -> bool:
        return chosen.get(d, d.weekday() < 5)

    expected, left = day, n
    while left:
        expected += timedelta(days=1)
        left -= working(expected)
    assert calendar.add_working_days(day, n) == expected


def test_ranges_of_years_ask_the_official_source_once_per_day():
    """Arithmetic over years stays cheap because each day is looked up once, then counted from a table."""

    class CountingSource:
        def __init__(self) -> None:
            self.inner = ChineseCalendarSource()
            self.asked: list[date] = []

        def covers(self, year: int) -> bool:
            return self.inner.covers(year)

        def is_workday(self, day: date) -> bool:
            self.asked.append(day)
            return self.inner.is_workday(day)

    source = CountingSource()
    calendar = WorkCalendar(official=source)
    for offset in range(0, 1500, 3):
        day = date(2024, 1, 1) + timedelta(days=offset)
        calendar.add_working_days(day, 20)
        calendar.working_days_between(day, day + timedelta(days=400))
    assert len(source.asked) == len(set(source.asked))
    assert len(source.asked) <= (date(2029, 1, 1) - date(2024, 1, 1)).days
