"""Reading real .xlsx and CSV files as header and rows."""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from hallmonitor.reports.imports.tabular import TableError, read_table

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
        ("garbage.xlsx", b"this is not a zip", "无法作为 Excel 文件读取"),
        ("legacy.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为 .xlsx"),
        ("report.pdf", b"%PDF-1.4", "只能导入 .xlsx 或 .csv"),
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
