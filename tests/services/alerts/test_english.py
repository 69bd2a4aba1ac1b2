"""The alert center in English: the record stays Chinese, what a reader is shown and told is English."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind, Role
from hallmonitor.services.alerts import (
    SYSTEM_ACTOR,
    acknowledge,
    alert_detail,
    list_alerts,
    revoke,
    start_rectification,
)
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import Alert, WindowStateChange
from tests.support.alert_scenario import MON, WED, as_role, at, build_ladder
from tests.support.english import HAN


@pytest.fixture
def ladder(hall: HallContext) -> HallContext:
    build_ladder(hall)
    return hall


def test_a_row_and_its_history_read_in_english_while_the_record_stays_chinese(
    ladder: HallContext, english: None
) -> None:
    run_rules(ladder, at(WED, 9, 30))
    [row] = list_alerts(ladder, kind=AlertKind.STAFFING)
    assert row.summary == "Window 1 (市场监管局): rectification falls short, temporary closure suggested"
    assert row.stored_summary == "1号窗口（市场监管局）整改不到位，建议临时关闭"
    with ladder.db.session() as session:
        assert session.scalar(select(Alert.summary).where(Alert.id == row.id)) == row.stored_summary

    acknowledge(as_role(ladder, Role.SUPERVISOR), row.id, "已电话通知市场监管局", at=at(WED, 9, 40))
    detail = alert_detail(ladder, row.id)
    notes = {e.action: (e.note, e.stored_note) for e in detail.events}
    raised, escalated = notes["触发"], notes["升级"]
    assert raised[0] == raised[1] == "2026-05-11 上午 仅辅助人员"  # the verdict's words are data
    assert escalated[0].startswith("2026-05-11 上午 仅辅助人员; still in violation after the rectification")
    assert HAN.search(escalated[1]) and "；整改期限" in escalated[1]
    # What a person wrote is theirs, in their words.
    assert notes["确认"] == ("已电话通知市场监管局", "已电话通知市场监管局")
    assert all(e.actor == SYSTEM_ACTOR for e in detail.events if e.note != e.stored_note)
    assert [o.detail for o in detail.occurrences][:1] == ["仅辅助人员"]


def test_the_workflows_refusals_read_in_english(ladder: HallContext, english: None) -> None:
    run_rules(ladder, at(MON, 9, 30))
    [row] = list_alerts(ladder, kind=AlertKind.STAFFING)
    clerk = as_role(ladder, Role.WINDOW_LEAD)
    with pytest.raises(ServiceError) as refused:
        start_rectification(clerk, row.id, "  ", at=at(MON, 9, 40))
    assert str(refused.value) == "Enter the rectification plan."
    with pytest.raises(ServiceError) as refused:
        alert_detail(ladder, 999)
    assert str(refused.value) == "There is no alert numbered 999."
    revoke(ladder, row.id, "排班数据录入错误", at=at(MON, 9, 50))
    with pytest.raises(ServiceError) as refused:
        acknowledge(ladder, row.id, at=at(MON, 9, 55))
    assert str(refused.value) == f"Alert #{row.id} is “已撤销” now: “acknowledge” does not apply to it."


def test_the_windows_history_records_the_alert_in_chinese_whatever_the_pc_speaks(
    ladder: HallContext, english: None
) -> None:
    run_rules(ladder, at(MON, 9, 30))
    [row] = list_alerts(ladder, kind=AlertKind.STAFFING)
    supervisor = as_role(ladder, Role.SUPERVISOR)
    start_rectification(supervisor, row.id, "下午起安排正式公职人员到岗", at=at(MON, 9, 45))
    revoke(supervisor, row.id, "排班数据录入错误", at=at(MON, 9, 50))
    with ladder.db.session() as session:
        notes = list(session.scalars(select(WindowStateChange.note).order_by(WindowStateChange.at)))
    assert notes[-1] == f"预警 #{row.id} 已撤销：排班数据录入错误"
