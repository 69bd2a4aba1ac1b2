"""Correcting a case after entry, and voiding it (作废).

A correction is history, never an overwrite: each one appends a CaseEvent that
names every changed field with what it held before and after, in the words a
supervisor reads, and tells the rules to judge again from the earliest day it
touched, so the alerts follow the corrected facts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum

from sqlalchemy.orm import Session

from hallmonitor.services.hall import facts_changed
from hallmonitor.storage.models import Case, CaseEvent

CORRECTED = "更正"
VOIDED = "作废"

#: The case's fields by the names people know them by, in the order the history lists them.
FIELD_LABELS: dict[str, str] = {
    "window": "受理窗口",
    "item": "办理事项",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人名称",
    "applicant_id": "证件号码",
    "received_at": "受理时间",
    "trips": "跑动次数",
    "bundle_key": "一件事编号",
    "approval_place": "审批地点",
    "approver": "审批人",
    "approved_at": "审批时间",
    "completed_at": "办结时间",
    "status": "办件状态",
}


def display_value(value: object) -> str:
    """A field's value as the case dialog and the history show it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def record_correction(
    session: Session,
    case: Case,
    changes: Mapping[str, tuple[object, object]],
    reason: str,
    *,
    actor: str,
    at: datetime,
) -> CaseEvent:
    """Append the 更正 event for ``changes`` (field → (before, after)) and mark the rules dirty.

    Fields are named by FIELD_LABELS' keys (a label already in Chinese is kept
    as it is); values may be raw (datetimes, enums) or display text. The rules
    judge again from the earliest of the case's receipt and every date before
    or after, because a moved receipt, approval or completion changes what was
    true on each of those days. Call it in the transaction that changes the case.
    """
    if not changes:
        raise ValueError("a correction changes at least one field")
    ordered = sorted(changes.items(), key=lambda kv: _field_order(kv[0]))
    payload = {
        FIELD_LABELS.get(field, field): [display_value(before), display_value(after)]
        for field, (before, after) in ordered
    }
    moments: list[datetime] = [case.received_at] if case.received_at is not None else []
    for before, after in changes.values():
        moments.extend(_moment(v) for v in (before, after) if isinstance(v, date))
    event = CaseEvent(
        case_id=case.id,
        at=at,
        actor=actor,
        action=CORRECTED,
        note="、".join(payload),
        reason=reason.strip(),
        changes=json.dumps(payload, ensure_ascii=False),
    )
    session.add(event)
    if moments:
        facts_changed(session, case.hall_id, min(moments))
    return event


def changes_of(event_changes: str) -> list[tuple[str, str, str]]:
    """A stored event's changes as (field, before, after), in the order they were recorded."""
    if not event_changes:
        return []
    try:
        data = json.loads(event_changes)
    except ValueError:
        return []
    return [(str(k), display_value(v[0]), display_value(v[1])) for k, v in data.items()]


def _field_order(field: str) -> int:
    names = [*FIELD_LABELS, *FIELD_LABELS.values()]
    return names.index(field) % len(FIELD_LABELS) if field in names else len(FIELD_LABELS)


def _moment(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
