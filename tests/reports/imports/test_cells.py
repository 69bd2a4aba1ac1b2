"""Cell parsers: every way a hall's files write dates, yes/no, counts and vocabulary."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import to_excel

from hallmonitor.domain.enums import Session, StaffCategory
from hallmonitor.reports.imports.cells import (
    CellError,
    count_parser,
    enum_parser,
    parse_bool,
    parse_date,
    parse_datetime,
    text_parser,
)

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda m: m.replace(microsecond=0)
)


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-06",
        "2026/5/6",
        "2026/05/06",
        "2026.5.6",
        "2026年5月6日",
        "20260506",
        " 2026-05-06 ",
        "２０２６-05-06",
    ],
)
def test_text_dates(text: str) -> None:
    assert parse_date(text) == date(2026, 5, 6)


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-06 09:30:00",
        "2026/5/6 9:30",
        "2026-05-06T09:30",
        "2026-05-06 09:30:00.000",
        "2026年5月6日 9:30",
        "2026-05-06 09：30",
    ],
)
def test_text_datetimes(text: str) -> None:
    assert parse_datetime(text) == datetime(2026, 5, 6, 9, 30)


def test_excel_cells() -> None:
    assert parse_datetime(datetime(2026, 5, 6, 9, 29, 59, 999_900)) == datetime(2026, 5, 6, 9, 30)
    assert parse_datetime(date(2026, 5, 6)) == datetime(2026, 5, 6)
    assert parse_date(datetime(2026, 5, 6, 9, 30)) == date(2026, 5, 6)
    assert parse_datetime(46148.395833333336) == datetime(2026, 5, 6, 9, 30)
    assert parse_date(46148) == date(2026, 5, 6)
    assert parse_date("2026-05-06 09:30") == date(2026, 5, 6)
    assert parse_datetime("2026-05-06") == datetime(2026, 5, 6)


@given(DAYS)
def test_every_date_written_any_way_reads_back(day: date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day:%Y%m%d}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert parse_date(text) == day
    assert parse_date(to_excel(day)) == day


@given(MOMENTS)
def test_every_datetime_written_any_way_reads_back(moment: datetime) -> None:
    assert parse_datetime(moment.isoformat(sep=" ")) == moment
    assert parse_datetime(f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment:%M:%S}") == moment
    assert parse_datetime(to_excel(moment)) == moment


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("明天", "无法识别"),
        ("2026-13-01", "不存在"),
        ("2026-02-29", "不存在"),
        ("2026-05-06 25:00", "不存在"),
        (12, "不是日期"),
        (time(9, 30), "没有日期"),
        (True, "是/否"),
    ],
)
def test_bad_dates(value: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_datetime(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("1", True),
        ("0", False),
        (1, True),
        (0.0, False),
        (True, True),
        ("yes", True),
        (" Ｙ ", True),
    ],
)
def test_yes_no(value: object, expected: bool) -> None:
    assert parse_bool(value) is expected


@pytest.mark.parametrize("value", ["对", "2", "", "maybe"])
def test_bad_yes_no(value: str) -> None:
    with pytest.raises(CellError, match="是 或 否"):
        parse_bool(value)


def test_enums_by_their_chinese_value() -> None:
    parse = enum_parser(StaffCategory)
    assert parse("事业编制") is StaffCategory.PUBLIC_INSTITUTION
    assert parse(" 公务员 ") is StaffCategory.CIVIL_SERVANT
    with pytest.raises(CellError, match="可选：公务员、参照公务员法管理"):
        parse("合同工")
    with_synonyms = enum_parser(Session, synonyms={"AM": Session.MORNING})
    assert with_synonyms("am") is with_synonyms("AM") is Session.MORNING


@pytest.mark.parametrize(("value", "expected"), [(0, 0), ("3", 3), (2.0, 2), ("2.0", 2), ("１", 1)])
def test_counts(value: object, expected: int) -> None:
    assert count_parser()(value) == expected


@pytest.mark.parametrize(
    ("value", "message"), [(-1, "负数"), ("-2", "负数"), (1.5, "整数"), ("两次", "整数"), (True, "整数")]
)
def test_bad_counts(value: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        count_parser()(value)


def test_text_and_codes() -> None:
    code = text_parser(5, code=True)
    assert code("Ａ０１") == "A01"
    assert code(1001.0) == "1001"
    assert code(12) == "12"
    assert text_parser(10)("  张三 ") == "张三"
    with pytest.raises(CellError, match="最多5个字符，实际6个"):
        code("ABCDEF")
