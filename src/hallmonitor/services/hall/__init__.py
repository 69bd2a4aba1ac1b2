"""The hall itself: who works on which hall, creating it, its rule settings and calendar,
and how far the rules have judged it.

Every other use case starts from a HallContext and the settings loaded here,
and every writer of facts tells the rules what changed (``facts_changed``), so
this package depends on no other capability.
"""

from hallmonitor.services.hall.changes import changes_since, latest_change, listen_for_changes, trim_changes
from hallmonitor.services.hall.config import (
    SINCE_EVER,
    SettingsTimeline,
    load_calendar,
    load_settings,
    save_overrides,
    save_settings,
    settings_timeline,
)
from hallmonitor.services.hall.context import Actor, HallContext, PermissionDenied, ServiceError, hall_context
from hallmonitor.services.hall.hall_key import (
    KeyState,
    KeyStatus,
    ensure_hash_key,
    enter_hall_key,
    hall_key_status,
    make_hall_key,
    new_key_cost,
    show_hall_key,
    start_new_hall_key,
    take_new_hall_key,
    without_key,
)
from hallmonitor.services.hall.marks import (
    Mark,
    advance_mark,
    calendar_changed,
    complaints_changed,
    due_dates_current,
    ensure_mark,
    facts_changed,
    read_mark,
)
from hallmonitor.services.hall.plausible import (
    Findings,
    implausible_records,
    moment_in_range,
    plausible_limit,
    plausible_trips,
)
from hallmonitor.services.hall.setup import (
    HallSummary,
    department_id,
    init_hall,
    list_halls,
    official_coverage,
)
from hallmonitor.services.hall.versions import StaleRecord, claim_version, stale_sentence
from hallmonitor.storage.contention import DatabaseBusy, retry_when_busy
from hallmonitor.storage.contention import is_busy as is_database_busy
from hallmonitor.storage.database import DatabaseError
from hallmonitor.storage.integrity import explain as database_sentence

__all__ = [
    "SINCE_EVER",
    "Actor",
    "DatabaseBusy",
    "DatabaseError",
    "Findings",
    "HallContext",
    "HallSummary",
    "KeyState",
    "KeyStatus",
    "Mark",
    "PermissionDenied",
    "ServiceError",
    "SettingsTimeline",
    "StaleRecord",
    "advance_mark",
    "calendar_changed",
    "changes_since",
    "claim_version",
    "complaints_changed",
    "database_sentence",
    "department_id",
    "due_dates_current",
    "ensure_hash_key",
    "ensure_mark",
    "enter_hall_key",
    "facts_changed",
    "hall_context",
    "hall_key_status",
    "implausible_records",
    "init_hall",
    "is_database_busy",
    "latest_change",
    "list_halls",
    "listen_for_changes",
    "load_calendar",
    "load_settings",
    "make_hall_key",
    "moment_in_range",
    "new_key_cost",
    "official_coverage",
    "plausible_limit",
    "plausible_trips",
    "read_mark",
    "retry_when_busy",
    "save_overrides",
    "save_settings",
    "settings_timeline",
    "show_hall_key",
    "stale_sentence",
    "start_new_hall_key",
    "take_new_hall_key",
    "trim_changes",
    "without_key",
]
