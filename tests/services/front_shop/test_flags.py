"""前店后厂 flags found from real case and roster rows, reviewed, never deleted."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select, update

from hallmonitor.domain.enums import ApprovalPlace, FlagState, FrontShopReason, Role, Session, StaffCategory
from hallmonitor.domain.front_shop import ApprovalFacts, front_shop_reasons
from hallmonitor.services.front_shop.flags import (
    REASON_SEPARATOR,
    evaluate_flags,
    list_flags,
    reasons_of,
    review_flag,
)
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError
from hallmonitor.storage.models import Case, CaseEvent, FrontShopFlag, Item
from tests.support import builders as b

DAY = date(2026, 5, 11)


def _setup(ctx: HallContext) -> dict[str, int]:
    w = b.window(ctx, "1")
    on_duty = b.staff(ctx, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    back_office = b.staff(ctx, "F009", "后台审批员", StaffCategory.CIVIL_SERVANT)
    b.duty(ctx, w, on_duty, DAY, Session.MORNING)
    ok_item = b.item(ctx, "OK")
    not_authorised = b.item(ctx, "NA", window_may_approve=False)
    at = datetime(2026, 5, 11, 10, 0)
    return {
        "clean": b.case(
            ctx, "C1", w, ok_item, at, approved_at=at, approved_by=on_duty, place=ApprovalPlace.WINDOW
        ),
        "back": b.case(
            ctx, "C2", w, ok_item, at, approved_at=at, approved_by=on_duty, place=ApprovalPlace.BACK_OFFICE
        ),
        "absent": b.case(
            ctx, "C3", w, ok_item, at, approved_at=at, approved_by=back_office, place=ApprovalPlace.WINDOW
        ),
        "na": b.case(
            ctx, "C4", w, not_authorised, at, approved_at=at, approved_by=on_duty, place=ApprovalPlace.WINDOW
        ),
        "unapproved": b.case(ctx, "C5", w, not_authorised, at),
        "all": b.case(
            ctx,
            "C6",
            w,
            not_authorised,
            at,
            approved_at=at,
            approved_by=back_office,
            place=ApprovalPlace.BACK_OFFICE,
        ),
    }


def test_each_kind_of_evidence_is_found_with_its_reasons(hall: HallContext) -> None:
    ids = _setup(hall)
    assert evaluate_flags(hall, None, DAY) == 4
    reasons = {f.case_id: set(f.reasons) for f in list_flags(hall)}
    assert reasons == {
        ids["back"]: {FrontShopReason.BACK_OFFICE_APPROVAL.value},
        ids["absent"]: {FrontShopReason.APPROVER_NOT_IN_HALL.value},
        ids["na"]: {FrontShopReason.WINDOW_NOT_AUTHORISED.value},
        ids["all"]: {r.value for r in FrontShopReason},
    }


def test_an_absent_mark_on_the_roster_means_not_in_the_hall(hall: HallContext) -> None:
    w = b.window(hall, "1")
    person = b.staff(hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    b.duty(hall, w, person, DAY, Session.MORNING, attendance=False)
    item = b.item(hall, "OK")
    at = datetime(2026, 5, 11, 10, 0)
    case_id = b.case(hall, "C1", w, item, at, approved_at=at, approved_by=person, place=ApprovalPlace.WINDOW)
    evaluate_flags(hall, None, DAY)
    assert [f.case_id for f in list_flags(hall)] == [case_id]


def test_review_needs_a_note_keeps_history_and_rerun_keeps_the_decision(hall: HallContext) -> None:
    ids = _setup(hall)
    evaluate_flags(hall, None, DAY)
    flag = next(f for f in list_flags(hall) if f.case_id == ids["back"])
    with pytest.raises(ServiceError):
        review_flag(hall, flag.flag_id, FlagState.CONFIRMED, "  ")
    review_flag(hall, flag.flag_id, FlagState.CONFIRMED, "部门承认在后台审批", at=datetime(2026, 5, 12, 9, 0))
    review_flag(
        hall, flag.flag_id, FlagState.DISMISSED, "补充材料证明为窗口审批", at=datetime(2026, 5, 12, 10, 0)
    )

    assert evaluate_flags(hall, None, DAY) == 0  # nothing new, nothing deleted
    [after] = [f for f in list_flags(hall) if f.case_id == ids["back"]]
    assert after.state is FlagState.DISMISSED
    assert after.note == "补充材料证明为窗口审批"
    assert len(list_flags(hall)) == 4
    assert [f.case_id for f in list_flags(hall, FlagState.DISMISSED)] == [ids["back"]]
    with hall.db.session() as s:
        notes = s.scalars(
            select(CaseEvent.note).where(CaseEvent.case_id == ids["back"]).order_by(CaseEvent.id)
        ).all()
    assert notes == ["待核查 → 已确认：部门承认在后台审批", "已确认 → 已排除：补充材料证明为窗口审批"]


def test_only_a_supervisor_reviews(hall: HallContext) -> None:
    from dataclasses import replace

    _setup(hall)
    evaluate_flags(hall, None, DAY)
    clerk = replace(hall, actor=Actor("录入员小张", Role.WINDOW_LEAD))
    with pytest.raises(PermissionDenied):
        review_flag(clerk, list_flags(hall)[0].flag_id, FlagState.CONFIRMED, "确认")


def test_a_voided_case_is_not_flagged_listed_or_reviewed(hall):
    cases = _setup(hall)
    evaluate_flags(hall, DAY, DAY)
    flag = next(f for f in list_flags(hall) if f.case_id == cases["back"])
    with hall.db.session() as s:
        s.get(Case, cases["back"]).voided_at = datetime(2026, 5, 12, 9, 0)
        s.get(Case, cases["absent"]).voided_at = datetime(2026, 5, 12, 9, 0)
        s.execute(delete(FrontShopFlag).where(FrontShopFlag.case_id == cases["absent"]))
    evaluate_flags(hall, DAY, DAY)
    listed = {f.case_id for f in list_flags(hall)}
    assert cases["back"] not in listed and cases["absent"] not in listed
    with hall.db.session() as s:
        # Kept in the case's history, as it was; a voided case gets no new flag.
        assert s.get(FrontShopFlag, flag.flag_id).state is FlagState.PENDING
        assert s.scalar(select(FrontShopFlag).where(FrontShopFlag.case_id == cases["absent"])) is None
    with pytest.raises(ServiceError, match="C2 已作废"):
        review_flag(hall, flag.flag_id, FlagState.CONFIRMED, "属实")


def test_every_combination_of_facts_is_flagged_as_the_domain_says_and_follows_corrections(
    hall: HallContext,
) -> None:
    """Only approvals with evidence or a flag are read back: none the domain would flag is missed."""
    w = b.window(hall, "1")
    present = b.staff(hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    marked_absent = b.staff(hall, "F002", "李科长", StaffCategory.CIVIL_SERVANT)
    not_rostered = b.staff(hall, "F003", "后台审批员", StaffCategory.CIVIL_SERVANT)
    b.duty(hall, w, present, DAY, Session.MORNING)
    b.duty(hall, w, marked_absent, DAY, Session.MORNING, attendance=False)
    items = {True: b.item(hall, "OK"), False: b.item(hall, "NA", window_may_approve=False)}
    approvers = {"none": None, "present": present, "absent": marked_absent, "elsewhere": not_rostered}
    presence = {"none": None, "present": True, "absent": False, "elsewhere": False}
    at = datetime(2026, 5, 11, 10, 0)
    expected: dict[int, tuple[FrontShopReason, ...]] = {}
    n = 0
    for place in (None, ApprovalPlace.WINDOW, ApprovalPlace.BACK_OFFICE):
        for who, approver in approvers.items():
            for may_approve, item_id in items.items():
                n += 1
                case_id = b.case(
                    hall, f"C{n}", w, item_id, at, approved_at=at, approved_by=approver, place=place
                )
                facts = ApprovalFacts(True, place, presence[who], may_approve)
                expected[case_id] = front_shop_reasons(facts)

    def flagged() -> dict[int, tuple[FrontShopReason, ...]]:
        return {f.case_id: reasons_of(REASON_SEPARATOR.join(f.reasons)) for f in list_flags(hall)}

    evaluate_flags(hall, None, DAY)
    assert flagged() == {case_id: reasons for case_id, reasons in expected.items() if reasons}
    # Corrected: every approval made at the window and the item authorised; the one reason left is
    # an approver not in the hall, so flags change their reasons or go, as a run from scratch finds.
    with hall.db.session() as s:
        s.execute(update(Case).values(approval_place=ApprovalPlace.WINDOW))
    with hall.db.session() as s:
        s.execute(update(Item).values(window_may_approve=True))
    evaluate_flags(hall, None, DAY)
    again = flagged()
    with hall.db.session() as s:
        s.execute(delete(FrontShopFlag))
    evaluate_flags(hall, None, DAY)
    assert again == flagged()
    assert set(again.values()) == {(FrontShopReason.APPROVER_NOT_IN_HALL,)}
