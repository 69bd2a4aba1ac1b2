"""The hall's calendar as loaded from the database: official data, imports, and guesses for unknown years."""

from __future__ import annotations

from datetime import date

from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.work_calendar import CalendarOverride, YearStatus
from hallmonitor.services.hall.config import load_calendar, save_overrides
from hallmonitor.services.hall.context import HallContext


def test_a_year_without_official_data_is_guessed_and_says_so(hall: HallContext) -> None:
    calendar = load_calendar(hall, today=date(2026, 12, 1))
    assert calendar.year_status(2027) is YearStatus.GUESSED
    assert not calendar.is_workday(date(2027, 1, 1))  # a Friday, New Year's Day
    warning = calendar.warning_for([2026, 2027])
    assert warning is not None and "2027" in warning and "推测" in warning
    # The official 2026 arrangement is untouched by any guess: 9 May 2026 is a make-up working day.
    assert calendar.is_workday(date(2026, 5, 9))


def test_an_imported_arrangement_replaces_the_guesses(hall: HallContext) -> None:
    save_overrides(
        hall, [CalendarOverride(date(2027, 1, 1), True, "测试：元旦照常上班", CalendarSource.IMPORTED)]
    )
    calendar = load_calendar(hall, today=date(2026, 12, 1))
    assert calendar.year_status(2027) is YearStatus.IMPORTED
    assert calendar.is_workday(date(2027, 1, 1))
    assert calendar.warning_for([2027]) is None
