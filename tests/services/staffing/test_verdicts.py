"""Verdicts from real roster rows: working days only, in-service windows by their state on each day."""

from __future__ import annotations

from datetime import date, datetime

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict, WindowState
from hallmonitor.services.hall import HallContext, load_calendar
from hallmonitor.services.staffing.verdicts import judge_range
from hallmonitor.storage.models import Window, WindowStateChange
from tests.support import builders as b


def test_verdicts_cover_working_days_only_including_a_make_up_saturday(hall: HallContext) -> None:
    w = b.window(hall, "1")
    formal = b.staff(hall, "F1", "王科长", StaffCategory.CIVIL_SERVANT)
    aux = b.staff(hall, "A1", "李协理", StaffCategory.THIRD_PARTY)
    b.duty(hall, w, formal, date(2026, 5, 6), Session.MORNING)
    b.duty(hall, w, aux, date(2026, 5, 6), Session.AFTERNOON)
    b.duty(hall, w, formal, date(2026, 5, 6), Session.AFTERNOON, attendance=False)
    verdicts = judge_range(hall, date(2026, 5, 4), date(2026, 5, 10), load_calendar(hall))
    # 4-5 May are holidays, 9 May (Saturday) is a make-up working day, 10 May a Sunday.
    assert sorted({v.day for v in verdicts}) == [date(2026, 5, d) for d in (6, 7, 8, 9)]
    by_key = {(v.day, v.session): v for v in verdicts}
    assert by_key[(date(2026, 5, 6), Session.MORNING)].verdict is StaffingVerdict.COMPLIANT
    afternoon = by_key[(date(2026, 5, 6), Session.AFTERNOON)]
    assert afternoon.verdict is StaffingVerdict.AUXILIARY_ONLY
    assert afternoon.auxiliary == ("李协理",)
    assert by_key[(date(2026, 5, 9), Session.MORNING)].verdict is StaffingVerdict.UNSTAFFED


def test_a_window_closed_later_is_still_judged_in_the_sessions_that_began_while_it_was_open(
    hall: HallContext,
) -> None:
    w = b.window(hall, "1")
    formal = b.staff(hall, "F1", "王科长", StaffCategory.CIVIL_SERVANT)
    b.duty(hall, w, formal, date(2026, 5, 11), Session.MORNING)
    with hall.db.session() as s:
        window = s.get(Window, w)
        assert window is not None
        window.state = WindowState.CLOSED
        s.add(
            WindowStateChange(
                window_id=w,
                at=datetime(2026, 5, 13, 10, 0),
                from_state=WindowState.OPEN,
                to_state=WindowState.CLOSED,
                actor="监管员",
                note="整改不到位",
            )
        )
    verdicts = judge_range(hall, date(2026, 5, 11), date(2026, 5, 14), load_calendar(hall))
    # Closed at 10:00 on the 13th: that morning had begun with the window open, the afternoon had not.
    assert [(v.day.day, v.session) for v in verdicts] == [
        (11, Session.MORNING),
        (11, Session.AFTERNOON),
        (12, Session.MORNING),
        (12, Session.AFTERNOON),
        (13, Session.MORNING),
    ]


def test_days_before_the_first_roster_are_not_judged(hall: HallContext) -> None:
    b.window(hall, "1")
    assert judge_range(hall, date(2026, 5, 11), date(2026, 5, 15), load_calendar(hall)) == []
