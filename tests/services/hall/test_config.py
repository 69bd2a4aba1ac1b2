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


def test_saved_settings_take_effect_from_their_moment_and_earlier_moments_keep_theirs(hall) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from datetime import datetime

    from hallmonitor.services.hall import SINCE_EVER, load_settings, save_settings, settings_timeline
    from hallmonitor.services.rules import run_rules

    defaults = load_settings(hall)
    # Nothing judged yet: the settings count from the beginning of the records.
    assert save_settings(hall, replace(defaults, complaint_limit_working_days=4)) == SINCE_EVER
    run_rules(hall, datetime(2026, 5, 11, 9, 0))
    changed = datetime(2026, 5, 12, 9, 0)
    assert save_settings(hall, replace(defaults, complaint_limit_working_days=6), at=changed) == changed
    timeline = settings_timeline(hall)
    assert timeline.at(datetime(2026, 5, 1)).complaint_limit_working_days == 4
    assert timeline.at(datetime(2026, 5, 12, 8, 59)).complaint_limit_working_days == 4
    assert timeline.at(changed).complaint_limit_working_days == 6
    assert timeline.current.complaint_limit_working_days == 6


def test_a_past_year_is_judged_by_the_same_calendar_whenever_the_rules_run(hall: HallContext) -> None:
    """2027's guessed holidays stay guessed when the rules judge 2027 from 2030."""
    then = load_calendar(hall, today=date(2027, 6, 1))
    later = load_calendar(hall, today=date(2030, 6, 1))
    days = [date(2027, 1, 1) + (date(2027, 1, 2) - date(2027, 1, 1)) * n for n in range(365)]
    assert [then.is_workday(d) for d in days] == [later.is_workday(d) for d in days]
    assert later.year_status(2027) is YearStatus.GUESSED
