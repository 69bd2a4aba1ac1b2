"""The audit trail checked and read.

Anyone holding the database can recompute the chain, no account needed; reading
the entries is the auditor's (READ_AUDIT), and one record's history is also
theirs who work with that record (``entity_history``).
"""

from hallmonitor.services.audit.entries import ACTION_WORDS, TrailEntry, value_text
from hallmonitor.services.audit.kinds import ENTITY_KINDS, EntityKind, find_kind
from hallmonitor.services.audit.trail import (
    DEFAULT_LIMIT,
    TrailFilter,
    TrailPage,
    entity_history,
    list_trail,
    trail_actors,
)
from hallmonitor.services.audit.verify import ChainVerdict, report_head, verify_chain

__all__ = [
    "ACTION_WORDS",
    "DEFAULT_LIMIT",
    "ENTITY_KINDS",
    "ChainVerdict",
    "EntityKind",
    "TrailEntry",
    "TrailFilter",
    "TrailPage",
    "entity_history",
    "find_kind",
    "list_trail",
    "report_head",
    "trail_actors",
    "value_text",
    "verify_chain",
]
