"""The rules' sentences read in the user's language: an ID number refused, a flag review, a ladder's reasons."""

from __future__ import annotations

from datetime import date

import pytest

from hallmonitor.domain.enums import FlagState, Session, StaffingVerdict
from hallmonitor.domain.escalation import Violation, evaluate_window, reopen_refusal
from hallmonitor.domain.front_shop import review
from hallmonitor.domain.identifiers import InvalidIdentifier, validate_credit_code, validate_id_card
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.texts import use_language
from tests.support.english import HAN
from tests.support.fakes import FakeCalendar


def refusal(check, value: str) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidIdentifier) as refused:
        check(value)
    return str(refused.value)


def test_an_id_number_and_a_credit_code_are_refused_in_english(english: None) -> None:
    assert refusal(validate_id_card, "1101011990") == "An ID number has 18 characters; this one has 10"
    assert refusal(validate_id_card, "11010119900230123X") == (
        "The date of birth 1990-02-30 in the ID number does not exist"
    )
    assert refusal(validate_credit_code, "91110000I00000000X").startswith(
        "Character 9 of the credit code, “I”, is not allowed (I, O, S, V and Z are not used)"
    )


def test_a_flag_review_and_a_window_that_cannot_open_again_say_why_in_english(english: None) -> None:
    with pytest.raises(ValueError) as refused:
        review(FlagState.PENDING, FlagState.CONFIRMED, " ")
    assert str(refused.value) == "A review's conclusion needs a note explaining it."
    assert reopen_refusal().startswith("The window's roster has no formal civil servant")
    assert not HAN.search(str(refused.value) + reopen_refusal())


def test_the_ladders_reasons_read_in_english_around_their_data(english: None) -> None:
    mon, wed = date(2026, 5, 11), date(2026, 5, 13)
    violations = [
        Violation(mon, Session.MORNING, StaffingVerdict.AUXILIARY_ONLY),
        Violation(wed, Session.MORNING, StaffingVerdict.AUXILIARY_ONLY),
    ]
    decision = evaluate_window(violations, FakeCalendar(), RuleSettings(), as_of=wed)
    assert decision.reasons[1].startswith("still in violation after the rectification deadline 2026-05-12: ")
    # The session and the verdict are stored vocabulary: the rest is English.
    assert not HAN.search(decision.reasons[1].replace("上午", "").replace("仅辅助人员", ""))


def test_chinese_stays_as_it_was() -> None:
    assert refusal(validate_id_card, "1101011990") == "身份证号码应为18位，实际为10位"
    assert reopen_refusal() == "该窗口排班中没有正式公职人员，不能重新开放。请先安排正式公职人员到岗。"


def test_the_calendar_and_the_settings_refuse_in_the_users_language(english: None) -> None:
    from hallmonitor.domain.work_calendar import WorkCalendar

    with pytest.raises(ValueError) as negative:
        WorkCalendar([]).add_working_days(date(2026, 5, 13), -1)
    assert str(negative.value) == "A number of working days cannot be negative"
    with pytest.raises(ValueError) as unreadable:
        RuleSettings.from_strings({"escalation_window_working_days": "five"})
    assert (
        str(unreadable.value)
        == "The setting escalation_window_working_days has a value that cannot be read: 'five'"
    )
    use_language("zh_CN")
    with pytest.raises(ValueError) as chinese:
        RuleSettings.from_strings({"escalation_window_working_days": "five"})
    assert str(chinese.value) == "设置项 escalation_window_working_days 的值 'five' 无法识别"
