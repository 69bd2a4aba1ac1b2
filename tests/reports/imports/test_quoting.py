"""A cell quoted in a message: short, on one line, nothing obeyed by the terminal, no ID number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallmonitor.reports.imports.quoting import (
    QUOTE_LIMIT,
    control_char,
    escape_controls,
    one_line,
    quote,
    shown_path,
)


def test_a_long_cell_is_cut_to_forty_characters_with_an_ellipsis() -> None:
    shown = quote("x" * 100_000)
    assert shown == "「" + "x" * (QUOTE_LIMIT - 1) + "…」"


def test_a_newline_cannot_forge_a_second_line() -> None:
    assert quote("A01\n第9行，列「窗口号」：伪造") == "「A01\\n第9行，列「窗口号」：伪造」"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("\x1b[31m红字", "「\\x1b[31m红字」"),
        ("a\x00b", "「a\\x00b」"),
        ("a\rb\tc", "「a\\rb\\tc」"),
        ("right\u202eto left", "「right\\u202eto left」"),
        ("line\u2028separator", "「line\\u2028separator」"),
        ("zero\u200bwidth", "「zero\\u200bwidth」"),
        ("\x85", "「\\x85」"),
    ],
)
def test_control_characters_are_shown_escaped(cell: str, shown: str) -> None:
    assert quote(cell) == shown


def test_an_escape_is_never_cut_in_half() -> None:
    shown = quote("a" * (QUOTE_LIMIT - 3) + "\x1b")
    assert shown.endswith("a…」") and "\\x" not in shown


def test_an_id_number_is_masked_even_when_it_is_wrong() -> None:
    assert quote("370104195508301208") == "「370104********1208」"
    assert quote("110105194912310021") == "「110105********0021」"  # check digit wrong: still someone's


def test_an_id_number_across_the_cut_leaves_no_digits_of_it() -> None:
    shown = quote("x" * 30 + "370104195508301208")
    assert "3701041" not in shown


def test_numbers_are_quoted_as_written() -> None:
    assert quote(3.0) == "「3」"
    assert quote(-5) == "「-5」"


def test_a_whole_message_is_bounded() -> None:
    assert len(one_line("甲" * 1000)) == 200
    assert one_line("第2行\n第3行") == "第2行\\n第3行"


def test_a_long_path_keeps_its_end() -> None:
    shown = shown_path("/" + "很长的文件夹/" * 40 + "办件.xlsx")
    assert shown.startswith("…") and shown.endswith("办件.xlsx") and len(shown) <= 120


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        ("张三", False, None),
        ("某某\u200d公司", False, None),  # a joiner some scripts need
        ("a\nb", False, "第2个字符是换行符（\\n）"),
        ("a\nb", True, None),
        ("a\tb", False, "第2个字符是制表符（\\t）"),
        ("ab\x00", True, "第3个字符是不可见的控制字符（\\x00）"),
        ("\ufeff工号", True, "第1个字符是不可见的控制字符（\\ufeff）"),
    ],
)
def test_control_char_names_the_first_one(text: str, multiline: bool, expected: str | None) -> None:
    assert control_char(text, multiline=multiline) == expected


@given(st.text())
def test_whatever_a_cell_holds_its_quote_is_one_short_line(cell: str) -> None:
    shown = quote(cell)
    assert len(shown) <= QUOTE_LIMIT + 2
    assert len(shown.splitlines()) <= 1
    assert control_char(shown) is None
    assert escape_controls(shown) == shown
