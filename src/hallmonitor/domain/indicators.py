"""The hall's public commitments (core indicators) as numbers a supervisor can print.

The directive sets time limits in working days for three things an applicant
cares about — setting up a new enterprise, registering real estate, and taking
an enterprise investment project from approval to construction permit — plus
two shares: cases done in at most one trip, and catalogue items admitted into
the hall with the window authorised to approve them. Durations count working
days with the day of acceptance not counted, as every Chinese time limit does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from hallmonitor.domain.enums import ENTERPRISE_SETUP_CATEGORIES, ItemCategory
from hallmonitor.domain.escalation import Calendar
from hallmonitor.domain.rule_settings import RuleSettings

UNIT_WORKING_DAYS = "工作日"
UNIT_PERCENT = "%"

_T = TypeVar("_T")


@dataclass(frozen=True)
class CaseFacts:
    case_no: str
    item_category: ItemCategory
    #: Cases sharing a key make one bundle (一件事); None for a case on its own.
    bundle_key: str | None
    accepted: date
    #: The day the case was finished, whatever the outcome.
    completed: date | None
    #: How many times the applicant had to come; None when not recorded.
    trips: int | None
    #: Finished as 办结, not refused or returned.
    finished_ok: bool

    @property
    def done_on(self) -> date | None:
        """The day of completion in the glossary's sense (办结): a refused case set nobody up."""
        return self.completed if self.finished_ok else None


@dataclass(frozen=True)
class ItemFacts:
    code: str
    admitted: bool
    window_may_approve: bool


@dataclass(frozen=True)
class IndicatorResult:
    key: str
    name: str
    unit: str
    target: float
    #: Mean working days, or a share between 0 and 1; None without samples.
    actual: float | None
    sample_count: int
    met_count: int
    met_rate: float | None


def needs_trip_flag(trips: int) -> bool:
    """最多跑一次: a second trip is already one too many."""
    return trips > 1


@dataclass(frozen=True)
class Durations:
    """The working days each sample of the three duration indicators took (a bundle, or a real-estate case)."""

    enterprise_setup: Sequence[int]
    real_estate: Sequence[int]
    investment_project: Sequence[int]


def compute_indicators(
    cases: Iterable[CaseFacts],
    items: Iterable[ItemFacts],
    calendar: Calendar,
    settings: RuleSettings,
) -> list[IndicatorResult]:
    """The five core indicators, always in the same order so reports line up year on year."""
    case_list = list(cases)
    durations = Durations(
        enterprise_setup=_bundle_durations(case_list, ENTERPRISE_SETUP_CATEGORIES, calendar),
        real_estate=[
            calendar.working_days_between(case.accepted, done_on)
            for case in case_list
            if case.item_category is ItemCategory.REAL_ESTATE and (done_on := case.done_on) is not None
        ],
        investment_project=_bundle_durations(
            case_list, frozenset({ItemCategory.CONSTRUCTION_PROJECT}), calendar
        ),
    )
    return indicators_from(
        durations, [case.trips for case in case_list if case.trips is not None], items, settings
    )


def indicators_from(
    durations: Durations, trips: Sequence[int], items: Iterable[ItemFacts], settings: RuleSettings
) -> list[IndicatorResult]:
    """The five indicators from their samples: what ``compute_indicators`` works out case by case,
    or a database's GROUP BY worked out for a chart."""
    item_list = list(items)
    return [
        _duration_result(
            "enterprise_setup",
            "新开办企业",
            settings.target_enterprise_setup_days,
            durations.enterprise_setup,
        ),
        _duration_result(
            "real_estate", "不动产登记", settings.target_real_estate_days, durations.real_estate
        ),
        _duration_result(
            "investment_project",
            "企业投资项目",
            settings.target_investment_project_days,
            durations.investment_project,
        ),
        _share_result(
            "one_trip_rate",
            "最多跑一次比例",
            settings.target_one_trip_rate,
            trips,
            lambda trips: not needs_trip_flag(trips),
        ),
        _share_result(
            "admitted_rate",
            "进驻且授权审批事项比例",
            settings.target_admitted_rate,
            item_list,
            lambda item: item.admitted and item.window_may_approve,
        ),
    ]


def _bundle_durations(
    cases: Sequence[CaseFacts], categories: frozenset[ItemCategory], calendar: Calendar
) -> list[int]:
    """Working days from a bundle's first acceptance to its last completion.

    Only whole bundles count: one still open (or refused) step means the
    applicant does not have the thing yet, and a partial duration would flatter
    the hall. Cases outside any bundle are not a bundle's worth of work.
    """
    bundles: dict[str, list[CaseFacts]] = defaultdict(list)
    for case in cases:
        if case.item_category in categories and case.bundle_key is not None:
            bundles[case.bundle_key].append(case)
    durations: list[int] = []
    for key in sorted(bundles):
        members = bundles[key]
        done = [case.done_on for case in members]
        if None in done:
            continue
        first = min(case.accepted for case in members)
        last = max(day for day in done if day is not None)
        durations.append(calendar.working_days_between(first, last))
    return durations


def _duration_result(key: str, name: str, target_days: int, durations: Sequence[int]) -> IndicatorResult:
    met = sum(1 for days in durations if days <= target_days)
    count = len(durations)
    return IndicatorResult(
        key=key,
        name=name,
        unit=UNIT_WORKING_DAYS,
        target=float(target_days),
        actual=sum(durations) / count if count else None,
        sample_count=count,
        met_count=met,
        met_rate=met / count if count else None,
    )


def _share_result(
    key: str, name: str, target: float, samples: Sequence[_T], meets: Callable[[_T], bool]
) -> IndicatorResult:
    met = sum(1 for sample in samples if meets(sample))
    count = len(samples)
    share = met / count if count else None
    return IndicatorResult(
        key=key,
        name=name,
        unit=UNIT_PERCENT,
        target=float(target),
        actual=share,
        sample_count=count,
        met_count=met,
        met_rate=share,
    )
