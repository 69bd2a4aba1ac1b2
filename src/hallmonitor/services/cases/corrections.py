"""Correcting a case after entry, and voiding it (作废).

A correction is history, never an overwrite: each one appends a CaseEvent that
names every changed field with what it held before and after, in the words a
supervisor reads, and tells the rules to judge again from the earliest day it
touched, so the alerts follow the corrected facts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date, datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import CaseStatus, WindowState
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.services.cases.due_dates import case_due_date
from hallmonitor.services.cases.entry import (
    NOTE_LIMIT,
    CaseInput,
    CheckedInput,
    InvalidCaseInput,
    check_input,
)
from hallmonitor.services.cases.texts import free_text
from hallmonitor.services.cases.view import changes_of, load_case, periods_of
from hallmonitor.services.front_shop import evaluate_flags
from hallmonitor.services.hall import (
    HallContext,
    ServiceError,
    StaleRecord,
    claim_version,
    facts_changed,
    load_calendar,
    stale_sentence,
)
from hallmonitor.storage.models import Case, CaseEvent, Item, Staff, Window, WindowStateChange

#: The history's actions and the changes' field names below are stored with each event and
#: read back by later versions, so they are the store's vocabulary, the same in every language.
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
        note=say(", ").join(payload),
        reason=reason.strip(),
        changes=json.dumps(payload, ensure_ascii=False),
    )
    session.add(event)
    if moments:
        facts_changed(session, case.hall_id, min(moments))
    return event


def _field_order(field: str) -> int:
    names = [*FIELD_LABELS, *FIELD_LABELS.values()]
    return names.index(field) % len(FIELD_LABELS) if field in names else len(FIELD_LABELS)


def _moment(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())


# --- correcting a case -------------------------------------------------------------

_INPUT_FIELDS = {f.name for f in fields(CaseInput)}


def correction_input(ctx: HallContext, case_id: int) -> CaseInput:
    """The case as the entry form shows it, to prefill a correction.

    The identifier is left blank: only its mask is stored, and a blank
    identifier in a correction keeps the stored one.
    """
    with ctx.db.session() as session:
        case = load_case(session, ctx, case_id)
        return _input_of(session, case)


def _input_of(session: Session, case: Case) -> CaseInput:
    window = session.get(Window, case.window_id)
    item = session.get(Item, case.item_id)
    approver = session.get(Staff, case.approved_by_id) if case.approved_by_id else None
    assert window is not None and item is not None
    return CaseInput(
        window_number=window.number,
        item_code=item.code,
        applicant_type=case.applicant_type,
        applicant_name=case.applicant_name,
        received_at=case.received_at,
        trips=case.trips,
        approval_place=case.approval_place,
        approver_no=approver.staff_no if approver else "",
        approved_at=case.approved_at,
        completed_at=case.completed_at,
        case_no=case.case_no,
        bundle_key=case.bundle_key or "",
    )


def correct_case(
    ctx: HallContext,
    case_id: int,
    changes: CaseInput | Mapping[str, object],
    reason: str,
    *,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> list[tuple[str, str, str]]:
    """Correct any field but the number, with a reason; returns (field, before, after) as recorded.

    ``expected_version`` is the case as the form loaded it: a case changed since
    (on another PC) is refused, naming who changed it and when.

    ``changes`` is the whole corrected form, or only the fields that change
    (CaseInput's names). The entry form's checks apply; the window must have
    been in service when the case was received. The due date is recomputed, the
    rules judge again from the earliest day touched, and 前店后厂 is judged
    again for the approval days before and after in the same transaction, so
    the flags page follows without waiting for the rules and a kill never
    leaves the corrected case with the old flag.
    """
    ctx.require(Permission.ENTER_CASES, say("correct a case"))
    reason, _masked = free_text(reason, say("Correction reason"), NOTE_LIMIT, field="reason")
    if not reason:
        raise InvalidCaseInput("reason", say("Enter the reason for the correction."))
    now = now or datetime.now()
    calendar = load_calendar(ctx)
    with ctx.db.transaction() as session:
        case = load_case(session, ctx, case_id)
        claim_case(session, case, expected_version)
        if case.voided_at is not None:
            raise ServiceError(say("Case {case_no} is voided and cannot be corrected.", case_no=case.case_no))
        before = _input_of(session, case)
        after = _merged(before, changes)
        if after.case_no.strip() != case.case_no:
            raise InvalidCaseInput(
                "case_no",
                say(
                    "The case number cannot be corrected ({case_no}); if it is wrong, void the case "
                    "and enter it again.",
                    case_no=case.case_no,
                ),
            )
        checked = check_input(session, ctx, after, now, window_in_service=False, kept_item_id=case.item_id)
        if checked.window.id != case.window_id or after.received_at != case.received_at:
            state = _window_state_at(session, checked.window, after.received_at)
            if not state.in_service:
                raise InvalidCaseInput(
                    "window",
                    say(
                        'Window {window} was "{state}" at {at}: it could not receive cases then.',
                        window=checked.window.number,
                        at=f"{after.received_at:%Y-%m-%d %H:%M}",
                        state=state.value,
                    ),
                )
        if (
            after.applicant_type != case.applicant_type
            and case.applicant_id_display
            and checked.identity is None
        ):
            raise InvalidCaseInput(
                "applicant_id", say("The applicant type has changed; enter the ID number again.")
            )
        if (
            case.completed_at is not None
            and after.completed_at is None
            and case.status is not CaseStatus.COMPLETED
        ):
            raise InvalidCaseInput(
                "completed_at",
                say(
                    'The case is "{status}": its completion time cannot be removed.', status=case.status.value
                ),
            )
        old = _snapshot(session, case)
        _apply(case, after, checked)
        new = _snapshot(session, case)
        diff = {k: (old[k], new[k]) for k in old if old[k] != new[k]}
        if not diff:
            raise ServiceError(
                say("Case {case_no} has no changes: there is nothing to correct.", case_no=case.case_no)
            )
        if "applicant_id" in diff:
            # Only the mask is ever shown; a change hidden by the mask still says it happened.
            shown_before, shown_after = old["applicant_id"][0], new["applicant_id"][0]  # type: ignore[index]
            diff["applicant_id"] = (
                shown_before,
                shown_after if shown_after != shown_before else say("(corrected)"),
            )
        item = checked.item
        case.due_date = case_due_date(
            calendar,
            case.received_at,
            item.case_type,
            item.promised_days,
            periods_of(case),
            case.completed_at,
        )
        event = record_correction(session, case, diff, reason, actor=ctx.actor.name, at=now)
        recorded = changes_of(event.changes)
        approval_days = [
            d.date() for d in (old["approved_at"], new["approved_at"]) if isinstance(d, datetime)
        ]
        if approval_days:
            session.flush()
            evaluate_flags(ctx, min(approval_days), max(approval_days))
    return recorded


def claim_case(session: Session, case: Case, expected: int | None) -> None:
    """Move the case to its next version, or refuse when it is no longer the one the person saw."""
    if claim_version(session, Case, case, expected):
        return
    last = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
    ).first()
    raise StaleRecord(
        stale_sentence(
            # The subject of the hall's sentence; the Chinese keeps its space before 已被.
            say("The case {case_no}", case_no=case.case_no),
            last.actor if last else None,
            last.at if last else None,
        )
    )


def _merged(current: CaseInput, changes: CaseInput | Mapping[str, object]) -> CaseInput:
    if isinstance(changes, CaseInput):
        return changes
    unknown = set(changes) - _INPUT_FIELDS
    if unknown:
        raise ValueError(f"unknown case fields {sorted(unknown)}")
    return replace(current, **changes)  # type: ignore[arg-type]


def _apply(case: Case, data: CaseInput, checked: CheckedInput) -> None:
    case.window_id = checked.window.id
    case.item_id = checked.item.id
    case.applicant_type = data.applicant_type
    case.applicant_name = checked.applicant_name
    if checked.identity is not None:
        case.applicant_id_display, case.applicant_id_hash = checked.identity
    case.received_at = data.received_at
    case.trips = data.trips
    case.bundle_key = data.bundle_key.strip() or None
    case.approval_place = data.approval_place
    case.approved_by_id = checked.approver_id
    case.approved_at = checked.approved_at
    if data.completed_at is not None and case.completed_at is None:
        for period in case.special_periods:
            if period.end_day is None:
                period.end_day = max(period.start_day, data.completed_at.date())
        case.status = CaseStatus.COMPLETED
    elif data.completed_at is None and case.completed_at is not None:
        open_period = any(p.end_day is None for p in case.special_periods)
        case.status = CaseStatus.SPECIAL_PROCEDURE if open_period else CaseStatus.ACCEPTED
    case.completed_at = data.completed_at


def _snapshot(session: Session, case: Case) -> dict[str, object]:
    """The case's fields as the history names and shows them, to compare before and after."""
    window = session.get(Window, case.window_id)
    item = session.get(Item, case.item_id)
    approver = session.get(Staff, case.approved_by_id) if case.approved_by_id else None
    assert window is not None and item is not None
    return {
        "window": f"{window.number} {window.name}",
        "item": f"{item.code} {item.name}",
        "applicant_type": case.applicant_type,
        "applicant_name": case.applicant_name,
        "applicant_id": (case.applicant_id_display, case.applicant_id_hash),
        "received_at": case.received_at,
        "trips": case.trips,
        "bundle_key": case.bundle_key or "",
        "approval_place": case.approval_place,
        "approver": f"{approver.staff_no} {approver.name}" if approver else "",
        "approved_at": case.approved_at,
        "completed_at": case.completed_at,
        "status": case.status,
    }


def _window_state_at(session: Session, window: Window, moment: datetime) -> WindowState:
    """The window's state at ``moment``, from its history of changes (as the staffing rules read it)."""
    history = session.execute(
        select(WindowStateChange.at, WindowStateChange.from_state, WindowStateChange.to_state)
        .where(WindowStateChange.window_id == window.id)
        .order_by(WindowStateChange.at, WindowStateChange.id)
    ).all()
    if not history:
        return window.state
    before = [h for h in history if h[0] <= moment]
    return before[-1][2] if before else history[0][1]
