"""One row's cells: control characters refused where they stand, ID numbers kept out of free text and keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hallmonitor.reports.imports.rows import RowError, bind, parse_row, rows_with_errors
from hallmonitor.reports.imports.specs import spec_for
from hallmonitor.reports.imports.tabular import BadCell

HIDDEN = "370104195508301208"


def parsed(kind: str, **cells: Any) -> tuple[Any, list[RowError]]:
    """Row 7 of a file of ``kind`` holding the template's sample values, with ``cells`` changed."""
    spec = spec_for(kind)
    binding = bind(spec, [c.title for c in spec.columns], Path("/data/导入.csv"))
    raw = {c.title: c.sample for c in spec.columns} | cells
    return parse_row(binding, 7, raw)


@pytest.mark.parametrize(
    ("kind", "column", "cell"),
    [
        ("staff", "姓名", "张\x00三"),
        ("staff", "工号", "1001\x1b[2J"),
        ("windows", "窗口号", "A\n01"),
        ("cases", "申请人", "某某\u202e公司"),
        ("cases", "受理时间", "2026-05-06\x0b09:30"),
        ("complaints", "反映内容", "内容\x07响铃"),
    ],
)
def test_a_control_character_in_a_cell_is_an_error_naming_file_row_and_column(
    kind: str, column: str, cell: str
) -> None:
    _record, errors = parsed(kind, **{column: cell})
    assert [(e.row, e.column) for e in errors] == [(7, column)]
    assert "字符" in errors[0].message and "导入.csv" in errors[0].message
    assert len(str(errors[0]).splitlines()) == 1


def test_a_line_break_around_the_text_is_only_trimmed() -> None:
    record, errors = parsed("windows", 窗口号="A01\r\n")
    assert errors == [] and record["window_no"] == "A01"


def test_long_free_text_keeps_its_line_breaks() -> None:
    record, errors = parsed("complaints", 反映内容="第一段\n第二段\r\n\t第三段")
    assert errors == []
    assert record["content"] == "第一段\n第二段\r\n\t第三段"


@pytest.mark.parametrize(
    ("kind", "column", "key"),
    [
        ("cases", "申请人", "applicant_name"),
        ("complaints", "反映内容", "content"),
        ("complaints", "反映类别", "category"),
        ("procedures", "说明", "reason"),
        ("staff", "姓名", "staff_name"),
    ],
)
def test_an_id_number_in_free_text_is_masked_and_counted(kind: str, column: str, key: str) -> None:
    record, errors = parsed(kind, **{column: f"张三（身份证 {HIDDEN[:6]} {HIDDEN[6:14]} {HIDDEN[14:]}）"})
    assert errors == []
    assert record[key] == "张三（身份证 370104********1208）"
    assert record.masked == 1


@pytest.mark.parametrize(
    ("kind", "column"), [("cases", "办件编号"), ("cases", "一件事编号"), ("complaints", "办件编号")]
)
@pytest.mark.parametrize("written", [HIDDEN, "370104-19550830-1208", "３７０１０４１９５５０８３０１２０８"])
def test_an_id_number_is_refused_as_a_case_or_bundle_number(kind: str, column: str, written: str) -> None:
    _record, errors = parsed(kind, **{column: written})
    assert [(e.row, e.column) for e in errors] == [(7, column)]
    assert "身份证号码" in errors[0].message and HIDDEN not in str(errors[0])


def test_a_case_number_that_only_looks_like_an_id_number_is_kept() -> None:
    record, errors = parsed("cases", 办件编号="110105194912310021")  # wrong check digit: not an ID number
    assert errors == [] and record["case_no"] == "110105194912310021"


def test_a_bad_cell_from_the_reader_is_a_row_error() -> None:
    _record, errors = parsed("cases", 跑动次数=BadCell("是公式「=1+1」，但文件里没有保存计算结果"))
    assert [(e.row, e.column, e.message) for e in errors] == [
        (7, "跑动次数", "是公式「=1+1」，但文件里没有保存计算结果")
    ]


def test_a_row_error_is_one_bounded_masked_line_whatever_it_was_given() -> None:
    error = RowError(3, "列\n名", f"「{HIDDEN}」\n第4行：伪造" + "长" * 500)
    text = str(error)
    assert len(text.splitlines()) == 1 and len(text) <= 200
    assert HIDDEN not in text and "370104********1208" in text


def test_rows_with_errors_include_the_further_rows_of_a_repeated_key() -> None:
    errors = [RowError(2, "工号", "重复", also=(5, 9)), RowError(3, "姓名", "不能为空")]
    assert rows_with_errors(errors) == {2, 3, 5, 9}
