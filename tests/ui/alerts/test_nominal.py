"""A 人员挂名 alert in the alert center: its evidence case by case, confirmed with a note."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hallmonitor.domain.enums import AlertKind
from hallmonitor.services.alerts import Action, list_alerts
from hallmonitor.ui.alerts.page import AlertsPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.hall_builder import Clock
from tests.support.nominal_week import import_week

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def env(sqlite_hall, tmp_path: Path, qapp):  # type: ignore[no-untyped-def]
    import_week(sqlite_hall, tmp_path)
    env = UiEnv(
        ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(datetime(2026, 5, 15, 17, 30))
    )
    yield env
    env.runner.wait(10_000)


def open_on_nominal(qtbot, env) -> AlertsPage:  # type: ignore[no-untyped-def]
    page = AlertsPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    [alert] = list_alerts(env.ctx, kind=AlertKind.NOMINAL_PRESENCE)
    page.show_alert(alert.id)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.alert.id == alert.id, timeout=10_000)
    return page


def test_the_alert_shows_each_sessions_roster_and_cases_and_offers_the_review(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    page = open_on_nominal(qtbot, env)
    panel = page.panel
    assert page.fact_labels["level"].text() == "Nominal presence · To verify"
    evidence = panel.evidence
    assert evidence.isVisible() and not panel.occurrences.isVisible()
    assert evidence.topLevelItemCount() == 9
    monday = evidence.topLevelItem(0)
    assert monday.text(0) == "2026-05-11 Morning: suspected nominal presence"
    assert monday.toolTip(0).startswith("受理办件 6 件，均非排班正式人员受理或审批")
    roster = monday.child(0)
    assert roster.text(0) == "On the roster: 张三 (Civil servant, present), 李四 (Labour dispatch, present)"
    first_case = monday.child(1)
    assert [first_case.text(c) for c in range(4)] == ["A01-0511-AM-0", "09:10", "李四 (A)", "李四 (A)"]
    assert first_case.toolTip(2) == "李四 (Labour dispatch)"
    assert monday.childCount() == 1 + 6
    for action in (Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL):
        assert page.action_buttons[action].isVisible() and page.action_buttons[action].isEnabled()


def test_confirming_records_the_note_turns_the_alert_red_and_tells_the_other_pages(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    page = open_on_nominal(qtbot, env)
    asked: list[Action] = []

    def answer(action, _row):  # type: ignore[no-untyped-def]
        asked.append(action)
        return "调阅监控，张三本周未到窗口"

    page.ask_text = answer
    announced: list[str] = []
    env.bus.changed.connect(announced.append)
    qtbot.mouseClick(page.action_buttons[Action.CONFIRM_NOMINAL], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_label.isVisible(), timeout=10_000)
    assert asked == [Action.CONFIRM_NOMINAL]
    assert {"alerts", "alert_actions", "windows", "roster"} <= set(announced)
    history = page.history_model
    qtbot.waitUntil(lambda: history.rowCount() == 2, timeout=10_000)
    last = [history.data(history.index(1, c)) for c in range(history.columnCount())]
    assert last[2] == "Confirm nominal presence" and last[-1] == "调阅监控，张三本周未到窗口"


def test_other_alerts_do_not_offer_the_review(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    page = open_on_nominal(qtbot, env)
    page.panel.show_detail(None)
    for action in (Action.CONFIRM_NOMINAL, Action.DISMISS_NOMINAL):
        assert not page.action_buttons[action].isVisible()
    assert not page.panel.evidence.isVisible()
