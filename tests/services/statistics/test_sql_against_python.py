"""The charts' SQL aggregates against the computation they replaced, on a generated hall.

The weekly 合规 chart, the indicators chart and 前店后厂 by department are
counted by the database; here every one is compared with what the rules and
the domain work out case by case and session by session (``judge_range``,
``compute_indicators``, the flags counted one by one) over a hall generated
with everything that decides them: windows closed and reopened, people whose
category changed, absences, confirmed 挂名, bundles with a step not done,
refusals, completions dated 9999, impossible trip counts, voided cases and
dismissed flags.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest

from hallmonitor.domain.enums import CaseStatus, FlagState, ItemCategory, Session, StaffCategory, WindowState
from hallmonitor.services.hall import HallContext
from hallmonitor.services.statistics import front_shop_by_department, indicators, weekly_compliance
from tests.support.chart_hall import ChartHall, python_front_shop, python_indicators, python_weekly

FIRST = date(2026, 3, 2)  # a Monday
DAYS = 70
AS_OF = date(2026, 5, 8)
CATEGORIES = [
    ItemCategory.BUSINESS_LICENCE,
    ItemCategory.SEAL_ENGRAVING,
    ItemCategory.BANK_ACCOUNT,
    ItemCategory.REAL_ESTATE,
    ItemCategory.CONSTRUCTION_PROJECT,
    ItemCategory.OTHER,
]


def generate(ctx: HallContext, seed: int) -> None:
    rng = random.Random(seed)
    with ctx.db.session() as s:
        hall = ChartHall(ctx, s)
        departments = hall.departments("市场监管局", "自然资源局", "发改委", "税务局")
        states = [WindowState.OPEN, WindowState.OPEN, WindowState.RECTIFYING, WindowState.CLOSED]
        windows = [
            # A window added half-way is judged from then on.
            hall.window(n, departments[n % 4], rng.choice(states),
                        datetime.combine(FIRST + timedelta(days=30), time(12, 0)) if n == 7 else None)
            for n in range(9)
        ]  # fmt: skip
        items = [
            hall.item(f"I{n:02d}", departments[n % 4], category, promised_days=5, legal_days=20,
                      admitted=n % 3 != 0, window_may_approve=n % 4 != 1)
            for n, category in enumerate(CATEGORIES * 2)
        ]  # fmt: skip
        categories = list(StaffCategory)
        staff = [
            hall.person(f"S{n:03d}", departments[n % 4], categories[n % len(categories)]) for n in range(24)
        ]
        hall.add(windows + items + staff)
        # Windows closed and reopened during the weeks, at moments inside sessions.
        for window in windows[:5]:
            at = datetime.combine(
                FIRST + timedelta(days=rng.randrange(DAYS)), time(rng.choice((8, 10, 14, 16)), 30)
            )
            other = WindowState.CLOSED if window.state.in_service else WindowState.OPEN
            hall.state_change(window, at, other, window.state)
        # People whose category changed: formal before, auxiliary after, and the other way.
        for person, day in ((staff[0], 20), (staff[3], 35), (staff[9], 50)):
            before = (
                StaffCategory.LABOUR_DISPATCH if person.category.is_formal else StaffCategory.CIVIL_SERVANT
            )
            hall.category_change(person, FIRST + timedelta(days=day), before, person.category)
        roster = hall.roster(
            (
                FIRST + timedelta(days=offset),
                session,
                window.id,
                person.id,
                rng.choice((None, None, True, False)),
            )
            for offset in range(DAYS)
            for window in windows
            for session in Session
            for person in rng.sample(staff, rng.choice((0, 1, 1, 2, 3)))
        )
        hall.reviews(
            (
                r["window_id"],
                r["day"],
                r["session"],
                rng.random() < 0.7,
                datetime.combine(r["day"], time(17, 0)),
            )
            for r in rng.sample(roster, 40)
        )
        cases = []
        for n in range(1500):
            received = datetime.combine(FIRST + timedelta(days=rng.randrange(DAYS)), time(9)) + timedelta(
                minutes=rng.randrange(8 * 60)
            )
            status = rng.choice(list(CaseStatus) + [CaseStatus.COMPLETED] * 3)
            completed = received + timedelta(days=rng.randrange(25)) if status.is_finished else None
            if n % 97 == 0 and completed is not None:
                completed = datetime(9999, 12, 31, 12, 0)  # a placeholder, not a completion
            item = rng.choice(items)
            cases.append(
                hall.case(
                    n,
                    window_id=rng.choice(windows).id,
                    item_id=item.id,
                    received=received,
                    status=status,
                    completed=completed,
                    trips=rng.choice((0, 1, 1, 2, 3, None, -4, 10**9)),
                    bundle=f"K{rng.randrange(400)}" if rng.random() < 0.6 else None,
                    voided=received + timedelta(hours=2) if n % 53 == 0 else None,
                )
            )
        ids = sorted(hall.cases(cases).values())
        flagged = datetime.combine(FIRST, time.min)
        hall.flags((cid, flagged, rng.choice(list(FlagState))) for cid in rng.sample(ids, 300))


@pytest.fixture
def generated(hall):
    generate(hall, seed=3)
    return hall


@pytest.mark.parametrize("weeks", [1, 10])
def test_the_weekly_compliance_chart_counts_what_the_staffing_verdicts_judge(generated, weeks):
    got = [(w.monday, w.sessions, w.compliant) for w in weekly_compliance(generated, weeks, AS_OF)]
    assert got == python_weekly(generated, weeks, AS_OF)
    assert any(sessions > compliant > 0 for _m, sessions, compliant in got)


@pytest.mark.parametrize(("start", "end"), [(FIRST, AS_OF), (date(2026, 3, 30), date(2026, 4, 26))])
def test_the_indicators_chart_says_what_the_domain_works_out_case_by_case(generated, start, end):
    got = indicators(generated, start, end)
    expected = python_indicators(generated, start, end)
    assert got == expected
    by_key = {r.key: r for r in got}
    assert all(r.sample_count > 0 for r in got)
    for key in ("enterprise_setup", "real_estate", "one_trip_rate"):  # within the target and beyond it
        assert 0 < by_key[key].met_count < by_key[key].sample_count, key


@pytest.mark.parametrize(("start", "end"), [(FIRST, AS_OF), (date(2026, 4, 6), date(2026, 4, 19))])
def test_front_shop_by_department_counts_what_the_flags_say_one_by_one(generated, start, end):
    got = [(d.department, d.cases, d.flagged) for d in front_shop_by_department(generated, start, end)]
    assert got == python_front_shop(generated, start, end)
    assert all(cases > flagged > 0 for _d, cases, flagged in got)
