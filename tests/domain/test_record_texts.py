"""The hall's record, stored in Chinese, reads in the reader's language."""

from __future__ import annotations

import enum
import itertools
import string
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from hallmonitor.domain import enums
from hallmonitor.domain.alert_history import Occurrence, summary_of, window_label
from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffCategory, StaffingVerdict
from hallmonitor.domain.nominal import HandledCase, Handler, Officer, SessionEvidence, judge_session
from hallmonitor.domain.record_texts import reread
from hallmonitor.domain.texts import STORED_LANGUAGE, catalogue, say, stored_texts, use_language

FORMATTER = string.Formatter()
#: The stored vocabulary, data in every language (a few of its words are also messages: 超时, 临期).
VOCABULARY = {
    member.value
    for kind in vars(enums).values()
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum) and kind is not enum.StrEnum
    for member in kind
}
#: What the rules' sentences put where two placeholders touch (see ``record_texts``).
SHAPED = {"day": "2026-05-11", "session": "上午"}
DAY = date(2026, 5, 11)


def sample(source: str) -> dict[str, Any]:
    """A value for each placeholder, distinct from the others and from every template's own words."""
    params: dict[str, Any] = {}
    # A field used twice takes the shape its formatted use needs ("{weeks} weeks (W01–W{weeks:02d})").
    specs: dict[str, str] = {}
    for _text, field, spec, _conversion in FORMATTER.parse(source):
        if field is not None and spec:
            specs.setdefault(field, spec)
    for n, (_text, field, spec, _conversion) in enumerate(FORMATTER.parse(source)):
        if field is None or field in params:
            continue
        spec = spec or specs.get(field, "")
        if spec and "%" in spec:
            params[field] = datetime(2026, 5, 11, 9, 30)
        elif spec and spec.endswith("d"):
            params[field] = 40 + n
        else:
            params[field] = SHAPED.get(field, f"甲{n}")
    return params


def readable(template: str) -> bool:
    """Whether the text can tell the template's placeholders apart (see ``record_texts``)."""
    parts = list(FORMATTER.parse(template))
    words = "".join(text for text, *_ in parts).replace(" ", "")
    # Templates of brackets and commas alone are read only around a message (tested below).
    if len(words) < 2 or not any("\u4e00" <= c <= "\u9fff" for c in words):
        return False
    return all(
        not (after[0] == "" and after[1] is not None) or field in SHAPED or after[1] in SHAPED
        for (_t, field, _s, _c), after in itertools.pairwise(parts)
        if field is not None
    )


def alike(template: str) -> str:
    """A template's words with its placeholders blanked: two alike ones read the same text either way."""
    return "".join(text + ("{}" if field else "") for text, field, _s, _c in FORMATTER.parse(template))


def test_every_template_of_the_catalogue_reads_back_in_english(english):
    chinese = {
        source: template
        for source, template in catalogue(STORED_LANGUAGE).items()
        if readable(template) and template not in VOCABULARY
    }
    groups: dict[str, list[str]] = {}
    for source, template in chinese.items():
        groups.setdefault(alike(template), []).append(source)
    # Alike templates ("Completed {at}", "completed {day}": 办结 …) may read as either: left out.
    ambiguous = [sources for sources in groups.values() if len(sources) > 1]
    assert len(ambiguous) < 15, ambiguous
    checked = 0
    for sources in groups.values():
        if len(sources) > 1:
            continue
        (source,) = sources
        params = sample(source)
        with stored_texts():
            stored = say(source, **params)
        assert reread(stored) == say(source, **params), source
        checked += 1
    assert checked > 500


def test_a_message_inside_a_message_reads_back_too(english):
    with stored_texts():
        stored = say("Confirmed on review: {detail}", detail=say("Confirmed: {key}", key="case:12"))
    assert stored == "经核查确认：已确认：case:12"
    assert reread(stored) == "Confirmed on review: Confirmed: case:12"


def test_a_list_joined_by_the_catalogues_separator_reads_piece_by_piece(english):
    with stored_texts():
        pieces = [say("ordered to correct from {day}", day="2026-05-11"), "2026-05-20 上午 仅辅助人员"]
        stored = say("; ").join(pieces)
    assert stored == "2026-05-11 起责令纠正；2026-05-20 上午 仅辅助人员"
    assert reread(stored) == "ordered to correct from 2026-05-11; 2026-05-20 上午 仅辅助人员"


def test_text_no_template_matches_is_returned_as_it_is(english):
    names = ("已电话通知窗口负责人", "张三、李四", "C-2026-0001", "", "甲；乙", "{not a field}")
    for text in (*names, "自然资源和规划局（不动产登记中心）", "已电话或短信通知"):
        assert reread(text) == text


def test_the_stored_vocabulary_stays_as_it_is_even_where_a_message_has_the_same_word(english):
    # 超时 is a case's deadline state (data) and also the catalogue's "overdue".
    assert say("overdue") == "overdue"
    assert reread("超时") == "超时"
    assert reread("临期") == "临期"


def test_in_chinese_the_record_is_read_as_it_is_stored():
    use_language("zh_CN")
    assert reread("经核查确认：已确认：case:12") == "经核查确认：已确认：case:12"
    use_language("en")
    with stored_texts():
        # The rules deriving what they store read their own record as it is.
        assert reread("经核查确认：已确认：case:12") == "经核查确认：已确认：case:12"
    use_language(None)


def test_reading_back_keeps_the_stored_value_a_plain_string(english):
    with stored_texts():
        stored = say("The due day has passed")
    read = reread(stored)
    assert read == "The due day has passed" and type(read) is str
    assert stored == "到期日已过"


def stored_and_english(make):  # type: ignore[no-untyped-def]
    """What ``make()`` says as the record stores it, and as a reader in English is told it."""
    with stored_texts():
        stored = make()
    return stored, make()


def nominal_evidence(extra_untimed: int = 0) -> SessionEvidence:
    li = Handler("1002", "李四", StaffCategory.LABOUR_DISPATCH)
    wang = Handler("1003", "王五", StaffCategory.THIRD_PARTY)
    start = datetime(2026, 5, 11, 9, 5)
    handled = [HandledCase(f"C{i}", start + timedelta(minutes=i), li, li) for i in range(3)]
    handled += [HandledCase(f"D{i}", start + timedelta(minutes=i), wang, None) for i in range(2)]
    handled += [HandledCase("E0", start, None, None)]
    officers = (
        Officer("1001", "张三", StaffCategory.CIVIL_SERVANT, True),
        Officer("1004", "赵六", StaffCategory.PUBLIC_INSTITUTION, False),
    )
    return SessionEvidence(
        "A01", DAY, Session.MORNING, StaffingVerdict.COMPLIANT, officers, tuple(handled), extra_untimed
    )


@pytest.mark.parametrize("threshold", [5, 9])
@pytest.mark.parametrize("untimed", [0, 2])
def test_a_nominal_judgements_evidence_reads_back_as_the_english_judgement(english, threshold, untimed):
    stored, shown = stored_and_english(
        lambda: judge_session(nominal_evidence(untimed), threshold=threshold).evidence_line()
    )
    assert "受理：李四（劳务派遣）3 件、王五（第三方服务）2 件" in stored or threshold == 9
    assert reread(stored) == shown
    assert "Formal staff present: 张三 (公务员, present), 赵六 (事业编制, absent);" in shown


def test_a_list_of_counted_people_is_read_item_by_item_not_as_one_item(english):
    stored, shown = stored_and_english(lambda: judge_session(nominal_evidence(), threshold=5).reason)
    assert stored.endswith(
        "；受理：李四（劳务派遣）3 件、王五（第三方服务）2 件；审批：李四（劳务派遣）3 件、未审批 2 件"
    )
    assert reread(stored) == shown
    assert shown.endswith(
        "received by 李四 (劳务派遣): 3, 王五 (第三方服务): 2; approved by 李四 (劳务派遣): 3, 2 not approved"
    )


@pytest.mark.parametrize(
    ("kind", "department"),
    [
        (AlertKind.CASE_DUE, "税务局"),
        (AlertKind.CASE_DUE, "自然资源和规划局（不动产登记中心）"),
        (AlertKind.CASE_OVERDUE, None),
        (AlertKind.STAFFING, "税务局"),
        (AlertKind.NOMINAL_PRESENCE, "自然资源和规划局（不动产登记中心）"),
    ],
)
def test_an_alerts_summary_reads_back_whatever_the_window_is_called(english, kind, department):
    held = [Occurrence("2026-05-11 上午", datetime(2026, 5, 11, 9), "仅辅助人员")]
    stored, shown = stored_and_english(
        lambda: summary_of(kind, window_label("A03", department), AlertLevel.RED_CARD, held, prior=2)
    )
    assert reread(stored) == shown
    assert shown.startswith("Window A03")


def test_a_summary_of_what_no_window_owns_reads_back_too(english):
    held = [Occurrence("complaint:1", datetime(2026, 5, 11, 9), "x")]
    stored, shown = stored_and_english(
        lambda: summary_of(AlertKind.COMPLAINT_OVERDUE, window_label(None, None), AlertLevel.RED_CARD, held)
    )
    assert stored == "办不成事反映超期未办结 1 件"
    assert reread(stored) == shown == "Complaints not settled within their time limit: 1"


def test_a_staffing_order_on_a_confirmed_nominal_session_reads_back(english):
    held = [Occurrence("2026-05-11 下午", datetime(2026, 5, 11, 14), "仅辅助人员（经核查确认挂名）")]
    stored, _shown = stored_and_english(
        lambda: summary_of(
            AlertKind.STAFFING, window_label("12", "税务局"), AlertLevel.ORDER_TO_CORRECT, held
        )
    )
    assert stored == "12号窗口（税务局）2026-05-11 下午仅辅助人员（经核查确认挂名）"
    assert (
        reread(stored)
        == "Window 12 (税务局): 2026-05-11 下午 仅辅助人员 (confirmed as nominal presence on review)"
    )
