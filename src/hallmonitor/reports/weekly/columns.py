"""Sheet and column names of the weekly report and the center's roll-up, in one place.

The center's own tools read the weekly report by these names, and the merge
reads it back by them, so the writer and the reader must never disagree: both
take the names from here. The first columns of each sheet are the ones issue 3
fixes; the ones after them are ours and may grow.
"""

from __future__ import annotations

from hallmonitor.reports.weekly.style import Col

__all__ = [
    "COLUMNS",
    "DAILY_COLUMNS",
    "HALL_RANKING_COLUMNS",
    "LATER_SHEETS",
    "MERGE_FIGURES",
    "REQUIRED_COLUMNS",
    "REQUIRED_FIGURES",
    "SHEETS",
    "F",
    "S",
]


class S:
    """Sheet names, in the order they appear in the workbook."""

    OVERVIEW = "概览"
    STAFFING = "窗口人员"
    CASES = "办件明细"
    FRONT_SHOP = "前店后厂"
    NOMINAL = "疑似挂名"
    OVERDUE = "超时办件"
    INDICATORS = "核心指标"
    ALERTS = "预警整改"
    COMPLAINTS = "办不成事"
    DEPARTMENTS = "部门汇总"


class F:
    """Rows of 概览 (its 指标 column). docs/center-report.md defines each."""

    HALL_CODE = "大厅编码"
    HALL_NAME = "大厅名称"
    WEEK = "周次"
    WEEK_START = "统计开始日期"
    WEEK_END = "统计结束日期"
    AS_OF = "判定时点"
    #: The audit chain's last entry at the 判定时点, so a later rewrite of the chain shows.
    AUDIT_SEQ = "审计序号"
    AUDIT_HASH = "审计哈希"
    CALENDAR_NOTE = "日历说明"
    CASES = "办件总数"
    ON_SITE_DONE = "现场办结数"
    DECIDED = "审批或办结件数"
    FRONT_SHOP = "前店后厂件数"
    FRONT_SHOP_RATE = "前店后厂率"
    HANDLED = "经办件数"
    OVERDUE = "超时件数"
    OVERDUE_RATE = "超时率"
    MULTI_TRIP = "多次跑动件数"
    ONE_TRIP_RATE = "最多跑一次比例"
    COMPLAINTS = "办不成事反映件数"
    COMPLAINTS_OVERDUE = "办不成事超期件数"
    SESSIONS = "窗口时段数"
    COMPLIANT = "合规时段数"
    AUXILIARY_ONLY = "仅辅助人员时段数"
    UNSTAFFED = "无人值守时段数"
    COMPLIANCE_RATE = "合规率"
    NOMINAL = "疑似挂名时段数"
    ORDERS = "责令纠正次数"
    CLOSURE_SUGGESTIONS = "建议临时关闭次数"
    CLOSURES = "临时关闭次数"
    ALERTS = "预警条数"
    #: Only when some stored fact was left out of the judgement: how many, and which (the first few).
    IMPLAUSIBLE = "数据异常"


#: The figures issue 3 requires in 概览.
REQUIRED_FIGURES: tuple[str, ...] = (
    F.CASES,
    F.ON_SITE_DONE,
    F.FRONT_SHOP,
    F.FRONT_SHOP_RATE,
    F.OVERDUE,
    F.MULTI_TRIP,
    F.COMPLAINTS,
    F.SESSIONS,
    F.AUXILIARY_ONLY,
    F.UNSTAFFED,
    F.ORDERS,
    F.CLOSURE_SUGGESTIONS,
)

#: What the merge reads from 概览: who and when, plus every count a ranked rate is made of.
MERGE_FIGURES: tuple[str, ...] = (
    F.HALL_CODE,
    F.HALL_NAME,
    F.WEEK,
    *REQUIRED_FIGURES,
    F.DECIDED,
    F.HANDLED,
)

OVERVIEW_COLUMNS = (Col("指标"), Col("数值", "key"), Col("说明"))

#: The small daily table beside the figures on 概览, which the chart draws.
DAILY_COLUMNS = (
    Col("日期", "date"),
    Col("星期"),
    Col("工作日"),
    Col("办件数", "int"),
    Col("窗口时段数", "int"),
    Col("合规时段数", "int"),
    Col("日合规率", "percent"),
)

COLUMNS: dict[str, tuple[Col, ...]] = {
    S.OVERVIEW: OVERVIEW_COLUMNS,
    S.STAFFING: (
        Col("窗口号", "key"),
        Col("部门", "key"),
        Col("日期", "date"),
        Col("时段"),
        Col("正式人员数", "int"),
        Col("辅助人员数", "int"),
        Col("在岗人员", "user"),
        Col("合规情况"),
        Col("窗口名称", "user"),
        Col("星期"),
    ),
    S.CASES: (
        Col("办件编号", "key"),
        Col("窗口号", "key"),
        Col("部门", "key"),
        Col("事项编码", "key"),
        Col("事项名称", "user"),
        Col("申请人类型"),
        Col("申请人", "user"),
        Col("证件号码", "user"),
        Col("受理时间", "datetime"),
        Col("办结时间", "datetime"),
        Col("办件状态"),
        Col("跑动次数", "int"),
        Col("承诺时限", "int"),
        Col("已用工作日", "int"),
        Col("是否超时"),
        Col("审批地点"),
        Col("前店后厂"),
        Col("办件类型"),
        Col("截止日期", "date"),
        Col("时限状态"),
        Col("审批时间", "datetime"),
        Col("已用自然日", "int"),
        Col("一件事编号", "key"),
        Col("作废原因", "user"),
    ),
    S.FRONT_SHOP: (
        Col("办件编号", "key"),
        Col("窗口号", "key"),
        Col("部门", "key"),
        Col("事项名称", "user"),
        Col("标记原因"),
        Col("处理状态"),
        Col("审批时间", "datetime"),
        Col("审批人", "user"),
        Col("办结时间", "datetime"),
        Col("核查说明", "user"),
    ),
    S.NOMINAL: (
        Col("窗口号", "key"),
        Col("部门", "key"),
        Col("日期", "date"),
        Col("时段"),
        Col("在岗正式人员", "user"),
        Col("受理件数", "int"),
        Col("正式人员受理件数", "int"),
        Col("处理状态"),
        Col("判定依据", "user"),
        Col("核查说明", "user"),
    ),
    S.OVERDUE: (
        Col("办件编号", "key"),
        Col("窗口号", "key"),
        Col("部门", "key"),
        Col("事项名称", "user"),
        Col("受理时间", "datetime"),
        Col("截止日期", "date"),
        Col("办结时间", "datetime"),
        Col("超时工作日", "int"),
        Col("办件状态"),
    ),
    S.INDICATORS: (
        Col("指标"),
        Col("目标", "decimal"),
        Col("实际", "decimal"),
        Col("样本数", "int"),
        Col("达标率", "percent"),
        Col("单位"),
        Col("达标数", "int"),
        Col("是否达到目标"),
    ),
    S.ALERTS: (
        Col("预警编号", "int"),
        Col("窗口号", "key"),
        Col("类型"),
        Col("级别"),
        Col("触发时间", "datetime"),
        Col("整改期限", "date"),
        Col("状态"),
        Col("处理说明", "user"),
        Col("部门", "key"),
        Col("预警内容", "user"),
    ),
    S.COMPLAINTS: (
        Col("反映编号", "key"),
        Col("窗口号", "key"),
        Col("反映时间", "datetime"),
        Col("反映类别", "user"),
        Col("办理期限", "date"),
        Col("办结时间", "datetime"),
        Col("是否超期"),
        Col("关联办件编号", "key"),
        Col("反映内容", "user"),
    ),
    S.DEPARTMENTS: (
        Col("部门", "key"),
        Col(F.SESSIONS, "int"),
        Col(F.COMPLIANT, "int"),
        Col(F.AUXILIARY_ONLY, "int"),
        Col(F.UNSTAFFED, "int"),
        Col(F.COMPLIANCE_RATE, "percent"),
        Col(F.CASES, "int"),
        Col(F.DECIDED, "int"),
        Col(F.FRONT_SHOP, "int"),
        Col(F.FRONT_SHOP_RATE, "percent"),
        Col(F.HANDLED, "int"),
        Col(F.OVERDUE, "int"),
        Col(F.OVERDUE_RATE, "percent"),
        Col(F.MULTI_TRIP, "int"),
        Col(F.ONE_TRIP_RATE, "percent"),
    ),
}

#: How many leading columns of each sheet issue 3 fixes (部门汇总 is ours; the merge needs all of it).
_REQUIRED_COUNT = {
    S.OVERVIEW: 2,
    S.STAFFING: 8,
    S.CASES: 17,
    S.FRONT_SHOP: 6,
    S.NOMINAL: 8,
    S.OVERDUE: 8,
    S.INDICATORS: 5,
    S.ALERTS: 8,
    S.COMPLAINTS: 7,
    S.DEPARTMENTS: len(COLUMNS[S.DEPARTMENTS]),
}

SHEETS: tuple[str, ...] = tuple(COLUMNS)
#: Sheets added after the center's first format: a hall's workbook of an earlier version lacks them,
#: and the merge, which reads none of them, takes it all the same.
LATER_SHEETS: frozenset[str] = frozenset({S.NOMINAL})

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    sheet: tuple(c.name for c in COLUMNS[sheet][: _REQUIRED_COUNT[sheet]]) for sheet in SHEETS
}

# --- the center's roll-up ------------------------------------------------------


class M:
    """Sheet names of the roll-up."""

    SUMMARY = "汇总说明"
    HALLS = "大厅排名"
    DEPARTMENTS = "部门排名"


#: The four ranked rates: (name, numerator, denominator, higher is better).
RANKED_RATES: tuple[tuple[str, str, str, bool], ...] = (
    (F.COMPLIANCE_RATE, F.COMPLIANT, F.SESSIONS, True),
    (F.FRONT_SHOP_RATE, F.FRONT_SHOP, F.DECIDED, False),
    (F.OVERDUE_RATE, F.OVERDUE, F.HANDLED, False),
    (F.ONE_TRIP_RATE, "一次跑动件数", F.CASES, True),
)


def _ranking_columns(lead: tuple[Col, ...]) -> tuple[Col, ...]:
    columns = list(lead)
    for name, numerator, denominator, _higher in RANKED_RATES:
        columns += [
            Col(denominator, "int"),
            Col(numerator, "int"),
            Col(name, "percent"),
            Col(f"{name}排名", "int"),
        ]
    return tuple(columns)


HALL_RANKING_COLUMNS = _ranking_columns((Col("大厅编码", "key"), Col("大厅名称", "user")))
DEPARTMENT_RANKING_COLUMNS = _ranking_columns((Col("部门", "key"), Col("涉及大厅数", "int")))
SUMMARY_COLUMNS = (
    Col("文件", "user"),
    Col("大厅编码", "key"),
    Col("大厅名称", "user"),
    Col("周次", "key"),
    Col("判定时点", "datetime"),
)
