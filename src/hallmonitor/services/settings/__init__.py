"""What the settings page changes beyond the rule settings: the hall's name, the calendar's days, the database."""

from hallmonitor.services.settings.admin import (
    DatabaseCheck,
    calendar_status,
    check_database,
    database_url,
    hall_name,
    overrides_in_year,
    recompute_due_dates,
    remove_day,
    rename_hall,
    session_times_problem,
    set_day,
    shown_url,
)
from hallmonitor.services.settings.passwords import holds_password, password_kept_apart

__all__ = [
    "DatabaseCheck",
    "calendar_status",
    "check_database",
    "database_url",
    "hall_name",
    "holds_password",
    "overrides_in_year",
    "password_kept_apart",
    "recompute_due_dates",
    "remove_day",
    "rename_hall",
    "session_times_problem",
    "set_day",
    "shown_url",
]
