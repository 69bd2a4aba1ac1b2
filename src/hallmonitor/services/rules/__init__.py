"""The rules run: the alert history derived from the facts (roster, cases, complaints), and a day's check."""

from hallmonitor.services.rules.changes import one_change
from hallmonitor.services.rules.day_check import DayCheck, check_day
from hallmonitor.services.rules.engine import RunSummary, run_rules

__all__ = ["DayCheck", "RunSummary", "check_day", "one_change", "run_rules"]
