"""The rules run: turning the facts (roster, cases, complaints) into flags and alerts, and a day's check."""

from hallmonitor.services.rules.day_check import check_day
from hallmonitor.services.rules.engine import RunSummary, run_rules

__all__ = ["RunSummary", "check_day", "run_rules"]
