"""Acting on many alerts at once: each one recorded on its own, through the same workflow.

Only acknowledging and revoking are offered in bulk, since neither needs a look
at the window first; each alert goes through ``perform`` so its own checks,
its version and its history are exactly those of a single action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hallmonitor.domain.texts import say
from hallmonitor.services.alerts.acting import perform
from hallmonitor.services.alerts.actions import _ROLES, Action, action_name
from hallmonitor.services.alerts.workflow import REVOKE_REASON, _now, _text
from hallmonitor.services.hall import HallContext, ServiceError

__all__ = ["BULK_ACTIONS", "BulkResult", "perform_bulk"]

#: What may be done to many alerts at once: neither needs a look at the window first.
BULK_ACTIONS = frozenset({Action.ACKNOWLEDGE, Action.REVOKE})


@dataclass(frozen=True)
class BulkResult:
    done: tuple[int, ...]
    #: (alert id, why it was not done): another PC acted on it first, or its state does not allow it.
    refused: tuple[tuple[int, str], ...]


def perform_bulk(
    ctx: HallContext, alert_ids: Sequence[int], action: Action, text: str, *, at: datetime | None = None
) -> BulkResult:
    """Acknowledge or revoke the given alerts with one note or reason, each recorded on its own."""
    if action not in BULK_ACTIONS:
        raise ServiceError(
            say(
                "“{action}” is done one alert at a time, not for several at once.", action=action_name(action)
            )
        )
    if action is Action.REVOKE:
        _text(text, REVOKE_REASON)
    ctx.require(_ROLES[action], action.value)
    at = _now(at)
    done: list[int] = []
    refused: list[tuple[int, str]] = []
    for alert_id in dict.fromkeys(alert_ids):
        try:
            perform(ctx, alert_id, action, text, at=at)
        except ServiceError as exc:
            refused.append((alert_id, str(exc)))
        else:
            done.append(alert_id)
    return BulkResult(tuple(done), tuple(refused))
