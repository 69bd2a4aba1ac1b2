from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from hallmonitor.domain.enums import CaseStatus, FlagState, Session
from hallmonitor.domain.indicators import CaseFacts, ItemFacts, compute_indicators
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.services.hall import load_calendar
from hallmonitor.services.statistics.figures import (
    cases_per_window,
    daily_cases,
    front_shop_by_department,
    indicators,
    weekly_compliance,
)
from hallmonitor.storage.models import Case, FrontShopFlag, Item, RosterEntry
from tests.support.case_seed import bulk_cases, seed_hall

FIRST = date(2026, 4, 1)
START, END = date(2026, 4, 6), date(2026, 4, 20)


@pytest.fixture
def seeded(hall):
    seeded = seed_hall(hall)
    bulk_cases(hall, seeded, 700, first_day=FIRST, days=30)
    return seeded


def _cases(hall) -> list[Case]:
    with hall.db.session() as s:
        return list(s.scalars(select(Case)).all())


def _in_range(c: Case) -> bool:
    return START <= c.received_at.date() <= END


def test_cases_per_window_counts_every_window(hall, seeded):
    cases = [c for c in _cases(hall) if _in_range(c)]
    got = {c.label: c.count for c in cases_per_window(hall, START, END)}
    by_id = Counter(c.window_id for c in cases)
    assert got == {number: by_id.get(wid, 0) for number, wid in seeded.windows.items()}
    assert got["03"] == 0 and sum(got.values()) == len(cases)


def test_daily_cases_fill_quiet_days(hall, seeded):
    cases = _cases(hall)
    start, end = date(2026, 3, 30), date(2026, 4, 3)  # two days before the first case
    got = daily_cases(hall, start, end)
    assert [d.day for d in got] == [start + timedelta(days=n) for n in range(5)]
    by_day = Counter(c.received_at.date() for c in cases)
    assert [d.count for d in got] == [by_day.get(d.day, 0) for d in got]
    assert got[0].count == 0 and got[-1].count > 0


def test_front_shop_rate_by_department_ignores_dismissed_flags(hall, seeded):
    with hall.db.session() as s:
        some_flag = s.scalars(select(FrontShopFlag).order_by(FrontShopFlag.id)).first()
        some_flag.state = FlagState.DISMISSED
        flags = {f.case_id: f.state for f in s.scalars(select(FrontShopFlag))}
        dept_of_item = {i.id: i.department_id for i in s.scalars(select(Item))}
    names = {v: k for k, v in seeded.departments.items()}
    expected: dict[str, list[int]] = {}
    for c in _cases(hall):
        if _in_range(c):
            entry = expected.setdefault(names[dept_of_item[c.item_id]], [0, 0])
            entry[0] += 1
            entry[1] += flags.get(c.id) in (FlagState.PENDING, FlagState.CONFIRMED)
    got = {d.department: [d.cases, d.flagged] for d in front_shop_by_department(hall, START, END)}
    assert got == expected
    assert all(0 < d.rate < 1 for d in front_shop_by_department(hall, START, END))


def test_indicators_match_the_domain_on_all_cases(hall, seeded):
    with hall.db.session() as s:
        items = {i.id: i for i in s.scalars(select(Item))}
        item_facts = [ItemFacts(i.code, i.admitted, i.window_may_approve) for i in items.values()]
    facts = [
        CaseFacts(
            case_no=c.case_no,
            item_category=items[c.item_id].category,
            bundle_key=c.bundle_key,
            accepted=c.received_at.date(),
            completed=c.completed_at.date() if c.completed_at else None,
            trips=c.trips,
            finished_ok=c.status is CaseStatus.COMPLETED,
        )
        for c in _cases(hall)
        if _in_range(c)
    ]
    expected = compute_indicators(facts, item_facts, load_calendar(hall), RuleSettings())
    got = indicators(hall, START, END)
    assert [r.key for r in got] == [r.key for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert (
            mine.actual == pytest.approx(theirs.actual) if theirs.actual is not None else mine.actual is None
        )
        assert (mine.sample_count, mine.met_count) == (theirs.sample_count, theirs.met_count)
    by_key = {r.key: r for r in got}
    assert by_key["admitted_rate"].actual == pytest.approx(2 / 3)
    assert by_key["real_estate"].sample_count > 0


def test_weekly_compliance_from_the_roster(hall, seeded):
    w1, w2 = seeded.windows["01"], seeded.windows["02"]
    formal_a, formal_b, aux = seeded.staff["G001"], seeded.staff["G002"], seeded.staff["F001"]
    rows = []
    for monday in (date(2026, 5, 11), date(2026, 5, 18)):
        for offset in range(5):
            day = monday + timedelta(days=offset)
            for session in Session:
                rows.append({"day": day, "session": session, "window_id": w1, "staff_id": formal_a})
                # Window 02: auxiliary staff only on Monday to Wednesday.
                rows.append(
                    {
                        "day": day,
                        "session": session,
                        "window_id": w2,
                        "staff_id": aux if offset < 3 else formal_b,
                    }
                )
    with hall.db.session() as s:
        s.execute(insert(RosterEntry), rows)
    weeks = weekly_compliance(hall, 3, date(2026, 5, 22))
    assert [w.monday for w in weeks] == [date(2026, 5, 4), date(2026, 5, 11), date(2026, 5, 18)]
    # Before the first roster day nothing is judged.
    assert weeks[0].sessions == 0 and weeks[0].rate is None
    # Two in-service windows × 5 days × 2 sessions; window 03 is closed and not judged.
    assert [(w.sessions, w.compliant) for w in weeks[1:]] == [(20, 14), (20, 14)]
    assert weeks[1].rate == pytest.approx(0.7)


def test_voided_cases_are_in_no_chart(hall, seeded):
    in_range = [c for c in _cases(hall) if _in_range(c)]
    flagged = next(c for c in in_range if c.case_no.endswith("0"))
    before_windows = {c.label: c.count for c in cases_per_window(hall, START, END)}
    before_days = {d.day: d.count for d in daily_cases(hall, START, END)}
    before_shop = {d.department: (d.cases, d.flagged) for d in front_shop_by_department(hall, START, END)}
    with hall.db.session() as s:
        s.get(Case, flagged.id).voided_at = datetime(2026, 4, 25, 9, 0)
    window_no = {v: k for k, v in seeded.windows.items()}[flagged.window_id]
    windows = {c.label: c.count for c in cases_per_window(hall, START, END)}
    assert windows == {**before_windows, window_no: before_windows[window_no] - 1}
    day = flagged.received_at.date()
    assert {d.day: d.count for d in daily_cases(hall, START, END)} == {
        **before_days,
        day: before_days[day] - 1,
    }
    shop = {d.department: (d.cases, d.flagged) for d in front_shop_by_department(hall, START, END)}
    assert sum(n for n, _ in shop.values()) == sum(n for n, _ in before_shop.values()) - 1
    assert sum(f for _, f in shop.values()) == sum(f for _, f in before_shop.values()) - 1


def test_the_charts_leave_implausible_trips_and_completions_out(hall):
    """C05 claims 2^63-1 trips and C01 -5; C06 was "finished" on 9999-12-31 (tests/support/implausible.py)."""
    from tests.support.implausible import plant

    plant(hall)
    start, end = date(2026, 5, 1), date(2026, 5, 31)
    # C04 now says it came in on 9999-12-31, C09 in the year 1: the other nine cases of May count.
    assert sum(c.count for c in cases_per_window(hall, start, end)) == 9
    assert sum(d.count for d in daily_cases(hall, start, end)) == 9
    assert sum(f.cases for f in front_shop_by_department(hall, start, end)) == 9
    assert weekly_compliance(hall, 3, end)
    one_trip = next(r for r in indicators(hall, start, end) if r.key == "one_trip_rate")
    assert one_trip.sample_count == 7 and one_trip.met_count == 7


def test_daily_cases_say_which_days_the_hall_works(hall):
    # The official 2026 arrangement: 1–5 May off for Labour Day, Saturday 9 May a make-up working day.
    got = {d.day: d.working for d in daily_cases(hall, date(2026, 4, 27), date(2026, 5, 10))}
    off = {date(2026, 5, n) for n in (1, 2, 3, 4, 5, 10)}
    assert {day for day, working in got.items() if not working} == off
    assert got[date(2026, 5, 9)] and got[date(2026, 4, 30)]
