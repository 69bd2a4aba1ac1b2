"""The hall itself: who works on which hall, creating it, its rule settings and calendar,
and how far the rules have judged it.

Every other use case starts from a HallContext and the settings loaded here,
and every writer of facts tells the rules what changed (``facts_changed``), so
this package depends on no other capability.
"""

from hallmonitor.services.hall.changes import changes_since, latest_change, trim_changes
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
from hallmonitor.services.hall.marks import (
    Mark,
    advance_mark,
    calendar_changed,
    due_dates_current,
    ensure_mark,
    facts_changed,
    read_mark,
)
from hallmonitor.services.hall.setup import (
    ID_HASH_KEY,
    HallSummary,
    department_id,
    ensure_hash_key,
    init_hall,
    list_halls,
    official_coverage,
)
from hallmonitor.services.hall.versions import StaleRecord, claim_version, stale_sentence
from hallmonitor.storage.database import DatabaseError

__all__ = [
    "ID_HASH_KEY",
    "SINCE_EVER",
    "Actor",
    "DatabaseError",
    "HallContext",
    "HallSummary",
    "Mark",
    "PermissionDenied",
    "ServiceError",
    "SettingsTimeline",
    "StaleRecord",
    "advance_mark",
    "calendar_changed",
    "changes_since",
    "claim_version",
    "department_id",
    "due_dates_current",
    "ensure_hash_key",
    "ensure_mark",
    "facts_changed",
    "hall_context",
    "init_hall",
    "latest_change",
    "list_halls",
    "load_calendar",
    "load_settings",
    "official_coverage",
    "read_mark",
    "save_overrides",
    "save_settings",
    "settings_timeline",
    "stale_sentence",
    "trim_changes",
]
