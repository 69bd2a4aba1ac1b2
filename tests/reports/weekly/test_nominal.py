"""The 疑似挂名 sheet as written and read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from hallmonitor.reports.weekly import NominalRow, S, WeekReport, parse_iso_week, write_week
from hallmonitor.reports.weekly.columns import REQUIRED_COLUMNS
from hallmonitor.reports.weekly.style import RED, YELLOW

ROWS = [
    NominalRow(
        "A01",
        "市市场监督管理局",
        date(2026, 5, 11),
        "上午",
        "张三（公务员）",
        6,
        0,
        "已确认",
        "受理办件 6 件…",
        "监控",
    ),
    NominalRow(
        "A01",
        "市市场监督管理局",
        date(2026, 5, 15),
        "下午",
        "张三（公务员）",
        7,
        2,
        "待核查",
        "受理办件 7 件…",
        "",
    ),
    NominalRow(
        "C03", "市人社局", date(2026, 5, 13), "上午", "钱七（事业编制）", 5, 0, "未达预警条件", "…", ""
    ),
]


def test_the_sheet_lists_each_suspected_session_under_its_fixed_columns(tmp_path: Path) -> None:
    week = parse_iso_week("2026-W20")
    report = WeekReport("H001", "测试市政务服务大厅", week, week.end, nominal=ROWS)
    ws = load_workbook(write_week(report, tmp_path))[S.NOMINAL]
    header = [c.value for c in ws[1]]
    assert (
        header[:8]
        == list(REQUIRED_COLUMNS[S.NOMINAL])
        == [
            "窗口号",
            "部门",
            "日期",
            "时段",
            "在岗正式人员",
            "受理件数",
            "正式人员受理件数",
            "处理状态",
        ]
    )
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0][:8] == (
        "A01",
        "市市场监督管理局",
        datetime(2026, 5, 11),
        "上午",
        "张三（公务员）",
        6,
        0,
        "已确认",
    )
    assert rows[0][9] == "监控"
    # Confirmed red, still to check yellow, the rest plain.
    fills = [ws.cell(row=r, column=8).fill.fgColor.rgb for r in (2, 3, 4)]
    assert fills[:2] == [RED.fgColor.rgb, YELLOW.fgColor.rgb]
    assert fills[2] not in (RED.fgColor.rgb, YELLOW.fgColor.rgb)
