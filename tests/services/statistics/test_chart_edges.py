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
from sqlalchemy import insert

from hallmonitor.domain.enums import (
    ApplicantType,
    CalendarSource,
    CaseStatus,
    CaseType,
    FlagState,
    ItemCategory,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.services.hall import HallContext
from hallmonitor.services.statistics import front_shop_by_department, indicators, weekly_compliance
from hallmonitor.storage.models import (
    CalendarOverrideRow,
    Case,
    Department,
    FrontShopFlag,
    Item,
    NominalReview,
    RosterEntry,
    Staff,
    StaffCategoryChange,
    Window,
    WindowStateChange,
)
from tests.services.statistics.test_sql_against_python import (
    python_front_shop,
    python_indicators,
    python_weekly,
)

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
        departments = [
            Department(hall_id=ctx.hall_id, name=n) for n in ("自然资源局", "市场监管局", "住建局")
        ]
        s.add_all(departments)
        s.flush()
        windows = [
            Window(hall_id=ctx.hall_id, number=f"{n + 1:02d}", name=f"窗口{n + 1}",
                   department_id=departments[n % 3].id, kind=WindowKind.DEPARTMENT, state=WindowState.OPEN,
                   # Added on the Wednesday afternoon of the second week, its roster from the Thursday.
                   created_at=_at(date(2026, 5, 6), 14, 30) if n == 3 else None)
            for n in range(4)
        ]  # fmt: skip
        items = [
            Item(hall_id=ctx.hall_id, code=f"E{n}", name=f"事项{n}", department_id=departments[n % 3].id,
                 category=category, case_type=CaseType.PROMISED, promised_days=3, legal_days=10,
                 admitted=n != 2, window_may_approve=n != 4)
            for n, category in enumerate(CATEGORIES)
        ]  # fmt: skip
        formal, auxiliary = StaffCategory.CIVIL_SERVANT, StaffCategory.LABOUR_DISPATCH
        staff = [
            Staff(hall_id=ctx.hall_id, staff_no=f"P{n}", name=f"人员{n}", department_id=departments[0].id,
                  category=category)
            for n, category in enumerate([formal, auxiliary, formal, auxiliary, StaffCategory.PUBLIC_INSTITUTION])
        ]  # fmt: skip
        s.add_all(windows + items + staff)
        s.flush()
        # Window 02 closed at 10:30 on the make-up Saturday and reopened on the Monday at 08:59.
        s.add_all(
            [
                WindowStateChange(window_id=windows[1].id, at=_at(date(2026, 5, 9), 10, 30),
                                  from_state=WindowState.OPEN, to_state=WindowState.CLOSED),
                WindowStateChange(window_id=windows[1].id, at=_at(date(2026, 5, 11), 8, 59),
                                  from_state=WindowState.CLOSED, to_state=WindowState.OPEN),
            ]
        )  # fmt: skip
        # Auxiliary until Monday 11 May, then formal; formal until the holiday of 4 May, then auxiliary.
        s.add_all(
            [
                StaffCategoryChange(staff_id=staff[1].id, day=date(2026, 5, 11), from_category=auxiliary,
                                    to_category=formal),
                StaffCategoryChange(staff_id=staff[2].id, day=date(2026, 5, 4), from_category=formal,
                                    to_category=auxiliary),
            ]
        )  # fmt: skip
        s.flush()
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
                        roster.append({"day": day, "session": session, "window_id": window.id,
                                       "staff_id": staff[person].id, "attendance": attendance})  # fmt: skip
            day += timedelta(days=1)
        s.execute(insert(RosterEntry), roster)
        review = {"hall_id": ctx.hall_id, "actor": "督查员"}
        s.execute(
            insert(NominalReview),
            [
                {**review, "window_id": windows[0].id, "day": date(2026, 5, 9), "session": Session.MORNING,
                 "confirmed": True, "at": _at(date(2026, 5, 9), 17)},
                {**review, "window_id": windows[2].id, "day": date(2026, 5, 11), "session": Session.AFTERNOON,
                 "confirmed": False, "at": _at(date(2026, 5, 11), 17)},
                {**review, "window_id": windows[1].id, "day": date(2026, 5, 12), "session": Session.MORNING,
                 "confirmed": True, "at": _at(date(2026, 5, 12), 17)},
                {**review, "window_id": windows[1].id, "day": date(2026, 5, 12), "session": Session.MORNING,
                 "confirmed": False, "at": _at(date(2026, 5, 13), 9)},
                {**review, "window_id": windows[3].id, "day": date(2026, 5, 7), "session": Session.AFTERNOON,
                 "confirmed": True, "at": _at(date(2026, 5, 8), 9)},
            ],
        )  # fmt: skip
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
    rows = []
    n = 0
    for m, received in enumerate(_MOMENTS):
        for f, (status, after) in enumerate(_FINISHES):
            for i, item_id in enumerate(ids["items"]):
                n += 1
                if after == "9999":
                    completed = datetime(9999, 12, 31, 12)
                elif isinstance(after, timedelta):
                    completed = received + after
                else:
                    completed = None
                # Bundles whose steps span moments in and out of a range: some all completed, the
                # others with a step refused, returned, unfinished or voided.
                whole = "done" if f in (0, 1, 9) else f % 2
                bundle = f"B{i % 2}-{m % 4}-{whole}" if i in (1, 2, 3) else None
                rows.append(
                    {
                        "hall_id": ctx.hall_id,
                        "case_no": f"E{n:05d}",
                        "window_id": ids["windows"][(m + f) % 4],
                        "item_id": item_id,
                        "applicant_type": ApplicantType.PERSON,
                        "applicant_name": f"申请人{n}",
                        "applicant_id_display": "",
                        "applicant_id_hash": "",
                        "received_at": received,
                        "status": status,
                        "completed_at": completed,
                        "trips": _TRIPS[(m + f + i) % len(_TRIPS)],
                        "bundle_key": bundle,
                        "voided_at": received + timedelta(hours=1) if (m + f + i) % 11 == 0 else None,
                        "due_date": received.date() + timedelta(days=5),
                    }
                )
    with ctx.db.session() as s:
        s.execute(insert(Case), rows)
        ids_by_no = dict(s.execute(Case.__table__.select().with_only_columns(Case.case_no, Case.id)).all())
        states = [FlagState.PENDING, FlagState.CONFIRMED, FlagState.DISMISSED]
        s.execute(
            insert(FrontShopFlag),
            [
                {"case_id": ids_by_no[row["case_no"]], "reasons": "审批地点为部门后台",
                 "created_at": row["received_at"], "state": states[k % 3]}
                for k, row in enumerate(rows)
                if k % 3 != 1  # two cases in three flagged, voided ones included
            ],
        )  # fmt: skip


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
