"""A hand-made week, ISO 2026-W20 (Monday 11 to Sunday 17 May 2026), for the weekly report tests.

Two windows: "1" of 市场监管局 and "2" of 税务局. The roster has one
auxiliary-only session on Tuesday morning and another on Thursday afternoon at
window 1 (so its order to correct escalates), and one unstaffed session on
Wednesday afternoon at window 2 (the formal officer recorded absent). Cases
C01–C08 are received in the week; C09 (received on 7 May, due on the make-up
Saturday 9 May, still open) and C10 (received on 8 May, completed late on
13 May) come from the week before; C11 was finished the week before and must
appear nowhere. Every expected figure in the tests is worked out from this
description by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    FlagState,
    ItemCategory,
    Session,
    StaffCategory,
)
from hallmonitor.domain.identifiers import credit_code_check_char, id_card_check_char
from hallmonitor.services.front_shop import evaluate_flags, review_flag
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Case, Complaint, FrontShopFlag
from tests.support import builders as b

WEEK = "2026-W20"
AM, PM = Session.MORNING, Session.AFTERNOON


def day(d: int) -> date:
    return date(2026, 5, d)


def at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 5, d, hh, mm)


def _id(first17: str) -> str:
    return first17 + id_card_check_char(first17)


def _credit(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


#: Full personal ID numbers: none of them may leave the hall in the report.
ID_A = _id("11010119900307451")
ID_B = _id("44030619851212002")
ID_C = _id("32010219780615123")
CREDIT = {n: _credit(f"91110108MA0{n}ABCD1"[:17]) for n in range(1, 10)}

INJECTED_HYPERLINK = '=HYPERLINK("http://evil.example","点我")'


@dataclass
class Week:
    ctx: HallContext
    windows: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    complaints: dict[str, int] = field(default_factory=dict)


def _case(
    week: Week,
    case_no: str,
    window: str,
    item: str,
    received: datetime,
    *,
    approved: datetime | None = None,
    approver: str | None = None,
    place: ApprovalPlace | None = None,
    completed: datetime | None = None,
    trips: int = 1,
    bundle: str | None = None,
    person: tuple[str, str] | None = None,
    company: str = "某公司",
) -> None:
    ctx = week.ctx
    kind, name, shown = (
        (ApplicantType.PERSON, person[0], person[1])
        if person
        else (ApplicantType.ENTERPRISE, company, CREDIT[len(week.cases) % 9 + 1])
    )
    with ctx.db.session() as s:
        case = Case(
            hall_id=ctx.hall_id,
            case_no=case_no,
            window_id=week.windows[window],
            item_id=week.items[item],
            applicant_type=kind,
            applicant_name=name,
            applicant_id_display=shown,
            received_at=received,
            approved_at=approved,
            approved_by_id=week.staff[approver] if approver else None,
            approval_place=place,
            completed_at=completed,
            status=CaseStatus.COMPLETED if completed else CaseStatus.ACCEPTED,
            trips=trips,
            bundle_key=bundle,
        )
        s.add(case)
        s.flush()
        week.cases[case_no] = case.id


def _complaint(
    week: Week,
    number: str,
    window: str,
    received: datetime,
    category: str,
    content: str,
    completed: datetime | None = None,
    case_no: str | None = None,
) -> None:
    ctx = week.ctx
    with ctx.db.session() as s:
        complaint = Complaint(
            hall_id=ctx.hall_id,
            complaint_no=number,
            window_id=week.windows[window],
            case_id=week.cases[case_no] if case_no else None,
            received_at=received,
            category=category,
            content=content,
            completed_at=completed,
        )
        s.add(complaint)
        s.flush()
        week.complaints[number] = complaint.id


def flag_id(ctx: HallContext, case_id: int) -> int:
    with ctx.db.session() as s:
        return s.scalars(select(FrontShopFlag.id).where(FrontShopFlag.case_id == case_id)).one()


def build_week(ctx: HallContext) -> Week:
    week = Week(ctx)
    week.windows["1"] = b.window(ctx, "1", "市场监管局")
    week.windows["2"] = b.window(ctx, "2", "税务局")
    week.staff["F001"] = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT, "市场监管局")
    week.staff["F009"] = b.staff(ctx, "F009", "后台审批员", StaffCategory.CIVIL_SERVANT, "市场监管局")
    week.staff["A001"] = b.staff(ctx, "A001", "李协理", StaffCategory.LABOUR_DISPATCH, "市场监管局")
    week.staff["F002"] = b.staff(ctx, "F002", "赵主任", StaffCategory.PUBLIC_INSTITUTION, "税务局")

    w1, w2 = week.windows["1"], week.windows["2"]
    formal1, aux1, formal2 = week.staff["F001"], week.staff["A001"], week.staff["F002"]
    for d in (11, 12, 13, 14, 15):
        for session in (AM, PM):
            if (d, session) == (12, AM) or (d, session) == (14, PM):
                b.duty(ctx, w1, aux1, day(d), session)  # auxiliary only
            else:
                b.duty(ctx, w1, formal1, day(d), session)
            if d == 11:
                b.duty(ctx, w1, aux1, day(d), session)  # helping the officer: still compliant
            # Wednesday afternoon: planned but recorded absent, so nobody is at window 2.
            # Friday: planned, attendance not yet recorded, which counts as present.
            attendance = False if (d, session) == (13, PM) else None if d == 15 else True
            b.duty(ctx, w2, formal2, day(d), session, attendance)

    week.items["SJ-001"] = b.item(ctx, "SJ-001", category=ItemCategory.BUSINESS_LICENCE, promised_days=3)
    week.items["SJ-002"] = b.item(ctx, "SJ-002", promised_days=5, window_may_approve=False)
    week.items["SW-001"] = b.item(
        ctx,
        "SW-001",
        category=ItemCategory.TAX,
        case_type=CaseType.IMMEDIATE,
        promised_days=0,
        department="税务局",
    )
    week.items["SW-002"] = b.item(ctx, "SW-002", promised_days=2, department="税务局")

    window, back = ApprovalPlace.WINDOW, ApprovalPlace.BACK_OFFICE
    _case(week, "C01", "1", "SJ-001", at(11, 9, 10), approved=at(11, 10), approver="F001", place=window,
          completed=at(11, 10, 30), bundle="YJS-1", company="甲公司")  # fmt: skip
    _case(week, "C02", "1", "SJ-001", at(11, 14), approved=at(12, 10), approver="F009", place=back,
          completed=at(12, 11), person=("=1+1", _masked(ID_A)))  # fmt: skip
    _case(week, "C03", "2", "SW-001", at(12, 9, 30), approved=at(12, 9, 40), approver="F002", place=window,
          completed=at(12, 9, 45), bundle="YJS-1", company=INJECTED_HYPERLINK)  # fmt: skip
    _case(week, "C04", "2", "SW-002", at(11, 11), company="乙公司")
    # A legacy row whose full ID number was stored unmasked: the report must still mask it.
    _case(week, "C05", "1", "SJ-001", at(13, 10), approved=at(13, 11), approver="F001", place=window,
          completed=at(13, 11, 30), trips=2, person=("张三", ID_B))  # fmt: skip
    _case(week, "C06", "2", "SW-002", at(14, 15), approved=at(19, 9, 50), approver="F002", place=window,
          completed=at(19, 10), company="丙公司")  # fmt: skip
    _case(week, "C07", "2", "SW-002", at(15, 9), approved=at(15, 15), approver="F002", place=window,
          completed=at(15, 16), company="丁公司")  # fmt: skip
    _case(
        week,
        "C08",
        "1",
        "SJ-002",
        at(15, 10),
        approved=at(15, 14),
        approver="F001",
        place=window,
        company="戊公司",
    )
    _case(week, "C09", "2", "SW-002", at(7, 10), company="己公司")
    _case(week, "C10", "1", "SJ-001", at(8, 9), approved=at(13, 15), approver="F001", place=back,
          completed=at(13, 16), company="庚公司")  # fmt: skip
    _case(week, "C11", "2", "SW-001", at(6, 10), completed=at(6, 10, 10), company="辛公司")

    _complaint(week, "FY-00", "2", at(7, 10), "办事不顺", "上周的反映", at(8, 10))
    _complaint(week, "FY-01", "1", at(11, 10), "办事不顺", "材料反复要求补正", at(12, 15), "C02")
    _complaint(
        week, "FY-02", "2", at(12, 14), "窗口推诿", f"申请人（身份证号{ID_C}）反映被要求跑三次", None, "C04"
    )
    _complaint(week, "FY-03", "1", at(15, 16), "其他", "咨询无人应答", at(18, 9, 30))

    # Flags are found as the week goes; reviews: C02 confirmed and C10 dismissed during the
    # week, C08 dismissed only on Monday 18 May — so on Sunday night it was still 待核查.
    evaluate_flags(ctx, None, day(17))
    review_flag(ctx, flag_id(ctx, week.cases["C02"]), FlagState.CONFIRMED, "后台审批属实", at=at(14, 10))
    review_flag(
        ctx, flag_id(ctx, week.cases["C10"]), FlagState.DISMISSED, "录入错误，实为窗口审批", at=at(15, 9)
    )
    review_flag(ctx, flag_id(ctx, week.cases["C08"]), FlagState.DISMISSED, "已补授权", at=at(18, 9))
    return week


def _masked(number: str) -> str:
    from hallmonitor.domain.identifiers import mask_id_card

    return mask_id_card(number)
