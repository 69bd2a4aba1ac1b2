"""The weekly report of a hand-made week, read back from the written .xlsx a row at a time.

tests/week_seed.py describes the week; every expected value below is worked
out by hand from it (working days: 11–15 May; 9 May is a make-up Saturday;
complaints are due in 2 working days). The calendar arithmetic is spelled out
where it is not obvious.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from hallmonitor.domain.identifiers import mask_id_card
from hallmonitor.reports.weekly import COLUMNS, S, write_week
from hallmonitor.services.hall import HallContext
from hallmonitor.services.weekly import report as weekly_report
from tests.support.week_seed import ID_A, ID_B, ID_C, INJECTED_HYPERLINK, WEEK, Week, at, build_week

AFTER_THE_WEEK = datetime(2026, 6, 1, 9, 0)
SUNDAY_NIGHT = datetime(2026, 5, 17, 23, 59, 59)


def d(n: int, month: int = 5) -> datetime:
    """A date cell as openpyxl reads it back."""
    return datetime(2026, month, n)


def export(ctx: HallContext, folder: Path, now: datetime = AFTER_THE_WEEK) -> Path:
    return write_week(weekly_report.build_week(ctx, WEEK, now=now), folder)


def _norm(value: Any) -> Any:
    return round(value, 9) if isinstance(value, float) else value


def rows(path: Path, sheet: str, width: int | None = None) -> list[tuple[Any, ...]]:
    """The data rows of a sheet (header checked against weekly_columns), floats rounded."""
    book = load_workbook(path)
    ws = book[sheet]
    all_rows = list(ws.iter_rows(values_only=True))
    header = [c.name for c in COLUMNS[sheet]]
    assert list(all_rows[0][: len(header)]) == header
    width = width or len(header)
    return [tuple(_norm(v) for v in row[:width]) for row in all_rows[1:]]


def overview(path: Path) -> dict[str, Any]:
    return {name: _norm(value) for name, value, *_ in rows(path, S.OVERVIEW, 2) if name is not None}


@pytest.fixture
def week(hall: HallContext) -> Week:
    return build_week(hall)


@pytest.fixture
def report(week: Week, tmp_path: Path) -> Path:
    return export(week.ctx, tmp_path)


def test_file_name_and_overview_figures(report: Path) -> None:
    assert report.name == "H001_2026-W20_窗口监管周报.xlsx"
    assert overview(report) == {
        "大厅编码": "H001",
        "大厅名称": "测试市政务服务大厅",
        "周次": "2026-W20",
        "统计开始日期": d(11),
        "统计结束日期": d(17),
        "判定时点": SUNDAY_NIGHT,
        "办件总数": 8,  # C01–C08
        "现场办结数": 4,  # C01, C03, C05, C07 (C02 approved back office; C04, C06, C08 open at week end)
        "审批或办结件数": 7,  # approved in the week: C01, C02, C03, C05, C07, C08, C10
        "前店后厂件数": 2,  # C02 confirmed, C08 pending on Sunday (C10 dismissed in the week)
        "前店后厂率": round(2 / 7, 9),
        "经办件数": 10,  # C01–C08, C09 still open, C10 completed in the week
        "超时件数": 3,  # C09, C10, C04
        "超时率": 0.3,
        "多次跑动件数": 1,  # C05
        "最多跑一次比例": 0.875,
        "办不成事反映件数": 3,
        "办不成事超期件数": 1,  # FY-02
        "窗口时段数": 20,  # 2 windows × 5 working days × 2 sessions
        "合规时段数": 17,
        "仅辅助人员时段数": 2,  # window 1 Tue AM and Thu PM
        "无人值守时段数": 1,  # window 2 Wed PM, officer absent
        "合规率": 0.85,
        "疑似挂名时段数": 0,
        "责令纠正次数": 2,  # window 1 (raised straight at 建议临时关闭) and window 2
        "建议临时关闭次数": 1,  # window 1: still auxiliary-only on Thu after its deadline Wed 13
        "临时关闭次数": 0,
        "预警条数": 9,  # see the alert sheet
        # The chain as of the 判定时点: every entry of this test was written later, on today's clock.
        "审计序号": 0,
        "审计哈希": "0" * 64,
    }


def test_daily_table_beside_the_figures(report: Path) -> None:
    daily = [row[4:11] for row in rows(report, S.OVERVIEW, 11)[:7]]
    assert daily == [
        (d(11), "周一", "是", 3, 4, 4, 1),
        (d(12), "周二", "是", 1, 4, 3, 0.75),
        (d(13), "周三", "是", 1, 4, 3, 0.75),
        (d(14), "周四", "是", 1, 4, 3, 0.75),
        (d(15), "周五", "是", 2, 4, 4, 1),
        (d(16), "周六", "否", 0, 0, 0, None),
        (d(17), "周日", "否", 0, 0, 0, None),
    ]


def test_staffing_sheet_one_row_per_window_day_and_session(report: Path) -> None:
    officer1, officer2, helper = "王科长", "赵主任", "李协理（辅助）"
    ok, aux, nobody = "合规", "仅辅助人员", "无人值守"
    m, t = "市场监管局", "税务局"
    expected = [
        ("1", m, d(11), "上午", 1, 1, f"{officer1}、{helper}", ok),
        ("2", t, d(11), "上午", 1, 0, officer2, ok),
        ("1", m, d(11), "下午", 1, 1, f"{officer1}、{helper}", ok),
        ("2", t, d(11), "下午", 1, 0, officer2, ok),
        ("1", m, d(12), "上午", 0, 1, helper, aux),
        ("2", t, d(12), "上午", 1, 0, officer2, ok),
        ("1", m, d(12), "下午", 1, 0, officer1, ok),
        ("2", t, d(12), "下午", 1, 0, officer2, ok),
        ("1", m, d(13), "上午", 1, 0, officer1, ok),
        ("2", t, d(13), "上午", 1, 0, officer2, ok),
        ("1", m, d(13), "下午", 1, 0, officer1, ok),
        ("2", t, d(13), "下午", 0, 0, None, nobody),
        ("1", m, d(14), "上午", 1, 0, officer1, ok),
        ("2", t, d(14), "上午", 1, 0, officer2, ok),
        ("1", m, d(14), "下午", 0, 1, helper, aux),
        ("2", t, d(14), "下午", 1, 0, officer2, ok),
        ("1", m, d(15), "上午", 1, 0, officer1, ok),
        ("2", t, d(15), "上午", 1, 0, officer2, ok),
        ("1", m, d(15), "下午", 1, 0, officer1, ok),
        ("2", t, d(15), "下午", 1, 0, officer2, ok),
    ]
    assert rows(report, S.STAFFING, 8) == expected


def test_case_sheet_as_the_cases_stood_on_sunday_night(report: Path) -> None:
    m, t = "市场监管局", "税务局"
    promised, immediate = "承诺件", "即办件"
    cases = rows(report, S.CASES)
    credit_codes = {row[0]: row[7] for row in cases}
    # 办件编号 窗口 部门 事项编码 事项名称 申请人类型 申请人 证件号码 受理 办结 状态 跑动 时限 已用 超时 审批地点 前店后厂
    # | 办件类型 截止日期 时限状态 审批时间 已用自然日 一件事编号
    expected = [
        ("C01", "1", m, "SJ-001", "事项SJ-001", "企业", "甲公司", credit_codes["C01"], at(11, 9, 10), at(11, 10, 30),
         "办结", 1, 3, 0, "否", "窗口", "否", promised, d(14), "按时办结", at(11, 10), 0, "YJS-1"),
        # Due the 2nd working day after Mon 11 = Wed 13; open on Sunday: 4 working days used (12–15).
        ("C04", "2", t, "SW-002", "事项SW-002", "企业", "乙公司", credit_codes["C04"], at(11, 11), None,
         "已受理", 1, 2, 4, "是", None, "否", promised, d(13), "超时", None, 6, None),
        ("C02", "1", m, "SJ-001", "事项SJ-001", "个人", "=1+1", mask_id_card(ID_A),
         at(11, 14), at(12, 11), "办结", 1, 3, 1, "否", "部门后台", "是", promised, d(14), "按时办结", at(12, 10), 1, None),
        # An immediate case is due the day it is received and done then: on time.
        ("C03", "2", t, "SW-001", "事项SW-001", "企业", INJECTED_HYPERLINK, credit_codes["C03"], at(12, 9, 30),
         at(12, 9, 45), "办结", 1, 0, 0, "否", "窗口", "否", immediate, d(12), "按时办结", at(12, 9, 40), 0, "YJS-1"),
        ("C05", "1", m, "SJ-001", "事项SJ-001", "个人", "张三", mask_id_card(ID_B), at(13, 10), at(13, 11, 30),
         "办结", 2, 3, 0, "否", "窗口", "否", promised, d(18), "按时办结", at(13, 11), 0, None),
        # Completed on Tue 19: unfinished on Sunday, due Mon 18 (the next working day) — 临期.
        ("C06", "2", t, "SW-002", "事项SW-002", "企业", "丙公司", credit_codes["C06"], at(14, 15), None,
         "已受理", 1, 2, 1, "否", None, "否", promised, d(18), "临期", None, 3, None),
        ("C07", "2", t, "SW-002", "事项SW-002", "企业", "丁公司", credit_codes["C07"], at(15, 9), at(15, 16),
         "办结", 1, 2, 0, "否", "窗口", "否", promised, d(19), "按时办结", at(15, 15), 0, None),
        # Flag dismissed only on Mon 18: on Sunday night still a 前店后厂 case.
        ("C08", "1", m, "SJ-002", "事项SJ-002", "企业", "戊公司", credit_codes["C08"], at(15, 10), None,
         "已受理", 1, 5, 0, "否", "窗口", "是", promised, d(22), "正常", at(15, 14), 2, None),
    ]  # fmt: skip
    assert [row[:-1] for row in cases] == expected
    # 作废原因: none of the week's cases is voided.
    assert {row[-1] for row in cases} == {None}
    assert all(len(code) == 18 for no, code in credit_codes.items() if no not in ("C02", "C05"))


def test_front_shop_sheet_with_review_state_as_of_sunday(report: Path) -> None:
    m = "市场监管局"
    assert rows(report, S.FRONT_SHOP) == [
        ("C02", "1", m, "事项SJ-001", "审批地点为部门后台；审批人当日未在大厅窗口到岗", "已确认", at(12, 10),
         "后台审批员", at(12, 11), "后台审批属实"),
        ("C10", "1", m, "事项SJ-001", "审批地点为部门后台", "已排除", at(13, 15), "王科长", at(13, 16),
         "录入错误，实为窗口审批"),
        ("C08", "1", m, "事项SJ-002", "事项未授权窗口审批却已审批", "待核查", at(15, 14), "王科长", None, None),
    ]  # fmt: skip


def test_overdue_sheet(report: Path) -> None:
    assert rows(report, S.OVERDUE) == [
        # Received Thu 7 May, 2 working days: Fri 8, Sat 9 (make-up day) → due 9 May; open; 11–15 late.
        ("C09", "2", "税务局", "事项SW-002", at(7, 10), d(9), None, 5, "已受理"),
        # Received Fri 8, 3 working days: Sat 9, Mon 11, Tue 12; completed Wed 13: 1 working day late.
        ("C10", "1", "市场监管局", "事项SJ-001", at(8, 9), d(12), at(13, 16), 1, "办结"),
        ("C04", "2", "税务局", "事项SW-002", at(11, 11), d(13), None, 2, "已受理"),
    ]


def test_core_indicators(report: Path) -> None:
    assert rows(report, S.INDICATORS) == [
        # Bundle YJS-1: licence accepted Mon 11, tax done Tue 12 → 1 working day.
        ("新开办企业", 3, 1, 1, 1, "工作日", 1, "是"),
        ("不动产登记", 5, None, 0, None, "工作日", 0, None),
        ("企业投资项目", 120, None, 0, None, "工作日", 0, None),
        ("最多跑一次比例", 0.9, 0.875, 8, 0.875, "%", 7, "否"),
        # SJ-002 is not authorised for approval at the window: 3 of 4 items.
        ("进驻且授权审批事项比例", 0.9, 0.75, 4, 0.75, "%", 3, "否"),
    ]


def test_alert_sheet(report: Path) -> None:
    """One alert per window and kind, each dated when its rule became true, read as it stood on Sunday."""
    found = rows(report, S.ALERTS)
    ids = [row[0] for row in found]
    assert len(set(ids)) == len(ids) and all(isinstance(i, int) for i in ids)
    m, t = "市场监管局", "税务局"
    red, yellow = "红牌", "黄牌"
    open_, expired = "待处理", "已过期"

    def end(n: int) -> datetime:
        return datetime(2026, 5, n, 23, 59, 59)

    assert [row[1:] for row in found] == [
        # C09 (due Sat 9) and C04 (due Wed 13) unfinished at the end of their due days; deadline 3 working
        # days after 9 May: 11, 12, 13. C06 turns red only on 18 May, after the week.
        ("2", "办件超时", red, end(9), d(13), open_, None, t, "2号窗口（税务局）办件超时 2 件"),
        # C10, received 8 May, is due Tue 12 and unfinished when the day begins; the card ends with the day.
        # A yellow card warns of a due date; it has nothing to rectify, so no deadline of its own.
        ("1", "办件临期", yellow, at(12, 0), None, expired, "05-12 23:59 系统自动关闭：到期日已过", m,
         "1号窗口（市场监管局）2026-05-12 到期办件 1 件"),
        # Auxiliary only Tue morning: ordered to correct by Wed 13; again Thu afternoon, after the deadline.
        ("1", "人员配置", "建议临时关闭", at(12, 9), d(13), open_, None, m, "1号窗口（市场监管局）整改不到位，建议临时关闭"),
        # C02 (approved Tue 10:00), C10 (Wed) and C08 (Fri); C02 confirmed on Thu turned it red,
        # C10 dismissed on Fri; C08 was dismissed only on Monday 18.
        ("1", "前店后厂", red, at(12, 10), d(15), open_, None, m, "1号窗口（市场监管局）疑似前店后厂办件 3 件"),
        ("1", "办件超时", red, end(12), d(15), open_, None, m, "1号窗口（市场监管局）办件超时 1 件"),
        ("2", "办件临期", yellow, at(13, 0), None, expired, "05-13 23:59 系统自动关闭：到期日已过", t,
         "2号窗口（税务局）2026-05-13 到期办件 1 件"),
        # C05's two trips: to verify; 3 working days after Wed 13: 14, 15, 18.
        ("1", "多次跑动", "待核查", at(13, 10), d(18), open_, None, m, "1号窗口（市场监管局）申请人多次跑动办件 1 件"),
        ("2", "人员配置", "责令纠正", at(13, 13, 30), d(14), open_, None, t, "2号窗口（税务局）2026-05-13 下午无人值守"),
        # FY-02, received Tue 12, was due Thu 14 and is still unanswered.
        ("2", "反映超期", red, end(14), d(19), open_, None, t, "2号窗口（税务局）办不成事反映超期未办结 1 件"),
    ]  # fmt: skip


def test_complaint_sheet(report: Path) -> None:
    complaints = rows(report, S.COMPLAINTS)
    assert [row[:8] for row in complaints] == [
        ("FY-01", "1", at(11, 10), "办事不顺", d(13), at(12, 15), "否", "C02"),
        ("FY-02", "2", at(12, 14), "窗口推诿", d(14), None, "是", "C04"),
        # Answered Mon 18, after the week: unanswered on Sunday, but due Tue 19, so not late.
        ("FY-03", "1", at(15, 16), "其他", d(19), None, "否", None),
    ]
    assert complaints[1][8] == f"申请人（身份证号{mask_id_card(ID_C)}）反映被要求跑三次"


def test_department_summary_adds_up_to_the_overview(report: Path) -> None:
    assert rows(report, S.DEPARTMENTS) == [
        ("市场监管局", 10, 8, 2, 0, 0.8, 4, 5, 2, 0.4, 5, 1, 0.2, 1, 0.75),
        ("税务局", 10, 9, 0, 1, 0.9, 4, 2, 0, 0, 5, 2, 0.4, 0, 1),
    ]


def test_exporting_again_after_later_facts_gives_the_same_workbook(week: Week, tmp_path: Path) -> None:
    from sqlalchemy import select

    from hallmonitor.domain.enums import AlertKind, AlertState, CaseStatus, Session
    from hallmonitor.services.alerts import close_alert
    from hallmonitor.services.rules import run_rules
    from hallmonitor.storage.models import Alert, Case, Complaint
    from tests.support import builders as b

    ctx = week.ctx
    first = export(ctx, tmp_path / "first")
    # Next Monday: C04 and FY-02 are finished, window 2's order is resolved, a new case comes in,
    # and the app runs the rules as it does at every session.
    with ctx.db.session() as s:
        c04 = s.get(Case, week.cases["C04"])
        assert c04 is not None
        c04.completed_at, c04.status = at(18, 10), CaseStatus.COMPLETED
        fy02 = s.get(Complaint, week.complaints["FY-02"])
        assert fy02 is not None
        fy02.completed_at = at(18, 11)
        order = s.scalars(
            select(Alert).where(Alert.kind == AlertKind.STAFFING, Alert.window_id == week.windows["2"])
        ).one()
        close_alert(
            s,
            order,
            at=at(18, 10),
            actor="张主任",
            action="整改完成",
            state=AlertState.RESOLVED,
            note="已到岗",
        )
    for session in Session:
        b.duty(ctx, week.windows["1"], week.staff["F001"], date(2026, 5, 18), session)
        b.duty(ctx, week.windows["2"], week.staff["F002"], date(2026, 5, 18), session)
    b.case(ctx, "C12", week.windows["1"], week.items["SJ-001"], at(18, 9), trips=3)
    run_rules(ctx, at(18, 18))

    again = export(ctx, tmp_path / "again")
    for sheet in COLUMNS:
        assert rows(again, sheet) == rows(first, sheet), sheet
    assert overview(again)["责令纠正次数"] == 2


def test_a_bad_week_is_refused_with_a_sentence(hall: HallContext) -> None:
    from hallmonitor.services.hall import ServiceError

    for text, expected in (("2026-19", "无法识别"), ("2026-W54", "共53周"), ("2026-w19", "无法识别")):
        with pytest.raises(ServiceError, match=expected):
            weekly_report.build_week(hall, text)
    with pytest.raises(ServiceError, match="尚未开始"):
        weekly_report.build_week(hall, "2026-W30", now=datetime(2026, 5, 20, 10, 0))


def test_the_week_under_way_is_judged_as_of_now(week: Week, tmp_path: Path) -> None:
    """Wednesday 13 May 10:00: only sessions begun by then are judged, later facts do not exist yet."""
    path = export(week.ctx, tmp_path, now=datetime(2026, 5, 13, 10, 0))
    figures = overview(path)
    assert figures["判定时点"] == at(13, 10)
    # Mon and Tue: 8 sessions, Wed morning: 2 more.
    assert (figures["窗口时段数"], figures["仅辅助人员时段数"], figures["无人值守时段数"]) == (10, 1, 0)
    # C01, C04, C02, C03 received by then; C05 only at 10:00 sharp counts too.
    assert figures["办件总数"] == 5
    assert date(2026, 5, 13) == figures["判定时点"].date()


def test_an_order_escalated_in_the_week_and_handled_later_keeps_its_sunday_state(
    hall: HallContext, tmp_path: Path
) -> None:
    """Tue: auxiliary only → 责令纠正 (deadline Wed 13), acknowledged at once; Thu: again → 建议临时关闭
    when the week is exported; resolved on Monday 18 — the week's report does not change."""
    from sqlalchemy import select

    from hallmonitor.domain.enums import AlertState, Session, StaffCategory
    from hallmonitor.services.alerts import close_alert
    from hallmonitor.services.rules import run_rules
    from hallmonitor.storage.models import Alert
    from tests.support import builders as b

    window = b.window(hall, "1")
    officer = b.staff(hall, "F001", "王科长", StaffCategory.CIVIL_SERVANT)
    helper = b.staff(hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    for n in (11, 12, 13, 14, 15):
        for session in Session:
            auxiliary_only = (n, session) in ((12, Session.MORNING), (14, Session.MORNING))
            b.duty(hall, window, helper if auxiliary_only else officer, date(2026, 5, n), session)
    run_rules(hall, at(12, 10))
    with hall.db.session() as s:
        alert = s.scalars(select(Alert)).one()
        close_alert(
            s,
            alert,
            at=at(12, 11),
            actor="张主任",
            action="确认",
            state=AlertState.ACKNOWLEDGED,
            note="已通知",
        )

    def sheet() -> tuple[tuple[Any, ...], dict[str, Any]]:
        path = export(hall, tmp_path / str(len(list(tmp_path.iterdir()))))
        [row] = rows(path, S.ALERTS)
        return row[1:8], overview(path)

    first, figures = sheet()
    assert first == (
        "1",
        "人员配置",
        "建议临时关闭",
        at(12, 9),
        d(13),
        "已确认",
        "05-12 11:00 张主任确认：已通知",
    )
    assert (figures["责令纠正次数"], figures["建议临时关闭次数"]) == (1, 1)

    with hall.db.session() as s:
        alert = s.scalars(select(Alert)).one()
        close_alert(
            s,
            alert,
            at=at(18, 10),
            actor="张主任",
            action="整改完成",
            state=AlertState.RESOLVED,
            note="已到岗",
        )
    assert sheet() == (first, figures)
    with hall.db.session() as s:
        assert len(s.scalars(select(Alert)).all()) == 1


def test_a_week_in_a_year_without_the_official_calendar_says_so(hall: HallContext, tmp_path: Path) -> None:
    path = export(hall, tmp_path, now=datetime(2027, 3, 1, 9, 0))
    figures = overview(path)
    assert figures["周次"] == "2026-W20"  # 2026 is published: no note
    assert "日历说明" not in figures
    report = weekly_report.build_week(hall, "2027-W06", now=datetime(2027, 3, 1, 9, 0))
    names = [f.name for f in report.overview]
    assert names.index("日历说明") == names.index("判定时点") + 1
    assert "2027" in str(report.figure("日历说明"))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("中心查看", True), ("督查员", True), ("审计员", False), ("窗口负责人", False)],
)
def test_the_weekly_report_is_for_those_who_may_export(
    sqlite_hall: HallContext, role: str, allowed: bool
) -> None:
    from dataclasses import replace

    from hallmonitor.domain.enums import Role
    from hallmonitor.services.hall import Actor, PermissionDenied

    ctx = replace(sqlite_hall, actor=Actor("某人", Role(role)))
    if allowed:
        assert (
            weekly_report.build_week(ctx, "2026-W19", now=datetime(2026, 5, 18, 9, 0)).week.label
            == "2026-W19"
        )
    else:
        with pytest.raises(PermissionDenied):
            weekly_report.build_week(ctx, "2026-W19", now=datetime(2026, 5, 18, 9, 0))
