"""Messages made below the interface read in the user's language, from the one catalogue."""

from __future__ import annotations

import copy
import pickle
from datetime import date

from hallmonitor.domain import texts
from hallmonitor.domain.plausible import Implausible, skipped_sentence
from hallmonitor.domain.texts import Text, current_language, placeholders, say, use_language
from hallmonitor.domain.work_calendar import WorkCalendar


def test_a_message_reads_in_chinese_by_default(monkeypatch):
    monkeypatch.delenv("HALLMONITOR_LANG", raising=False)
    use_language(None)
    assert current_language() == "zh_CN"
    assert say("(empty)") == "（空）"


def test_english_renders_the_source_with_its_parameters(english):
    made = say("{names} and others, {count} in all", names="A", count=7)
    assert made == "A and others, 7 in all"


def test_the_environment_chooses_english_when_nothing_was_set(monkeypatch):
    use_language(None)
    monkeypatch.setenv("HALLMONITOR_LANG", "en_US")
    assert say("(empty)") == "(empty)"


def test_a_message_keeps_its_source_and_parameters_to_be_rendered_again():
    made = say("{names} and others, {count} in all", names="甲", count=7)
    assert made == "甲 等 7 条"
    assert isinstance(made, Text) and made.source.startswith("{names}") and made.params["count"] == 7
    assert made.render("en") == "甲 and others, 7 in all"


def test_a_message_survives_being_handed_between_threads_and_processes():
    made = say("{start}… ({count} characters)", start="x" * 40, count=41)
    for again in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made)):
        assert again == made and again.source == made.source and again.params == made.params


def test_a_forgotten_parameter_stays_visible_rather_than_raising_inside_an_error_message():
    assert say("{start}… ({count} characters)", start="abc") == "abc…（共{count}个字符）"


def test_a_message_without_a_translation_falls_back_to_its_english_source():
    assert say("A sentence the catalogue does not hold") == "A sentence the catalogue does not hold"


def test_the_skipped_records_sentence_reads_in_either_language(english):
    found = [Implausible.of("办件", "BJ-1", "受理时间", date(9999, 12, 31))]
    assert skipped_sentence(found) == (
        "1 records hold values outside the plausible range and were left out: 办件 BJ-1 受理时间 9999-12-31. "
        "Check and correct these records."
    )
    use_language("zh_CN")
    assert (
        skipped_sentence(found)
        == "有 1 条记录的数据超出合理范围，已跳过：办件 BJ-1 受理时间 9999-12-31。请核对并更正这些记录。"
    )


def test_the_calendar_warning_names_the_years_in_the_language_spoken(english):
    calendar = WorkCalendar([])
    assert "2031" in (calendar.warning_for([2031]) or "")
    assert "State Council" in (calendar.warning_for([2031]) or "")
    use_language("zh_CN")
    assert (calendar.warning_for([2031, 2032]) or "").startswith("2031年、2032年尚无国务院公布的节假日安排")


def test_every_translation_fills_the_same_placeholders_as_its_source():
    wrong = {
        source: chinese
        for source, chinese in texts._catalogue("zh_CN").items()
        if placeholders(source) != placeholders(chinese)
    }
    assert wrong == {}
