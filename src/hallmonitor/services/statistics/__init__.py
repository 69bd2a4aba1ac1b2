"""The figures behind the charts, grouped by the database."""

from hallmonitor.services.statistics.figures import (
    Count,
    DayCount,
    DepartmentFrontShop,
    WeekCompliance,
    cases_per_window,
    daily_cases,
    front_shop_by_department,
    indicators,
    weekly_compliance,
)

__all__ = [
    "Count",
    "DayCount",
    "DepartmentFrontShop",
    "WeekCompliance",
    "cases_per_window",
    "daily_cases",
    "front_shop_by_department",
    "indicators",
    "weekly_compliance",
]
