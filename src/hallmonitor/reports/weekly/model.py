"""The weekly report as plain data: one list per sheet, filled by the services, written by the reports.

It lives below the services so that the workbook writer can take it without
knowing where the figures came from (reports may not import storage), and so
a test can build a report by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hallmonitor.domain.texts import say
from hallmonitor.reports.weekly.nominal import NominalRow

__all__ = [
    "AlertRow",
    "CaseRow",
    "ComplaintRow",
    "DailyRow",
    "DepartmentRow",
    "Figure",
    "FrontShopRow",
    "IndicatorRow",
    "OverdueRow",
    "StaffingRow",
    "WeekRange",
    "WeekReport",
    "parse_iso_week",
    "ratio",
]

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
YES, NO = "是", "否"


@dataclass(frozen=True, slots=True)
class WeekRange:
    """An ISO week, Monday to Sunday, and the moment it ends."""

    label: str
    monday: date
    sunday: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.monday, time.min)

    @property
    def end(self) -> datetime:
        """The end of that Sunday, to the second: the moment the report judges as of."""
        return datetime.combine(self.sunday, time(23, 59, 59))

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]


def parse_iso_week(text: str) -> WeekRange:
    """``2026-W19`` → Monday 4 May to Sunday 10 May 2026; ValueError with a sentence otherwise."""
    cleaned = text.strip()
    match = _WEEK_RE.match(cleaned)
    if match is None:
        raise ValueError(
            say(
                "The week {text} is not understood: write an ISO week such as 2026-W19 (week 19 of 2026).",
                text=repr(text),
            )
        )
    year, week = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2099:
        # Also keeps the week's last moment and the working-day counts inside what dates can hold.
        raise ValueError(
            say(
                "The year {year} of the week {week} is out of range: write a week of the years 2000 to 2099.",
                week=cleaned,
                year=year,
            )
        )
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        weeks = date(year, 12, 28).isocalendar().week
        raise ValueError(
            say(
                "{year} has no week {week}: it has {weeks} weeks (W01–W{weeks:02d}).",
                year=year,
                week=week,
                weeks=weeks,
            )
        ) from None
    return WeekRange(f"{year}-W{week:02d}", monday, monday + timedelta(days=6))


def ratio(numerator: int, denominator: int) -> float | None:
    """A rate, or None (an empty cell) where there is nothing to divide by."""
    return numerator / denominator if denominator else None


def yes_no(flag: bool) -> str:
    return YES if flag else NO


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of 概览; ``kind`` is a column kind of reports.xlsx_style (int, percent, text, ...)."""

    name: str
    value: object
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class StaffingRow:
    window_no: str
    department: str
    day: date
    session: str
    formal_count: int
    auxiliary_count: int
    present: str
    verdict: str
    window_name: str
    weekday: str


#: 办件状态 of a voided case in 办件明细.
VOIDED_STATUS = "作废"


@dataclass(frozen=True, slots=True)
class CaseRow:
    case_no: str
    window_no: str
    department: str
    item_code: str
    item_name: str
    applicant_type: str
    applicant: str
    applicant_id: str
    received_at: datetime
    completed_at: datetime | None
    status: str
    trips: int
    limit_days: int
    working_days_used: int
    overdue: bool
    approval_place: str
    front_shop: bool
    case_type: str
    due: date | None
    deadline_state: str
    approved_at: datetime | None
    calendar_days_used: int
    bundle_key: str
    #: Why the case was voided (作废); such a row is listed, never counted.
    void_reason: str = ""


@dataclass(frozen=True, slots=True)
class FrontShopRow:
    case_no: str
    window_no: str
    department: str
    item_name: str
    reasons: str
    state: str
    approved_at: datetime | None
    approver: str
    completed_at: datetime | None
    review_note: str


@dataclass(frozen=True, slots=True)
class OverdueRow:
    case_no: str
    window_no: str
    department: str
    item_name: str
    received_at: datetime
    due: date
    completed_at: datetime | None
    overdue_working_days: int
    status: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    name: str
    target: float
    actual: float | None
    sample_count: int
    met_rate: float | None
    unit: str
    met_count: int
    #: 是 / 否, or "" without samples.
    target_met: str

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True, slots=True)
class AlertRow:
    alert_id: int
    window_no: str
    kind: str
    level: str
    raised_at: datetime
    deadline: date | None
    state: str
    handling_note: str
    department: str
    summary: str


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    number: str
    window_no: str
    received_at: datetime
    category: str
    due: date
    completed_at: datetime | None
    overdue: bool
    case_no: str
    content: str


@dataclass(frozen=True, slots=True)
class DailyRow:
    day: date
    weekday: str
    is_workday: bool
    cases: int
    sessions: int
    compliant: int

    @property
    def compliance_rate(self) -> float | None:
        return ratio(self.compliant, self.sessions)


@dataclass(slots=True)
class DepartmentRow:
    """A department's counts under the same definitions as 概览, so the center can add halls up."""

    department: str
    sessions: int = 0
    compliant: int = 0
    auxiliary_only: int = 0
    unstaffed: int = 0
    cases: int = 0
    decided: int = 0
    front_shop: int = 0
    handled: int = 0
    overdue: int = 0
    multi_trip: int = 0

    @property
    def compliance_rate(self) -> float | None:
        return ratio(self.compliant, self.sessions)

    @property
    def front_shop_rate(self) -> float | None:
        return ratio(self.front_shop, self.decided)

    @property
    def overdue_rate(self) -> float | None:
        return ratio(self.overdue, self.handled)

    @property
    def one_trip_rate(self) -> float | None:
        return ratio(self.cases - self.multi_trip, self.cases)


@dataclass
class WeekReport:
    hall_code: str
    hall_name: str
    week: WeekRange
    #: The moment everything is judged as of: the end of Sunday, or now for the week under way.
    as_of: datetime
    overview: list[Figure] = field(default_factory=list)
    daily: list[DailyRow] = field(default_factory=list)
    staffing: list[StaffingRow] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)
    #: Cases received in the week and voided (作废) since: listed in 办件明细, left out of every figure.
    voided_cases: list[CaseRow] = field(default_factory=list)
    front_shop: list[FrontShopRow] = field(default_factory=list)
    #: Sessions suspected of 挂名 (see ``reports.weekly.nominal``).
    nominal: list[NominalRow] = field(default_factory=list)
    overdue: list[OverdueRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)
    complaints: list[ComplaintRow] = field(default_factory=list)
    departments: list[DepartmentRow] = field(default_factory=list)

    def figure(self, name: str) -> object:
        for figure in self.overview:
            if figure.name == name:
                return figure.value
        raise KeyError(name)

    @property
    def row_count(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.staffing,
                self.cases,
                self.voided_cases,
                self.front_shop,
                self.nominal,
                self.overdue,
                self.indicators,
                self.alerts,
                self.complaints,
                self.departments,
            )
        )
