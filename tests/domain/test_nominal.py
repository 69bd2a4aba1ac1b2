"""挂名: a 合规 session whose cases no rostered formal officer received or approved."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.nominal import (
    HandledCase,
    Handler,
    NominalOutcome,
    Officer,
    SessionEvidence,
    judge_session,
    receipt_session,
)
from hallmonitor.domain.rule_settings import SessionTimes

DAY = date(2026, 5, 11)
ZHANG = Officer("1001", "张三", StaffCategory.CIVIL_SERVANT, True)
ZHAO_ABSENT = Officer("1004", "赵六", StaffCategory.PUBLIC_INSTITUTION, False)
LI = Officer("1002", "李四", StaffCategory.LABOUR_DISPATCH, True)
LI_H = Handler("1002", "李四", StaffCategory.LABOUR_DISPATCH)
WANG_H = Handler("1003", "王五", StaffCategory.THIRD_PARTY)
ZHANG_H = Handler("1001", "张三", StaffCategory.CIVIL_SERVANT)
#: A formal officer of the department who is not on this window's roster.
CHIEF_H = Handler("1009", "钱科长", StaffCategory.CIVIL_SERVANT)


def cases(n: int, receiver: Handler | None = LI_H, approver: Handler | None = LI_H) -> list[HandledCase]:
    start = datetime.combine(DAY, time(9, 5))
    return [HandledCase(f"C{i:02d}", start + timedelta(minutes=10 * i), receiver, approver) for i in range(n)]


def evidence(
    handled: list[HandledCase],
    officers: tuple[Officer, ...] = (ZHANG, LI),
    verdict: StaffingVerdict = StaffingVerdict.COMPLIANT,
) -> SessionEvidence:
    return SessionEvidence("A01", DAY, Session.MORNING, verdict, officers, tuple(handled))


def test_five_cases_all_handled_by_auxiliary_staff_are_suspected_with_the_evidence() -> None:
    found = judge_session(evidence(cases(3) + cases(2, WANG_H, None)), threshold=5)
    assert found.outcome is NominalOutcome.SUSPECTED
    assert (found.case_count, found.recorded_count, found.rostered_formal_handled) == (5, 5, 0)
    assert found.formal_officers == (ZHANG,)
    assert found.evidence_line() == (
        "在岗正式人员：张三（公务员，已到岗）；受理办件 5 件，均非排班正式人员受理或审批；"
        "受理：李四（劳务派遣）3 件、王五（第三方服务）2 件；审批：李四（劳务派遣）3 件、未审批 2 件"
    )
    assert found.key == "2026-05-11 上午"


def test_below_the_threshold_the_session_is_not_judged_and_says_why() -> None:
    found = judge_session(evidence(cases(4)), threshold=5)
    assert found.outcome is NominalOutcome.NOT_JUDGED
    assert found.reason == "记录受理人的办件 4 件，少于 5 件，证据不足，不作判断"
    # The threshold is the hall's setting.
    assert judge_session(evidence(cases(4)), threshold=4).suspected


def test_cases_without_a_recorded_receiver_are_no_evidence() -> None:
    found = judge_session(evidence(cases(3) + cases(4, None, None)), threshold=5)
    assert found.outcome is NominalOutcome.NOT_JUDGED
    assert found.reason.endswith("（另有 4 件未记录受理人，不作依据）")


def test_one_case_received_by_the_rostered_formal_officer_clears_the_session() -> None:
    found = judge_session(evidence(cases(7) + cases(1, ZHANG_H, LI_H)), threshold=5)
    assert found.outcome is NominalOutcome.NOT_SUSPECTED
    assert found.reason == "受理办件 8 件，其中 1 件由张三受理或审批"


def test_a_formal_officer_who_approved_but_did_not_receive_is_not_suspected() -> None:
    found = judge_session(evidence(cases(7) + cases(2, LI_H, ZHANG_H)), threshold=5)
    assert found.outcome is NominalOutcome.NOT_SUSPECTED
    assert found.rostered_formal_handled == 2


def test_a_formal_officer_not_on_this_windows_roster_does_not_clear_it() -> None:
    found = judge_session(evidence(cases(4) + cases(2, CHIEF_H, CHIEF_H)), threshold=5)
    assert found.outcome is NominalOutcome.SUSPECTED
    # The sheet's 正式人员受理件数 shows that someone formal, but not the rostered officer, received them.
    assert found.formal_received == 2


def test_a_rostered_formal_officer_marked_absent_who_handled_cases_clears_it_but_is_listed_absent() -> None:
    officers = (ZHANG, ZHAO_ABSENT, LI)
    zhao = Handler("1004", "赵六", StaffCategory.PUBLIC_INSTITUTION)
    assert not judge_session(evidence(cases(6) + cases(1, LI_H, zhao), officers), threshold=5).suspected
    found = judge_session(evidence(cases(6), officers), threshold=5)
    assert found.evidence_line().startswith("在岗正式人员：张三（公务员，已到岗）、赵六（事业编制，缺勤）；")


def test_holidays_and_sessions_the_roster_already_fails_are_not_judged() -> None:
    holiday = judge_session(evidence(cases(9)), threshold=5, is_workday=False)
    assert (holiday.outcome, holiday.reason) == (NominalOutcome.NOT_JUDGED, "非工作日，不作判断")
    auxiliary = judge_session(
        evidence(cases(9), (LI,), StaffingVerdict.AUXILIARY_ONLY), threshold=5, is_workday=True
    )
    assert auxiliary.outcome is NominalOutcome.NOT_JUDGED
    assert "仅辅助人员" in auxiliary.reason


def test_a_case_belongs_to_the_session_of_its_receipt_lunch_to_the_morning() -> None:
    times = SessionTimes()

    def at(hour: int, minute: int = 0) -> Session | None:
        return receipt_session(datetime.combine(DAY, time(hour, minute)), times)

    assert at(8, 40) is Session.MORNING
    assert at(11, 59) is Session.MORNING
    assert at(12, 40) is Session.MORNING
    assert at(13, 30) is Session.AFTERNOON
    assert at(18, 15) is Session.AFTERNOON
    # A date without a time of day is stored as midnight: it cannot be placed in a session.
    assert at(0, 0) is None
