"""hallmonitor check: the day's staffing verdicts, flags, late cases and alerts, as text."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from hallmonitor.commands.common import context, parse_day
from hallmonitor.commands.nominal import print_suspected
from hallmonitor.domain.enums import StaffingVerdict

if TYPE_CHECKING:
    from hallmonitor.services.rules import DayCheck

WEEKDAYS = "一二三四五六日"


def cmd_check(args: argparse.Namespace) -> int:
    from hallmonitor.services.rules import check_day

    day = parse_day(args.date)
    ctx = context(args)
    report = check_day(ctx, day)
    print(
        f"{ctx.hall_name}（{ctx.hall_code}）  {day.isoformat()} 星期{WEEKDAYS[day.weekday()]}  "
        f"{'工作日' if report.is_workday else '休息日'}  判定时点 {report.as_of:%Y-%m-%d %H:%M}"
    )
    if report.calendar_warning:
        print(f"注意：{report.calendar_warning}")
    if report.skipped:
        print(f"注意：{report.skipped.sentence}")

    if report.future:
        return _print_plan(report)
    print("\n【人员配置】")
    if not report.is_workday:
        print("  休息日不判定。")
    elif not report.staffing:
        print("  当日没有可判定的窗口时段（没有排班数据或窗口均未在用）。")
    else:
        counts = Counter(s.verdict for s in report.staffing)
        print(
            f"  窗口时段 {len(report.staffing)} 个：合规 {counts[StaffingVerdict.COMPLIANT]}，"
            f"仅辅助人员 {counts[StaffingVerdict.AUXILIARY_ONLY]}，无人值守 {counts[StaffingVerdict.UNSTAFFED]}"
        )
        for s in report.violations:
            people = "、".join(s.auxiliary) or "无人"
            print(f"  {s.session.value} {s.window_no}号窗口  {s.verdict.value}  在岗：{people}")

    print_suspected(report)

    print("\n【前店后厂】（当日审批）")
    for f in report.flags or []:
        print(
            f"  {f.case_no}  {f.window_no}号窗口 {f.department}  {f.item_name}  审批人 {f.approver or '—'}  "
            f"原因：{'；'.join(f.reasons)}  [{f.state.value}]"
        )
    if not report.flags:
        print("  无。")

    print("\n【超时与临期办件】")
    for c in report.late_cases:
        state = "临期" if c.due_today else "超时"
        done = f"办结 {c.completed:%Y-%m-%d}" if c.completed else "未办结"
        print(f"  {state}  {c.case_no}  {c.window_no}号窗口  {c.item_name}  截止 {c.due.isoformat()}  {done}")
    if not report.late_cases:
        print("  无。")

    print("\n【预警】")
    for a in report.alerts:
        deadline = f"  整改期限 {a.deadline.isoformat()}" if a.deadline else ""
        print(f"  #{a.alert_id} [{a.level}] {a.kind}  {a.summary}{deadline}  状态：{a.state}")
    if not report.alerts:
        print("  无。")
    if report.run and (report.run.new_alerts or report.run.escalations):
        print(f"\n本次检查新增预警 {len(report.run.new_alerts)} 条，升级 {len(report.run.escalations)} 条。")
    return 0


def _print_plan(report: DayCheck) -> int:
    """A day that has not come: the roster's plan, judged as if everyone planned comes."""
    print(f"\n该日尚未到来（现在是 {report.as_of:%Y-%m-%d %H:%M}），不判定违规，以下为排班计划。")
    print("\n【排班计划】")
    if not report.is_workday:
        print("  休息日，无需排班。")
        return 0
    if not report.staffing:
        print("  当日没有在用的窗口。")
        return 0
    for s in report.staffing:
        people = "、".join([*s.formal, *(f"{name}（辅助）" for name in s.auxiliary)]) or "尚未排班"
        verdict = "按计划合规" if s.verdict is StaffingVerdict.COMPLIANT else f"按计划将{s.verdict.value}"
        print(f"  {s.session.value} {s.window_no}号窗口  {people}  {verdict}")
    gaps = sum(1 for s in report.staffing if s.verdict.is_violation)
    if gaps:
        print(f"\n有 {gaps} 个窗口时段按计划没有正式公职人员，请在该时段开始前补排。")
    return 0
