"""前店后厂 in the weekly report: flagged cases with the review state they had at the week's end.

A flag's row holds only its latest review; the case's append-only history
(the events services.flags.review_flag writes) says how it stood on Sunday
night, so a flag dismissed on the Monday after is still 待核查 in that week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from hallmonitor.domain.enums import FlagState
from hallmonitor.reports.weekly import FrontShopRow
from hallmonitor.services.front_shop import REASON_SEPARATOR
from hallmonitor.services.weekly.span import Span
from hallmonitor.storage.models import Case, CaseEvent, Department, FrontShopFlag, Item, Staff, Window

#: The case events services.flags.review_flag writes, and the state each one leaves the flag in.
_REVIEW_ACTIONS = {f"前店后厂{state.value}": state for state in (FlagState.CONFIRMED, FlagState.DISMISSED)}
_STATES = "|".join(re.escape(state.value) for state in FlagState)
#: review_flag's note, "待核查 → 已确认：<the supervisor's note>" (with ": " when the PC spoke English).
_REVIEW_NOTE = re.compile(rf"(?:{_STATES}) → (?:{_STATES})(?:：|: )(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FlagAsOf:
    reasons: str
    state: FlagState
    note: str


def flags_as_of(session: Session, condition: ColumnElement[bool], as_of: datetime) -> dict[int, FlagAsOf]:
    """Flags on the cases matching ``condition`` (which names the hall), each in the review state it had
    at ``as_of``."""
    flags = session.execute(
        select(
            FrontShopFlag.case_id,
            FrontShopFlag.reasons,
            FrontShopFlag.state,
            FrontShopFlag.note,
            FrontShopFlag.reviewed_at,
        )
        .join(Case, FrontShopFlag.case_id == Case.id)
        .where(condition)
    ).all()
    reviews = session.execute(
        select(CaseEvent.case_id, CaseEvent.action, CaseEvent.note)
        .join(Case, CaseEvent.case_id == Case.id)
        .join(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        .where(
            condition,
            CaseEvent.action.in_(_REVIEW_ACTIONS),
            CaseEvent.at <= as_of,
        )
        .order_by(CaseEvent.at, CaseEvent.id)
    ).all()
    last_review = {case_id: (action, note) for case_id, action, note in reviews}
    out: dict[int, FlagAsOf] = {}
    for case_id, reasons, state, note, reviewed_at in flags:
        if case_id in last_review:
            action, event_note = last_review[case_id]
            out[case_id] = FlagAsOf(reasons, _REVIEW_ACTIONS[action], _supervisor_note(event_note))
        elif reviewed_at is not None and reviewed_at <= as_of:
            out[case_id] = FlagAsOf(reasons, state, note)
        else:
            out[case_id] = FlagAsOf(reasons, FlagState.PENDING, "")
    return out


def _supervisor_note(event_note: str) -> str:
    """The supervisor's own words from a review's history note (the whole note if it is not review_flag's)."""
    found = _REVIEW_NOTE.fullmatch(event_note)
    return found.group(1) if found and found.group(1) else event_note


def front_shop_rows(session: Session, span: Span) -> list[FrontShopRow]:
    """Flagged cases approved or completed in the week, dismissed ones included so the center sees them."""
    approver = aliased(Staff)
    condition = and_(span.decided(), Case.approved_at <= span.as_of)
    flags = flags_as_of(session, condition, span.as_of)
    records = session.execute(
        select(
            Case.id,
            Case.case_no,
            Window.number,
            Department.name,
            Item.name,
            Case.approved_at,
            func.coalesce(approver.name, ""),
            Case.completed_at,
        )
        .join(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .outerjoin(approver, Case.approved_by_id == approver.id)
        .where(condition)
        .order_by(Case.approved_at, Case.case_no)
    ).all()
    rows = []
    for case_id, case_no, window_no, department, item, approved_at, approver_name, completed_at in records:
        flag = flags[case_id]
        rows.append(
            FrontShopRow(
                case_no,
                window_no,
                department,
                item,
                flag.reasons.replace(REASON_SEPARATOR, "；"),
                flag.state.value,
                approved_at,
                approver_name,
                completed_at if completed_at is not None and completed_at <= span.as_of else None,
                flag.note,
            )
        )
    return rows
