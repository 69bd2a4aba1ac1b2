from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hallmonitor.domain.enums import AlertLevel, Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.escalation import (
    Violation,
    can_reopen,
    correction_deadline,
    evaluate_window,
    level_rank,
    reopen_refusal,
)
from hallmonitor.domain.rule_settings import RuleSettings
from tests.support.fakes import MAY_2026, FakeCalendar

AM = Session.MORNING
PM = Session.AFTERNOON
AUX = StaffingVerdict.AUXILIARY_ONLY
NOBODY = StaffingVerdict.UNSTAFFED
WEEKDAYS = FakeCalendar()
RULES = RuleSettings()


def may(day: int) -> date:
    return date(2026, 5, day)


def v(day: date, session: Session = AM, verdict: StaffingVerdict = AUX) -> Violation:
    return Violation(day, session, verdict)


# In May 2026 (no holidays in the plain weekday calendar): Mon 11 .. Fri 15, Mon 18 .. Fri 22.
MON, TUE, WED, THU, FRI = (may(d) for d in range(11, 16))
NEXT_MON, NEXT_TUE, NEXT_WED = may(18), may(19), may(20)


class TestCorrectionDeadline:
    def test_default_is_the_next_working_day(self) -> None:
        assert correction_deadline(WEEKDAYS, MON, RULES) == TUE

    def test_friday_violation_is_due_monday(self) -> None:
        assert correction_deadline(WEEKDAYS, FRI, RULES) == NEXT_MON

    def test_extra_holiday_is_skipped(self) -> None:
        calendar = FakeCalendar(holidays={TUE})
        assert correction_deadline(calendar, MON, RULES) == WED

    def test_make_up_saturday_counts(self) -> None:
        # Friday 8 May 2026: Saturday 9 May is a make-up working day.
        assert correction_deadline(MAY_2026, may(8), RULES) == may(9)

    def test_holiday_run_is_skipped(self) -> None:
        # Thursday 30 April: 1 to 5 May are off.
        assert correction_deadline(MAY_2026, date(2026, 4, 30), RULES) == may(6)

    def test_setting_gives_more_days(self) -> None:
        assert (
            correction_deadline(WEEKDAYS, THU, replace(RULES, correction_deadline_working_days=3)) == NEXT_TUE
        )


class TestLadderScenarios:
    def test_no_violation_raises_nothing(self) -> None:
        decision = evaluate_window([], WEEKDAYS, RULES, as_of=FRI)
        assert decision.level is None
        assert decision.first_violation is None
        assert decision.deadline is None
        assert decision.reasons == ()
        assert decision.escalated_on is None

    def test_compliant_entries_are_not_violations(self) -> None:
        decision = evaluate_window([v(MON, verdict=StaffingVerdict.COMPLIANT)], WEEKDAYS, RULES, as_of=FRI)
        assert decision.level is None

    def test_monday_morning_auxiliary_only_is_ordered_to_correct_by_tuesday(self) -> None:
        decision = evaluate_window([v(MON)], WEEKDAYS, RULES, as_of=MON)
        assert decision.level is AlertLevel.ORDER_TO_CORRECT
        assert decision.first_violation == v(MON)
        assert decision.deadline == TUE
        assert decision.reasons == ("2026-05-11 上午 仅辅助人员",)
        assert decision.escalated_on is None

    def test_still_violating_on_the_deadline_day_is_not_yet_closure(self) -> None:
        decision = evaluate_window([v(MON), v(TUE, PM)], WEEKDAYS, RULES, as_of=TUE)
        assert decision.level is AlertLevel.ORDER_TO_CORRECT

    def test_still_auxiliary_only_on_wednesday_suggests_closure(self) -> None:
        decision = evaluate_window([v(MON), v(WED)], WEEKDAYS, RULES, as_of=WED)
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert decision.deadline == TUE
        assert decision.escalated_on == WED
        assert decision.reasons[0] == "2026-05-11 上午 仅辅助人员"
        assert decision.reasons[1].startswith("整改期限 2026-05-12 后仍违规")
        assert "2026-05-13 上午 仅辅助人员" in decision.reasons[1]
        assert len(decision.reasons) == 2

    def test_afternoon_violation_after_the_deadline_also_escalates(self) -> None:
        decision = evaluate_window([v(MON), v(WED, PM, NOBODY)], WEEKDAYS, RULES, as_of=WED)
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert "2026-05-13 下午 无人值守" in decision.reasons[1]

    def test_friday_violation_weekend_does_not_count(self) -> None:
        assert evaluate_window([v(FRI)], WEEKDAYS, RULES, as_of=NEXT_MON).deadline == NEXT_MON
        still_monday = evaluate_window([v(FRI), v(NEXT_MON, PM)], WEEKDAYS, RULES, as_of=NEXT_MON)
        assert still_monday.level is AlertLevel.ORDER_TO_CORRECT
        tuesday = evaluate_window([v(FRI), v(NEXT_TUE)], WEEKDAYS, RULES, as_of=NEXT_TUE)
        assert tuesday.level is AlertLevel.SUGGEST_CLOSURE
        assert tuesday.escalated_on == NEXT_TUE

    def test_extra_holiday_extends_the_deadline(self) -> None:
        calendar = FakeCalendar(holidays={TUE})
        decision = evaluate_window([v(MON), v(WED)], calendar, RULES, as_of=WED)
        assert decision.deadline == WED
        assert decision.level is AlertLevel.ORDER_TO_CORRECT
        later = evaluate_window([v(MON), v(THU)], calendar, RULES, as_of=THU)
        assert later.level is AlertLevel.SUGGEST_CLOSURE

    def test_violation_on_a_non_working_day_is_ignored(self) -> None:
        calendar = FakeCalendar(holidays={WED})
        decision = evaluate_window([v(MON), v(WED)], calendar, RULES, as_of=WED)
        assert decision.level is AlertLevel.ORDER_TO_CORRECT
        assert evaluate_window([v(may(16))], WEEKDAYS, RULES, as_of=NEXT_MON).level is None

    def test_make_up_saturday_violation_counts(self) -> None:
        # Violation Thu 7 May, deadline Fri 8 May, still violating on make-up Saturday 9 May.
        decision = evaluate_window([v(may(7)), v(may(9))], MAY_2026, RULES, as_of=may(9))
        assert decision.deadline == may(8)
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert decision.escalated_on == may(9)

    def test_longer_deadline_from_settings(self) -> None:
        rules = replace(RULES, correction_deadline_working_days=2)
        decision = evaluate_window([v(MON), v(WED)], WEEKDAYS, rules, as_of=WED)
        assert decision.deadline == WED
        assert decision.level is AlertLevel.ORDER_TO_CORRECT


class TestSessionsWithinWorkingDays:
    """Separate the sessions beyond rule (a): each lies before its own order's deadline."""

    @staticmethod
    def _only_rule_b(violations: list[Violation], as_of: date) -> AlertLevel | None:
        # A long deadline keeps rule (a) out of the way.
        rules = replace(RULES, correction_deadline_working_days=30)
        return evaluate_window(violations, WEEKDAYS, rules, as_of=as_of).level

    def test_three_sessions_in_five_working_days_escalate(self) -> None:
        violations = [v(MON), v(WED, PM), v(FRI)]
        assert self._only_rule_b(violations, FRI) is AlertLevel.SUGGEST_CLOSURE
        decision = evaluate_window(
            violations, WEEKDAYS, replace(RULES, correction_deadline_working_days=30), FRI
        )
        assert decision.escalated_on == FRI
        assert decision.reasons[-1] == (
            "连续5个工作日内3个时段违规：2026-05-11 上午、2026-05-13 下午、2026-05-15 上午"
        )

    def test_two_sessions_in_five_working_days_do_not(self) -> None:
        assert self._only_rule_b([v(MON), v(FRI)], FRI) is AlertLevel.ORDER_TO_CORRECT

    def test_three_sessions_in_one_day_escalate(self) -> None:
        assert self._only_rule_b([v(MON), v(MON, PM), v(TUE)], TUE) is AlertLevel.SUGGEST_CLOSURE

    def test_the_same_session_twice_counts_once(self) -> None:
        assert self._only_rule_b([v(MON), v(MON, AM, NOBODY), v(TUE)], TUE) is AlertLevel.ORDER_TO_CORRECT

    def test_three_sessions_spread_over_six_working_days_do_not(self) -> None:
        assert self._only_rule_b([v(MON), v(WED), v(NEXT_MON)], NEXT_MON) is AlertLevel.ORDER_TO_CORRECT

    def test_weekend_in_between_does_not_stretch_the_span(self) -> None:
        # Thu, Fri, Mon, Tue, Wed are five consecutive working days.
        assert self._only_rule_b([v(THU), v(FRI), v(NEXT_WED)], NEXT_WED) is AlertLevel.SUGGEST_CLOSURE
        assert self._only_rule_b([v(WED), v(FRI), v(NEXT_WED)], NEXT_WED) is AlertLevel.ORDER_TO_CORRECT

    def test_holiday_in_between_does_not_stretch_the_span(self) -> None:
        calendar = FakeCalendar(holidays={TUE})
        rules = replace(RULES, correction_deadline_working_days=30)
        # Mon, Wed, Thu, Fri, next Mon are five working days when Tuesday is off.
        decision = evaluate_window([v(MON), v(THU), v(NEXT_MON)], calendar, rules, as_of=NEXT_MON)
        assert decision.level is AlertLevel.SUGGEST_CLOSURE

    def test_rule_b_counts_violations_before_the_current_order(self) -> None:
        # Each order corrected in time, yet the window keeps falling back.
        decision = evaluate_window([v(MON), v(WED), v(FRI)], WEEKDAYS, RULES, as_of=FRI, order_raised_on=FRI)
        assert decision.deadline == NEXT_MON
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert decision.escalated_on == FRI

    def test_thresholds_come_from_settings(self) -> None:
        rules = replace(
            RULES,
            correction_deadline_working_days=30,
            escalation_session_count=2,
            escalation_window_working_days=2,
        )
        assert evaluate_window([v(MON), v(TUE)], WEEKDAYS, rules, TUE).level is AlertLevel.SUGGEST_CLOSURE
        assert evaluate_window([v(MON), v(WED)], WEEKDAYS, rules, WED).level is AlertLevel.ORDER_TO_CORRECT

    def test_both_conditions_give_both_reasons_and_the_earlier_day(self) -> None:
        # Rule (b) is met on Tuesday (third session), rule (a) on Wednesday.
        decision = evaluate_window([v(MON), v(MON, PM), v(TUE), v(WED)], WEEKDAYS, RULES, as_of=WED)
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert len(decision.reasons) == 3
        assert decision.reasons[1].startswith("整改期限 2026-05-12 后仍违规")
        assert decision.reasons[2].startswith("连续5个工作日内3个时段违规")
        assert decision.escalated_on == TUE


class TestAsOfAndAnchor:
    def test_as_of_in_the_past_ignores_later_violations(self) -> None:
        violations = [v(MON), v(WED), v(THU)]
        past = evaluate_window(violations, WEEKDAYS, RULES, as_of=TUE)
        assert past == evaluate_window([v(MON)], WEEKDAYS, RULES, as_of=TUE)
        assert past.level is AlertLevel.ORDER_TO_CORRECT
        assert evaluate_window(violations, WEEKDAYS, RULES, as_of=THU).level is AlertLevel.SUGGEST_CLOSURE

    def test_as_of_before_any_violation_raises_nothing(self) -> None:
        assert evaluate_window([v(WED)], WEEKDAYS, RULES, as_of=TUE).level is None

    def test_order_raised_on_anchors_the_deadline(self) -> None:
        # An earlier order was corrected; a new one opened on Wednesday.
        decision = evaluate_window([v(MON), v(WED), v(THU)], WEEKDAYS, RULES, as_of=THU, order_raised_on=WED)
        assert decision.first_violation == v(WED)
        assert decision.deadline == THU
        assert decision.level is AlertLevel.SUGGEST_CLOSURE  # by rule (b): three sessions in four days
        rules = replace(RULES, escalation_session_count=4)
        calm = evaluate_window([v(MON), v(WED), v(THU)], WEEKDAYS, rules, as_of=THU, order_raised_on=WED)
        assert calm.level is AlertLevel.ORDER_TO_CORRECT

    def test_without_anchor_the_earliest_violation_opens_the_order(self) -> None:
        rules = replace(RULES, escalation_session_count=4)
        decision = evaluate_window([v(WED), v(MON), v(THU)], WEEKDAYS, rules, as_of=THU)
        assert decision.first_violation == v(MON)
        assert decision.deadline == TUE
        assert decision.level is AlertLevel.SUGGEST_CLOSURE
        assert decision.escalated_on == WED

    def test_order_raised_after_as_of_is_ignored(self) -> None:
        decision = evaluate_window([v(MON), v(FRI)], WEEKDAYS, RULES, as_of=TUE, order_raised_on=FRI)
        assert decision == evaluate_window([v(MON)], WEEKDAYS, RULES, as_of=TUE)

    def test_order_without_its_violation_in_the_list(self) -> None:
        decision = evaluate_window([v(MON)], WEEKDAYS, RULES, as_of=WED, order_raised_on=TUE)
        assert decision.level is AlertLevel.ORDER_TO_CORRECT
        assert decision.first_violation is None
        assert decision.deadline == WED
        assert decision.reasons == ("2026-05-12 起责令纠正",)

    def test_input_order_does_not_matter(self) -> None:
        violations = [v(MON), v(MON, PM), v(WED), v(THU, PM, NOBODY), v(NEXT_MON)]
        expected = evaluate_window(violations, WEEKDAYS, RULES, as_of=NEXT_MON)
        shuffled = list(violations)
        random.Random(7).shuffle(shuffled)
        assert evaluate_window(shuffled, WEEKDAYS, RULES, as_of=NEXT_MON) == expected
        assert evaluate_window(tuple(reversed(violations)), WEEKDAYS, RULES, as_of=NEXT_MON) == expected


class TestReopen:
    def test_needs_a_formal_civil_servant_on_the_roster(self) -> None:
        assert can_reopen([StaffCategory.LABOUR_DISPATCH, StaffCategory.CIVIL_SERVANT])
        assert can_reopen([StaffCategory.PUBLIC_INSTITUTION])
        assert not can_reopen([StaffCategory.LABOUR_DISPATCH, StaffCategory.THIRD_PARTY])
        assert not can_reopen([])

    def test_refusal_is_a_chinese_sentence(self) -> None:
        assert "正式公职人员" in reopen_refusal()
        assert reopen_refusal().endswith("。")


def test_levels_are_ordered() -> None:
    ranks = [
        level_rank(x)
        for x in (None, AlertLevel.NOTICE, AlertLevel.ORDER_TO_CORRECT, AlertLevel.SUGGEST_CLOSURE)
    ]
    assert ranks == sorted(set(ranks))


# --- properties -------------------------------------------------------------------------------

FIRST_DAY = date(2026, 4, 27)
HYPO_CALENDAR = MAY_2026

days = st.integers(min_value=0, max_value=34).map(lambda n: FIRST_DAY + timedelta(days=n))
violations_st = st.builds(
    Violation, day=days, session=st.sampled_from(Session), verdict=st.sampled_from([AUX, NOBODY])
)
rules_st = st.builds(
    RuleSettings,
    correction_deadline_working_days=st.integers(1, 4),
    escalation_session_count=st.integers(1, 5),
    escalation_window_working_days=st.integers(1, 8),
)


@settings(max_examples=300, deadline=None)
@given(
    base=st.lists(violations_st, max_size=8),
    extra=violations_st,
    as_of=days,
    anchor=st.none() | days,
    rules=rules_st,
)
def test_adding_a_violation_never_lowers_the_level(
    base: list[Violation], extra: Violation, as_of: date, anchor: date | None, rules: RuleSettings
) -> None:
    before = evaluate_window(base, HYPO_CALENDAR, rules, as_of, anchor)
    after = evaluate_window([*base, extra], HYPO_CALENDAR, rules, as_of, anchor)
    assert level_rank(after.level) >= level_rank(before.level)


@settings(max_examples=200, deadline=None)
@given(violations=st.lists(violations_st, max_size=8), as_of=days, rules=rules_st)
def test_later_violations_never_change_a_past_answer(
    violations: list[Violation], as_of: date, rules: RuleSettings
) -> None:
    up_to = [x for x in violations if x.day <= as_of]
    assert evaluate_window(violations, HYPO_CALENDAR, rules, as_of) == evaluate_window(
        up_to, HYPO_CALENDAR, rules, as_of
    )


@settings(max_examples=200, deadline=None)
@given(violations=st.lists(violations_st, min_size=1, max_size=8), as_of=days)
def test_decision_is_consistent(violations: list[Violation], as_of: date) -> None:
    decision = evaluate_window(violations, HYPO_CALENDAR, RULES, as_of)
    counted = [x for x in violations if x.day <= as_of and HYPO_CALENDAR.is_workday(x.day)]
    if not counted:
        assert decision.level is None
        return
    assert decision.level in (AlertLevel.ORDER_TO_CORRECT, AlertLevel.SUGGEST_CLOSURE)
    assert decision.first_violation is not None
    assert decision.first_violation.day == min(x.day for x in counted)
    assert decision.deadline == correction_deadline(HYPO_CALENDAR, decision.first_violation.day, RULES)
    assert decision.reasons[0] == decision.first_violation.describe()
    escalated = decision.level is AlertLevel.SUGGEST_CLOSURE
    assert (decision.escalated_on is not None) == escalated
    if escalated:
        assert decision.first_violation.day <= decision.escalated_on <= as_of
        assert HYPO_CALENDAR.is_workday(decision.escalated_on)
