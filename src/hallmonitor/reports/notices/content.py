"""The printed notices of the ladder: 责令整改通知书 and 临时关闭建议书, as plain content.

The wording lives here, away from any renderer, so the PDF, a print preview
and a plain-text copy say exactly the same thing, and tests can read it
without Qt. A service fills NoticeData from the database; a renderer lays out
NoticeContent on paper. A notice is an official Chinese document: it reads
the same whatever language the app speaks, so none of it goes through the
message catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    Session,
    StaffCategory,
    StaffingVerdict,
)

ORDER_TITLE = "责令整改通知书"
CLOSURE_TITLE = "临时关闭建议书"
#: The directive's first demand, quoted in every notice.
DIRECTIVE_RULE = (
    "每个审批窗口均须由正式公职人员值守，仅有辅助人员、无正式公职人员的窗口责令纠正，并可由中心临时关闭"
)
DIRECTIVE_SOURCE = "本市优化营商环境有关规定"
FORMAL_NOTE = "正式公职人员指公务员、参照公务员法管理人员和事业编制人员；劳务派遣、编外聘用、临时聘用和第三方服务人员为辅助人员。"
#: What the other kinds of alert break, in the words of the hall's commitments.
OTHER_RULES = {
    AlertKind.CASE_OVERDUE: "办件应在承诺时限内办结",
    AlertKind.CASE_DUE: "办件应在承诺时限内办结",
    AlertKind.FRONT_SHOP: "审批事项应进驻大厅、在窗口审批办结，不得“前店后厂”",
    AlertKind.MULTIPLE_TRIPS: "办事群众和企业“最多跑一次”",
    AlertKind.COMPLAINT_OVERDUE: "办不成事反映应在规定时限内办结并答复",
    AlertKind.NOMINAL_PRESENCE: DIRECTIVE_RULE,
}
#: For alerts raised before cards had a rectification deadline of their own: working days from receipt.
OTHER_DEADLINE = "收到本通知之日起三个工作日内"
COPY_MARK = "（副本）"
#: The facts table keeps the most recent sessions; a notice that ran over a page would not be read.
MAX_FACT_ROWS = 20


@dataclass(frozen=True, slots=True)
class OnDuty:
    name: str
    category: StaffCategory


@dataclass(frozen=True, slots=True)
class NoticeFact:
    """One violating session and who was there."""

    day: date
    session: Session | None
    verdict: StaffingVerdict | None
    people: tuple[OnDuty, ...] = ()
    #: For alerts other than staffing: the fact as a sentence; for staffing, what follows the
    #: verdict ("（经核查确认挂名）").
    text: str = ""


@dataclass(frozen=True, slots=True)
class NoticeData:
    alert_id: int
    level: AlertLevel
    hall_name: str
    hall_code: str
    window_no: str
    window_name: str
    department: str
    raised_at: datetime
    deadline: date | None
    issued_on: date
    summary: str
    facts: tuple[NoticeFact, ...]
    #: Why the ladder escalated, as the rules wrote it.
    escalation_reasons: tuple[str, ...] = ()
    kind: AlertKind = AlertKind.STAFFING
    #: Set when the alert has ended (已整改, 已撤销...): the notice is then printed as a copy.
    closed_state: AlertState | None = None
    closed_at: datetime | None = None
    #: What the supervisor found on checking the evidence (a confirmed 人员挂名): who, when, what.
    findings: tuple[str, ...] = ()

    @property
    def is_staffing(self) -> bool:
        return self.kind is AlertKind.STAFFING

    @property
    def is_nominal(self) -> bool:
        return self.kind is AlertKind.NOMINAL_PRESENCE


@dataclass(frozen=True, slots=True)
class NoticeContent:
    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    after_table: tuple[str, ...]
    #: Right-aligned lines at the foot: issuer, seal and date.
    signature: tuple[str, ...]
    #: Lines at the very bottom, for the receiving side.
    receipt: tuple[str, ...] = field(default_factory=tuple)
    omitted_rows: int = 0

    def all_text(self) -> str:
        """Everything printed, in reading order; what a search of the PDF should find."""
        lines = [self.title, self.number, self.addressee, *self.paragraphs, "  ".join(self.table_header)]
        lines += ["  ".join(r) for r in self.table_rows]
        lines += [*self.after_table, *self.signature, *self.receipt]
        return "\n".join(lines)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _people(people: tuple[OnDuty, ...]) -> str:
    if not people:
        return "无人在岗"
    return "、".join(f"{p.name}（{p.category.value}）" for p in people)


def build_notice(data: NoticeData) -> NoticeContent:
    closure = data.level is AlertLevel.SUGGEST_CLOSURE
    title = CLOSURE_TITLE if closure else ORDER_TITLE
    prefix = "关闭建议" if closure else "责改"
    number = f"{data.hall_code}〔{data.issued_on.year}〕{prefix}第{data.alert_id:04d}号"
    window = (
        f"{data.window_no}号窗口（{data.window_name}）" if data.window_name else f"{data.window_no}号窗口"
    )
    facts = sorted(
        data.facts, key=lambda f: (f.day, f.session is not None and f.session is Session.AFTERNOON)
    )
    omitted = max(0, len(facts) - MAX_FACT_ROWS)
    shown = facts[omitted:]
    # A card's own rectification deadline (the hall's setting), never a case's due date.
    deadline = chinese_date(data.deadline) if data.deadline else OTHER_DEADLINE
    if data.is_staffing:
        header = ("日期", "时段", "核查结果", "在岗工作人员（人员类别）")
        rows = tuple(
            (
                chinese_date(f.day),
                f.session.value if f.session else "",
                (f.verdict.value + f.text) if f.verdict else "",
                _people(f.people),
            )
            for f in shown
        )
    elif data.is_nominal:
        header = ("日期", "时段", "核查情况")
        rows = tuple((chinese_date(f.day), f.session.value if f.session else "", f.text) for f in shown)
    else:
        header = ("日期", "情况")
        rows = tuple((chinese_date(f.day), f.text) for f in shown)
    first_day = chinese_date(facts[0].day) if facts else chinese_date(data.raised_at.date())

    if closure:
        addressee = f"{data.hall_name}负责同志："
        paragraphs = (
            f"{data.department}派驻本大厅的{window}自{first_day}起存在未按要求安排正式公职人员值守的情况。"
            f"本中心已于{chinese_date(data.raised_at.date())}责令整改，整改期限为{deadline}。",
            "经核查，该窗口在下列时段仍未达到要求：",
        )
        after = (
            *(f"升级依据：{reason}" for reason in data.escalation_reasons),
            f"上述情况违反{DIRECTIVE_SOURCE}关于“{DIRECTIVE_RULE}”的要求。{FORMAL_NOTE}",
            f"建议对{window}予以临时关闭，待{data.department}安排正式公职人员到岗后再行开放。",
            "妥否，请批示。",
        )
        signature = (
            f"{data.hall_name}监督管理科",
            f"{chinese_date(data.issued_on)}",
        )
        receipt = (
            "审批意见：______________________________________________",
            "负责人（签字）：______________    日期：______年____月____日",
        )
    elif data.is_nominal:
        addressee = f"{data.department}："
        paragraphs = (
            f"经核查，你单位派驻本大厅的{window}在下列时段排班有正式公职人员在岗，但该时段受理的办件"
            "均非其受理或审批，实际由辅助人员值守，存在正式公职人员挂名的情况：",
        )
        after = (
            *data.findings,
            f"上述情况违反{DIRECTIVE_SOURCE}关于“{DIRECTIVE_RULE}”的要求，相关时段按仅辅助人员值守认定。"
            f"{FORMAL_NOTE}",
            f"现责令你单位立即整改，整改期限为{deadline}，安排排班的正式公职人员实际在窗口受理、审批办件，"
            "并将整改情况书面报送本中心。",
            "逾期未整改或整改后再次出现同类情况的，本中心将依规对该窗口予以临时关闭。",
        )
        signature = (f"{data.hall_name}（盖章）", f"{chinese_date(data.issued_on)}")
        receipt = ("签收人（签字）：______________    签收日期：______年____月____日",)
    else:
        addressee = f"{data.department}："
        intro = (
            f"经核查，你单位派驻本大厅的{window}在下列时段未安排正式公职人员值守："
            if data.is_staffing
            else f"经核查，你单位派驻本大厅的{window}存在下列情况："
        )
        paragraphs = (intro,)
        rule = (
            f"上述情况违反{DIRECTIVE_SOURCE}关于“{DIRECTIVE_RULE}”的要求。{FORMAL_NOTE}"
            if data.is_staffing
            else f"上述情况不符合{DIRECTIVE_SOURCE}关于“{OTHER_RULES[data.kind]}”的要求。"
        )
        after = (
            rule,
            f"现责令你单位立即整改，于{deadline}下班前安排正式公职人员到岗值守，并将整改情况书面报送本中心。"
            if data.is_staffing
            else f"现责令你单位立即整改，整改期限为{deadline}，并将整改情况书面报送本中心。",
            "逾期未整改或整改后再次出现同类情况的，本中心将依规对该窗口予以临时关闭。"
            if data.is_staffing
            else "逾期未整改的，本中心将予以通报。",
        )
        signature = (f"{data.hall_name}（盖章）", f"{chinese_date(data.issued_on)}")
        receipt = ("签收人（签字）：______________    签收日期：______年____月____日",)
    if omitted:
        after = (f"（另有较早的 {omitted} 个时段未列出。）", *after)
    if data.closed_at is not None:
        # The alert has ended: what is printed is a copy for the record, and says so before anything else.
        title += COPY_MARK
        state = data.closed_state.value if data.closed_state else "已结束"
        paragraphs = (
            f"本预警已于{chinese_date(data.closed_at.date())}结束（{state}），此件为副本，仅供存档查阅。",
            *paragraphs,
        )
    return NoticeContent(
        title=title,
        number=number,
        addressee=addressee,
        paragraphs=paragraphs,
        table_header=header,
        table_rows=rows,
        after_table=after,
        signature=signature,
        receipt=receipt,
        omitted_rows=omitted,
    )
