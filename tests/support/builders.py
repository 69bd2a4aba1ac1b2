"""Small builders for test data, written through the real models into a real database.

Like every writer of facts, each dated builder tells the rules from when to judge again.
"""

from __future__ import annotations

from datetime import date, datetime

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    ItemCategory,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.services.hall import HallContext, department_id, facts_changed
from hallmonitor.storage.models import Case, Complaint, Item, RosterEntry, Staff, Window


def window(
    ctx: HallContext,
    number: str,
    department: str = "市场监管局",
    *,
    state: WindowState = WindowState.OPEN,
    kind: WindowKind = WindowKind.DEPARTMENT,
) -> int:
    with ctx.db.session() as s:
        w = Window(
            hall_id=ctx.hall_id,
            number=number,
            name=f"{department}窗口",
            department_id=department_id(s, ctx.hall_id, department),
            kind=kind,
            state=state,
        )
        s.add(w)
        s.flush()
        return w.id


def staff(
    ctx: HallContext, staff_no: str, name: str, category: StaffCategory, department: str = "市场监管局"
) -> int:
    with ctx.db.session() as s:
        p = Staff(
            hall_id=ctx.hall_id,
            staff_no=staff_no,
            name=name,
            department_id=department_id(s, ctx.hall_id, department),
            category=category,
        )
        s.add(p)
        s.flush()
        return p.id


def duty(
    ctx: HallContext,
    window_id: int,
    staff_id: int,
    day: date,
    session: Session,
    attendance: bool | None = True,
) -> None:
    with ctx.db.session() as s:
        s.add(
            RosterEntry(
                window_id=window_id, staff_id=staff_id, day=day, session=session, attendance=attendance
            )
        )
        facts_changed(s, ctx.hall_id, day)


def item(
    ctx: HallContext,
    code: str,
    *,
    category: ItemCategory = ItemCategory.OTHER,
    case_type: CaseType = CaseType.PROMISED,
    promised_days: int = 3,
    window_may_approve: bool = True,
    admitted: bool = True,
    department: str = "市场监管局",
) -> int:
    with ctx.db.session() as s:
        i = Item(
            hall_id=ctx.hall_id,
            code=code,
            name=f"事项{code}",
            department_id=department_id(s, ctx.hall_id, department),
            category=category,
            case_type=case_type,
            promised_days=promised_days,
            legal_days=promised_days * 2,
            admitted=admitted,
            window_may_approve=window_may_approve,
        )
        s.add(i)
        s.flush()
        return i.id


def case(
    ctx: HallContext,
    case_no: str,
    window_id: int,
    item_id: int,
    received_at: datetime,
    *,
    approved_at: datetime | None = None,
    approved_by: int | None = None,
    received_by: int | None = None,
    place: ApprovalPlace | None = None,
    completed_at: datetime | None = None,
    trips: int = 1,
    bundle_key: str | None = None,
    applicant_type: ApplicantType = ApplicantType.ENTERPRISE,
) -> int:
    with ctx.db.session() as s:
        c = Case(
            hall_id=ctx.hall_id,
            case_no=case_no,
            window_id=window_id,
            item_id=item_id,
            applicant_type=applicant_type,
            applicant_name="某某公司",
            received_at=received_at,
            received_by_id=received_by,
            approved_at=approved_at,
            approved_by_id=approved_by,
            approval_place=place,
            completed_at=completed_at,
            status=CaseStatus.COMPLETED if completed_at else CaseStatus.ACCEPTED,
            trips=trips,
            bundle_key=bundle_key,
        )
        s.add(c)
        s.flush()
        facts_changed(s, ctx.hall_id, received_at)
        return c.id


def complaint(
    ctx: HallContext,
    number: str,
    window_id: int | None,
    received_at: datetime,
    completed_at: datetime | None = None,
) -> int:
    with ctx.db.session() as s:
        c = Complaint(
            hall_id=ctx.hall_id,
            complaint_no=number,
            window_id=window_id,
            received_at=received_at,
            category="办事不顺",
            content="材料反复要求补正",
            completed_at=completed_at,
        )
        s.add(c)
        s.flush()
        facts_changed(s, ctx.hall_id, received_at)
        return c.id
