"""The hall's daily caseload: how many cases of which desks, bundles and projects, day by day.

Volume and mix are what make the demo's charts and indicators plausible: a
few dozen cases a working day (half on today's morning), weighted towards the
desks a real hall is busiest at, several real-estate transfers, now and then
a policy payout, and the two kinds of cases that span windows and days: the
new-enterprise bundle (一件事, licence, seal, bank account and tax), whose
pace the enterprise-setup indicator measures, and a few enterprise
investment projects on their way from 立项 towards the construction permit.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from hallmonitor.demo.cases import Cases
from hallmonitor.demo.hall import WINDOW_BY_NUMBER
from hallmonitor.demo.items import (
    BANK_SETUP,
    LICENCE_SETUP,
    PROJECT_STEPS,
    SEAL_SETUP,
    TAX_SETUP,
    PlannedItem,
)
from hallmonitor.demo.people import CITY_REGIONS, People
from hallmonitor.demo.story import Story

#: How often each desk's items come up among everyday cases.
_DESK_WEIGHTS = {
    "social_security": 3.0,
    "medical": 3.0,
    "police": 3.0,
    "fund": 3.0,
    "tax": 2.0,
    "licence": 2.0,
    "employment": 1.5,
    "realty_tax": 2.0,
    "realty_trade": 2.0,
    "realty_query": 1.0,
    "food_drug": 1.0,
    "health": 1.0,
    "civil": 1.0,
    "transport": 1.0,
    "seal": 0.5,
    "bank": 0.5,
    "project_fgw": 0.3,
    "project_plan": 0.3,
    "project_permit": 0.5,
    "fire": 0.3,
}
_REALTY_WEIGHTS = {
    "国有建设用地使用权及房屋所有权转移登记（存量房）": 8,
    "国有建设用地使用权及房屋所有权转移登记（新建商品房）": 5,
    "抵押权首次登记": 7,
    "抵押权注销登记": 5,
    "预购商品房预告登记": 3,
    "不动产变更登记": 2,
}


class Caseload:
    """Plants the everyday cases, the enterprise-setup bundles and the investment projects."""

    def __init__(self, story: Story, people: People, cases: Cases, items: list[PlannedItem]) -> None:
        self.story = story
        self.rng = story.rng
        self.cal = story.cal
        self.today = story.today
        self.workdays = story.workdays
        self.people = people
        self.cases = cases
        self.items = items
        self.items_by_name = {i.spec.name: i for i in items}
        self.bundle_serial: dict[date, int] = defaultdict(int)

    def everyday(self) -> None:
        """Each working day's cases, taken in and settled; new enterprises are set up among them."""
        rng = self.rng
        admitted = [i for i in self.items if i.admitted]
        by_desk: dict[str, list[PlannedItem]] = defaultdict(list)
        for item in admitted:
            by_desk[item.spec.desk].append(item)
        realty = by_desk["realty"]
        realty_weights = [_REALTY_WEIGHTS.get(i.spec.name, 1) for i in realty]
        desks = list(_DESK_WEIGHTS)
        desk_weights = list(_DESK_WEIGHTS.values())
        for day in self.workdays:
            share = 0.5 if day == self.today else 1.0
            total = round(rng.randint(20, 34) * share)
            bundles = round(rng.randint(1, 3) * share)
            realty_count = round(rng.randint(4, 8) * share)
            policy_count = rng.randint(0, 2) if day != self.today else 0
            for _ in range(bundles):
                self._enterprise_setup(day)
            for _ in range(realty_count):
                item = rng.choices(realty, weights=realty_weights)[0]
                draft = self.cases.take_in(item, day)
                if draft:
                    self.cases.settle(draft)
            for _ in range(policy_count):
                draft = self.cases.take_in(rng.choice(by_desk["policy"]), day)
                if draft:
                    self.cases.settle(draft)
            for _ in range(max(3, total - 4 * bundles - realty_count - policy_count)):
                desk = rng.choices(desks, weights=desk_weights)[0]
                draft = self.cases.take_in(rng.choice(by_desk[desk]), day)
                if draft:
                    self.cases.settle(draft)

    def _enterprise_setup(self, day: date) -> None:
        """One new enterprise: licence, seal, bank account and tax, as one bundle (一件事).

        Most finish within a working day or two; one in ten drags on past the
        three-day target, which the core indicator should show.
        """
        rng = self.rng
        self.bundle_serial[day] += 1
        key = f"YJS-QYKB-{day:%Y%m%d}-{self.bundle_serial[day]:02d}"
        enterprise = self.people.new_enterprise()
        combined = [WINDOW_BY_NUMBER["A01"], WINDOW_BY_NUMBER["A02"]]
        one_window = rng.random() < 0.6
        pace = rng.random()
        steps = (LICENCE_SETUP, SEAL_SETUP, BANK_SETUP, TAX_SETUP)
        offsets = [0, 0, 0, 0]
        if pace > 0.45:
            offsets = [0, rng.randint(0, 1), rng.randint(1, 2), rng.randint(1, 2)]
        if pace > 0.9:
            offsets[3] = rng.randint(4, 5)
        for name, offset in zip(steps, offsets, strict=True):
            step_day = self.cal.add_working_days(day, offset)
            if step_day > self.today:
                return
            item = self.items_by_name[name]
            windows = combined if one_window else None
            draft = self.cases.take_in(item, step_day, windows=windows, applicant=enterprise, bundle_key=key)
            if draft is None:
                return
            self.cases.settle(draft, clean=True)

    def projects(self) -> None:
        """A few enterprise investment projects, from 立项 towards the construction permit."""
        rng = self.rng
        starts = [0, len(self.workdays) // 3, (2 * len(self.workdays)) // 3]
        for index in starts:
            day = self.workdays[index]
            key = f"{day:%y%m}-{CITY_REGIONS[0]}-04-01-{rng.randint(100000, 999999)}"
            enterprise = self.people.new_enterprise()
            reached = ""
            for name in PROJECT_STEPS:
                if day > self.today:
                    break
                draft = self.cases.take_in(
                    self.items_by_name[name], day, applicant=enterprise, bundle_key=key
                )
                if draft is None:
                    break
                self.cases.settle(draft, clean=True)
                reached = f"{name}（{draft.day} 受理，{'已办结' if draft.completed_at else '办理中'}）"
                if draft.completed_at is None:
                    break
                day = self.cal.add_working_days(draft.completed_at.date(), rng.randint(2, 6))
            if reached:
                self.story.notes.append(f"工程建设项目 {key}（{enterprise.name}）：最近一步为{reached}")
