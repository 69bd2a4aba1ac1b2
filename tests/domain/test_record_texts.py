"""The hall's record, stored in Chinese, reads in the reader's language."""

from __future__ import annotations

import enum
import itertools
import string
from datetime import datetime
from typing import Any

import pytest

from hallmonitor.domain import enums
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


@pytest.fixture
def english():
    use_language("en")
    yield
    use_language(None)


def sample(source: str) -> dict[str, Any]:
    """A value for each placeholder, distinct from the others and from every template's own words."""
    params: dict[str, Any] = {}
    for n, (_text, field, spec, _conversion) in enumerate(FORMATTER.parse(source)):
        if field is None or field in params:
            continue
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
    if not any("\u4e00" <= c <= "\u9fff" for text, *_ in parts for c in text):
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
    for text in ("已电话通知窗口负责人", "张三、李四", "C-2026-0001", "", "甲；乙", "{not a field}"):
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
