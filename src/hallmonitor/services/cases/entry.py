"""Entering a case at the window: the form's checks and the stored case.

Every change appends a CaseEvent, so the history a supervisor reads is what
actually happened. The due date is stored at entry, because the overdue filter
on a million cases has to run in SQL against a stored date. What happens to a
case afterwards (completion, special procedures) lives in ``progress`` and is
still importable from here, where callers have always found it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus
from hallmonitor.domain.identifiers import InvalidIdentifier
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.reports.imports import EARLIEST, LATEST, one_line
from hallmonitor.services.cases.applicants import applicant_identity
from hallmonitor.services.cases.due_dates import case_due_date
from hallmonitor.services.cases.progress import add_special_period, complete_case, end_special_period
from hallmonitor.services.cases.texts import (
    NOTE_LIMIT,
    InvalidCaseInput,
    check_keys,
    free_text,
    masked_note,
    shown,
)
from hallmonitor.services.cases.view import (
    CaseDetail,
    Choice,
    EntryChoices,
    case_detail,
    check_applicant_id,
    entry_choices,
)
from hallmonitor.services.front_shop import evaluate_flags
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed, load_calendar
from hallmonitor.storage.models import Case, CaseEvent, Item, Staff, Window

__all__ = [
    "NOTE_LIMIT",
    "CaseDetail",
    "CaseInput",
    "Choice",
    "EntryChoices",
    "InvalidCaseInput",
    "add_special_period",
    "case_detail",
    "check_applicant_id",
    "complete_case",
    "end_special_period",
    "entry_choices",
    "register_case",
]

#: A PC's clock may run a little ahead of another's; a receipt this far in the future is a typo.
_FUTURE_SLACK = timedelta(minutes=10)
_NUMBER_ATTEMPTS = 5
_MAX_TRIPS = 99


@dataclass(frozen=True)
class CaseInput:
    """What a clerk types at the window; keys are the numbers and codes people use."""

    window_number: str
    item_code: str
    applicant_type: ApplicantType
    applicant_name: str
    received_at: datetime
    applicant_id: str = ""
    trips: int = 1
    approval_place: ApprovalPlace | None = None
    #: 工号 of the approver.
    approver_no: str = ""
    #: Defaults to the completion time, else the time of receipt, when an approval place is given.
    approved_at: datetime | None = None
    completed_at: datetime | None = None
    #: Left blank, a number <hall code>-YYYYMMDD-NNNN is generated.
    case_no: str = ""
    bundle_key: str = ""


def register_case(ctx: HallContext, data: CaseInput, *, now: datetime | None = None) -> int:
    """Validate and store a new case; returns its id.

    Raises InvalidCaseInput naming the first wrong field. A generated number
    that another PC took a moment earlier is simply generated again. The case,
    its due date, its history, its 前店后厂 flag and the rules' mark are one
    transaction: a back-office approval shows on the flags page at once, and a
    kill never leaves the case without its flag.
    """
    ctx.require(Permission.ENTER_CASES, say("enter a case"))
    now = now or datetime.now()
    calendar = load_calendar(ctx)
    for _attempt in range(_NUMBER_ATTEMPTS):
        try:
            with ctx.db.transaction() as session:
                case, case_masked = _new_case(session, ctx, data, calendar, now)
                session.add(case)
                session.flush()
                window_number = data.window_number.strip()
                if case.completed_at is not None:
                    note = say("Received at window {window}, completed on the spot", window=window_number)
                else:
                    note = say("Received at window {window}", window=window_number)
                note += masked_note(case_masked)
                session.add(
                    CaseEvent(case_id=case.id, at=now, actor=ctx.actor.name, action="登记", note=note)
                )
                facts_changed(session, ctx.hall_id, case.received_at)
                case_id, approved_at = case.id, case.approved_at
                if approved_at is not None:
                    evaluate_flags(ctx, approved_at.date(), approved_at.date())
        except IntegrityError:
            if data.case_no.strip():
                raise InvalidCaseInput(
                    "case_no",
                    say("Case number {case_no} already exists.", case_no=shown(data.case_no.strip())),
                ) from None
            continue
        return case_id
    raise ServiceError(say("Another PC took the same case number at the same moment; save once more."))


@dataclass(frozen=True)
class CheckedInput:
    """A form's values checked and resolved to the hall's records, ready to store."""

    window: Window
    item: Item
    applicant_name: str
    #: ID numbers found in the applicant's name and masked.
    masked: int
    #: (shown, hash), or None when no identifier was typed (a correction then keeps the stored one).
    identity: tuple[str, str] | None
    approver_id: int | None
    approved_at: datetime | None


def check_input(
    session: Session,
    ctx: HallContext,
    data: CaseInput,
    now: datetime,
    *,
    window_in_service: bool = True,
    kept_item_id: int | None = None,
) -> CheckedInput:
    """The entry form's checks, shared by entry and correction; raises InvalidCaseInput.

    ``window_in_service`` False leaves the window's state to the caller: a
    correction judges it as it was when the case was received, not today.
    A deactivated (停用) item is refused, except ``kept_item_id``: the item a
    corrected case already has, so a case received before its item was
    deactivated stays correctable.
    """
    check_keys(data)
    name, masked = free_text(
        data.applicant_name, say("Applicant name"), 200, field="applicant_name", multiline=False
    )
    number = data.window_number.strip()
    if not number:
        raise InvalidCaseInput("window", say("Enter the receiving window."))
    window = session.scalar(select(Window).where(Window.hall_id == ctx.hall_id, Window.number == number))
    if window is None:
        raise InvalidCaseInput("window", say("Window {window} does not exist.", window=shown(number)))
    if window_in_service and not window.state.in_service:
        raise InvalidCaseInput(
            "window",
            say(
                'Window {window} is "{state}" now: no case can be entered at it.',
                window=window.number,
                state=window.state.value,
            ),
        )
    code = data.item_code.strip()
    if not code:
        raise InvalidCaseInput("item", say("Enter the item handled."))
    item = session.scalar(select(Item).where(Item.hall_id == ctx.hall_id, Item.code == code))
    if item is None:
        raise InvalidCaseInput("item", say("Item code {code} does not exist.", code=shown(code)))
    if item.active is False and item.id != kept_item_id:
        raise InvalidCaseInput(
            "item",
            say(
                "Item {code} ({name}) is deactivated: no new case can be entered for it.",
                code=item.code,
                name=item.name,
            ),
        )
    if not name:
        raise InvalidCaseInput("applicant_name", say("Enter the applicant's name."))
    identity = None
    if data.applicant_id.strip():
        try:
            identity = applicant_identity(session, data.applicant_type, data.applicant_id)
        except InvalidIdentifier as exc:
            raise InvalidCaseInput(
                "applicant_id", one_line(say("The ID number is wrong: {problem}.", problem=exc))
            ) from None
    if data.trips < 0:
        raise InvalidCaseInput("trips", say("Trips cannot be negative."))
    if data.trips > _MAX_TRIPS:
        raise InvalidCaseInput("trips", say("Trips cannot be more than {most}.", most=_MAX_TRIPS))
    for field, moment in (
        ("received_at", data.received_at),
        ("approved_at", data.approved_at),
        ("completed_at", data.completed_at),
    ):
        if moment is not None and not EARLIEST <= moment.date() <= LATEST:
            raise InvalidCaseInput(
                field,
                say(
                    "{day} is outside the dates a case may have ({earliest} to {latest}).",
                    day=f"{moment:%Y-%m-%d}",
                    earliest=f"{EARLIEST:%Y-%m-%d}",
                    latest=f"{LATEST:%Y-%m-%d}",
                ),
            )
    if data.received_at > now + _FUTURE_SLACK:
        raise InvalidCaseInput("received_at", say("The time of receipt is later than now; check it."))
    approver_id, approved_at = _approval(session, ctx, data)
    if data.completed_at is not None and data.completed_at < data.received_at:
        raise InvalidCaseInput(
            "completed_at", say("The completion time is earlier than the time of receipt.")
        )
    return CheckedInput(window, item, name, masked, identity, approver_id, approved_at)


def _new_case(
    session: Session, ctx: HallContext, data: CaseInput, calendar: WorkCalendar, now: datetime
) -> tuple[Case, int]:
    """The case to add, and how many ID numbers its free text had masked."""
    good = check_input(session, ctx, data, now)
    window, item = good.window, good.item
    id_shown, hashed = good.identity or ("", "")
    case_no = data.case_no.strip()
    if case_no:
        taken = session.scalar(select(Case.id).where(Case.hall_id == ctx.hall_id, Case.case_no == case_no))
        if taken is not None:
            raise InvalidCaseInput(
                "case_no", say("Case number {case_no} already exists.", case_no=shown(case_no))
            )
    else:
        case_no = _next_case_no(session, ctx, data.received_at.date())
    case = Case(
        hall_id=ctx.hall_id,
        case_no=case_no,
        window_id=window.id,
        item_id=item.id,
        applicant_type=data.applicant_type,
        applicant_name=good.applicant_name,
        applicant_id_display=id_shown,
        applicant_id_hash=hashed,
        received_at=data.received_at,
        status=CaseStatus.COMPLETED if data.completed_at is not None else CaseStatus.ACCEPTED,
        approved_at=good.approved_at,
        approved_by_id=good.approver_id,
        approval_place=data.approval_place,
        completed_at=data.completed_at,
        trips=data.trips,
        bundle_key=data.bundle_key.strip() or None,
        due_date=case_due_date(
            calendar, data.received_at, item.case_type, item.promised_days, completed_at=data.completed_at
        ),
    )
    return case, good.masked


def _approval(session: Session, ctx: HallContext, data: CaseInput) -> tuple[int | None, datetime | None]:
    """The approver's staff id and the approval time, refusing half-filled approvals.

    Approval place and approver are the evidence the 前店后厂 rule reads, so
    one without the other is a record nobody could check later.
    """
    approver_no = data.approver_no.strip()
    if data.approval_place is None:
        if approver_no or data.approved_at is not None:
            raise InvalidCaseInput(
                "approval_place",
                say("An approver or an approval time is filled in: choose the approval place too."),
            )
        return None, None
    if not approver_no:
        raise InvalidCaseInput("approver", say("An approval place is chosen: enter the approver too."))
    staff_id = session.scalar(
        select(Staff.id).where(Staff.hall_id == ctx.hall_id, Staff.staff_no == approver_no)
    )
    if staff_id is None:
        raise InvalidCaseInput(
            "approver", say("Approver's staff number {staff_no} does not exist.", staff_no=shown(approver_no))
        )
    approved_at = data.approved_at or data.completed_at or data.received_at
    if approved_at < data.received_at:
        raise InvalidCaseInput("approved_at", say("The approval time is earlier than the time of receipt."))
    return staff_id, approved_at


def _next_case_no(session: Session, ctx: HallContext, day: date) -> str:
    prefix = f"{ctx.hall_code}-{day:%Y%m%d}-"
    last = session.scalar(
        select(func.max(Case.case_no)).where(Case.hall_id == ctx.hall_id, Case.case_no.like(f"{prefix}%"))
    )
    serial = 1
    if last:
        tail = last[len(prefix) :]
        serial = int(tail) + 1 if tail.isdigit() else 1
    return f"{prefix}{serial:04d}"
