"""Reading real .xlsx and CSV files as header and rows."""

from __future__ import annotations

import codecs
import random
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from hallmonitor.reports.imports.tabular import BadCell, TableError, read_table

HEADER = ["工号", "姓名", "部门"]
ROWS = [["1001", "张三", "市市场监督管理局"], ["1002", "李四", "市税务局"]]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_text(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
def test_csv_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(prefix + csv_text([HEADER, *ROWS]).encode(encoding))
    table = read_table(path)
    assert table.headers == HEADER
    assert list(table.rows()) == [(n, dict(zip(HEADER, r, strict=True))) for n, r in enumerate(ROWS, start=2)]


def test_tab_separated_text_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "staff.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "工号\t姓名\n1001\t张三\n".encode("utf-16-le"))
    assert list(read_table(path).rows()) == [(2, {"工号": "1001", "姓名": "张三"})]


def test_xlsx_keeps_cell_types_and_skips_blank_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "cases.xlsx",
        [
            ["办件编号", " 受理时间 ", None, "跑动次数"],
            ["C1", datetime(2026, 5, 6, 9, 30), "x", 2],
            [None, None],
            ["C2", "2026/5/6", None, None],
        ],
    )
    table = read_table(path)
    assert table.headers == ["办件编号", "受理时间", "", "跑动次数"]
    assert list(table.rows()) == [
        (2, {"办件编号": "C1", "受理时间": datetime(2026, 5, 6, 9, 30), "跑动次数": 2}),
        (4, {"办件编号": "C2", "受理时间": "2026/5/6", "跑动次数": None}),
    ]


def test_rows_can_be_walked_twice(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "s.xlsx", [HEADER, *ROWS]))
    assert list(table.rows()) == list(table.rows())
    assert table.estimated_rows == 2


def test_reads_the_first_sheet_only(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(HEADER)
    first.append(ROWS[0])
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "说明"])
    workbook.active = 1
    workbook.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx").headers == HEADER


def test_short_csv_rows_read_as_blank_cells(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("工号,姓名,部门\n1001,张三\n", encoding="utf-8")
    assert list(read_table(path).rows()) == [(2, {"工号": "1001", "姓名": "张三", "部门": None})]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nothing.csv", None, "找不到文件"),
        ("empty.csv", b"", "是空的"),
        ("blank-header.csv", b",,\n1,2,3\n", "是空的"),
        ("garbage.xlsx", b"this is not a zip", "已损坏或不是 Excel 工作簿"),
        ("truncated.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", r"已损坏或不是 Excel 97-2003 工作簿（\.xls）"),
        ("garbage.ods", b"PK\x03\x04 not really a sheet", r"已损坏或不是 OpenDocument 电子表格（\.ods）"),
        ("report.pdf", b"%PDF-1.4", r"只能导入 \.xlsx、\.xls、\.ods 或 \.csv"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TableError, match=message) as info:
        read_table(path)
    assert name in str(info.value)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="是文件夹"):
        read_table(tmp_path)


def test_empty_workbook(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="是空的"):
        read_table(write_xlsx(tmp_path / "e.xlsx", []))


# --- what a file may hold that no cell should -------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_nul_in_a_header_is_refused_naming_file_row_and_column(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"staff.{suffix}"
    if suffix == "csv":
        path.write_text("工号,姓名\x00,部门\r\n1001,张三,市税务局\r\n", encoding="utf-8")
    else:
        # openpyxl refuses to write a NUL; a header cell holding C1 control characters it does write.
        write_xlsx(path, [["工号", "姓名\x85", "部门"], ["1001", "张三", "市税务局"]])
    with pytest.raises(TableError) as info:
        read_table(path)
    message = str(info.value)
    assert message.startswith(f"文件 {path} 第1行第2列（B列）的列名")
    assert "控制字符" in message and "\n" not in message


def test_a_header_wrapped_in_excel_is_still_a_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [["工号", "姓\n名"], ["1001", "张三"]])
    assert read_table(path).headers == ["工号", "姓\n名"]


def test_a_formula_without_its_result_is_a_bad_cell_not_a_blank(tmp_path: Path) -> None:
    # openpyxl writes formulas without calculating them, as report tools do.
    path = write_xlsx(tmp_path / "cases.xlsx", [["办件编号", "跑动次数"], ["C1", "=1+1"], ["C2", 2]])
    rows = list(read_table(path).rows())
    cell = rows[0][1]["跑动次数"]
    assert isinstance(cell, BadCell)
    assert "=1+1" in cell.message and "Excel 或 WPS" in cell.message and "保存" in cell.message
    assert rows[1] == (3, {"办件编号": "C2", "跑动次数": 2})


def test_a_formula_with_its_saved_result_reads_as_the_result(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cases.xlsx", [["办件编号", "跑动次数"], ["C1", "=1+1"]])
    _set_sheet_xml(path, lambda xml: xml.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>"))
    assert list(read_table(path).rows()) == [(2, {"办件编号": "C1", "跑动次数": 2})]


def test_an_excel_error_value_is_a_bad_cell_not_text(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [["工号", "姓名"], ["1001", "QQQ"]])
    _set_sheet_xml(
        path,
        lambda xml: xml.replace(
            b'<c r="B2" t="inlineStr"><is><t>QQQ</t></is></c>', b'<c r="B2" t="e"><v>#REF!</v></c>'
        ),
    )
    cell = next(iter(read_table(path).rows()))[1]["姓名"]
    assert isinstance(cell, BadCell) and "#REF!" in cell.message


def test_a_formula_header_without_its_result_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [["工号", '="姓"&"名"'], ["1001", "张三"]])
    with pytest.raises(TableError, match=r"第1行第2列（B列）的列名是公式"):
        read_table(path)


def _set_sheet_xml(path: Path, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize("seed", range(12))
def test_a_bit_flipped_workbook_is_one_sentence(tmp_path: Path, seed: int) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, *ROWS * 200]).read_bytes()
    damaged = bytearray(good)
    position = random.Random(seed).randrange(len(good) // 4, len(good))
    damaged[position] ^= 1 << (seed % 8)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(damaged))
    try:
        table = read_table(path)
        rows = list(table.rows())
    except TableError as exc:
        assert str(exc).startswith(f"文件 {path} 已损坏或不是 Excel 工作簿")
        assert "\n" not in str(exc) and "Error" not in str(exc)
    else:
        # A flip in a part the rows do not depend on (styles, a timestamp) leaves the data readable.
        assert table.headers == HEADER and len(rows) == 400


def test_a_text_file_named_xlsx_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_text("工号,姓名\n1001,张三\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"已损坏或不是 Excel 工作簿"):
        read_table(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_text([HEADER, *ROWS]).encode(encoding))
    assert read_table(path).headers == HEADER
