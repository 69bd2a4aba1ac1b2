"""The hall itself: who works on which hall, creating it, and its rule settings and calendar.

Every other use case starts from a HallContext and the settings loaded here,
so this package depends on no other capability.
"""

from hallmonitor.services.hall.config import load_calendar, load_settings, save_overrides, save_settings
from hallmonitor.services.hall.context import Actor, HallContext, PermissionDenied, ServiceError, hall_context
from hallmonitor.services.hall.setup import ID_HASH_KEY, department_id, ensure_hash_key, init_hall
from hallmonitor.storage.database import DatabaseError

__all__ = [
    "ID_HASH_KEY",
    "Actor",
    "DatabaseError",
    "HallContext",
    "PermissionDenied",
    "ServiceError",
    "department_id",
    "ensure_hash_key",
    "hall_context",
    "init_hall",
    "load_calendar",
    "load_settings",
    "save_overrides",
    "save_settings",
]
