"""A window walked through the whole ladder with the clock in the test's hands.

Monday 11 May 2026 the window has only auxiliary staff: an order to correct,
due Tuesday. Wednesday it still has only auxiliary staff: suggested closure.
The supervisor closes it; reopening is refused until a formal civil servant is
on its roster; then it reopens. The history holds every step.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
    Role,
    Session,
    StaffCategory,
    WindowState,
)
from hallmonitor.domain.escalation import reopen_refusal
from hallmonitor.reports.notices import CLOSURE_TITLE, ORDER_TITLE, build_notice
from hallmonitor.services.alerts import (
    Action,
    AlertRow,
    acknowledge,
    alert_detail,
    allowed_actions,
    close_window,
    count_alerts,
    count_open,
    list_alerts,
    mark_rectified,
    reopen_window,
    revoke,
    start_rectification,
)
from hallmonitor.services.alerts.notices import notice_data
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError
from hallmonitor.services.rules import run_rules
from hallmonitor.services.staffing import TileStatus, board_snapshot
from hallmonitor.storage.models import Window, WindowStateChange
from tests.support import builders as b
from tests.support.alert_scenario import MON, THU, TUE, WED, as_role, at, build_ladder


def _window_state(ctx: HallContext, window_id: int) -> WindowState:
    with ctx.db.session() as s:
        return s.get(Window, window_id).state


@pytest.fixture
def ladder_hall(hall: HallContext) -> dict[str, int]:
    built = build_ladder(hall)
    return {"window": built.window, "aux": built.aux, "formal": built.formal}


def _the_alert(ctx: HallContext) -> AlertRow:
    [row] = list_alerts(ctx, kind=AlertKind.STAFFING)
    return row


def test_the_whole_ladder(hall: HallContext, ladder_hall: dict[str, int]) -> None:
    w1 = ladder_hall["window"]
    supervisor = as_role(hall, Role.SUPERVISOR)

    summary = run_rules(hall, at(MON, 9, 30))
    alert = _the_alert(hall)
    assert [c.alert_id for c in summary.new_alerts] == [alert.id]
    assert (alert.level, alert.state, alert.deadline) == (AlertLevel.ORDER_TO_CORRECT, AlertState.OPEN, TUE)
    assert alert.window_no == "1"

    order = build_notice(notice_data(hall, alert.id, issued_on=MON))
    assert order.title == ORDER_TITLE
    assert "2026年5月12日" in order.all_text()
    assert "李协理（劳务派遣）" in order.all_text()

    acknowledge(supervisor, alert.id, "已电话通知市场监管局", at=at(MON, 9, 40))
    row = start_rectification(supervisor, alert.id, "下午起安排正式公职人员到岗", at=at(MON, 9, 45))
    assert row.state is AlertState.RECTIFYING
    assert _window_state(hall, w1) is WindowState.RECTIFYING

    with pytest.raises(ServiceError, match="复核未通过") as refused:
        mark_rectified(supervisor, alert.id, "已安排", at=at(MON, 10, 30))
    assert "仅辅助人员" in str(refused.value)
    assert _the_alert(hall).state is AlertState.RECTIFYING

    # Tuesday is compliant, within the deadline: nothing new.
    assert run_rules(hall, at(TUE, 16, 0)).changes == []

    summary = run_rules(hall, at(WED, 9, 30))
    alert = _the_alert(hall)
    assert [c.alert_id for c in summary.escalations] == [alert.id]
    assert alert.level is AlertLevel.SUGGEST_CLOSURE
    assert alert.state is AlertState.RECTIFYING

    closure = build_notice(notice_data(hall, alert.id, issued_on=WED))
    assert closure.title == CLOSURE_TITLE
    assert any("整改期限 2026-05-12 后仍违规" in line for line in closure.after_table)

    # A window lead or a center viewer may not close a window.
    for role in (Role.WINDOW_LEAD, Role.CENTER_VIEWER):
        with pytest.raises(PermissionDenied):
            close_window(as_role(hall, role), alert.id, "整改不到位", at=at(WED, 10, 0))
    assert _window_state(hall, w1) is WindowState.RECTIFYING

    row = close_window(supervisor, alert.id, "整改期限届满仍仅有辅助人员", at=at(WED, 10, 0))
    assert row.state is AlertState.WINDOW_CLOSED
    assert _window_state(hall, w1) is WindowState.CLOSED
    tile = next(t for t in board_snapshot(hall, at(WED, 10, 5)).tiles if t.window_id == w1)
    assert tile.status is TileStatus.CLOSED  # the board paints CLOSED red

    # Closed: the engine no longer judges the window, and the alert stays as it is.
    assert run_rules(hall, at(WED, 14, 0)).changes == []

    with pytest.raises(ServiceError) as refused:
        reopen_window(supervisor, alert.id, "市场监管局已整改", at=at(WED, 15, 0))
    assert str(refused.value) == reopen_refusal()
    assert _window_state(hall, w1) is WindowState.CLOSED

    b.duty(hall, w1, ladder_hall["formal"], THU, Session.MORNING)
    row = reopen_window(supervisor, alert.id, "明日起王科长到岗", at=at(WED, 15, 30))
    assert row.state is AlertState.RESOLVED
    assert row.closed_at == at(WED, 15, 30)
    assert _window_state(hall, w1) is WindowState.OPEN

    detail = alert_detail(hall, alert.id)
    steps = [(e.action, e.actor, e.to_state) for e in detail.events]
    assert steps == [
        ("触发", "系统", "待处理"),
        ("确认", "督查员甲", "已确认"),
        ("开始整改", "督查员甲", "整改中"),
        ("升级", "系统", "整改中"),
        ("临时关闭窗口", "督查员甲", "已关闭窗口"),
        ("重新开放", "督查员甲", "已整改"),
    ]
    notes = [e.note for e in detail.events]
    assert notes[1:3] == ["已电话通知市场监管局", "下午起安排正式公职人员到岗"]
    assert notes[4:] == ["整改期限届满仍仅有辅助人员", "明日起王科长到岗"]
    assert [e.at for e in detail.events] == sorted(e.at for e in detail.events)
    assert [o.key for o in detail.occurrences][:2] == ["2026-05-11 上午", "2026-05-11 下午"]

    with hall.db.session() as s:
        changes = s.execute(
            select(WindowStateChange.from_state, WindowStateChange.to_state, WindowStateChange.actor)
            .where(WindowStateChange.window_id == w1)
            .order_by(WindowStateChange.id)
        ).all()
    assert [(f, t) for f, t, _ in changes] == [
        (WindowState.OPEN, WindowState.RECTIFYING),
        (WindowState.RECTIFYING, WindowState.CLOSED),
        (WindowState.CLOSED, WindowState.OPEN),
    ]
    assert {a for _, _, a in changes} == {"督查员甲"}

    # Thursday morning with the formal civil servant: nothing new is raised.
    assert run_rules(hall, at(THU, 10, 0)).changes == []


def test_mark_rectified_closes_the_order_once_the_current_session_is_compliant(
    hall: HallContext, ladder_hall: dict[str, int]
) -> None:
    run_rules(hall, at(MON, 9, 30))
    alert = _the_alert(hall)
    start_rectification(hall, alert.id, "安排正式公职人员", at=at(MON, 9, 40))
    b.duty(hall, ladder_hall["window"], ladder_hall["formal"], MON, Session.AFTERNOON)
    with pytest.raises(ServiceError, match="复核未通过"):
        mark_rectified(hall, alert.id, "下午王科长到岗", at=at(MON, 11, 0))
    row = mark_rectified(hall, alert.id, "下午王科长到岗", at=at(MON, 13, 40))
    assert row.state is AlertState.RESOLVED
    assert _window_state(hall, ladder_hall["window"]) is WindowState.OPEN
    # Wednesday's new violation opens a new order rather than escalating the resolved one.
    run_rules(hall, at(WED, 9, 30))
    rows = list_alerts(hall, kind=AlertKind.STAFFING)
    assert [(r.state, r.level) for r in rows] == [
        (AlertState.OPEN, AlertLevel.ORDER_TO_CORRECT),
        (AlertState.RESOLVED, AlertLevel.ORDER_TO_CORRECT),
    ]


def test_actions_need_their_text_the_right_state_and_role(
    hall: HallContext, ladder_hall: dict[str, int]
) -> None:
    run_rules(hall, at(MON, 9, 30))
    alert = _the_alert(hall)
    viewer, clerk = as_role(hall, Role.CENTER_VIEWER), as_role(hall, Role.WINDOW_LEAD)
    with pytest.raises(PermissionDenied):
        acknowledge(viewer, alert.id, at=at(MON, 9, 40))
    with pytest.raises(ServiceError, match="请填写整改措施"):
        start_rectification(clerk, alert.id, "  ", at=at(MON, 9, 40))
    with pytest.raises(ServiceError, match="不能重新开放"):
        reopen_window(hall, alert.id, "没关过", at=at(MON, 9, 40))
    with pytest.raises(PermissionDenied):
        revoke(clerk, alert.id, "误报", at=at(MON, 9, 40))
    assert allowed_actions(alert, Role.CENTER_VIEWER) == frozenset()
    assert Action.CLOSE_WINDOW not in allowed_actions(alert, Role.WINDOW_LEAD)
    # An order to correct is not yet a reason to close the window: that is the ladder's last step.
    assert allowed_actions(alert, Role.SUPERVISOR) == {
        Action.ACKNOWLEDGE,
        Action.START_RECTIFICATION,
        Action.MARK_RECTIFIED,
        Action.REVOKE,
    }
    with pytest.raises(ServiceError, match="只有升级为建议临时关闭"):
        close_window(hall, alert.id, "提前关闭", at=at(MON, 9, 45))

    row = revoke(hall, alert.id, "排班数据录入错误", at=at(MON, 9, 50))
    assert row.state is AlertState.REVOKED and not row.is_open
    assert allowed_actions(row, Role.SUPERVISOR) == frozenset()
    assert count_open(hall) == 0
    with pytest.raises(ServiceError, match="已撤销"):
        acknowledge(hall, alert.id, at=at(MON, 9, 55))


def test_list_puts_open_alerts_first_and_filters(hall: HallContext, ladder_hall: dict[str, int]) -> None:
    w2 = b.window(hall, "2", "税务局")
    item = b.item(hall, "I1", promised_days=5)
    b.case(hall, "C-TRIPS", w2, item, at(MON, 9, 10), trips=3)
    run_rules(hall, at(MON, 9, 30))
    rows = list_alerts(hall)
    assert {r.window_no for r in rows} == {"1", "2"}
    first = next(r for r in rows if r.window_no == "1" and r.kind is AlertKind.STAFFING)
    revoke(hall, first.id, "测试", at=at(MON, 9, 40))
    rows = list_alerts(hall)
    assert rows[-1].id == first.id
    assert all(r.is_open for r in rows[:-1])
    assert [r.id for r in list_alerts(hall, open_only=True)] == [r.id for r in rows[:-1]]
    assert {r.window_no for r in list_alerts(hall, window_no="2")} == {"2"}
    assert {r.kind for r in list_alerts(hall, kind=AlertKind.MULTIPLE_TRIPS)} == {AlertKind.MULTIPLE_TRIPS}
    assert [r.id for r in list_alerts(hall, state=AlertState.REVOKED)] == [first.id]
    assert {r.level for r in list_alerts(hall, level=AlertLevel.TO_VERIFY)} == {AlertLevel.TO_VERIFY}
    assert count_open(hall) == len(rows) - 1
    with pytest.raises(ServiceError, match="找不到"):
        alert_detail(hall, 9999)


def test_bulk_revoke_records_one_reason_on_each_and_reports_what_it_could_not_do(
    hall: HallContext, ladder_hall: dict[str, int]
) -> None:
    from hallmonitor.services.alerts import perform_bulk

    w2 = b.window(hall, "2", "税务局")
    item = b.item(hall, "I1", promised_days=5)
    b.case(hall, "C-TRIPS", w2, item, at(MON, 9, 10), trips=3)
    run_rules(hall, at(MON, 9, 30))
    rows = list_alerts(hall)
    assert len(rows) == 3
    revoke(hall, rows[0].id, "先行撤销", at=at(MON, 9, 40))
    result = perform_bulk(hall, [r.id for r in rows], Action.REVOKE, "排班数据录入错误", at=at(MON, 9, 50))
    assert sorted(result.done) == sorted(r.id for r in rows[1:])
    assert [alert_id for alert_id, _why in result.refused] == [rows[0].id]
    assert "已撤销" in result.refused[0][1]
    for row in rows[1:]:
        [event] = [e for e in alert_detail(hall, row.id).events if e.action == "撤销"]
        assert (event.at, event.note) == (at(MON, 9, 50), "排班数据录入错误")
    with pytest.raises(ServiceError, match="撤销理由"):
        perform_bulk(hall, [rows[1].id], Action.REVOKE, " ")
    with pytest.raises(ServiceError, match="逐条处理"):
        perform_bulk(hall, [rows[1].id], Action.CLOSE_WINDOW, "x")
    with pytest.raises(PermissionDenied):
        perform_bulk(as_role(hall, Role.WINDOW_LEAD), [rows[1].id], Action.REVOKE, "x")


def test_reopening_judges_each_person_by_the_category_they_have_on_the_rostered_day(
    hall: HallContext, ladder_hall: dict[str, int]
) -> None:
    from hallmonitor.domain.enums import StaffCategory
    from hallmonitor.services.hall_data import change_category

    supervisor = as_role(hall, Role.SUPERVISOR)
    run_rules(hall, at(MON, 9, 30))
    alert = _the_alert(hall)
    start_rectification(supervisor, alert.id, "安排正式公职人员", at=at(MON, 9, 45))
    run_rules(hall, at(WED, 9, 30))
    close_window(supervisor, alert.id, "整改期限届满仍仅有辅助人员", at=at(WED, 10, 0))
    # 李协理 becomes a civil servant from Friday; on Wednesday and Thursday she is still auxiliary.
    b.duty(hall, ladder_hall["window"], ladder_hall["aux"], THU, Session.MORNING)
    friday = THU + timedelta(days=1)
    change_category(
        hall, ladder_hall["aux"], StaffCategory.CIVIL_SERVANT, "转任", from_day=friday, today=friday
    )

    with pytest.raises(ServiceError) as refused:
        reopen_window(supervisor, alert.id, "李协理已转任", at=at(WED, 15, 30))
    assert str(refused.value) == reopen_refusal()
    assert _window_state(hall, ladder_hall["window"]) is WindowState.CLOSED


def test_a_window_lead_sees_only_the_alerts_of_their_own_windows(hall: HallContext) -> None:
    from dataclasses import replace

    from hallmonitor.services.hall import Actor

    mine, theirs = b.window(hall, "1", "市场监管局"), b.window(hall, "2", "税务局")
    aux = b.staff(hall, "A001", "李协理", StaffCategory.LABOUR_DISPATCH)
    other = b.staff(hall, "A002", "陈协理", StaffCategory.LABOUR_DISPATCH, "税务局")
    b.duty(hall, mine, aux, MON, Session.MORNING)
    b.duty(hall, theirs, other, MON, Session.MORNING)
    run_rules(hall, at(MON, 10, 0))
    assert {a.window_no for a in list_alerts(hall)} == {"1", "2"}
    lead = replace(hall, actor=Actor("窗口负责人甲", Role.WINDOW_LEAD, windows=frozenset({mine})))
    assert [a.window_no for a in list_alerts(lead)] == ["1"]
    assert count_alerts(lead) == 1
