"""The notices' wording, without Qt: what each kind of alert says and what it asks for."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hallmonitor.domain.enums import AlertKind, AlertLevel, Session, StaffCategory, StaffingVerdict
from hallmonitor.reports.notices.content import (
    CLOSURE_TITLE,
    MAX_FACT_ROWS,
    ORDER_TITLE,
    OTHER_DEADLINE,
    NoticeData,
    NoticeFact,
    OnDuty,
    build_notice,
)

MON = date(2026, 5, 11)


def data(**changes) -> NoticeData:
    base = dict(
        alert_id=7,
        level=AlertLevel.ORDER_TO_CORRECT,
        hall_name="测试市政务服务大厅",
        hall_code="H001",
        window_no="A03",
        window_name="企业登记",
        department="市场监管局",
        raised_at=datetime(2026, 5, 11, 9, 0),
        deadline=date(2026, 5, 12),
        issued_on=MON,
        summary="A03号窗口（市场监管局）2026-05-11 上午仅辅助人员",
        facts=(
            NoticeFact(
                MON,
                Session.MORNING,
                StaffingVerdict.AUXILIARY_ONLY,
                (OnDuty("李协理", StaffCategory.LABOUR_DISPATCH),),
            ),
            NoticeFact(MON, Session.AFTERNOON, StaffingVerdict.UNSTAFFED, ()),
        ),
    )
    base.update(changes)
    return NoticeData(**base)


def test_an_order_names_the_department_the_sessions_the_people_and_the_deadline():
    notice = build_notice(data())
    text = notice.all_text()
    assert notice.title == ORDER_TITLE
    assert notice.number == "H001〔2026〕责改第0007号"
    assert notice.addressee == "市场监管局："
    assert notice.table_rows == (
        ("2026年5月11日", "上午", "仅辅助人员", "李协理（劳务派遣）"),
        ("2026年5月11日", "下午", "无人值守", "无人在岗"),
    )
    assert "于2026年5月12日下班前安排正式公职人员到岗值守" in text
    assert "每个审批窗口均须由正式公职人员值守" in text
    assert "临时关闭" in text and "签收人" in text


def test_a_closure_suggestion_goes_to_the_centre_with_the_reasons():
    notice = build_notice(
        data(
            level=AlertLevel.SUGGEST_CLOSURE,
            escalation_reasons=("整改期限 2026-05-12 后仍违规：2026-05-13 上午 仅辅助人员",),
        )
    )
    assert notice.title == CLOSURE_TITLE
    assert notice.addressee == "测试市政务服务大厅负责同志："
    assert "升级依据：整改期限 2026-05-12 后仍违规：2026-05-13 上午 仅辅助人员" in notice.after_table
    assert "妥否，请批示。" in notice.after_table


def test_other_kinds_quote_their_own_rule_and_give_the_cards_own_rectification_deadline():
    late = "办件 C-1（发票增量增版）超时，截止日期 2026-04-22"
    notice = build_notice(
        data(
            kind=AlertKind.CASE_OVERDUE,
            level=AlertLevel.RED_CARD,
            deadline=date(
                2026, 5, 14
            ),  # the card's: three working days (the hall's setting) after it was raised
            summary="1号窗口（税务局）办件超时 1 件",
            facts=(NoticeFact(MON, None, None, text=late),),
        )
    )
    text = notice.all_text()
    assert notice.table_header == ("日期", "情况")
    assert "办件应在承诺时限内办结" in text
    assert "整改期限为2026年5月14日" in text
    # The case's own due date is a fact in the table, not the deadline to correct by.
    assert notice.table_rows == (("2026年5月11日", late),)
    assert "临时关闭" not in text
    # An alert raised before cards had a deadline of their own gets working days from receipt.
    older = build_notice(
        data(kind=AlertKind.CASE_OVERDUE, deadline=None, facts=(NoticeFact(MON, None, None, text=late),))
    )
    assert f"整改期限为{OTHER_DEADLINE}" in older.all_text()


def test_a_notice_for_an_alert_that_has_ended_is_a_copy_with_its_closing_date():
    from datetime import datetime

    from hallmonitor.domain.enums import AlertState

    notice = build_notice(data(closed_state=AlertState.RESOLVED, closed_at=datetime(2026, 5, 13, 16, 0)))
    assert notice.title == f"{ORDER_TITLE}（副本）"
    assert notice.paragraphs[0] == "本预警已于2026年5月13日结束（已整改），此件为副本，仅供存档查阅。"
    assert "副本" not in build_notice(data()).all_text()


def test_a_long_history_keeps_the_latest_sessions_and_says_how_many_are_left_out():
    facts = tuple(
        NoticeFact(MON + timedelta(days=i), Session.MORNING, StaffingVerdict.UNSTAFFED, ())
        for i in range(MAX_FACT_ROWS + 3)
    )
    notice = build_notice(data(facts=facts))
    assert len(notice.table_rows) == MAX_FACT_ROWS
    assert notice.omitted_rows == 3
    assert notice.table_rows[-1][0] == "2026年6月2日"
    assert notice.after_table[0] == "（另有较早的 3 个时段未列出。）"


def test_a_confirmed_nominal_presence_order_cites_each_sessions_evidence_and_the_finding():
    evidence = "在岗正式人员：张三（公务员，已到岗）；受理办件 6 件，均非排班正式人员受理或审批；受理：李四（劳务派遣）6 件"
    notice = build_notice(
        data(
            kind=AlertKind.NOMINAL_PRESENCE,
            level=AlertLevel.RED_CARD,
            deadline=date(2026, 5, 20),
            facts=(NoticeFact(MON, Session.MORNING, None, text=evidence),),
            findings=("经王督查于2026年05月15日核查确认：调阅监控，张三本周未到窗口",),
        )
    )
    assert notice.title == ORDER_TITLE
    assert notice.addressee == "市场监管局："
    assert "存在正式公职人员挂名的情况" in notice.paragraphs[0]
    assert notice.table_header == ("日期", "时段", "核查情况")
    assert notice.table_rows == (("2026年5月11日", "上午", evidence),)
    assert notice.after_table[0] == "经王督查于2026年05月15日核查确认：调阅监控，张三本周未到窗口"
    assert "相关时段按仅辅助人员值守认定" in notice.after_table[1]
    assert "整改期限为2026年5月20日" in notice.after_table[2]


def test_a_staffing_session_confirmed_as_nominal_says_so_beside_its_verdict():
    fact = NoticeFact(
        MON,
        Session.MORNING,
        StaffingVerdict.AUXILIARY_ONLY,
        (OnDuty("张三", StaffCategory.CIVIL_SERVANT), OnDuty("李四", StaffCategory.LABOUR_DISPATCH)),
        "（经核查确认挂名）",
    )
    notice = build_notice(data(facts=(fact,)))
    assert notice.table_rows == (
        ("2026年5月11日", "上午", "仅辅助人员（经核查确认挂名）", "张三（公务员）、李四（劳务派遣）"),
    )
