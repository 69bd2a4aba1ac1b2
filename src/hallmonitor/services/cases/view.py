"""Reading a case and the lists the entry form completes from.

Kept apart from the writes so the dialog and the form can ask for what they
show without going near the validation and history code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.deadlines import DeadlineReport, assess_case
from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    DeadlineState,
    FlagState,
)
from hallmonitor.domain.identifiers import InvalidIdentifier, validate_credit_code, validate_id_card
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.plausible import EARLIEST, LATEST, MAX_LIMIT_DAYS, deadline_problem, shown
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.reports.imports import one_line
from hallmonitor.services.hall import HallContext, ServiceError, load_calendar
from hallmonitor.storage.models import Case, CaseEvent, Department, FrontShopFlag, Item, Staff, Window


@dataclass(frozen=True)
class Choice:
    key: str
    name: str
    detail: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class EntryChoices:
    windows: list[Choice]
    items: list[Choice]
    staff: list[Choice]


@dataclass(frozen=True)
class PeriodInfo:
    id: int
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class EventInfo:
    at: datetime
    actor: str
    action: str
    note: str
    #: Why, as the person gave it (corrections, voiding).
    reason: str = ""
    #: A correction's (field, before, after), in the words the history shows.
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class CaseDetail:
    id: int
    case_no: str
    window: str
    department: str
    item: str
    case_type: CaseType
    promised_days: int
    applicant_type: ApplicantType
    applicant_name: str
    applicant_id_display: str
    received_at: datetime
    status: CaseStatus
    approval_place: ApprovalPlace | None
    approver: str
    approved_at: datetime | None
    completed_at: datetime | None
    trips: int
    bundle_key: str
    deadline: DeadlineReport
    periods: list[PeriodInfo]
    history: list[EventInfo]
    flag_state: FlagState | None
    flag_reasons: str
    voided_at: datetime | None = None
    void_reason: str = ""
    #: The case's change count when read; a correction or void based on it names it.
    version: int = 0
    #: Why the deadline is not worked out: a fact it counts from is outside the plausible range.
    implausible: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def finished(self) -> bool:
        return self.status.is_finished

    @property
    def open_period(self) -> PeriodInfo | None:
        return next((p for p in self.periods if p.end is None), None)


def changes_of(stored: str) -> list[tuple[str, str, str]]:
    """A stored event's changes as (field, before, after), in the order they were recorded."""
    if not stored:
        return []
    try:
        data = json.loads(stored)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    return [
        (str(k), _text(v[0]), _text(v[1])) for k, v in data.items() if isinstance(v, list) and len(v) == 2
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def check_applicant_id(applicant_type: ApplicantType, raw: str) -> str | None:
    """The sentence that says what is wrong with an identifier, or None when it may be saved.

    The form calls this on every keystroke, so it stays free of database work.
    """
    if not raw.strip():
        return None
    try:
        if applicant_type is ApplicantType.PERSON:
            validate_id_card(raw)
        else:
            validate_credit_code(raw)
    except InvalidIdentifier as exc:
        # The message names the wrong character, which may be a pasted control character.
        return one_line(str(exc))
    return None


def entry_choices(ctx: HallContext) -> EntryChoices:
    """What the form completes from: windows, items and active staff of the hall.

    Windows not in service and deactivated (停用) items are listed with
    ``enabled`` False: a new case may not use them, but a correction may keep them.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        windows = session.execute(
            select(Window.number, Window.name, Department.name, Window.state)
            .join(Department, Window.department_id == Department.id)
            .where(Window.hall_id == ctx.hall_id)
            .order_by(Window.number)
        ).all()
        items = session.execute(
            select(Item.code, Item.name, Department.name, Item.active)
            .join(Department, Item.department_id == Department.id)
            .where(Item.hall_id == ctx.hall_id)
            .order_by(Item.code)
        ).all()
        staff = session.execute(
            select(Staff.staff_no, Staff.name, Department.name)
            .join(Department, Staff.department_id == Department.id)
            .where(Staff.hall_id == ctx.hall_id, Staff.active.is_(True))
            .order_by(Staff.staff_no)
        ).all()
    return EntryChoices(
        windows=[Choice(n, name, dept, state.in_service) for n, name, dept, state in windows],
        items=[Choice(code, name, dept, active is not False) for code, name, dept, active in items],
        staff=[Choice(*row) for row in staff],
    )


def load_case(session: Session, ctx: HallContext, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.hall_id != ctx.hall_id:
        raise ServiceError(say("That case does not exist; it may have been deleted."))
    return case


def periods_of(case: Case) -> list[tuple[date, date | None]]:
    return [(p.start_day, p.end_day) for p in case.special_periods]


def case_detail(ctx: HallContext, case_id: int, *, as_of: date | None = None) -> CaseDetail:
    """Everything the case dialog shows, with the deadline judged as of ``as_of``."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    as_of = as_of or date.today()
    calendar = load_calendar(ctx)
    with ctx.db.session() as session:
        case = load_case(session, ctx, case_id)
        window = session.get(Window, case.window_id)
        item = session.get(Item, case.item_id)
        assert window is not None and item is not None
        approver = session.get(Staff, case.approved_by_id) if case.approved_by_id else None
        flag = session.scalar(select(FrontShopFlag).where(FrontShopFlag.case_id == case.id))
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
        report, implausible = _deadline(calendar, case, item, as_of)
        return CaseDetail(
            id=case.id,
            case_no=case.case_no,
            window=f"{window.number} {window.name}",
            department=item.department.name,
            item=f"{item.code} {item.name}",
            case_type=item.case_type,
            promised_days=item.promised_days,
            applicant_type=case.applicant_type,
            applicant_name=case.applicant_name,
            applicant_id_display=case.applicant_id_display,
            received_at=case.received_at,
            status=case.status,
            approval_place=case.approval_place,
            approver=f"{approver.staff_no} {approver.name}" if approver else "",
            approved_at=case.approved_at,
            completed_at=case.completed_at,
            trips=case.trips,
            bundle_key=case.bundle_key or "",
            deadline=report,
            periods=[PeriodInfo(p.id, p.start_day, p.end_day, p.reason) for p in case.special_periods],
            history=[
                EventInfo(e.at, e.actor, e.action, e.note, e.reason, changes_of(e.changes)) for e in events
            ],
            flag_state=flag.state if flag else None,
            flag_reasons=flag.reasons if flag else "",
            voided_at=case.voided_at,
            void_reason=case.void_reason or "",
            version=case.version,
            implausible=implausible,
        )


def _deadline(calendar: WorkCalendar, case: Case, item: Item, as_of: date) -> tuple[DeadlineReport, str]:
    """The case against its deadline, or why that cannot be worked out from what is stored."""
    periods = periods_of(case)
    problem = deadline_problem(
        case.received_at, item.case_type, item.promised_days, case.completed_at, periods
    )
    if problem is not None:
        field, value = problem
        why = say(
            "{field} {value} is outside the plausible range ({earliest} to {latest}, time limits 0 to "
            "{most} working days), so no deadline is worked out; correct it and look again.",
            field=field,
            value=shown(value),
            earliest=f"{EARLIEST:%Y-%m-%d}",
            latest=f"{LATEST:%Y-%m-%d}",
            most=MAX_LIMIT_DAYS,
        )
        return DeadlineReport(None, DeadlineState.ON_TIME, 0, 0, 0), why
    accepted = case.received_at.date()
    completed = case.completed_at.date() if case.completed_at else None
    return (
        assess_case(
            calendar,
            accepted=accepted,
            case_type=item.case_type,
            promised_days=item.promised_days,
            # A completion typed before the receipt counts as finished the day the case came in.
            completed=max(completed, accepted) if completed is not None else None,
            as_of=as_of,
            special_periods=periods,
        ),
        "",
    )
