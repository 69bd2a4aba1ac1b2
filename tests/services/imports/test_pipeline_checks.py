"""Every kind of bad input is reported by row and column and leaves the database exactly as it was."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports.pipeline import import_file
from hallmonitor.storage.models import Window
from tests.support.import_files import (
    CALENDAR_HEADER,
    CASE_HEADER,
    COMPLAINT_HEADER,
    ITEM_HEADER,
    ROSTER_HEADER,
    STAFF_HEADER,
    WINDOW_HEADER,
    case_row,
    load,
    seed_reference,
    snapshot,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.pg

GOOD_ROSTER = ["2026-05-06", "上午", "A01", "1001", "是"]
GOOD_ITEM = ["SC-009", "名称", "市市场监督管理局", "营业执照", "承诺件", 3, 15, "是", "是"]
GOOD_COMPLAINT = ["FY-1", "A01", "C001", "2026-05-06 11:00", "材料", "内容", ""]

#: (kind, header, rows, the (row, column) that must be reported, a word the message must contain).
#: Row 2 is the first data row; every file has a good row before the bad one.
BAD_FILES: dict[str, tuple[str, Sequence[str], list[list[Any]], set[tuple[int, str]], str]] = {
    "unknown window": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 窗口号="Z99")],
        {(3, "窗口号")},
        "Z99",
    ),
    "unknown staff (roster)": (
        "roster",
        ROSTER_HEADER,
        [GOOD_ROSTER, ["2026-05-06", "下午", "A01", "9999", ""]],
        {(3, "工号")},
        "9999",
    ),
    "unknown approver": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 审批人工号="8888")],
        {(3, "审批人工号")},
        "8888",
    ),
    "unknown item": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 事项编码="NOPE")],
        {(3, "事项编码")},
        "NOPE",
    ),
    "ID number with wrong check digit": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 申请人类型="个人", 申请人="赵六", 证件号码="110105194912310021")],
        {(3, "证件号码")},
        "校验位",
    ),
    "credit code with wrong check character": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 证件号码="91350100M000100Y44")],
        {(3, "证件号码")},
        "校验位",
    ),
    "ID number given for an enterprise": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 证件号码="11010519491231002X")],
        {(3, "证件号码")},
        "统一社会信用代码",
    ),
    "duplicate key in the file": (
        "staff",
        STAFF_HEADER,
        [
            ["2001", "甲", "市税务局", "公务员"],
            ["2002", "乙", "市税务局", "公务员"],
            ["2001", "丙", "市税务局", "编外聘用"],
        ],
        {(2, "工号")},
        "重复出现在第2、4行",
    ),
    "duplicate roster row": (
        "roster",
        ROSTER_HEADER,
        [GOOD_ROSTER, GOOD_ROSTER],
        {(2, "日期")},
        "重复出现在第2、3行",
    ),
    "one person at two windows at once": (
        "roster",
        ROSTER_HEADER,
        [GOOD_ROSTER, ["2026/5/6", "上午", "A02", "1001", "是"]],
        {(2, "工号"), (3, "工号")},
        "同一时段",
    ),
    "completion before acceptance": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 审批时间="", 办结时间="2026-05-05 17:00")],
        {(3, "办结时间")},
        "早于受理时间",
    ),
    "approval before acceptance": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 审批时间="2026-05-06 08:00")],
        {(3, "审批时间")},
        "早于受理时间",
    ),
    "completion before approval": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 办结时间="2026-05-06 09:45")],
        {(3, "办结时间")},
        "早于审批时间",
    ),
    "completed without a completion time": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 办结时间="")],
        {(3, "办结时间")},
        "没有填写办结时间",
    ),
    "completion time on an open case": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 办件状态="补正")],
        {(3, "办件状态")},
        "补正",
    ),
    "negative trip count": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 跑动次数=-1)],
        {(3, "跑动次数")},
        "负数",
    ),
    "fractional trip count": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 跑动次数="1.5")],
        {(3, "跑动次数")},
        "整数",
    ),
    "unreadable date": (
        "cases",
        CASE_HEADER,
        [case_row("C1"), case_row("C2", 受理时间="下周一上午")],
        {(3, "受理时间")},
        "无法识别",
    ),
    "impossible date": (
        "roster",
        ROSTER_HEADER,
        [GOOD_ROSTER, ["2026-02-30", "上午", "A02", "1002", ""]],
        {(3, "日期")},
        "不存在",
    ),
    "unknown enum value": (
        "windows",
        WINDOW_HEADER,
        [["W1", "甲", "市税务局", "综合窗口"], ["W2", "乙", "市税务局", "VIP窗口"]],
        {(3, "窗口类型")},
        "可选",
    ),
    "bad yes/no": (
        "items",
        ITEM_HEADER,
        [GOOD_ITEM, ["SC-010", *GOOD_ITEM[1:-2], "也许", "是"]],
        {(3, "是否进驻")},
        "是 或 否",
    ),
    "promised case without a limit": (
        "items",
        ITEM_HEADER,
        [[*GOOD_ITEM[:5], 0, 15, "是", "是"]],
        {(2, "承诺时限(工作日)")},
        "大于0",
    ),
    "blank required cell": (
        "staff",
        STAFF_HEADER,
        [["2001", "", "市税务局", "公务员"]],
        {(2, "姓名")},
        "不能为空",
    ),
    "text too long": (
        "windows",
        WINDOW_HEADER,
        [["W" * 21, "甲", "市税务局", "综合窗口"]],
        {(2, "窗口号")},
        "过长",
    ),
    "roster for a window out of service": (
        "roster",
        ROSTER_HEADER,
        [GOOD_ROSTER, ["2026-05-06", "上午", "B01", "1003", ""]],
        {(3, "窗口号")},
        "停用",
    ),
    "complaint about an unknown case": (
        "complaints",
        COMPLAINT_HEADER,
        [GOOD_COMPLAINT, ["FY-2", "A01", "C404", "2026-05-06 11:00", "", "", ""]],
        {(3, "办件编号")},
        "C404",
    ),
    "complaint closed before it came in": (
        "complaints",
        COMPLAINT_HEADER,
        [GOOD_COMPLAINT, ["FY-2", "A01", "", "2026-05-06 11:00", "", "", "2026-05-06 10:00"]],
        {(3, "办结时间")},
        "早于反映时间",
    ),
    "bad calendar day type": (
        "calendar",
        CALENDAR_HEADER,
        [["2027-01-01", "休息日", ""], ["2027-01-02", "周末", ""]],
        {(3, "类型")},
        "可选",
    ),
}


@pytest.fixture
def reference_hall(hall: HallContext, tmp_path: Path) -> HallContext:
    seed_reference(hall, tmp_path)
    load(hall, tmp_path, "cases", CASE_HEADER, [case_row("C001")])
    with hall.db.session() as session:
        session.execute(update(Window).where(Window.number == "B01").values(state=WindowState.OUT_OF_SERVICE))
    return hall


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_whole(reference_hall: HallContext, tmp_path: Path, case: str, fmt: str) -> None:
    kind, header, rows, expected, word = BAD_FILES[case]
    path = tmp_path / f"bad.{fmt}"
    (write_csv if fmt == "csv" else write_xlsx)(path, header, rows)
    before = snapshot(reference_hall)

    result = import_file(reference_hall, kind, path)

    assert result.stopped
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 0)
    assert {(e.row, e.column) for e in result.errors} == expected
    assert all(word in e.message for e in result.errors), [str(e) for e in result.errors]
    assert all(str(e).startswith(f"第{e.row}行，列「{e.column}」：") for e in result.errors)
    assert "未写入任何数据" in result.summary()
    assert snapshot(reference_hall) == before


def test_every_bad_row_is_listed_not_just_the_first(reference_hall: HallContext, tmp_path: Path) -> None:
    rows = [case_row("C1", 窗口号="Z1"), case_row("C2"), case_row("C3", 跑动次数=-3, 受理时间="昨天")]
    result = import_file(reference_hall, "cases", write_csv(tmp_path / "c.csv", CASE_HEADER, rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "窗口号"), (4, "受理时间"), (4, "跑动次数")]


def test_errors_name_the_column_as_the_file_spells_it(reference_hall: HallContext, tmp_path: Path) -> None:
    header = ["staff_no", "name", "dept", "category"]
    result = import_file(
        reference_hall, "staff", write_csv(tmp_path / "s.csv", header, [["3001", "甲", "市税务局", "临时工"]])
    )
    assert [str(e) for e in result.errors] == [
        "第2行，列「category」：「临时工」不是可选值；可选："
        + "、".join(
            ["公务员", "参照公务员法管理", "事业编制", "劳务派遣", "编外聘用", "临时聘用", "第三方服务"]
        )
    ]


def test_id_number_that_excel_turned_into_a_number_is_explained(
    reference_hall: HallContext, tmp_path: Path
) -> None:
    rows = [case_row("C9", 申请人类型="个人", 证件号码=110105194912310000)]
    result = import_file(reference_hall, "cases", write_xlsx(tmp_path / "c.xlsx", CASE_HEADER, rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "证件号码")]
    assert "设为“文本”" in result.errors[0].message
