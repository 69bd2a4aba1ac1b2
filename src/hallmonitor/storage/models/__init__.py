"""The hall's tables as typed SQLAlchemy 2 models.

Everything a hall owns carries ``hall_id`` so that several halls can share one
PostgreSQL database; keys users type (window number, 工号, item code, case
number) are unique per hall, which is also what imports match rows on.
"""

from hallmonitor.storage.base import Base
from hallmonitor.storage.models.alerts import Alert, AlertEvent, AlertOccurrence
from hallmonitor.storage.models.cases import (
    FINISHED_LATE,
    ITEM_RECEIVED_INDEX,
    ODD_TRIPS,
    POSTGRESQL_OPTIONS,
    UNFINISHED,
    VOIDED,
    Case,
    CaseEvent,
    CaseTally,
    Complaint,
    FrontShopFlag,
    SpecialPeriod,
    add_postgresql_options,
)
from hallmonitor.storage.models.config import (
    AuditEntry,
    AuditHead,
    CalendarOverrideRow,
    ChangeFeed,
    ChangeLog,
    HallKey,
    Operator,
    RuleSettingsVersion,
    RulesMark,
    Secret,
    Setting,
)
from hallmonitor.storage.models.hall import (
    Department,
    Hall,
    Item,
    RosterEntry,
    Staff,
    StaffCategoryChange,
    Window,
    WindowStateChange,
)
from hallmonitor.storage.models.nominal import NominalReview

__all__ = [
    "FINISHED_LATE",
    "ITEM_RECEIVED_INDEX",
    "ODD_TRIPS",
    "POSTGRESQL_OPTIONS",
    "UNFINISHED",
    "VOIDED",
    "Alert",
    "AlertEvent",
    "AlertOccurrence",
    "AuditEntry",
    "AuditHead",
    "Base",
    "CalendarOverrideRow",
    "Case",
    "CaseEvent",
    "CaseTally",
    "ChangeFeed",
    "ChangeLog",
    "Complaint",
    "Department",
    "FrontShopFlag",
    "Hall",
    "HallKey",
    "Item",
    "NominalReview",
    "Operator",
    "RosterEntry",
    "RuleSettingsVersion",
    "RulesMark",
    "Secret",
    "Setting",
    "SpecialPeriod",
    "Staff",
    "StaffCategoryChange",
    "Window",
    "WindowStateChange",
    "add_postgresql_options",
]
