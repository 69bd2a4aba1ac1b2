"""The scale hall's cases, as the queue system exports them, one working day after another.

A case is received in a half day at a window by whoever sits there (mostly
the clerk, sometimes the officer), for one of the window's items (a few items
take most of the cases); an immediate case is approved and completed on the
spot, a promised one by the window's officer on a later working day, mostly
within its limit, a few late and a few still open. Some are approved back in
the department (前店后厂), some applicants came more than once, and the same
persons and enterprises come back, so searches and the weekly report meet the
mix a real hall has. Everything follows from the plan's seed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from hallmonitor.bench.layout import GIVEN, SURNAMES, PlannedItem, PlannedStaff, PlannedWindow
from hallmonitor.bench.plan import Duty, Plan, Seat
from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus, CaseType
from hallmonitor.domain.identifiers import CREDIT_CODE_ALPHABET, credit_code_check_char, id_card_check_char

CASE_HEADER = [
    "办件编号",
    "窗口号",
    "事项编码",
    "申请人类型",
    "申请人",
    "证件号码",
    "受理时间",
    "受理人工号",
    "办件状态",
    "审批人工号",
    "审批时间",
    "审批地点",
    "办结时间",
    "跑动次数",
    "一件事编号",
]
_REGIONS = (
    "110105",
    "310104",
    "440106",
    "440305",
    "330106",
    "320102",
    "350102",
    "370102",
    "420106",
    "510107",
)
_TRADE_CHARS = "华信恒泰鑫源瑞丰博远中晟金桥宏达新锐汇通启明天泽嘉禾盛世航同创智联海川锦程正元晨光万和长青"
_LINES = [
    "科技",
    "贸易",
    "建筑工程",
    "餐饮管理",
    "物流",
    "信息技术",
    "医疗器械",
    "文化传媒",
    "农业发展",
    "环保科技",
    "商贸",
    "置业",
]
_MORNING, _AFTERNOON = (time(9, 0), 175), (time(13, 30), 205)


@dataclass(frozen=True)
class Applicants:
    """The people and enterprises who come to the hall, some of them again and again."""

    persons: tuple[tuple[str, str], ...]
    enterprises: tuple[tuple[str, str], ...]


def applicants(cases: int, seed: int) -> Applicants:
    rng = random.Random(f"{seed}-applicants")
    persons = []
    for _ in range(max(2000, cases // 4)):
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(20000))
        body = f"{rng.choice(_REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        persons.append((name, body + id_card_check_char(body)))
    enterprises = []
    for _ in range(max(1000, cases // 10)):
        body = "91" + rng.choice(_REGIONS) + "".join(rng.choices(CREDIT_CODE_ALPHABET[:-1], k=9))
        trade = "".join(rng.choices(_TRADE_CHARS, k=2))
        enterprises.append(
            (f"示范市{trade}{rng.choice(_LINES)}有限公司", body + credit_code_check_char(body))
        )
    return Applicants(tuple(persons), tuple(enterprises))


def case_rows(plan: Plan) -> Iterator[tuple[int, list[Any]]]:
    """Every case of the hall in the order received, each with the index of its day."""
    yield from _Caseload(plan).rows()


class _Caseload:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.people = applicants(plan.cases, plan.seed)
        self.windows = [w for w in plan.layout.windows if w.weight > 0]
        self.weights = list(itertools.accumulate(w.weight for w in self.windows))
        self.item_weights = {
            w.number: list(itertools.accumulate(1 / (k + 1) ** 0.8 for k in range(len(w.items))))
            for w in self.windows
        }
        self.place = {w.number: i for i, w in enumerate(plan.layout.windows)}
        self._seats: dict[int, list[tuple[Seat, Seat]]] = {}

    def seats(self, day_index: int) -> list[tuple[Seat, Seat]]:
        if day_index not in self._seats:
            if len(self._seats) > 64:  # approvals look a few weeks ahead at most
                del self._seats[min(self._seats)]
            self._seats[day_index] = self.plan.seats(day_index)
        return self._seats[day_index]

    def seat(self, day_index: int, window: PlannedWindow, afternoon: bool) -> Seat:
        return self.seats(day_index)[self.place[window.number]][afternoon]

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        plan = self.plan
        for day_index, (day, count) in enumerate(zip(plan.case_days, plan.counts, strict=True)):
            rng = random.Random(f"{plan.seed}-cases-{day.toordinal()}")
            drafted = []
            for window in rng.choices(self.windows, cum_weights=self.weights, k=count):
                afternoon = rng.random() < 0.45
                start, span = _AFTERNOON if afternoon else _MORNING
                at = datetime.combine(day, start) + timedelta(
                    minutes=rng.randrange(span), seconds=rng.randrange(60)
                )
                drafted.append((at, window, afternoon))
            drafted.sort(key=lambda d: d[0])
            for serial, (at, chosen, afternoon) in enumerate(drafted):
                window = chosen
                seat = self.seat(day_index, window, afternoon)
                if seat.duty is Duty.UNSTAFFED:  # nobody there: the applicant went to the next window
                    window = self._staffed_neighbour(day_index, window, afternoon)
                    seat = self.seat(day_index, window, afternoon)
                item = rng.choices(window.items, cum_weights=self.item_weights[window.number])[0]
                case = self._case(rng, day_index, at, window, seat, item)
                yield day_index, [f"{day:%Y%m%d}{serial:05d}", *case]

    def _staffed_neighbour(self, day_index: int, window: PlannedWindow, afternoon: bool) -> PlannedWindow:
        start = self.windows.index(window)
        for step in range(1, len(self.windows)):
            other = self.windows[(start + step) % len(self.windows)]
            if self.seat(day_index, other, afternoon).duty is not Duty.UNSTAFFED:
                return other
        return window

    def _case(
        self,
        rng: random.Random,
        day_index: int,
        at: datetime,
        window: PlannedWindow,
        seat: Seat,
        item: PlannedItem,
    ) -> list[Any]:
        assert seat.clerk is not None and seat.officer is not None
        by_clerk = seat.duty is not Duty.COMPLIANT or rng.random() < 0.7
        receiver = seat.clerk if by_clerk else seat.officer
        person = rng.random() < 0.6
        name, number = rng.choice(self.people.persons if person else self.people.enterprises)
        status, approver, approved, place = CaseStatus.ACCEPTED, None, None, None
        draw = rng.random()
        if draw < 0.004:
            status = CaseStatus.RETURNED
        elif draw < 0.007:
            status = CaseStatus.REFUSED
        elif item.case_type is CaseType.IMMEDIATE:
            approved = at + timedelta(minutes=rng.randint(3, 25))
            officer_there = seat.duty is Duty.COMPLIANT
            approver, place = (seat.officer if officer_there else seat.clerk), ApprovalPlace.WINDOW
        elif draw < 0.04:
            status = CaseStatus.AWAITING_DOCUMENTS if draw < 0.02 else CaseStatus.ACCEPTED
        else:
            limit = item.promised_days
            later = rng.randint(0, limit) if draw < 0.96 else limit + rng.randint(1, 6)
            if day_index + later < len(self.plan.counts):
                approved, approver, place = self._approval(rng, day_index, later, at, window, seat, item)
        completed = None
        if approved is not None:
            status = CaseStatus.COMPLETED
            completed = approved + timedelta(minutes=rng.randint(2, 60))
        trips = rng.choices((0, 1, 2, 3), cum_weights=(3, 96, 99.5, 100))[0]
        return [
            window.number,
            item.code,
            (ApplicantType.PERSON if person else ApplicantType.ENTERPRISE).value,
            name,
            number,
            at,
            receiver.number,
            status.value,
            approver.number if approver else None,
            approved,
            place.value if place else None,
            completed,
            trips,
            None,
        ]

    def _approval(
        self,
        rng: random.Random,
        day_index: int,
        later: int,
        at: datetime,
        window: PlannedWindow,
        seat: Seat,
        item: PlannedItem,
    ) -> tuple[datetime, PlannedStaff | None, ApprovalPlace]:
        """When, by whom and where a promised case is approved ``later`` working days after receipt."""
        back = self.plan.layout.back_office.get(item.department)
        afternoon = rng.random() < 0.5
        if back and (not item.window_may_approve or rng.random() < 0.01):
            approver, place = rng.choice(back), ApprovalPlace.BACK_OFFICE
        elif seat.duty is Duty.NOMINAL:
            # The session's officer never touched its cases: the window's other officer approves them.
            approver, place = seat.other, ApprovalPlace.WINDOW
        else:
            then = self.seat(day_index + later, window, afternoon) if later else seat
            approver = then.officer if then.duty is Duty.COMPLIANT else then.other
            place = ApprovalPlace.WINDOW
        if later == 0:
            return at + timedelta(minutes=rng.randint(20, 120)), approver, place
        start, span = _AFTERNOON if afternoon else _MORNING
        day = self.plan.roster_days[day_index + later]
        return datetime.combine(day, start) + timedelta(minutes=rng.randrange(span)), approver, place
