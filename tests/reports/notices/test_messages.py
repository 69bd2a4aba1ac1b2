"""A notice printed on a PC in English is the same official Chinese document, word for word."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState, Session, StaffingVerdict
from hallmonitor.domain.texts import use_language
from hallmonitor.reports.notices.content import MAX_FACT_ROWS, NoticeContent, NoticeFact, build_notice
from tests.reports.notices.test_content import MON, data

LATE = "办件 C-1（发票增量增版）超时，截止日期 2026-04-22"

#: One notice of each shape the ladder prints: an order, a closure suggestion, another kind's card
#: with and without its own deadline, a copy of an ended alert, a history too long for one page.
NOTICES = {
    "order": {},
    "closure": {
        "level": AlertLevel.SUGGEST_CLOSURE,
        "escalation_reasons": ("整改期限 2026-05-12 后仍违规：2026-05-13 上午 仅辅助人员",),
    },
    "card": {
        "kind": AlertKind.CASE_OVERDUE,
        "level": AlertLevel.RED_CARD,
        "deadline": date(2026, 5, 14),
        "facts": (NoticeFact(MON, None, None, text=LATE),),
    },
    "older card": {
        "kind": AlertKind.MULTIPLE_TRIPS,
        "deadline": None,
        "facts": (NoticeFact(MON, None, None, text=LATE),),
    },
    "nominal": {
        "kind": AlertKind.NOMINAL_PRESENCE,
        "level": AlertLevel.RED_CARD,
        "facts": (NoticeFact(MON, Session.MORNING, None, text="在岗正式人员：张三"),),
        "findings": ("经王督查于2026年05月15日核查确认：调阅监控，张三本周未到窗口",),
    },
    "copy": {"closed_state": AlertState.RESOLVED, "closed_at": datetime(2026, 5, 13, 16, 0)},
    "long": {
        "facts": tuple(
            NoticeFact(MON + timedelta(days=i), Session.MORNING, StaffingVerdict.UNSTAFFED, ())
            for i in range(MAX_FACT_ROWS + 3)
        )
    },
}


def _every_notice() -> dict[str, NoticeContent]:
    return {name: build_notice(data(**changes)) for name, changes in NOTICES.items()}


def test_every_kind_of_notice_reads_the_same_in_english(english) -> None:
    in_english = _every_notice()
    use_language("zh_CN")
    in_chinese = _every_notice()
    for name, notice in in_english.items():
        assert notice == in_chinese[name], name
    assert in_english["copy"].title == "责令整改通知书（副本）"
    assert in_english["long"].after_table[0] == "（另有较早的 3 个时段未列出。）"
    assert in_english["older card"].all_text().count("收到本通知之日起三个工作日内") == 1
