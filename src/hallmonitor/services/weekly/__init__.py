"""The weekly report for the administrative service center, as it stood at the end of the week."""

from hallmonitor.services.weekly.report import build_week, week_range

__all__ = ["build_week", "week_range"]
