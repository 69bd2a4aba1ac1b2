from __future__ import annotations

from datetime import date

import pytest

from hallmonitor.domain.enums import (
    AUXILIARY_CATEGORIES,
    FORMAL_CATEGORIES,
    Session,
    StaffCategory,
    StaffingVerdict,
)
from hallmonitor.domain.staffing import DutyRecord, SessionStaffing, judge, judge_sessions, window_sort_key

MON = date(2026, 5, 11)
TUE = date(2026, 5, 12)
AM = Session.MORNING
PM = Session.AFTERNOON


def duty(
    window_no: str,
    staff_no: str,
    category: StaffCategory,
    *,
    day: date = MON,
    session: Session = AM,
    attendance: bool | None = None,
    name: str | None = None,
) -> DutyRecord:
    return DutyRecord(
        window_no=window_no,
        day=day,
        session=session,
        staff_no=staff_no,
        staff_name=name or f"人员{staff_no}",
        category=category,
        attendance=attendance,
    )


class TestJudge:
    def test_nobody_is_unstaffed(self) -> None:
        assert judge([]) is StaffingVerdict.UNSTAFFED

    @pytest.mark.parametrize("category", sorted(FORMAL_CATEGORIES))
    def test_one_formal_civil_servant_is_compliant(self, category: StaffCategory) -> None:
        assert judge([category]) is StaffingVerdict.COMPLIANT

    @pytest.mark.parametrize("category", sorted(AUXILIARY_CATEGORIES))
    def test_auxiliary_alone_is_not_compliant(self, category: StaffCategory) -> None:
        assert judge([category]) is StaffingVerdict.AUXILIARY_ONLY

    def test_many_auxiliary_staff_do_not_make_a_formal_one(self) -> None:
        assert judge(sorted(AUXILIARY_CATEGORIES) * 3) is StaffingVerdict.AUXILIARY_ONLY

    def test_formal_among_auxiliary_is_compliant_wherever_listed(self) -> None:
        mixed = [StaffCategory.LABOUR_DISPATCH, StaffCategory.THIRD_PARTY, StaffCategory.PUBLIC_INSTITUTION]
        assert judge(mixed) is StaffingVerdict.COMPLIANT
        assert judge(reversed(mixed)) is StaffingVerdict.COMPLIANT

    def test_accepts_a_generator(self) -> None:
        assert judge(c for c in [StaffCategory.TEMPORARY]) is StaffingVerdict.AUXILIARY_ONLY

    def test_every_category_is_classified(self) -> None:
        for category in StaffCategory:
            expected = StaffingVerdict.COMPLIANT if category.is_formal else StaffingVerdict.AUXILIARY_ONLY
            assert judge([category]) is expected


class TestJudgeSessions:
    def test_one_result_per_window_day_and_session(self) -> None:
        results = judge_sessions(["1", "2"], [], [MON, TUE])
        assert len(results) == 2 * 2 * 2
        assert all(r.verdict is StaffingVerdict.UNSTAFFED for r in results)
        assert all(r.formal == () and r.auxiliary == () for r in results)

    def test_sorted_by_day_then_session_then_window(self) -> None:
        results = judge_sessions(["10", "2", "A1"], [], [TUE, MON])
        keys = [(r.day, r.session, r.window_no) for r in results]
        assert keys == [
            (MON, AM, "2"),
            (MON, AM, "10"),
            (MON, AM, "A1"),
            (MON, PM, "2"),
            (MON, PM, "10"),
            (MON, PM, "A1"),
            (TUE, AM, "2"),
            (TUE, AM, "10"),
            (TUE, AM, "A1"),
            (TUE, PM, "2"),
            (TUE, PM, "10"),
            (TUE, PM, "A1"),
        ]

    def test_window_numbers_read_naturally(self) -> None:
        assert sorted(["A10", "A2", "B1", "10", "9"], key=window_sort_key) == ["9", "10", "A2", "A10", "B1"]

    def test_duplicate_windows_and_days_give_one_result(self) -> None:
        assert len(judge_sessions(["1", "1"], [], [MON, MON])) == 2

    def test_verdicts_and_names_per_session(self) -> None:
        records = [
            duty("1", "F1", StaffCategory.CIVIL_SERVANT, name="张三"),
            duty("1", "A1", StaffCategory.LABOUR_DISPATCH, name="李四"),
            duty("1", "A1", StaffCategory.LABOUR_DISPATCH, name="李四", session=PM),
        ]
        morning, afternoon = judge_sessions(["1"], records, [MON])
        assert morning == SessionStaffing("1", MON, AM, StaffingVerdict.COMPLIANT, ("张三",), ("李四",))
        assert morning.formal_count == 1
        assert morning.auxiliary_count == 1
        assert afternoon.verdict is StaffingVerdict.AUXILIARY_ONLY
        assert afternoon.formal_count == 0
        assert afternoon.auxiliary == ("李四",)

    def test_planned_counts_as_present(self) -> None:
        [result, _] = judge_sessions(["1"], [duty("1", "F1", StaffCategory.CIVIL_SERVANT)], [MON])
        assert result.verdict is StaffingVerdict.COMPLIANT

    def test_absent_formal_leaves_auxiliary_only(self) -> None:
        records = [
            duty("1", "F1", StaffCategory.CIVIL_SERVANT, attendance=False),
            duty("1", "A1", StaffCategory.THIRD_PARTY, attendance=True),
        ]
        [result, _] = judge_sessions(["1"], records, [MON])
        assert result.verdict is StaffingVerdict.AUXILIARY_ONLY
        assert result.formal == ()

    def test_everyone_absent_is_unstaffed(self) -> None:
        records = [
            duty("1", "F1", StaffCategory.CIVIL_SERVANT, attendance=False),
            duty("1", "A1", StaffCategory.THIRD_PARTY, attendance=False),
        ]
        [result, _] = judge_sessions(["1"], records, [MON])
        assert result.verdict is StaffingVerdict.UNSTAFFED

    def test_staff_at_another_window_do_not_count(self) -> None:
        records = [duty("2", "F1", StaffCategory.CIVIL_SERVANT)]
        results = judge_sessions(["1", "2"], records, [MON])
        by_window = {(r.window_no, r.session): r.verdict for r in results}
        assert by_window[("1", AM)] is StaffingVerdict.UNSTAFFED
        assert by_window[("2", AM)] is StaffingVerdict.COMPLIANT
        assert by_window[("2", PM)] is StaffingVerdict.UNSTAFFED

    def test_records_outside_the_given_days_and_windows_are_ignored(self) -> None:
        records = [
            duty("1", "F1", StaffCategory.CIVIL_SERVANT, day=TUE),
            duty("9", "F2", StaffCategory.CIVIL_SERVANT),
        ]
        results = judge_sessions(["1"], records, [MON])
        assert [r.window_no for r in results] == ["1", "1"]
        assert all(r.verdict is StaffingVerdict.UNSTAFFED for r in results)

    def test_a_person_listed_twice_counts_once(self) -> None:
        records = [
            duty("1", "A1", StaffCategory.TEMPORARY, name="王五"),
            duty("1", "A1", StaffCategory.TEMPORARY, name="王五", attendance=True),
        ]
        [result, _] = judge_sessions(["1"], records, [MON])
        assert result.auxiliary == ("王五",)

    def test_names_keep_roster_order(self) -> None:
        records = [
            duty("1", "F2", StaffCategory.PUBLIC_INSTITUTION, name="乙"),
            duty("1", "F1", StaffCategory.CIVIL_SERVANT_LAW_MANAGED, name="甲"),
        ]
        [result, _] = judge_sessions(["1"], records, [MON])
        assert result.formal == ("乙", "甲")
        assert result.formal_count == 2

    def test_no_windows_or_no_days_give_nothing(self) -> None:
        assert judge_sessions([], [duty("1", "F1", StaffCategory.CIVIL_SERVANT)], [MON]) == []
        assert judge_sessions(["1"], [], []) == []
