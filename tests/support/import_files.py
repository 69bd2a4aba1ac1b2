"""Writing real import files and snapshotting the database, for the import tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select

from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import ImportResult, import_file
from hallmonitor.storage.models import Base

Rows = Sequence[Sequence[Any]]

WINDOW_HEADER = ["窗口号", "窗口名称", "部门", "窗口类型"]
STAFF_HEADER = ["工号", "姓名", "部门", "人员类别"]
ITEM_HEADER = [
    "事项编码",
    "事项名称",
    "部门",
    "事项类别",
    "办件类型",
    "承诺时限(工作日)",
    "法定时限(工作日)",
    "是否进驻",
    "是否授权窗口审批",
]
ROSTER_HEADER = ["日期", "时段", "窗口号", "工号", "到岗"]
CASE_HEADER = [
    "办件编号",
    "窗口号",
    "事项编码",
    "申请人类型",
    "申请人",
    "证件号码",
    "受理时间",
    "受理人工号",
    "办件状态",
    "审批人工号",
    "审批时间",
    "审批地点",
    "办结时间",
    "跑动次数",
    "一件事编号",
]
COMPLAINT_HEADER = ["反映编号", "窗口号", "办件编号", "反映时间", "反映类别", "反映内容", "办结时间"]
CALENDAR_HEADER = ["日期", "类型", "说明"]
PROCEDURE_HEADER = ["办件编号", "开始日期", "结束日期", "说明"]

#: Valid numbers (check characters per GB 11643 / GB 32100).
PERSON_ID = "11010519491231002X"
PERSON_ID_2 = "440524198001010013"
CREDIT_CODE = "91350100M000100Y43"

WINDOWS = [
    ["A01", "综合受理1号", "市市场监督管理局", "综合窗口"],
    ["A02", "税务窗口", "市税务局", "专业窗口"],
    ["B01", "不动产窗口", "市自然资源和规划局", "专业窗口"],
]
STAFF = [
    ["1001", "张三", "市市场监督管理局", "公务员"],
    ["1002", "李四", "市税务局", "劳务派遣"],
    ["1003", "王五", "市自然资源和规划局", "事业编制"],
]
ITEMS = [
    ["SC-001", "企业设立登记", "市市场监督管理局", "营业执照", "承诺件", 3, 15, "是", "是"],
    ["SW-001", "新办纳税人套餐", "市税务局", "涉税办理", "即办件", 0, "", "是", "否"],
    ["BDC-01", "不动产转移登记", "市自然资源和规划局", "不动产登记", "承诺件", 5, 30, "是", "是"],
]


def case_row(case_no: str = "C001", **changes: Any) -> list[Any]:
    """A valid completed enterprise case; keyword arguments replace cells by column name."""
    row = {
        "办件编号": case_no,
        "窗口号": "A01",
        "事项编码": "SC-001",
        "申请人类型": "企业",
        "申请人": "某某科技有限公司",
        "证件号码": CREDIT_CODE,
        "受理时间": "2026-05-06 09:30",
        "受理人工号": "1001",
        "办件状态": "办结",
        "审批人工号": "1001",
        "审批时间": "2026-05-06 10:00",
        "审批地点": "窗口",
        "办结时间": "2026-05-06 10:15",
        "跑动次数": 1,
        "一件事编号": "",
    }
    for key, value in changes.items():
        assert key in row, key
        row[key] = value
    return [row[h] for h in CASE_HEADER]


def write_csv(path: Path, header: Sequence[str], rows: Rows, *, encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Rows) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_xls(path: Path, header: Sequence[str], rows: Rows) -> Path:
    """An Excel 97-2003 workbook, as older tools still export; dates in a date format, as Excel keeps them."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    moment = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write(r, c, value, moment)
            elif isinstance(value, date):
                sheet.write(r, c, value, day)
            else:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, header: Sequence[str], rows: Rows) -> Path:
    """An OpenDocument sheet, as WPS and LibreOffice save them, each cell typed."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for values in [header, *rows]:
        row = TableRow()
        for value in values:
            if value is None or value == "":
                cell = TableCell()
            elif isinstance(value, bool):
                cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, datetime | date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_table(path: Path, header: Sequence[str], rows: Rows) -> Path:
    """The file its suffix names: .xlsx, .xls, .ods or .csv."""
    writers = {".xlsx": write_xlsx, ".xls": write_xls, ".ods": write_ods, ".csv": write_csv}
    return writers[path.suffix](path, header, rows)


def load(
    ctx: HallContext,
    tmp_path: Path,
    kind: str,
    header: Sequence[str],
    rows: Rows,
    *,
    now: datetime | None = None,
) -> ImportResult:
    path = write_csv(tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.csv", header, rows)
    result = import_file(ctx, kind, path, now=now)
    assert not result.errors, [str(e) for e in result.errors]
    return result


def seed_reference(ctx: HallContext, tmp_path: Path, *, now: datetime | None = None) -> None:
    """Windows, staff and items the roster, case and complaint files refer to, imported at ``now``."""
    load(ctx, tmp_path, "windows", WINDOW_HEADER, WINDOWS, now=now)
    load(ctx, tmp_path, "staff", STAFF_HEADER, STAFF, now=now)
    load(ctx, tmp_path, "items", ITEM_HEADER, ITEMS, now=now)


def snapshot(ctx: HallContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused import wrote nothing at all."""
    result = {}
    with ctx.db.session() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            result[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return result


def text_values(ctx: HallContext) -> list[str]:
    """Every text value stored anywhere in the database."""
    from sqlalchemy import String, Text

    values: list[str] = []
    with ctx.db.session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                c for c in table.columns if isinstance(c.type, String | Text) or hasattr(c.type, "impl")
            ]
            if columns:
                for row in session.execute(select(*columns)):
                    values.extend(str(v) for v in row if v is not None)
    return values
