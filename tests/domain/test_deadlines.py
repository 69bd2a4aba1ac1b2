from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.deadlines import (
    DeadlineReport,
    assess_case,
    assess_complaint,
    complaint_due,
    due_date,
)
from hallmonitor.domain.enums import CaseType, DeadlineState
from hallmonitor.domain.work_calendar import WorkCalendar

CAL = WorkCalendar()
PROMISED = CaseType.PROMISED
IMMEDIATE = CaseType.IMMEDIATE


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def assess(accepted, promised_days=3, *, completed=None, as_of, periods=(), case_type=PROMISED):
    return assess_case(
        CAL,
        accepted=accepted,
        case_type=case_type,
        promised_days=promised_days,
        completed=completed,
        as_of=as_of,
        special_periods=periods,
    )


# --- due dates around the May 2026 holiday ---------------------------------------------


def test_three_days_from_the_eve_of_labour_day():
    # 1–5 May are holidays, so the working days after Thu 30 April are Wed 6, Thu 7, Fri 8.
    assert due_date(CAL, d(4, 30), PROMISED, 3) == d(5, 8)


def test_one_day_from_friday_lands_on_the_make_up_saturday():
    assert due_date(CAL, d(5, 8), PROMISED, 1) == d(5, 9)


def test_acceptance_on_a_holiday():
    assert due_date(CAL, d(5, 2), PROMISED, 1) == d(5, 6)
    assert due_date(CAL, d(5, 2), PROMISED, 5) == d(5, 11)


def test_zero_promised_days_is_due_on_acceptance():
    assert due_date(CAL, d(5, 6), PROMISED, 0) == d(5, 6)


def test_immediate_case_is_due_the_day_it_is_accepted():
    assert due_date(CAL, d(5, 6), IMMEDIATE, 0) == d(5, 6)
    assert due_date(CAL, d(5, 6), IMMEDIATE, 20) == d(5, 6)  # a stray limit is ignored
    assert due_date(CAL, d(5, 2), IMMEDIATE, 0) == d(5, 2)  # accepted at a holiday service


def test_spring_festival_2026():
    # Fri 13 Feb + 2 working days: Sat 14 (make-up), then the break to 23 Feb, then Tue 24.
    assert due_date(CAL, d(2, 13), PROMISED, 2) == d(2, 24)


def test_unpublished_year_counts_monday_to_friday():
    assert due_date(CAL, date(2026, 12, 30), PROMISED, 3) == date(2027, 1, 4)


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        due_date(CAL, d(5, 6), PROMISED, -1)


# --- special procedures -------------------------------------------------------------------

# Five working days from Mon 1 June 2026: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8.
JUNE_1 = d(6, 1)


def test_special_procedure_shifts_the_deadline():
    assert due_date(CAL, JUNE_1, PROMISED, 5) == d(6, 8)
    # Wed 3 and Thu 4 do not count: Tue 2, Fri 5, Mon 8, Tue 9, Wed 10.
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 3), d(6, 4))]) == d(6, 10)


def test_special_procedure_over_a_weekend_moves_nothing():
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 6), d(6, 7))]) == d(6, 8)


def test_special_procedure_before_acceptance_moves_nothing():
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(5, 20), d(6, 1))]) == d(6, 8)


def test_special_procedure_spanning_acceptance_counts_only_after_it():
    # 28 May to 2 June: only Tue 2 is lost, so the deadline moves one working day.
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(5, 28), d(6, 2))]) == d(6, 9)


def test_overlapping_periods_are_not_taken_off_twice():
    once = due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 3), d(6, 5))])
    twice = due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 3), d(6, 4)), (d(6, 4), d(6, 5)), (d(6, 3), d(6, 3))])
    assert once == twice == d(6, 11)


def test_special_procedure_after_the_deadline_moves_nothing():
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 9), d(6, 12))]) == d(6, 8)


def test_running_special_procedure_leaves_no_due_date():
    assert due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 3), None)]) is None
    report = assess(JUNE_1, 5, as_of=d(6, 30), periods=[(d(6, 3), None)])
    assert report == DeadlineReport(None, DeadlineState.ON_TIME, 1, 29, 0)


def test_running_special_procedure_started_after_the_deadline():
    report = assess(JUNE_1, 5, as_of=d(6, 12), periods=[(d(6, 10), None)])
    assert report.due == d(6, 8)
    assert report.state is DeadlineState.OVERDUE
    assert report.overdue_working_days == 1  # Tue 9; the clock stopped from Wed 10


def test_special_days_are_not_used_time():
    report = assess(JUNE_1, 5, completed=d(6, 10), as_of=d(6, 30), periods=[(d(6, 3), d(6, 4))])
    assert report == DeadlineReport(d(6, 10), DeadlineState.ON_TIME, 5, 9, 0)


def test_backwards_period_is_refused():
    with pytest.raises(ValueError, match="早于开始日期"):
        due_date(CAL, JUNE_1, PROMISED, 5, [(d(6, 5), d(6, 3))])


# --- states --------------------------------------------------------------------------------


def test_before_the_due_day_is_on_time():
    report = assess(d(4, 30), as_of=d(5, 7))
    assert report == DeadlineReport(d(5, 8), DeadlineState.ON_TIME, 2, 7, 0)


def test_due_today_is_yellow():
    report = assess(d(4, 30), as_of=d(5, 8))
    assert report == DeadlineReport(d(5, 8), DeadlineState.DUE_TODAY, 3, 8, 0)


def test_unfinished_after_the_due_day_is_red():
    report = assess(d(4, 30), as_of=d(5, 11))
    # Sat 9 (make-up) and Mon 11 are overdue working days; Sun 10 is not.
    assert report == DeadlineReport(d(5, 8), DeadlineState.OVERDUE, 5, 11, 2)


def test_finished_on_the_due_day_is_on_time():
    report = assess(d(4, 30), completed=d(5, 8), as_of=d(5, 20))
    assert report == DeadlineReport(d(5, 8), DeadlineState.ON_TIME, 3, 8, 0)


def test_finished_late_is_red_and_keeps_its_numbers():
    report = assess(d(4, 30), completed=d(5, 11), as_of=d(6, 30))
    assert report == DeadlineReport(d(5, 8), DeadlineState.OVERDUE, 5, 11, 2)


def test_finished_on_a_rest_day_after_the_due_day_is_late():
    report = assess(d(5, 7), 1, completed=d(5, 10), as_of=d(5, 20))
    assert report.due == d(5, 8)
    assert report.state is DeadlineState.OVERDUE
    assert report.overdue_working_days == 1  # Sat 9 is a make-up working day
    report = assess(d(5, 8), 1, completed=d(5, 10), as_of=d(5, 20))
    assert (report.state, report.overdue_working_days) == (DeadlineState.OVERDUE, 0)


def test_completion_after_as_of_is_not_yet_known():
    report = assess(d(4, 30), completed=d(5, 11), as_of=d(5, 8))
    assert report.state is DeadlineState.DUE_TODAY
    assert report.working_days_used == 3


def test_as_of_before_acceptance():
    report = assess(d(4, 30), as_of=d(4, 1))
    assert report == DeadlineReport(d(5, 8), DeadlineState.ON_TIME, 0, 0, 0)


def test_completion_before_acceptance_is_refused():
    with pytest.raises(ValueError, match="早于受理日期"):
        assess(d(4, 30), completed=d(4, 29), as_of=d(5, 8))


def test_immediate_case_states():
    accepted = d(5, 8)
    same_day = assess(accepted, 0, case_type=IMMEDIATE, completed=accepted, as_of=d(5, 20))
    assert same_day == DeadlineReport(accepted, DeadlineState.ON_TIME, 0, 0, 0)
    waiting = assess(accepted, 0, case_type=IMMEDIATE, as_of=accepted)
    assert waiting.state is DeadlineState.DUE_TODAY
    next_day = assess(accepted, 0, case_type=IMMEDIATE, completed=d(5, 9), as_of=d(5, 20))
    assert next_day == DeadlineReport(accepted, DeadlineState.OVERDUE, 1, 1, 1)


# --- complaints ---------------------------------------------------------------------------------


def test_complaint_due():
    assert complaint_due(CAL, d(4, 30), 2) == d(5, 7)
    assert complaint_due(CAL, d(5, 2), 0) == d(5, 2)
    with pytest.raises(ValueError, match="不能为负数"):
        complaint_due(CAL, d(4, 30), -1)


def test_assess_complaint():
    late = assess_complaint(CAL, received=d(4, 30), limit_working_days=2, answered=d(5, 8), as_of=d(5, 20))
    assert late == DeadlineReport(d(5, 7), DeadlineState.OVERDUE, 3, 8, 1)
    open_ = assess_complaint(CAL, received=d(4, 30), limit_working_days=2, answered=None, as_of=d(5, 7))
    assert open_.state is DeadlineState.DUE_TODAY
    with pytest.raises(ValueError):
        assess_complaint(CAL, received=d(4, 30), limit_working_days=-2, answered=None, as_of=d(5, 7))


# --- properties ----------------------------------------------------------------------------------

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
limits = st.integers(min_value=0, max_value=60)


@st.composite
def periods(draw, around: date | None = None):
    start = draw(days) if around is None else around + timedelta(days=draw(st.integers(-20, 90)))
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40)))
    return (start, None if length is None else start + timedelta(days=length))


def _key(due: date | None) -> date:
    return date.max if due is None else due


@settings(deadline=None)
@given(days, st.sampled_from(CaseType), limits)
def test_due_never_before_acceptance(accepted, case_type, n):
    due = due_date(CAL, accepted, case_type, n)
    assert due is not None
    assert due >= accepted


@settings(deadline=None)
@given(days, limits, limits)
def test_more_days_never_earlier(accepted, a, b):
    low, high = sorted((a, b))
    assert _key(due_date(CAL, accepted, PROMISED, low)) <= _key(due_date(CAL, accepted, PROMISED, high))


@settings(deadline=None)
@given(st.data(), days, limits)
def test_adding_a_special_period_never_moves_the_due_date_earlier(data, accepted, n):
    existing = data.draw(st.lists(periods(accepted), max_size=3))
    extra = data.draw(periods(accepted))
    before = due_date(CAL, accepted, PROMISED, n, existing)
    after = due_date(CAL, accepted, PROMISED, n, [*existing, extra])
    assert _key(after) >= _key(before)


@settings(deadline=None)
@given(st.data(), days, st.integers(min_value=1, max_value=60))
def test_due_is_the_nth_counted_working_day(data, accepted, n):
    spans = data.draw(st.lists(periods(accepted), max_size=3))
    due = due_date(CAL, accepted, PROMISED, n, spans)

    def stopped(day: date) -> bool:
        return any(s <= day and (e is None or day <= e) for s, e in spans)

    if due is None:
        assert any(e is None for _, e in spans)
        return
    counted = [x for x in CAL.working_days_in(accepted + timedelta(days=1), due) if not stopped(x)]
    assert len(counted) == n
    assert counted[-1] == due


@settings(deadline=None)
@given(
    st.data(),
    days,
    st.sampled_from(CaseType),
    limits,
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=120),
    st.booleans(),
)
def test_report_is_consistent(data, accepted, case_type, n, done_after, look_after, done):
    spans = data.draw(st.lists(periods(accepted), max_size=2))
    completed = accepted + timedelta(days=done_after) if done else None
    as_of = accepted + timedelta(days=look_after)
    report = assess(accepted, n, case_type=case_type, completed=completed, as_of=as_of, periods=spans)
    limit = 0 if case_type is IMMEDIATE else n
    finished = completed is not None and completed <= as_of
    end = completed if finished else as_of
    assert report.calendar_days_used == (end - accepted).days
    assert 0 <= report.working_days_used <= CAL.working_days_between(accepted, end)
    if not spans:
        assert report.working_days_used == CAL.working_days_between(accepted, end)
    if report.state is DeadlineState.DUE_TODAY:
        assert not finished
        assert report.due == as_of
    if report.state is DeadlineState.OVERDUE:
        assert report.due is not None
        assert end > report.due
        assert report.overdue_working_days == report.working_days_used - limit
    else:
        assert report.overdue_working_days == 0
        if report.due is not None:
            assert report.working_days_used <= limit
