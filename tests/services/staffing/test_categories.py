"""Judging a day by the category each person had that day, not the one they have now."""

from __future__ import annotations

from datetime import date, datetime

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.services.hall_data import change_category
from hallmonitor.services.staffing import board_snapshot, cell_verdict, duty_records, judge_range, load_week
from hallmonitor.services.staffing.roster import CellKey
from tests.support import builders as b

WEEK_BEFORE = [date(2026, 5, d) for d in (6, 7, 8)]  # 4 and 5 May are holidays
WEEK_AFTER = [date(2026, 5, d) for d in (11, 12)]


def _promoted_on_11_may(hall: HallContext) -> tuple[int, int]:
    w = b.window(hall, "5")
    person = b.staff(hall, "P5", "孙青", StaffCategory.CONTRACT_OUTSIDE_QUOTA)
    for day in WEEK_BEFORE + WEEK_AFTER:
        for session in Session:
            b.duty(hall, w, person, day, session)
    change_category(
        hall,
        person,
        StaffCategory.CIVIL_SERVANT,
        "考录入编",
        from_day=date(2026, 5, 11),
        today=date(2026, 5, 12),
    )
    return w, person


def test_the_weeks_before_a_category_change_keep_the_old_category(hall: HallContext) -> None:
    _promoted_on_11_may(hall)
    verdicts = judge_range(hall, date(2026, 5, 6), date(2026, 5, 12), load_calendar(hall))
    by_day = {(v.day, v.session): v.verdict for v in verdicts}
    for day in WEEK_BEFORE:
        assert by_day[(day, Session.MORNING)] is StaffingVerdict.AUXILIARY_ONLY
    for day in WEEK_AFTER:
        assert by_day[(day, Session.AFTERNOON)] is StaffingVerdict.COMPLIANT
    categories = {r.day: r.category for r in duty_records(hall, date(2026, 5, 8), date(2026, 5, 11))}
    assert categories == {
        date(2026, 5, 8): StaffCategory.CONTRACT_OUTSIDE_QUOTA,
        date(2026, 5, 11): StaffCategory.CIVIL_SERVANT,
    }


def test_the_roster_grid_and_the_board_colour_a_past_day_by_the_category_it_had(hall: HallContext) -> None:
    w, _person = _promoted_on_11_may(hall)
    week = load_week(hall, date(2026, 5, 6))
    key = CellKey(w, date(2026, 5, 7), Session.MORNING)
    assert [a.category for a in week.cell(key)] == [StaffCategory.CONTRACT_OUTSIDE_QUOTA]
    assert cell_verdict(week, key, week.cell(key)) is StaffingVerdict.AUXILIARY_ONLY
    past = board_snapshot(hall, datetime(2026, 5, 8, 10, 0))
    assert past.tiles[0].verdict is StaffingVerdict.AUXILIARY_ONLY
    now = board_snapshot(hall, datetime(2026, 5, 12, 10, 0))
    assert now.tiles[0].verdict is StaffingVerdict.COMPLIANT
