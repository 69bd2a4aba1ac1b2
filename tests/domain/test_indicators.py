from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hallmonitor.domain.enums import ItemCategory
from hallmonitor.domain.indicators import (
    CaseFacts,
    IndicatorResult,
    ItemFacts,
    compute_indicators,
    needs_trip_flag,
)
from hallmonitor.domain.rule_settings import RuleSettings
from tests.support.fakes import MAY_2026, FakeCalendar

WEEKDAYS = FakeCalendar()
RULES = RuleSettings()
LICENCE = ItemCategory.BUSINESS_LICENCE
SEAL = ItemCategory.SEAL_ENGRAVING
BANK = ItemCategory.BANK_ACCOUNT
TAX = ItemCategory.TAX
ESTATE = ItemCategory.REAL_ESTATE
PROJECT = ItemCategory.CONSTRUCTION_PROJECT
OTHER = ItemCategory.OTHER


def may(day: int) -> date:
    return date(2026, 5, day)


_counter = iter(range(1, 10_000))


def case(
    category: ItemCategory,
    accepted: date,
    completed: date | None,
    *,
    bundle: str | None = None,
    trips: int | None = None,
    ok: bool = True,
) -> CaseFacts:
    return CaseFacts(
        case_no=f"C{next(_counter):04d}",
        item_category=category,
        bundle_key=bundle,
        accepted=accepted,
        completed=completed,
        trips=trips,
        finished_ok=ok,
    )


def indicators(
    cases: list[CaseFacts],
    items: list[ItemFacts] | None = None,
    calendar: FakeCalendar = WEEKDAYS,
    rules: RuleSettings = RULES,
) -> dict[str, IndicatorResult]:
    return {r.key: r for r in compute_indicators(cases, items or [], calendar, rules)}


def test_order_names_units_and_targets() -> None:
    results = compute_indicators([], [], WEEKDAYS, RULES)
    assert [(r.key, r.name, r.unit, r.target) for r in results] == [
        ("enterprise_setup", "新开办企业", "工作日", 3.0),
        ("real_estate", "不动产登记", "工作日", 5.0),
        ("investment_project", "企业投资项目", "工作日", 120.0),
        ("one_trip_rate", "最多跑一次比例", "%", 0.9),
        ("admitted_rate", "进驻且授权审批事项比例", "%", 0.9),
    ]


def test_without_samples_there_is_no_actual() -> None:
    for result in compute_indicators([], [], WEEKDAYS, RULES):
        assert result.sample_count == 0
        assert result.met_count == 0
        assert result.actual is None
        assert result.met_rate is None


class TestEnterpriseSetup:
    def cases(self) -> list[CaseFacts]:
        return [
            # E1: Mon 11 to Thu 14 = 3 working days (met).
            case(LICENCE, may(11), may(12), bundle="E1"),
            case(SEAL, may(12), may(13), bundle="E1"),
            case(TAX, may(11), may(14), bundle="E1"),
            # A real-estate case sharing the key is not part of the setup.
            case(ESTATE, may(11), may(29), bundle="E1"),
            # E2: Thu 14 to Wed 20 = 4 working days over a weekend (not met).
            case(LICENCE, may(14), may(15), bundle="E2"),
            case(BANK, may(15), may(20), bundle="E2"),
            # E3: a step still open, not a sample yet.
            case(LICENCE, may(11), may(11), bundle="E3"),
            case(BANK, may(11), None, bundle="E3"),
            # E4: a step refused, the enterprise was not set up.
            case(LICENCE, may(11), may(12), bundle="E4"),
            case(TAX, may(11), may(12), bundle="E4", ok=False),
            # A licence outside any bundle.
            case(LICENCE, may(11), may(29)),
        ]

    def test_bundles_hand_worked(self) -> None:
        result = indicators(self.cases())["enterprise_setup"]
        assert result.sample_count == 2
        assert result.actual == pytest.approx(3.5)
        assert result.met_count == 1
        assert result.met_rate == pytest.approx(0.5)

    def test_target_from_settings(self) -> None:
        rules = replace(RULES, target_enterprise_setup_days=4)
        result = indicators(self.cases(), rules=rules)["enterprise_setup"]
        assert result.target == 4.0
        assert result.met_count == 2

    def test_acceptance_day_is_not_counted(self) -> None:
        same_day = indicators([case(LICENCE, may(11), may(11), bundle="X")])["enterprise_setup"]
        assert same_day.actual == 0
        next_day = indicators([case(LICENCE, may(11), may(12), bundle="X")])["enterprise_setup"]
        assert next_day.actual == 1

    def test_holidays_do_not_count_and_make_up_days_do(self) -> None:
        # Thu 30 Apr to Sat 9 May 2026: 6, 7, 8 and the make-up Saturday 9 are working days.
        bundle = [
            case(LICENCE, date(2026, 4, 30), may(6), bundle="M"),
            case(SEAL, may(6), may(9), bundle="M"),
        ]
        result = indicators(bundle, calendar=MAY_2026)["enterprise_setup"]
        assert result.actual == 4
        assert result.met_count == 0
        assert indicators(bundle, calendar=WEEKDAYS)["enterprise_setup"].actual == 6


class TestRealEstate:
    def test_per_case_hand_worked(self) -> None:
        cases = [
            case(ESTATE, may(11), may(18)),  # 5: met
            case(ESTATE, may(11), may(19)),  # 6: not met
            case(ESTATE, may(11), may(11)),  # 0: met
            case(ESTATE, may(11), None),  # open
            case(ESTATE, may(11), may(12), ok=False),  # refused
            case(LICENCE, may(11), may(12)),  # another category
        ]
        result = indicators(cases)["real_estate"]
        assert result.sample_count == 3
        assert result.actual == pytest.approx(11 / 3)
        assert result.met_count == 2
        assert result.met_rate == pytest.approx(2 / 3)

    def test_bundle_key_does_not_merge_real_estate_cases(self) -> None:
        cases = [case(ESTATE, may(11), may(12), bundle="B"), case(ESTATE, may(11), may(29), bundle="B")]
        assert indicators(cases)["real_estate"].sample_count == 2


class TestInvestmentProject:
    def test_from_approval_to_construction_permit_hand_worked(self) -> None:
        jan5 = date(2026, 1, 5)  # Monday; 24 weeks later is Monday 22 June = 120 working days
        cases = [
            case(PROJECT, jan5, date(2026, 2, 2), bundle="P1"),
            case(PROJECT, date(2026, 3, 2), date(2026, 6, 22), bundle="P1"),
            case(PROJECT, jan5, date(2026, 6, 23), bundle="P2"),
            case(PROJECT, jan5, date(2026, 1, 6), bundle="P3"),
            case(PROJECT, jan5, None, bundle="P3"),
            case(LICENCE, jan5, date(2026, 1, 6), bundle="P1"),
        ]
        result = indicators(cases)["investment_project"]
        assert result.sample_count == 2
        assert result.actual == pytest.approx(120.5)
        assert result.met_count == 1
        assert result.met_rate == pytest.approx(0.5)

    def test_enterprise_setup_cases_are_not_projects(self) -> None:
        result = indicators([case(LICENCE, may(11), may(12), bundle="P")])["investment_project"]
        assert result.sample_count == 0


class TestShares:
    def test_one_trip_share(self) -> None:
        cases = [case(OTHER, may(11), None, trips=t) for t in (0, 1, 1, 2, 3, None)]
        result = indicators(cases)["one_trip_rate"]
        assert result.sample_count == 5
        assert result.met_count == 3
        assert result.actual == pytest.approx(0.6)
        assert result.met_rate == pytest.approx(0.6)

    def test_one_trip_share_counts_unfinished_and_refused_cases(self) -> None:
        cases = [case(OTHER, may(11), may(12), trips=2, ok=False), case(OTHER, may(11), None, trips=1)]
        assert indicators(cases)["one_trip_rate"].actual == pytest.approx(0.5)

    def test_admitted_and_authorised_share(self) -> None:
        items = [
            ItemFacts("001", admitted=True, window_may_approve=True),
            ItemFacts("002", admitted=True, window_may_approve=False),
            ItemFacts("003", admitted=False, window_may_approve=True),
            ItemFacts("004", admitted=False, window_may_approve=False),
            ItemFacts("005", admitted=True, window_may_approve=True),
        ]
        result = indicators([], items)["admitted_rate"]
        assert result.sample_count == 5
        assert result.met_count == 2
        assert result.actual == pytest.approx(0.4)

    def test_share_targets_from_settings(self) -> None:
        rules = replace(RULES, target_one_trip_rate=0.95, target_admitted_rate=0.8)
        results = indicators([], rules=rules)
        assert results["one_trip_rate"].target == 0.95
        assert results["admitted_rate"].target == 0.8


@pytest.mark.parametrize(("trips", "flagged"), [(0, False), (1, False), (2, True), (5, True)])
def test_more_than_one_trip_is_flagged(trips: int, flagged: bool) -> None:
    assert needs_trip_flag(trips) is flagged


def test_accepts_iterators() -> None:
    results = compute_indicators(
        iter([case(ESTATE, may(11), may(12))]),
        iter([ItemFacts("1", True, True)]),
        WEEKDAYS,
        RULES,
    )
    assert [r.sample_count for r in results] == [0, 1, 0, 0, 1]
