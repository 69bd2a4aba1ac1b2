"""What every writer of alerts shares: the system's name in the history, the open states, and one event.

The rules write alerts by reconciling them with the history they derive
(``services.rules``); people change them through the workflow, one event at a
time with ``close_alert``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.domain.record_texts import reread
from hallmonitor.storage.models import Alert, AlertEvent

SYSTEM_ACTOR = "系统"
OPEN_STATES = tuple(s for s in AlertState if s.is_open)


@dataclass(slots=True)
class Change:
    """What one call did, for tray notices: a new alert or an escalation."""

    alert_id: int
    kind: AlertKind
    level: AlertLevel
    #: As the rules stored it, in the record's language.
    stored_summary: str
    new: bool
    escalated: bool

    @property
    def summary(self) -> str:
        """The summary in the language of whoever reads it now (the rules made it in the record's)."""
        return reread(self.stored_summary)


def close_alert(
    session: Session, alert: Alert, *, at: datetime, actor: str, action: str, state: AlertState, note: str
) -> None:
    session.add(
        AlertEvent(
            alert_id=alert.id,
            at=at,
            actor=actor,
            action=action,
            from_state=alert.state.value,
            to_state=state.value,
            level=alert.level.value,
            note=note,
        )
    )
    alert.state = state
    alert.version = (alert.version or 1) + 1
    if not state.is_open:
        alert.closed_at = at
