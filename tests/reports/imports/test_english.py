"""Reading an import file in English: the file's refusals and each cell's problem in English sentences.

The hall's format stays as it is (its column names, the values it accepts, the
template's sheet and notes); what is said about it is English. Real files are
written and read back; the same calls in Chinese say what they always said.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hallmonitor.domain.texts import use_language
from hallmonitor.reports.imports import (
    KINDS,
    RowError,
    TableError,
    bind,
    control_char,
    parse_row,
    quote,
    read_table,
    refuse_sample_row,
    spec_for,
    write_template,
)
from tests.support.english import HAN
from tests.support.import_files import CASE_HEADER, PERSON_ID, STAFF_HEADER, case_row, write_csv, write_xlsx


def refusal(path: Path, kind: str = "staff") -> str:
    with pytest.raises(TableError) as raised:
        table = read_table(path)
        binding = bind(spec_for(kind), table.headers, table.path)
        for number, raw in table.rows():
            refuse_sample_row(binding, number, raw, table.sheet)
    return str(raised.value)


def row_errors(path: Path, kind: str) -> list[str]:
    table = read_table(path)
    binding = bind(spec_for(kind), table.headers, table.path)
    return [str(e) for number, raw in table.rows() for e in parse_row(binding, number, raw)[1]]


def test_a_quoted_value_and_a_row_error_read_in_each_language() -> None:
    error = RowError(12, "受理时间", "x")
    assert (quote("A\n01"), str(error)) == ("「A\\n01」", "第12行，列「受理时间」：x")
    use_language("en")
    assert (quote("A\n01"), str(error)) == ("“A\\n01”", "Row 12, column “受理时间”: x")
    assert str(RowError(3, "", "y")) == "Row 3: y"
    assert control_char("a\tb") == "character 2 is a tab (\\t)"
    assert control_char("a\u202eb") == "character 2 is an invisible control character (\\u202e)"


def test_every_kind_is_named_in_english_and_by_its_chinese_title(english) -> None:
    names = {kind: spec_for(kind).named() for kind in KINDS}
    assert names["procedures"] == "special procedures" and names["calendar"] == "holiday arrangements"
    assert not any(HAN.search(name) for name in names.values())
    use_language("zh_CN")
    assert {kind: spec_for(kind).named() for kind in KINDS} == {kind: spec_for(kind).title for kind in KINDS}


def test_files_that_cannot_be_read_are_refused_in_english(tmp_path: Path, english) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "garbage.xlsx").write_bytes(b"this is not a zip")
    (tmp_path / "truncated.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (tmp_path / "latin.csv").write_bytes("工号,姓名\n".encode("utf-16-le")[:-1] + b"\xff\xfe\x00\xd8")
    assert refusal(tmp_path / "gone.csv") == f"The file {tmp_path / 'gone.csv'} cannot be found."
    assert refusal(tmp_path / "notes.docx") == (
        f"The type of the file {tmp_path / 'notes.docx'} is not known: "
        "only .xlsx, .xls, .ods or .csv files can be imported."
    )
    assert refusal(tmp_path / "empty.csv") == (
        f"The file {tmp_path / 'empty.csv'} is empty: its first row should hold the column names."
    )
    assert refusal(tmp_path / "garbage.xlsx").startswith(
        f"The file {tmp_path / 'garbage.xlsx'} is damaged or is not an Excel workbook (.xlsx), and cannot be read."
    )
    assert "is damaged or is not an Excel 97-2003 workbook (.xls)" in refusal(tmp_path / "truncated.xls")


def test_columns_missing_or_doubled_are_named_in_english(tmp_path: Path, english) -> None:
    missing = write_csv(tmp_path / "cases.csv", ["办件编号", "窗口号", "备注"], [["C1", "A01", ""]])
    doubled = write_csv(
        tmp_path / "staff.csv", [*STAFF_HEADER, "staff_no"], [["1001", "张三", "市税务局", "公务员", "1"]]
    )
    said = refusal(missing, "cases")
    assert said.startswith(
        f"The file {missing} lacks the columns an import of cases needs: 事项编码, 申请人类型, "
    )
    assert said.endswith("Its first row should hold the column names; it holds: 办件编号, 窗口号, 备注.")
    assert refusal(doubled) == (
        f"In the file {doubled}, the columns “工号” and “staff_no” both stand for 工号: delete one of them."
    )
    wide = write_csv(tmp_path / "wide.csv", [f"列{i}" for i in range(10)], [["x"] * 10])
    assert refusal(wide).endswith("it holds: 列0, 列1, 列2, 列3, 列4, 列5, 列6, 列7 and more.")


def test_a_header_with_a_control_character_or_an_error_value_is_refused_in_english(
    tmp_path: Path, english
) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", ["工号", "姓名\x85", "部门"], [["1001", "张三", "市税务局"]])
    assert refusal(path) == (
        f"In the file {path}, in the column name “姓名\\x85” in row 1, column 2 (B), "
        "character 3 is an invisible control character (\\x85): delete it and import again."
    )


def test_a_templates_sample_row_left_in_is_refused_in_english(tmp_path: Path, english) -> None:
    template = write_template("staff", tmp_path / "staff.xlsx")
    book = load_workbook(template)
    # The template itself is the hall's Chinese format, whatever language wrote it.
    assert book.sheetnames == ["人员", "填写说明"]
    assert refusal(template) == (
        f"Row 2 of the sheet “人员” in the file {template} is the template's sample row: "
        "delete it and import again."
    )
    csv_copy = write_csv(
        tmp_path / "staff.csv", STAFF_HEADER, [["1001 — 示例", "张三", "市税务局", "公务员"]]
    )
    assert refusal(csv_copy) == (
        f"Row 2 of the file {csv_copy} is the template's sample row: delete it and import again."
    )
    with pytest.raises(ValueError, match=r"^A template's file name must end in \.xlsx: "):
        write_template("staff", tmp_path / "staff.xls")
    with pytest.raises(ValueError) as raised:
        spec_for("rosters")
    assert str(raised.value).startswith(
        "The import kind “rosters” is not known; the kinds are: windows, staff, "
    )


def test_each_cells_problem_reads_in_english(tmp_path: Path, english) -> None:
    rows = [
        case_row("C1", 受理时间="5月6日上午", 跑动次数=-1),
        case_row("C2", 受理时间="2026-02-30 09:30", 跑动次数=1.5),
        case_row("C3", 申请人类型="外国人", 办结时间=time(9, 30), 跑动次数=120),
        case_row("C4", 办件编号=PERSON_ID, 申请人="某" * 201),
        case_row("C5", 证件号码=11010519491231002, 审批地点="", 办结时间=""),
        case_row("C6", 申请人="甲\n乙", 审批时间="2026-05-06 09:00", 办件状态="已受理"),
    ]
    path = write_xlsx(tmp_path / "cases.xlsx", CASE_HEADER, rows)
    sheet = load_workbook(path)
    sheet.active["O7"] = "=A1+1"  # type: ignore[index]
    sheet.save(path)
    errors = row_errors(path, "cases")
    assert errors == [
        "Row 2, column “受理时间”: “5月6日上午” cannot be read as a date; write it as 2026-05-06 or 2026/5/6",
        "Row 2, column “跑动次数”: cannot be negative (“-1” given)",
        "Row 3, column “受理时间”: there is no such date as “2026-02-30”",
        "Row 3, column “跑动次数”: “1.5” should be a whole number",
        "Row 4, column “申请人类型”: “外国人” is not one of the choices: 个人, 企业",
        "Row 4, column “办结时间”: holds a time of day without a date; write it as 2026-05-06 09:30",
        "Row 4, column “跑动次数”: cannot be more than 99 (“120” given)",
        "Row 5, column “办件编号”: this is an ID card number and cannot serve as a number here; "
        "fill in the number the case system gave",
        "Row 5, column “申请人”: too long: at most 200 characters, 201 given",
        "Row 6, column “证件号码”: Excel has stored the ID number as a number and lost its last digits; "
        "format the column as “Text” and fill it in again",
        "Row 6, column “审批地点”: an approver or an approval time is filled in: fill in the approval place as well",
        "Row 6, column “办结时间”: the case's status is 办结, but no completion time is filled in",
        "Row 7, column “申请人”: character 2 is a line break (\\n): delete it in the file cases.xlsx and import again",
        "Row 7, column “一件事编号”: the cell holds the formula “=A1+1” but the file has not saved its result; "
        "open and save the file in Excel or WPS, then import it",
        "Row 7, column “审批时间”: the approval time 2026-05-06 09:00 is before the time received 2026-05-06 09:30",
        "Row 7, column “办件状态”: a completion time is filled in, but the case's status is 已受理",
    ]


def test_each_cells_problem_is_unchanged_in_chinese(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "cases.xlsx", CASE_HEADER, [case_row("C1", 受理时间="2026-02-30 09:30", 跑动次数=120)]
    )
    assert row_errors(path, "cases") == [
        "第2行，列「受理时间」：日期「2026-02-30」不存在",
        "第2行，列「跑动次数」：不能大于 99（实际为「120」）",
    ]


def test_a_date_out_of_range_and_a_yes_no_cell_read_in_english(tmp_path: Path, english) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["日期", "时段", "窗口号", "工号", "到岗"])
    sheet.append([datetime(1999, 12, 31), "上午", "A01", "1001", "也许"])
    sheet.append([True, "晚上", "A01", "1001", "是"])
    book.save(tmp_path / "roster.xlsx")
    assert row_errors(tmp_path / "roster.xlsx", "roster") == [
        "Row 2, column “日期”: the date 1999-12-31 is outside the range that can be taken (2000-01-01 to 2099-12-31)",
        "Row 2, column “到岗”: “也许” should be 是 or 否 (or Y/N, 1/0)",
        "Row 3, column “日期”: should be a date, not a yes/no value",
        "Row 3, column “时段”: “晚上” is not one of the choices: 上午, 下午",
    ]
