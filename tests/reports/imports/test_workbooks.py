"""Reading real .xlsx, .xls and .ods files: the same table reads the same from each, bad cells said so."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook

from hallmonitor.reports.imports.tabular import BadCell, TableError, read_table
from tests.support.import_files import write_table

HEADER = ["办件编号", "受理时间", "受理日期", "跑动次数", "是否在职", "申请人"]
ROWS = [
    ["C1", datetime(2026, 5, 6, 9, 30), date(2026, 5, 6), 2, True, "某某科技有限公司"],
    [None, None, None, None, None, None],
    ["C3", "2026/5/6 14:00", "2026-05-07", 0, False, "张三"],
    ["C4", datetime(2026, 5, 8, 16, 45, 10), date(2026, 5, 8), 1, None, None],
]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_each_format_reads_the_same_rows_with_their_row_numbers(tmp_path: Path, suffix: str) -> None:
    table = read_table(write_table(tmp_path / f"办件{suffix}", HEADER, ROWS))
    rows = list(table.rows())
    assert table.headers == HEADER
    assert [number for number, _ in rows] == [2, 4, 5]  # the blank row 3 is skipped, not renumbered
    first, third, fourth = (row for _, row in rows)
    # A date cell reads as a date or a moment, whichever the format keeps; the parsers take both.
    assert first["受理时间"] == datetime(2026, 5, 6, 9, 30)
    assert first["受理日期"] in (date(2026, 5, 6), datetime(2026, 5, 6))
    assert (first["跑动次数"], type(first["跑动次数"])) == (2, int)  # never 2.0
    assert (first["是否在职"], third["是否在职"]) == (True, False)
    assert third["受理时间"] == "2026/5/6 14:00" and third["跑动次数"] == 0
    assert fourth["受理时间"] == datetime(2026, 5, 8, 16, 45, 10)
    assert fourth["是否在职"] is None and fourth["申请人"] is None
    assert table.estimated_rows == 4


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_a_control_character_in_a_header_names_file_row_and_column(tmp_path: Path, suffix: str) -> None:
    path = write_table(
        tmp_path / f"staff{suffix}", ["工号", "姓名\x85", "部门"], [["1001", "张三", "市税务局"]]
    )
    with pytest.raises(TableError) as info:
        read_table(path)
    assert str(info.value).startswith(f"文件 {path} 第1行第2列（B列）的列名")
    assert "控制字符" in str(info.value)


def test_a_sheet_starting_in_column_c_keeps_its_columns(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C1"], sheet["D1"], sheet["C2"], sheet["D2"] = "工号", "姓名\x85", "1001", "张三"
    workbook.save(tmp_path / "staff.xlsx")
    with pytest.raises(TableError, match=r"第1行第4列（D列）的列名"):
        read_table(tmp_path / "staff.xlsx")


def test_an_xls_error_value_is_a_bad_cell_at_its_place(tmp_path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("办件")
    for column, title in enumerate(["办件编号", "跑动次数", "申请人"]):
        sheet.write(0, column, title)
    sheet.write(1, 0, "C1")
    sheet.write(1, 1, 1)
    sheet.write(1, 2, "张三")
    sheet.write(2, 0, "C2")
    sheet.row(2).set_cell_error(1, "#DIV/0!")
    sheet.row(2).set_cell_error(2, "#REF!")
    book.save(str(tmp_path / "cases.xls"))
    rows = list(read_table(tmp_path / "cases.xls").rows())
    assert rows[0] == (2, {"办件编号": "C1", "跑动次数": 1, "申请人": "张三"})
    number, row = rows[1]
    trips, name = row["跑动次数"], row["申请人"]
    assert number == 3 and isinstance(trips, BadCell) and isinstance(name, BadCell)
    assert "#DIV/0!" in trips.message and "#REF!" in name.message


def _ods_with(path: Path, change: tuple[bytes, bytes]) -> Path:
    with zipfile.ZipFile(path) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w") as target:
        for info, data in parts.items():
            if info.filename == "content.xml":
                assert change[0] in data
                data = data.replace(change[0], change[1])
                if b"xmlns:calcext" not in data:  # LibreOffice's namespace for a cell's error
                    data = data.replace(
                        b"<office:document-content ",
                        b'<office:document-content xmlns:calcext="urn:org:documentfoundation:names:'
                        b'experimental:calc:xmlns:calcext:1.0" ',
                        1,
                    )
            target.writestr(info, data)
    return path


def test_an_ods_formula_without_its_result_and_an_error_value_are_bad_cells(tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "cases.ods", ["办件编号", "跑动次数", "申请人"], [["C1", 7, "QQQ"], ["C2", 1, "李四"]]
    )
    _ods_with(path, (b'office:value-type="float" office:value="7"', b'table:formula="of:=1+[.B3]"'))
    _ods_with(
        path,
        (
            b'<table:table-cell office:value-type="string"><text:p>QQQ</text:p>',
            b'<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
            b'calcext:value-type="error"><text:p>#DIV/0!</text:p>',
        ),
    )
    rows = list(read_table(path).rows())
    trips, name = rows[0][1]["跑动次数"], rows[0][1]["申请人"]
    assert isinstance(trips, BadCell) and "=1+[.B3]" in trips.message and "保存" in trips.message
    assert isinstance(name, BadCell) and "#DIV/0!" in name.message
    assert rows[1] == (3, {"办件编号": "C2", "跑动次数": 1, "申请人": "李四"})


def test_an_xlsx_whose_first_sheet_is_not_sheet1_is_scanned_where_its_rows_are(tmp_path: Path) -> None:
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.append(["办件编号", "跑动次数"])
    data.append(["C1", "=1+1"])
    workbook.create_sheet("说明").append(["=2+2"])
    path = tmp_path / "cases.xlsx"
    workbook.save(path)
    # As other writers number their parts: the first sheet's rows in sheet2.xml, named relative to
    # the workbook as Excel writes it (openpyxl writes absolute targets).
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    first, second = parts["xl/worksheets/sheet1.xml"], parts["xl/worksheets/sheet2.xml"]
    parts["xl/worksheets/sheet1.xml"], parts["xl/worksheets/sheet2.xml"] = second, first
    rels = parts["xl/_rels/workbook.xml.rels"]
    rels = rels.replace(b"/xl/worksheets/sheet1.xml", b"@").replace(
        b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/sheet1.xml"
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(b"@", b"worksheets/sheet2.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    (_, row), *_ = read_table(path).rows()
    assert isinstance(row["跑动次数"], BadCell) and "=1+1" in row["跑动次数"].message
