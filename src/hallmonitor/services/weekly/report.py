"""The weekly report for the administrative service center, judged as of the end of that Sunday.

The center compares halls week by week, so a week's figures must not move
when the report is produced again later: the rules engine is run as of Sunday
23:59:59 (it is idempotent) and everything after that moment is ignored — see
weekly_cases and weekly_alerts for how each fact is replayed. The only inputs
without history are the roster's attendance and a case's trip count: editing
those for a past week changes its report, as it should.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hallmonitor.domain.enums import FlagState, StaffingVerdict
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.plausible import trips_ok
from hallmonitor.domain.staffing import SessionStaffing
from hallmonitor.domain.texts import say, stored_texts
from hallmonitor.reports.weekly import (
    DailyRow,
    DepartmentRow,
    F,
    Figure,
    StaffingRow,
    WeekRange,
    WeekReport,
    parse_iso_week,
    ratio,
)
from hallmonitor.services.audit import report_head
from hallmonitor.services.hall import (
    HallContext,
    ServiceError,
    implausible_records,
    load_calendar,
    settings_timeline,
)
from hallmonitor.services.rules import run_rules
from hallmonitor.services.staffing import judge_range, session_starts, windows
from hallmonitor.services.weekly.alerts import alert_rows, closure_count, complaint_rows, ladder_counts
from hallmonitor.services.weekly.cases import case_rows, counts_by_department, handled_cases, on_site_done
from hallmonitor.services.weekly.front_shop import front_shop_rows
from hallmonitor.services.weekly.indicators import facts_finished_this_week, indicator_rows
from hallmonitor.services.weekly.nominal import nominal_rows
from hallmonitor.services.weekly.span import Span

__all__ = ["build_week", "week_range"]

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_STAGES = 6
#: Implausible records 概览 names one by one; the count covers them all.
_NAMED = 20


def week_range(iso_week: str) -> WeekRange:
    try:
        return parse_iso_week(iso_week)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None


def build_week(
    ctx: HallContext,
    iso_week: str,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> WeekReport:
    """Everything the weekly workbook shows, for the ISO week ``iso_week`` (e.g. ``2026-W19``).

    A week still under way is judged as of ``now``; a week that has not begun is refused.
    Refusals speak the user's language; the workbook is the center's format, so every sentence
    in its cells (a calendar note, the records left out) is written as the hall's record is,
    in Chinese, whatever the PC speaks.
    """
    ctx.require(Permission.EXPORT, say("make the weekly report"))
    week = week_range(iso_week)
    now = (now or datetime.now()).replace(microsecond=0)
    if week.start > now:
        raise ServiceError(
            say(
                "{week} (from {monday:%Y-%m-%d}) has not begun yet, so its weekly report cannot be made.",
                week=week.label,
                monday=week.monday,
            )
        )
    with stored_texts():
        return _build(ctx, week, min(week.end, now), progress)


def _build(
    ctx: HallContext, week: WeekRange, as_of: datetime, progress: Callable[[int, int], object] | None
) -> WeekReport:

    def step(done: int) -> None:
        if progress is not None:
            progress(done, _STAGES)

    step(0)
    run_rules(ctx, as_of)
    # A past week is reported by the rules in force then, whatever was saved since.
    timeline = settings_timeline(ctx)
    settings = timeline.at(as_of)
    calendar = load_calendar(ctx)
    span = Span(ctx.hall_id, week.start, as_of, calendar)
    report = WeekReport(ctx.hall_code, ctx.hall_name, week, as_of)
    step(1)

    report.staffing = _staffing_rows(ctx, week, span)
    report.nominal = nominal_rows(ctx, week, span)
    step(2)
    with ctx.db.session() as session:
        cases = case_rows(session, ctx.hall_id, span)
        report.cases = cases.rows
        report.voided_cases = cases.voided
        step(3)
        report.front_shop = front_shop_rows(session, span)
        handled_then = handled_cases(session, span)
        report.overdue, handled = handled_then.overdue, handled_then.by_department
        decided = counts_by_department(session, span.decided())
        step(4)
        facts = cases.facts + facts_finished_this_week(session, ctx.hall_id, span, cases.facts)
        report.indicators = indicator_rows(session, ctx.hall_id, facts, calendar, settings)
        report.alerts = alert_rows(session, ctx.hall_id, span)
        report.complaints = complaint_rows(
            session, ctx.hall_id, span, lambda at: timeline.at(at).complaint_limit_working_days
        )
        orders, suggestions = ladder_counts(session, ctx.hall_id, span)
        closures = closure_count(session, ctx.hall_id, span)
        step(5)

    report.departments = _departments(report, decided, handled)
    report.daily = [
        DailyRow(
            day,
            WEEKDAYS[day.weekday()],
            calendar.is_workday(day),
            sum(1 for c in report.cases if c.received_at.date() == day),
            sum(1 for s in report.staffing if s.day == day),
            sum(1 for s in report.staffing if s.day == day and s.verdict == StaffingVerdict.COMPLIANT.value),
        )
        for day in week.days()
    ]
    report.overview = _overview(
        report, sum(decided.values()), sum(handled.values()), orders, suggestions, closures
    )
    warning = calendar.warning_for(sorted({week.monday.year, week.sunday.year}))
    if warning:
        report.overview.insert(6, Figure(F.CALENDAR_NOTE, warning, "text", "本周涉及的年份没有官方调休数据"))
    end = _header_end(report.overview)
    report.overview[end:end] = _audit_figures(ctx, as_of)
    skipped = implausible_records(ctx).plus(cases.skipped)
    if skipped:
        report.overview.append(Figure(F.IMPLAUSIBLE, skipped.total, "int", skipped.listing(_NAMED) or ""))
    step(6)
    return report


def _header_end(figures: list[Figure]) -> int:
    """Just after who, which week and as of when: where the figures a reader checks first end."""
    return 1 + max(i for i, f in enumerate(figures) if f.name in (F.AS_OF, F.CALENDAR_NOTE))


def _audit_figures(ctx: HallContext, as_of: datetime) -> list[Figure]:
    """The audit chain's last entry at the 判定时点: a copy the center keeps, which a later rewrite cannot match."""
    seq, digest = report_head(ctx.db, as_of)
    return [
        Figure(
            F.AUDIT_SEQ,
            seq,
            "int",
            "判定时点前最后一条审计记录的序号；hallmonitor audit verify --against 本文件可核对",
        ),
        Figure(F.AUDIT_HASH, digest, "text", "该条审计记录的哈希（SHA-256）"),
    ]


def _staffing_rows(ctx: HallContext, week: WeekRange, span: Span) -> list[StaffingRow]:
    """Every in-service window × working day × session of the week that had begun by ``as_of``."""
    last_day = min(week.sunday, span.day)
    # A 挂名 confirmed by the 判定时点 counts as 仅辅助人员; one confirmed later does not yet.
    judged = judge_range(ctx, week.monday, last_day, span.calendar, reviewed_by=span.as_of)
    # Each day's sessions began at the times in force that day.
    starts = session_starts(ctx, sorted({v.day for v in judged}))
    verdicts: list[SessionStaffing] = [v for v in judged if starts[(v.day, v.session)] <= span.as_of]
    info = {w.number: w for w in windows(ctx)}
    rows = []
    for v in verdicts:
        window = info[v.window_no]
        # A confirmed 挂名 keeps the roster's word: the officer is listed, marked, beside 仅辅助人员.
        formal = [f"{name}（挂名）" for name in v.formal] if v.nominal_confirmed else list(v.formal)
        present = "、".join([*formal, *(f"{name}（辅助）" for name in v.auxiliary)])
        rows.append(
            StaffingRow(
                v.window_no,
                window.department,
                v.day,
                v.session.value,
                v.formal_count,
                v.auxiliary_count,
                present,
                v.verdict.value,
                window.name,
                WEEKDAYS[v.day.weekday()],
            )
        )
    return rows


def _departments(report: WeekReport, decided: dict[str, int], handled: dict[str, int]) -> list[DepartmentRow]:
    """Per department: staffing by the window's department, cases by the approving department (the item's)."""
    rows: dict[str, DepartmentRow] = {}

    def row(name: str) -> DepartmentRow:
        return rows.setdefault(name, DepartmentRow(name))

    for s in report.staffing:
        d = row(s.department)
        d.sessions += 1
        d.compliant += s.verdict == StaffingVerdict.COMPLIANT.value
        d.auxiliary_only += s.verdict == StaffingVerdict.AUXILIARY_ONLY.value
        d.unstaffed += s.verdict == StaffingVerdict.UNSTAFFED.value
    for c in report.cases:
        d = row(c.department)
        d.cases += 1
        d.multi_trip += c.trips > 1 and trips_ok(c.trips)
    for f in report.front_shop:
        if f.state != FlagState.DISMISSED.value:
            row(f.department).front_shop += 1
    for o in report.overdue:
        row(o.department).overdue += 1
    for name, count in decided.items():
        row(name).decided = count
    for name, count in handled.items():
        row(name).handled = count
    return [rows[name] for name in sorted(rows)]


def _overview(
    report: WeekReport, decided: int, handled: int, orders: int, suggestions: int, closures: int
) -> list[Figure]:
    week = report.week
    staffing = report.staffing
    sessions = len(staffing)
    compliant = sum(1 for s in staffing if s.verdict == StaffingVerdict.COMPLIANT.value)
    auxiliary = sum(1 for s in staffing if s.verdict == StaffingVerdict.AUXILIARY_ONLY.value)
    unstaffed = sum(1 for s in staffing if s.verdict == StaffingVerdict.UNSTAFFED.value)
    cases = len(report.cases)
    # A trip count no one could have made (see domain.plausible) is named under 数据异常, not counted as
    # more than one; the center's merge works the one-trip share out the same way from these counts.
    multi = sum(1 for c in report.cases if c.trips > 1 and trips_ok(c.trips))
    front_shop = sum(1 for f in report.front_shop if f.state != FlagState.DISMISSED.value)
    overdue = len(report.overdue)
    return [
        Figure(F.HALL_CODE, report.hall_code, "key"),
        Figure(F.HALL_NAME, report.hall_name, "user"),
        Figure(F.WEEK, week.label, "key", "ISO 周次，周一至周日"),
        Figure(F.WEEK_START, week.monday, "date"),
        Figure(F.WEEK_END, week.sunday, "date"),
        Figure(F.AS_OF, report.as_of, "datetime", "一切按此时点判定，之后的办结、核查等不计入"),
        Figure(F.CASES, cases, "int", "本周受理的办件（办件明细的行数）"),
        Figure(
            F.ON_SITE_DONE,
            sum(1 for c in report.cases if on_site_done(c)),
            "int",
            "本周受理、周末前办结、审批地点为窗口且未标记前店后厂",
        ),
        Figure(F.DECIDED, decided, "int", "本周审批或办结（状态办结）的办件，前店后厂率的分母"),
        Figure(F.FRONT_SHOP, front_shop, "int", "前店后厂表中处理状态不是“已排除”的行数"),
        Figure(F.FRONT_SHOP_RATE, ratio(front_shop, decided), "percent", "前店后厂件数 ÷ 审批或办结件数"),
        Figure(F.HANDLED, handled, "int", "本周受理、本周办结或周末仍未办结的办件，超时率的分母"),
        Figure(F.OVERDUE, overdue, "int", "超时办件表的行数"),
        Figure(F.OVERDUE_RATE, ratio(overdue, handled), "percent", "超时件数 ÷ 经办件数"),
        Figure(F.MULTI_TRIP, multi, "int", "本周受理、跑动次数大于1的办件"),
        Figure(F.ONE_TRIP_RATE, ratio(cases - multi, cases), "percent", "本周受理办件中跑动不超过1次的比例"),
        Figure(F.COMPLAINTS, len(report.complaints), "int", "本周收到的办不成事反映"),
        Figure(
            F.COMPLAINTS_OVERDUE,
            sum(1 for c in report.complaints if c.overdue),
            "int",
            "其中周末时已超过办理期限未办结或逾期办结的",
        ),
        Figure(F.SESSIONS, sessions, "int", "在用窗口 × 工作日 × 上午/下午（窗口人员表的行数）"),
        Figure(F.COMPLIANT, compliant, "int", "有正式公职人员在岗的窗口时段"),
        Figure(F.AUXILIARY_ONLY, auxiliary, "int", "只有辅助人员在岗的窗口时段"),
        Figure(F.UNSTAFFED, unstaffed, "int", "无人在岗的窗口时段"),
        Figure(F.COMPLIANCE_RATE, ratio(compliant, sessions), "percent", "合规时段数 ÷ 窗口时段数"),
        Figure(
            F.NOMINAL,
            len(report.nominal),
            "int",
            "排班合规、但受理的办件均非排班正式人员受理或审批的窗口时段（疑似挂名表的行数）",
        ),
        Figure(F.ORDERS, orders, "int", "本周触发的人员配置预警（责令纠正及以上）"),
        Figure(F.CLOSURE_SUGGESTIONS, suggestions, "int", "本周达到“建议临时关闭”的人员配置预警"),
        Figure(F.CLOSURES, closures, "int", "本周被临时关闭的窗口次数"),
        Figure(F.ALERTS, len(report.alerts), "int", "预警整改表的行数"),
    ]
