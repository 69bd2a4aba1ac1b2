"""The charts' counts on a hall of awkward data, against the rules worked out case by case.

The charts read per-item stretches of an index and the roster's index alone
(migration 0007); what they count must not move. Around the 2026 Labour Day
holiday (1 to 5 May off, Saturday 9 May a make-up working day) and two days
the hall set itself (13 May closed, 16 May worked), this hall has cases
received in the last second of a Sunday and the first of the Monday, at the
range's first and last moments, on holidays; completions on holidays, dated
9999 or before their receipt; refusals, returns, unfinished cases long
overdue, voided cases with flags, flags in every state; trip counts at and
past every bound; bundles with a step outside the range, refused or voided;
and a roster on the days off too, a window closed mid-session, one added
mid-week, people whose category changed on a Monday and on a holiday, and
挂名 confirmed, dismissed and confirmed then reversed. Each chart is compared
with ``judge_range``, ``compute_indicators`` and the flags counted one by one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from hallmonitor.domain.enums import (
    CalendarSource,
    CaseStatus,
    FlagState,
    ItemCategory,
    Session,
    StaffCategory,
    WindowState,
)
from hallmonitor.services.hall import HallContext
from hallmonitor.services.statistics import front_shop_by_department, indicators, weekly_compliance
from hallmonitor.storage.models import CalendarOverrideRow
from tests.support.chart_hall import ChartHall, python_front_shop, python_indicators, python_weekly

FIRST, LAST = date(2026, 4, 27), date(2026, 5, 17)  # Monday to Sunday, three weeks
CATEGORIES = (
    ItemCategory.REAL_ESTATE,
    ItemCategory.BUSINESS_LICENCE,
    ItemCategory.BANK_ACCOUNT,
    ItemCategory.CONSTRUCTION_PROJECT,
    ItemCategory.OTHER,
)


def _at(day: date, hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second, micro))


def _hall(ctx: HallContext) -> dict[str, list[int]]:
    with ctx.db.session() as s:
        s.add_all(
            [
                CalendarOverrideRow(day=date(2026, 5, 13), is_workday=False, note="台风停办",
                                    source=CalendarSource.MANUAL),
                CalendarOverrideRow(day=date(2026, 5, 16), is_workday=True, note="集中办理日",
                                    source=CalendarSource.MANUAL),
            ]
        )  # fmt: skip
        hall = ChartHall(ctx, s)
        departments = hall.departments("自然资源局", "市场监管局", "住建局")
        windows = [
            # Added on the Wednesday afternoon of the second week, its roster from the Thursday.
            hall.window(
                n, departments[n % 3], WindowState.OPEN, _at(date(2026, 5, 6), 14, 30) if n == 3 else None
            )
            for n in range(4)
        ]
        items = [
            hall.item(f"E{n}", departments[n % 3], category, promised_days=3, legal_days=10, admitted=n != 2,
                      window_may_approve=n != 4)
            for n, category in enumerate(CATEGORIES)
        ]  # fmt: skip
        formal, auxiliary = StaffCategory.CIVIL_SERVANT, StaffCategory.LABOUR_DISPATCH
        staff = [
            hall.person(f"P{n}", departments[0], category)
            for n, category in enumerate(
                [formal, auxiliary, formal, auxiliary, StaffCategory.PUBLIC_INSTITUTION]
            )
        ]
        hall.add(windows + items + staff)
        # Window 02 closed at 10:30 on the make-up Saturday and reopened on the Monday at 08:59.
        hall.state_change(windows[1], _at(date(2026, 5, 9), 10, 30), WindowState.OPEN, WindowState.CLOSED)
        hall.state_change(windows[1], _at(date(2026, 5, 11), 8, 59), WindowState.CLOSED, WindowState.OPEN)
        # Auxiliary until Monday 11 May, then formal; formal until the holiday of 4 May, then auxiliary.
        hall.category_change(staff[1], date(2026, 5, 11), auxiliary, formal)
        hall.category_change(staff[2], date(2026, 5, 4), formal, auxiliary)
        roster = []
        day = FIRST
        while day <= LAST:  # the days off too: the roster may name them, the verdicts must not count them
            for n, window in enumerate(windows):
                if n == 3 and day <= date(2026, 5, 6):
                    continue
                for session in Session:
                    # Each window a different pattern, so the weeks differ.
                    pick = (day.toordinal() + n + (session is Session.AFTERNOON)) % 5
                    people = [[0], [1], [2], [1, 3], [4]][pick]
                    for person in people:
                        attendance = None if pick != 4 else (day.day % 3 != 0)
                        roster.append((day, session, window.id, staff[person].id, attendance))
            day += timedelta(days=1)
        hall.roster(roster)
        hall.reviews(
            [
                (windows[0].id, date(2026, 5, 9), Session.MORNING, True, _at(date(2026, 5, 9), 17)),
                (windows[2].id, date(2026, 5, 11), Session.AFTERNOON, False, _at(date(2026, 5, 11), 17)),
                (windows[1].id, date(2026, 5, 12), Session.MORNING, True, _at(date(2026, 5, 12), 17)),
                (windows[1].id, date(2026, 5, 12), Session.MORNING, False, _at(date(2026, 5, 13), 9)),
                (windows[3].id, date(2026, 5, 7), Session.AFTERNOON, True, _at(date(2026, 5, 8), 9)),
            ]
        )
    return {"windows": [w.id for w in windows], "items": [i.id for i in items]}


#: (received, status, completed, trips, bundle, voided): every case of the hall, by item index.
_MOMENTS = [
    _at(date(2026, 5, 10), 23, 59, 59, 999999),  # the last moment of a Sunday
    _at(date(2026, 5, 11), 0, 0),  # the first of the Monday
    _at(FIRST, 0, 0),
    _at(date(2026, 5, 4), 10),  # on a holiday
    _at(date(2026, 5, 9), 9),  # the make-up Saturday
    _at(date(2026, 5, 13), 11),  # the day the hall closed
    _at(LAST, 23, 59, 59, 999999),
    _at(LAST + timedelta(days=1), 0, 0),  # the day after: in no range here
    _at(FIRST - timedelta(days=1), 23, 59, 59),  # the day before
    _at(date(2026, 4, 30), 16, 59),
]
_FINISHES = [
    (CaseStatus.COMPLETED, timedelta(hours=3)),  # the same day
    (CaseStatus.COMPLETED, timedelta(days=4)),  # across the holiday or a weekend
    (CaseStatus.COMPLETED, None),  # completed, no moment recorded
    (CaseStatus.COMPLETED, "9999"),  # a placeholder, not a completion
    (CaseStatus.COMPLETED, timedelta(days=-2)),  # before its receipt: a typo kept as it is
    (CaseStatus.REFUSED, timedelta(days=1)),
    (CaseStatus.RETURNED, timedelta(days=2)),
    (CaseStatus.ACCEPTED, None),  # unfinished, long past its due date
    (CaseStatus.SPECIAL_PROCEDURE, None),
    (CaseStatus.COMPLETED, timedelta(days=12)),  # finished late
]
_TRIPS = [0, 1, 2, 99, 100, -1, None, 1, 3, 1]


def _cases(ctx: HallContext, ids: dict[str, list[int]]) -> None:
    with ctx.db.session() as s:
        hall = ChartHall(ctx, s)
        rows = []
        for m, received in enumerate(_MOMENTS):
            for f, (status, after) in enumerate(_FINISHES):
                for i, item_id in enumerate(ids["items"]):
                    if after == "9999":
                        completed = datetime(9999, 12, 31, 12)
                    elif isinstance(after, timedelta):
                        completed = received + after
                    else:
                        completed = None
                    # Bundles whose steps span moments in and out of a range: some all completed, the
                    # others with a step refused, returned, unfinished or voided.
                    whole = "done" if f in (0, 1, 9) else f % 2
                    rows.append(
                        hall.case(
                            len(rows) + 1,
                            prefix="E",
                            window_id=ids["windows"][(m + f) % 4],
                            item_id=item_id,
                            received=received,
                            status=status,
                            completed=completed,
                            trips=_TRIPS[(m + f + i) % len(_TRIPS)],
                            bundle=f"B{i % 2}-{m % 4}-{whole}" if i in (1, 2, 3) else None,
                            voided=received + timedelta(hours=1) if (m + f + i) % 11 == 0 else None,
                        )
                    )
        ids_by_no = hall.cases(rows)
        states = [FlagState.PENDING, FlagState.CONFIRMED, FlagState.DISMISSED]
        hall.flags(
            (ids_by_no[row["case_no"]], row["received_at"], states[k % 3])
            for k, row in enumerate(rows)
            if k % 3 != 1  # two cases in three flagged, voided ones included
        )


@pytest.fixture
def awkward(hall):
    ids = _hall(hall)
    _cases(hall, ids)
    return hall


RANGES = [
    (FIRST, LAST),
    (FIRST, date(2026, 5, 10)),  # up to the Sunday's last moment
    (date(2026, 5, 11), LAST),  # from the Monday's first
    (date(2026, 5, 1), date(2026, 5, 5)),  # the holiday alone
    (date(2026, 5, 10), date(2026, 5, 10)),  # one day off
]


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_the_indicators_chart_counts_the_awkward_cases_as_the_domain_does(awkward, start, end):
    got = indicators(awkward, start, end)
    assert got == python_indicators(awkward, start, end)
    if (start, end) == (FIRST, LAST):
        by_key = {r.key: r for r in got}
        assert all(by_key[k].sample_count > 0 for k in ("real_estate", "one_trip_rate", "enterprise_setup"))


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_front_shop_by_department_counts_the_awkward_cases_one_by_one(awkward, start, end):
    got = [(d.department, d.cases, d.flagged) for d in front_shop_by_department(awkward, start, end)]
    assert got == python_front_shop(awkward, start, end)


@pytest.mark.parametrize(
    ("weeks", "as_of"),
    [
        (3, LAST),
        (1, date(2026, 5, 9)),  # the make-up Saturday
        (2, date(2026, 5, 10)),  # a Sunday
        (1, date(2026, 5, 11)),  # a Monday: its week has one day so far
        (2, date(2026, 5, 13)),  # the day the hall closed
        (4, date(2026, 5, 16)),  # a Saturday the hall worked, weeks before the roster began
    ],
)
def test_the_weekly_compliance_chart_counts_the_awkward_roster_as_the_verdicts_do(awkward, weeks, as_of):
    got = [(w.monday, w.sessions, w.compliant) for w in weekly_compliance(awkward, weeks, as_of)]
    assert got == python_weekly(awkward, weeks, as_of)
    assert sum(sessions for _m, sessions, _c in got) > sum(compliant for _m, _s, compliant in got) > 0
