from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApprovalPlace, CaseStatus, FlagState, Role, WindowState
from hallmonitor.services.cases import (
    InvalidCaseInput,
    add_special_period,
    case_detail,
    case_id_of,
    changes_of,
    complete_case,
    correct_case,
    correction_input,
    record_correction,
    register_case,
    void_case,
)
from hallmonitor.services.front_shop import list_flags
from hallmonitor.services.hall import Actor, PermissionDenied, ServiceError, advance_mark, read_mark
from hallmonitor.services.hall_data import set_item_active
from hallmonitor.storage.models import Case, CaseEvent, Window, WindowStateChange
from tests.services.cases.test_entry import NOW, entry
from tests.support.case_seed import person_id, seed_hall


def test_record_correction_writes_before_after_in_chinese_and_marks_rules_from_earliest_day(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with hall.db.session() as s:
        advance_mark(s, hall.hall_id, datetime(2026, 5, 12), read_mark(s, hall.hall_id))
    with hall.db.session() as s:
        case = s.get(Case, case_id)
        record_correction(
            s,
            case,
            {
                "approval_place": (None, ApprovalPlace.BACK_OFFICE),
                "received_at": (datetime(2026, 5, 11, 9, 30), datetime(2026, 5, 8, 15, 0)),
            },
            "  补录审批信息  ",
            actor="王主任",
            at=NOW,
        )
    with hall.db.session() as s:
        event = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == "更正")
        ).one()
        assert (event.actor, event.reason) == ("王主任", "补录审批信息")
        assert json.loads(event.changes) == {
            "受理时间": ["2026-05-11 09:30", "2026-05-08 15:00"],
            "审批地点": ["", "部门后台"],
        }
        assert changes_of(event.changes) == [
            ("受理时间", "2026-05-11 09:30", "2026-05-08 15:00"),
            ("审批地点", "", "部门后台"),
        ]
        # The rules judge again from the earlier receipt, not from the correction's day.
        assert read_mark(s, hall.hall_id).start() == datetime(2026, 5, 8, 15, 0)


# --- correct_case -------------------------------------------------------------------


def test_approval_recorded_later_at_back_office_raises_flag_and_is_in_history(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    recorded = correct_case(
        hall,
        case_id,
        {"approval_place": ApprovalPlace.BACK_OFFICE, "approver_no": "G001", "approved_at": NOW},
        "补录审批信息",
        now=NOW,
    )
    assert recorded == [
        ("审批地点", "", "部门后台"),
        ("审批人", "", "G001 王静"),
        ("审批时间", "", "2026-05-11 10:00"),
    ]
    flags = list_flags(hall)
    assert [(f.case_id, f.state) for f in flags] == [(case_id, FlagState.PENDING)]
    detail = case_detail(hall, case_id, as_of=NOW.date())
    last = detail.history[-1]
    assert (last.action, last.actor, last.reason) == ("更正", "tester", "补录审批信息")
    assert last.changes == recorded
    assert (detail.approval_place, detail.approver) == (ApprovalPlace.BACK_OFFICE, "G001 王静")


def test_moving_the_receipt_recomputes_the_due_date(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    # 承诺件 of 3 working days received Friday 8 May: Sat 9 (a make-up working day), Mon 11, Tue 12.
    correct_case(hall, case_id, {"received_at": datetime(2026, 5, 8, 9, 0)}, "受理时间录错", now=NOW)
    with hall.db.session() as s:
        assert s.get(Case, case_id).due_date == date(2026, 5, 12)
        assert read_mark(s, hall.hall_id).dirty_from == datetime(2026, 5, 8, 9, 0)


def test_whole_form_correction_changes_window_item_and_applicant(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    form = replace(
        correction_input(hall, case_id), window_number="02", item_code="ZR001", applicant_name="张叁", trips=2
    )
    recorded = correct_case(hall, case_id, form, "窗口与事项录错", now=NOW)
    assert [field for field, _, _ in recorded] == ["受理窗口", "办理事项", "申请人名称", "跑动次数"]
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert (detail.window, detail.item, detail.trips) == ("02 不动产登记", "ZR001 不动产转移登记", 2)
    # The masked identifier is kept: a blank identifier in a correction means "unchanged".
    assert detail.applicant_id_display == person_id(1)[:6] + "********" + person_id(1)[-4:]


def test_a_case_of_an_item_deactivated_later_stays_correctable_but_cannot_move_to_one(hall):
    seeded = seed_hall(hall)
    old = register_case(hall, entry(item_code="SC002"), now=NOW)
    other = register_case(hall, entry(), now=NOW)
    set_item_active(hall, seeded.items["SC002"], False, "事项取消")
    recorded = correct_case(hall, old, {"applicant_name": "张叁"}, "姓名录错", now=NOW)
    assert recorded == [("申请人名称", "张三", "张叁")]
    assert case_detail(hall, old, as_of=NOW.date()).item == "SC002 公章刻制备案"
    with pytest.raises(InvalidCaseInput, match=r"事项 SC002（公章刻制备案）已停用，不能登记新办件") as caught:
        correct_case(hall, other, {"item_code": "SC002"}, "事项录错", now=NOW)
    assert caught.value.field == "item"
    assert case_detail(hall, other, as_of=NOW.date()).item == "SC001 企业设立登记"


def test_completion_recorded_by_correction_completes_the_case(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    correct_case(hall, case_id, {"completed_at": datetime(2026, 5, 11, 9, 50)}, "补录办结", now=NOW)
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert (detail.status, detail.completed_at) == (CaseStatus.COMPLETED, datetime(2026, 5, 11, 9, 50))


@pytest.mark.parametrize(
    ("changes", "reason", "field", "message"),
    [
        ({"trips": 3}, "  ", "reason", "请填写更正原因"),
        ({"window_number": "03"}, "改窗口", "window", "为“临时关闭”"),
        ({"case_no": "X-1"}, "改编号", "case_no", "办件编号不能更正"),
        ({"trips": -1}, "改次数", "trips", "跑动次数不能为负数"),
        ({"approver_no": "X999", "approval_place": ApprovalPlace.WINDOW}, "补录", "approver", "X999"),
        ({"completed_at": datetime(2026, 5, 10, 9, 0)}, "补录", "completed_at", "办结时间早于受理时间"),
    ],
)
def test_correction_is_checked_like_the_entry_form(hall, changes, reason, field, message):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(InvalidCaseInput) as raised:
        correct_case(hall, case_id, changes, reason, now=NOW)
    assert raised.value.field == field
    assert message in str(raised.value)
    assert [e.action for e in case_detail(hall, case_id, as_of=NOW.date()).history] == ["登记"]


def test_nothing_changed_says_so_and_records_nothing(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(ServiceError, match="没有任何改动"):
        correct_case(hall, case_id, correction_input(hall, case_id), "核对", now=NOW)
    assert [e.action for e in case_detail(hall, case_id, as_of=NOW.date()).history] == ["登记"]


def test_window_closed_today_but_open_at_receipt_still_takes_a_corrected_receipt(hall):
    seeded = seed_hall(hall)
    case_id = register_case(hall, entry(window_number="02"), now=NOW)
    with hall.db.session() as s:
        s.get(Window, seeded.windows["02"]).state = WindowState.CLOSED
        s.add(
            WindowStateChange(
                window_id=seeded.windows["02"],
                at=datetime(2026, 5, 11, 12, 0),
                from_state=WindowState.OPEN,
                to_state=WindowState.CLOSED,
            )
        )
    correct_case(hall, case_id, {"received_at": datetime(2026, 5, 11, 9, 0)}, "时间录错", now=NOW)
    with pytest.raises(InvalidCaseInput, match="临时关闭"):
        correct_case(
            hall,
            case_id,
            {"received_at": datetime(2026, 5, 11, 14, 0)},
            "时间录错",
            now=datetime(2026, 5, 11, 15),
        )


# --- void_case ----------------------------------------------------------------------


def test_voided_case_keeps_its_history_and_takes_nothing_more(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    void_case(hall, case_id, "重复登记", now=NOW)
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert (detail.voided, detail.void_reason) == (True, "重复登记")
    assert [(e.action, e.reason) for e in detail.history] == [("登记", ""), ("作废", "重复登记")]
    with pytest.raises(ServiceError, match="已作废"):
        correct_case(hall, case_id, {"trips": 2}, "补录", now=NOW)
    with pytest.raises(ServiceError, match="已作废"):
        complete_case(hall, case_id, NOW, now=NOW)
    with pytest.raises(ServiceError, match="已作废"):
        add_special_period(hall, case_id, NOW.date(), None, "听证", now=NOW)
    with pytest.raises(ServiceError, match="已于 2026-05-11 10:00 作废"):
        void_case(hall, case_id, "再次", now=NOW)


def test_void_needs_a_reason_and_a_supervisor(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(ServiceError, match="请填写作废原因"):
        void_case(hall, case_id, " ", now=NOW)
    with pytest.raises(PermissionDenied):
        void_case(replace(hall, actor=Actor("录入员甲", Role.WINDOW_LEAD)), case_id, "重复", now=NOW)
    assert not case_detail(hall, case_id, as_of=NOW.date()).voided


def test_case_is_found_by_its_number(hall):
    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    assert case_id_of(hall, " H001-20260511-0001 ") == case_id
    with pytest.raises(ServiceError, match="找不到办件编号为 NOPE 的办件"):
        case_id_of(hall, "NOPE")


def test_a_correction_based_on_a_case_another_pc_changed_since_is_refused_naming_who(hall):
    from hallmonitor.services.hall import StaleRecord, hall_context
    from hallmonitor.storage.database import open_database

    seed_hall(hall)
    case_id = register_case(hall, entry(), now=NOW)
    seen = case_detail(hall, case_id)  # what this PC's case dialog shows
    other_db = open_database(hall.db.url)
    try:
        other = hall_context(other_db, actor=replace(hall.actor, name="张三"))
        correct_case(
            other,
            case_id,
            {"trips": 2},
            "补录跑动",
            now=NOW,
            expected_version=case_detail(other, case_id).version,
        )
    finally:
        other_db.close()
    with pytest.raises(StaleRecord) as refused:
        correct_case(hall, case_id, {"trips": 3}, "跑动次数有误", now=NOW, expected_version=seen.version)
    assert "已被 张三 于" in str(refused.value)
    with pytest.raises(StaleRecord):
        void_case(hall, case_id, "重复登记", now=NOW, expected_version=seen.version)
    fresh = case_detail(hall, case_id)
    assert fresh.trips == 2 and not fresh.voided
    correct_case(hall, case_id, {"trips": 3}, "跑动次数有误", now=NOW, expected_version=fresh.version)
    assert case_detail(hall, case_id).trips == 3
