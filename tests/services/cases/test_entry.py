from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus, DeadlineState, FlagState, Role
from hallmonitor.services.cases.entry import (
    CaseInput,
    InvalidCaseInput,
    add_special_period,
    case_detail,
    check_applicant_id,
    complete_case,
    end_special_period,
    entry_choices,
    register_case,
)
from hallmonitor.services.hall import Actor, PermissionDenied, ServiceError
from hallmonitor.services.hall_data import set_item_active
from hallmonitor.storage.models import Case, CaseEvent
from tests.support.case_seed import credit_code, person_id, seed_hall

# Monday 11 May 2026: after the May Day holidays, so the official calendar applies.
NOW = datetime(2026, 5, 11, 10, 0)


def entry(**changes: object) -> CaseInput:
    base = CaseInput(
        window_number="01",
        item_code="SC001",
        applicant_type=ApplicantType.PERSON,
        applicant_name="张三",
        received_at=datetime(2026, 5, 11, 9, 30),
        applicant_id=person_id(1),
    )
    return replace(base, **changes)


@pytest.fixture
def seeded(hall):
    return seed_hall(hall)


def test_register_generates_number_masks_id_and_sets_due_date(hall, seeded):
    first = register_case(hall, entry(), now=NOW)
    second = register_case(hall, entry(applicant_name="李四"), now=NOW)
    with hall.db.session() as s:
        a, b = (s.get(Case, first), s.get(Case, second))
        assert (a.case_no, b.case_no) == ("H001-20260511-0001", "H001-20260511-0002")
        assert a.applicant_id_display == person_id(1)[:6] + "********" + person_id(1)[-4:]
        assert a.applicant_id_hash and person_id(1) not in a.applicant_id_hash
        # 承诺件 of 3 working days accepted Monday 11 May: due Thursday 14 May.
        assert a.due_date == date(2026, 5, 14)
        assert a.status is CaseStatus.ACCEPTED
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == first)).all()
        assert [(e.action, e.actor) for e in events] == [("登记", "tester")]


def test_enterprise_keeps_whole_credit_code(hall, seeded):
    case_id = register_case(
        hall, entry(applicant_type=ApplicantType.ENTERPRISE, applicant_id=credit_code(5)), now=NOW
    )
    assert case_detail(hall, case_id, as_of=NOW.date()).applicant_id_display == credit_code(5)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"window_number": "99"}, "window"),
        ({"window_number": "03"}, "window"),  # temporarily closed
        ({"item_code": "NOPE"}, "item"),
        ({"applicant_name": "  "}, "applicant_name"),
        ({"applicant_id": person_id(1)[:-1] + "0" if person_id(1)[-1] != "0" else "1"}, "applicant_id"),
        ({"applicant_type": ApplicantType.ENTERPRISE}, "applicant_id"),  # a person's ID is no credit code
        ({"trips": -1}, "trips"),
        ({"approval_place": ApprovalPlace.WINDOW}, "approver"),
        ({"approver_no": "G001"}, "approval_place"),
        ({"approval_place": ApprovalPlace.WINDOW, "approver_no": "X999"}, "approver"),
        ({"completed_at": datetime(2026, 5, 11, 9, 0)}, "completed_at"),
        ({"received_at": datetime(2026, 5, 12, 9, 0)}, "received_at"),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(hall, seeded, changes, field):
    with pytest.raises(InvalidCaseInput) as caught:
        register_case(hall, entry(**changes), now=NOW)
    assert caught.value.field == field
    assert str(caught.value).endswith("。")
    with hall.db.session() as s:
        assert s.scalar(select(Case.id)) is None


def test_case_number_is_unique_per_hall(hall, seeded):
    register_case(hall, entry(case_no="X-1"), now=NOW)
    with pytest.raises(InvalidCaseInput, match="X-1 已存在") as caught:
        register_case(hall, entry(case_no="X-1"), now=NOW)
    assert caught.value.field == "case_no"


def test_viewer_may_not_register(hall, seeded):
    viewer = replace(hall, actor=Actor("路人", Role.CENTER_VIEWER))
    with pytest.raises(PermissionDenied):
        register_case(viewer, entry(), now=NOW)


def test_approval_defaults_to_completion_time(hall, seeded):
    done = datetime(2026, 5, 11, 11, 0)
    case_id = register_case(
        hall,
        entry(item_code="SC002", approval_place=ApprovalPlace.WINDOW, approver_no="G001", completed_at=done),
        now=NOW,
    )
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert detail.approved_at == done
    assert detail.approver == "G001 王静"
    assert detail.status is CaseStatus.COMPLETED
    assert detail.deadline.state is DeadlineState.ON_TIME


def test_check_applicant_id_explains_while_typing():
    assert check_applicant_id(ApplicantType.PERSON, "") is None
    assert check_applicant_id(ApplicantType.PERSON, person_id(3)) is None
    assert "18位" in (check_applicant_id(ApplicantType.PERSON, "1101") or "")
    assert check_applicant_id(ApplicantType.ENTERPRISE, credit_code(2)) is None
    assert "校验位" in (check_applicant_id(ApplicantType.ENTERPRISE, credit_code(2)[:-1] + "0") or "x校验位")


def test_complete_then_refuse_again(hall, seeded):
    case_id = register_case(hall, entry(), now=NOW)
    complete_case(hall, case_id, datetime(2026, 5, 15, 16, 0), "材料齐全", now=NOW)
    detail = case_detail(hall, case_id, as_of=date(2026, 5, 20))
    assert detail.status is CaseStatus.COMPLETED
    # Due Thursday 14 May, finished Friday 15 May: late by one working day.
    assert detail.deadline.state is DeadlineState.OVERDUE
    assert detail.deadline.overdue_working_days == 1
    assert [e.action for e in detail.history] == ["登记", "办结"]
    assert "材料齐全" in detail.history[-1].note
    with pytest.raises(ServiceError, match="已是"):
        complete_case(hall, case_id, datetime(2026, 5, 16, 9, 0), now=NOW)


def test_completion_before_acceptance_is_refused(hall, seeded):
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(ServiceError, match="早于受理时间"):
        complete_case(hall, case_id, datetime(2026, 5, 10, 9, 0), now=NOW)


def test_special_period_stops_the_clock_and_moves_the_due_date(hall, seeded):
    case_id = register_case(hall, entry(), now=NOW)
    period_id = add_special_period(hall, case_id, date(2026, 5, 12), None, "专家评审", now=NOW)
    detail = case_detail(hall, case_id, as_of=date(2026, 5, 20))
    assert detail.status is CaseStatus.SPECIAL_PROCEDURE
    assert detail.deadline.due is None
    assert detail.open_period is not None and detail.open_period.id == period_id
    with hall.db.session() as s:
        assert s.get(Case, case_id).due_date is None
    with pytest.raises(ServiceError, match="进行中"):
        add_special_period(hall, case_id, date(2026, 5, 13), None, "再次评审", now=NOW)

    # Tue 12 – Fri 15 May stopped; one working day (Mon 11 is not counted, Tue 12 is
    # stopped) … the remaining three start after Friday: Mon 18, Tue 19, Wed 20.
    end_special_period(hall, period_id, date(2026, 5, 15), "评审完成", now=NOW)
    detail = case_detail(hall, case_id, as_of=date(2026, 5, 20))
    assert detail.status is CaseStatus.ACCEPTED
    assert detail.deadline.due == date(2026, 5, 20)
    assert detail.deadline.state is DeadlineState.DUE_TODAY
    with hall.db.session() as s:
        assert s.get(Case, case_id).due_date == date(2026, 5, 20)
    assert [e.action for e in detail.history] == ["登记", "特别程序", "特别程序结束"]


def test_special_period_needs_a_reason_and_sane_dates(hall, seeded):
    case_id = register_case(hall, entry(), now=NOW)
    with pytest.raises(ServiceError, match="事由"):
        add_special_period(hall, case_id, date(2026, 5, 12), None, " ", now=NOW)
    with pytest.raises(ServiceError, match="早于开始日期"):
        add_special_period(hall, case_id, date(2026, 5, 12), date(2026, 5, 11), "公示", now=NOW)
    with pytest.raises(ServiceError, match="受理日期"):
        add_special_period(hall, case_id, date(2026, 5, 8), None, "公示", now=NOW)


def test_completion_ends_a_running_special_period(hall, seeded):
    case_id = register_case(hall, entry(), now=NOW)
    add_special_period(hall, case_id, date(2026, 5, 12), None, "听证", now=NOW)
    complete_case(hall, case_id, datetime(2026, 5, 13, 15, 0), now=NOW)
    detail = case_detail(hall, case_id, as_of=date(2026, 5, 13))
    assert detail.periods[0].end == date(2026, 5, 13)
    assert detail.open_period is None
    assert detail.deadline.due is not None


def test_entry_choices_mark_windows_out_of_service(hall, seeded):
    choices = entry_choices(hall)
    assert [(c.key, c.enabled) for c in choices.windows] == [("01", True), ("02", True), ("03", False)]
    assert [c.key for c in choices.items] == ["SC001", "SC002", "ZR001"]
    assert {c.key for c in choices.staff} == {"G001", "G002", "F001"}


def test_a_deactivated_item_takes_no_new_case_and_is_greyed_in_the_choices(hall, seeded):
    set_item_active(hall, seeded.items["SC002"], False, "并入SC001办理")
    with pytest.raises(InvalidCaseInput) as caught:
        register_case(hall, entry(item_code="SC002"), now=NOW)
    assert caught.value.field == "item"
    assert str(caught.value) == "事项 SC002（公章刻制备案）已停用，不能登记新办件。"
    assert [(c.key, c.enabled) for c in entry_choices(hall).items] == [
        ("SC001", True),
        ("SC002", False),
        ("ZR001", True),
    ]
    set_item_active(hall, seeded.items["SC002"], True, "恢复单独办理")
    assert register_case(hall, entry(item_code="SC002"), now=NOW)


def test_back_office_approval_is_flagged_at_once(hall, seeded):
    case_id = register_case(
        hall,
        entry(
            approval_place=ApprovalPlace.BACK_OFFICE,
            approver_no="G001",
            completed_at=datetime(2026, 5, 11, 9, 50),
        ),
        now=NOW,
    )
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert detail.flag_state is FlagState.PENDING
    assert "部门后台" in detail.flag_reasons


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"received_at": datetime(1999, 12, 31, 10, 0)}, "received_at"),
        ({"completed_at": datetime(2100, 1, 1, 10, 0)}, "completed_at"),
        ({"trips": 100}, "trips"),
    ],
)
def test_the_form_refuses_dates_and_counts_outside_a_plausible_range(hall, changes, field):
    seed_hall(hall)
    with pytest.raises(InvalidCaseInput) as refused:
        register_case(hall, replace(entry(), **changes), now=NOW)
    assert refused.value.field == field


def test_a_case_whose_flag_cannot_be_written_is_not_saved_either(hall, seeded, monkeypatch):
    """The case and its 前店后厂 flag are one transaction: never a back-office approval without its flag."""
    from sqlalchemy.exc import OperationalError

    import hallmonitor.services.cases.entry as case_entry

    def disk_full(*_args: object) -> int:
        raise OperationalError("INSERT INTO front_shop_flag", {}, Exception("database or disk is full"))

    monkeypatch.setattr(case_entry, "evaluate_flags", disk_full)
    back_office = entry(
        approval_place=ApprovalPlace.BACK_OFFICE,
        approver_no="G001",
        completed_at=datetime(2026, 5, 11, 9, 50),
    )
    with pytest.raises(OperationalError):
        register_case(hall, back_office, now=NOW)
    with hall.db.session() as s:
        assert s.scalars(select(Case.case_no)).all() == []
