"""The change log of the hall's master data: who changed what, when, why, before and after.

A supervisor asked "since when is window 7 停用, and who decided it?" answers
from here, so every writer in this package logs in the same transaction as
its change, and nothing logged is ever updated or deleted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.record_texts import reread
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.hall import HallContext, ServiceError, StaleRecord, claim_version, stale_sentence
from hallmonitor.storage.models import ChangeLog, Item, Staff, Window, WindowStateChange

#: What the history calls each action, in the supervisor's words.
ACTION_WORDS = {
    "add": mark("Added"),
    "edit": mark("Edited"),
    "state": mark("State changed"),
    "category": mark("Staff category changed"),
    "leave": mark("Left"),
    "return": mark("Returned"),
    "deactivate": mark("Deactivated"),
    "activate": mark("Activated"),
}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    actor: str
    #: One of ACTION_WORDS' keys, or "state" for a window's state change the alert workflow made.
    action: str
    reason: str
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def action_word(self) -> str:
        word = ACTION_WORDS.get(self.action)
        return say(word) if word else self.action

    def changed(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field whose value differs, in the order ``after`` lists them."""
        fields = list(self.after) + [k for k in self.before if k not in self.after]
        return [
            (f, self.before.get(f), self.after.get(f))
            for f in fields
            if self.before.get(f) != self.after.get(f)
        ]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A record's fields as JSON-ready values (enums by their Chinese value, dates as ISO text)."""
    return {k: _plain(v) for k, v in fields.items()}


def now_at(at: datetime | None) -> datetime:
    return (at or datetime.now()).replace(microsecond=0)


def log_change(
    session: Session,
    ctx: HallContext,
    entity: str,
    entity_id: int,
    action: str,
    *,
    reason: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> None:
    """Log a change in the session's transaction, moving the window, person or item to its next version.

    ``expected_version`` is the row as the person's form showed it: when another
    PC changed it since, nothing of the change is kept and the sentence says who.
    """
    model = _VERSIONED.get(entity)
    if model is not None and action != "add":
        row = session.get(model, entity_id)
        if row is not None and not claim_version(session, model, row, expected_version):
            last = session.scalars(
                select(ChangeLog)
                .where(ChangeLog.entity == entity, ChangeLog.entity_id == entity_id)
                .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
            ).first()
            raise StaleRecord(
                stale_sentence(say(_THIS[entity]), last.actor if last else None, last.at if last else None)
            )
    session.add(
        ChangeLog(
            hall_id=ctx.hall_id,
            at=now_at(at),
            actor=ctx.actor.name,
            entity=entity,
            entity_id=entity_id,
            action=action,
            reason=reason,
            before=json.dumps(plain(before or {}), ensure_ascii=False),
            after=json.dumps(plain(after or {}), ensure_ascii=False),
        )
    )


_VERSIONED: dict[str, Any] = {"window": Window, "staff": Staff, "item": Item}
_THIS = {"window": mark("This window"), "staff": mark("This person"), "item": mark("This item")}


def _loads(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def history(ctx: HallContext, entity: str, entity_id: int) -> list[HistoryEntry]:
    """Everything that happened to one record, newest first.

    A window's state changes made by the alert workflow (整改中, 临时关闭) are
    in its state history only, so they are read from there too; a change made
    here is in both (its log row names the moment it took effect) and is listed once.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        if entity == "window" and session.get(Window, entity_id) is None:
            raise ServiceError(say("That window does not exist; refresh and try again."))
        rows = session.scalars(
            select(ChangeLog)
            .where(
                ChangeLog.hall_id == ctx.hall_id,
                ChangeLog.entity == entity,
                ChangeLog.entity_id == entity_id,
            )
            .order_by(ChangeLog.at, ChangeLog.id)
        ).all()
        entries = [
            HistoryEntry(r.at, r.actor, r.action, r.reason, _loads(r.before), _loads(r.after)) for r in rows
        ]
        if entity == "window":
            logged = {
                (e.after.get("effective_from"), e.after.get("state")) for e in entries if e.action == "state"
            }
            for change in session.scalars(
                select(WindowStateChange)
                .where(WindowStateChange.window_id == entity_id)
                .order_by(WindowStateChange.at, WindowStateChange.id)
            ):
                if (_plain(change.at), change.to_state.value) in logged:
                    continue
                entries.append(
                    HistoryEntry(
                        change.at,
                        change.actor,
                        "state",
                        # The rules and the alert workflow write these notes as the hall's record.
                        reread(change.note),
                        {"state": change.from_state.value},
                        {"state": change.to_state.value, "effective_from": _plain(change.at)},
                    )
                )
    order = sorted(range(len(entries)), key=lambda n: (entries[n].at, n), reverse=True)
    return [entries[n] for n in order]
