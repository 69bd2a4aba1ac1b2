"""The alert center as a supervisor uses it: open alerts first, act, see the record, print the notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from hallmonitor.domain.enums import AlertKind, AlertState, Role
from hallmonitor.domain.escalation import reopen_refusal
from hallmonitor.services.alerts import Action, AlertRow, alert_detail, list_alerts, revoke
from hallmonitor.services.rules import run_rules
from hallmonitor.ui.alerts import page as alerts_page
from hallmonitor.ui.alerts.page import AlertsPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support import builders as b
from tests.support.alert_scenario import MON, WED, as_role, at, build_ladder
from tests.support.notice_checks import assert_reads_back

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def hall(sqlite_hall):
    build_ladder(sqlite_hall)
    w2 = b.window(sqlite_hall, "2", "税务局")
    item = b.item(sqlite_hall, "I1", promised_days=5)
    b.case(sqlite_hall, "C-TRIPS", w2, item, at(MON, 9, 10), trips=3)
    run_rules(sqlite_hall, at(MON, 9, 30))
    return sqlite_hall


def make_env(ctx, qapp) -> UiEnv:
    return UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(at(MON, 10, 0)))


@pytest.fixture
def env(hall, qapp):
    env = make_env(hall, qapp)
    yield env
    env.runner.wait(10_000)


def open_page(qtbot, env) -> AlertsPage:
    page = AlertsPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 820)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page


def select(qtbot, page: AlertsPage, alert_id: int) -> None:
    row = page.model.row_of(alert_id)
    assert row is not None
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.alert.id == alert_id, timeout=10_000)


def staffing_alert(ctx, window_no: str = "1") -> AlertRow:
    return next(r for r in list_alerts(ctx, kind=AlertKind.STAFFING) if r.window_no == window_no)


def test_open_alerts_come_first_and_the_models_are_sound(qtbot, qtmodeltester, env, hall):
    trips = next(r for r in list_alerts(hall, kind=AlertKind.MULTIPLE_TRIPS))
    revoke(hall, trips.id, "申请人自行多跑", at=at(MON, 9, 50))
    page = open_page(qtbot, env)
    rows = page.model.rows
    assert len(rows) == 3
    assert [r.is_open for r in rows] == [True, True, False]
    assert rows[-1].id == trips.id
    assert page.count_label.text() == "Open alerts: 2"
    model = page.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "No."
    assert model.data(model.index(2, 4)) == "Revoked"
    assert model.data(model.index(0, 3)) == "Order to correct"
    qtmodeltester.check(page.model)
    select(qtbot, page, trips.id)
    assert page.history_model.rowCount() == 2
    qtmodeltester.check(page.history_model)
    assert not any(button.isEnabled() for button in page.action_buttons.values())


def test_filters_narrow_the_list(qtbot, env):
    page = open_page(qtbot, env)
    bar = page.filter_bar
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.kind_filter.setCurrentIndex(bar.kind_filter.findData(AlertKind.MULTIPLE_TRIPS))
    assert {r.kind for r in page.model.rows} == {AlertKind.MULTIPLE_TRIPS}
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.kind_filter.setCurrentIndex(0)
    assert bar.window_filter.findData("2") > 0
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.window_filter.setCurrentIndex(bar.window_filter.findData("1"))
    assert {r.window_no for r in page.model.rows} == {"1"}
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.window_filter.setCurrentIndex(0)
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.department_filter.setCurrentIndex(bar.department_filter.findData("税务局"))
    assert {r.department for r in page.model.rows} == {"税务局"}
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.department_filter.setCurrentIndex(0)
    # Raised on Tuesday or later: none yet (everything was raised on Monday morning).
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        bar.since.setDate(QDate(2026, 5, 12))
    assert page.model.rows == [] and page.shown_label.text() == "Showing 0 of 0"


def test_the_list_pages_from_the_database_as_it_scrolls(qtbot, env, monkeypatch):
    monkeypatch.setattr(alerts_page, "PAGE_SIZE", 2)
    asked: list[tuple[int | None, int | None]] = []
    real = alerts_page.list_alerts

    def recording(ctx, f=None, *, limit=None, after=None, **criteria):  # type: ignore[no-untyped-def]
        asked.append((after.id if after else None, limit))
        return real(ctx, f, limit=limit, after=after, **criteria)

    monkeypatch.setattr(alerts_page, "list_alerts", recording)
    page = open_page(qtbot, env)
    # Two rows leave the view room for more, so it asks for the next page by itself, off the UI thread.
    qtbot.waitUntil(lambda: len(page.model.rows) == 3, timeout=10_000)
    # The second page starts after the first page's last alert.
    assert asked[:2] == [(None, 2), (page.model.rows[1].id, 2)]
    assert page.model.total == 3
    assert page.shown_label.text() == "Showing 3 of 3"
    assert not page.model.canFetchMore()
    assert len({r.id for r in page.model.rows}) == 3


def test_grouped_by_window_lists_window_by_window(qtbot, env):
    page = open_page(qtbot, env)
    # Most severe first: both orders to correct (newest first), then window 2's trips to verify.
    assert [(r.window_no, r.kind) for r in page.model.rows] == [
        ("2", AlertKind.STAFFING),
        ("1", AlertKind.STAFFING),
        ("2", AlertKind.MULTIPLE_TRIPS),
    ]
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.filter_bar.by_window.setChecked(True)
    assert [(r.window_no, r.kind) for r in page.model.rows] == [
        ("1", AlertKind.STAFFING),
        ("2", AlertKind.STAFFING),
        ("2", AlertKind.MULTIPLE_TRIPS),
    ]


def test_selected_alerts_are_acknowledged_together_with_one_note(qtbot, env, hall):
    page = open_page(qtbot, env)
    page.table.selectAll()
    button = page.bulk_buttons[Action.ACKNOWLEDGE]
    qtbot.waitUntil(button.isEnabled, timeout=5_000)
    assert button.text().endswith("（3）")
    asked: list[int] = []

    def answer(action, rows):
        asked.append(len(rows))
        return "已通知各窗口"

    page.ask_text = answer
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(r.state is AlertState.ACKNOWLEDGED for r in list_alerts(hall)), timeout=10_000
    )
    assert asked == [3]
    notes = {e.note for r in list_alerts(hall) for e in alert_detail(hall, r.id).events if e.action == "确认"}
    assert notes == {"已通知各窗口"}
    qtbot.waitUntil(page.message_label.isVisible, timeout=10_000)
    assert "3" in page.message_label.text()


def test_an_action_asks_why_changes_the_state_and_adds_to_the_history(qtbot, env, hall):
    page = open_page(qtbot, env)
    alert = staffing_alert(hall)
    select(qtbot, page, alert.id)
    before = page.history_model.rowCount()
    asked: list[tuple[Action, int]] = []

    def answer(action, row):
        asked.append((action, row.id))
        return "下午起安排正式公职人员到岗"

    page.ask_text = answer
    announced: list[str] = []
    env.bus.changed.connect(announced.append)
    qtbot.mouseClick(page.action_buttons[Action.START_RECTIFICATION], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.alert.state is AlertState.RECTIFYING, timeout=10_000)
    assert asked == [(Action.START_RECTIFICATION, alert.id)]
    assert {"alerts", "windows"} <= set(announced)
    history = page.history_model
    assert history.rowCount() == before + 1
    last = [history.data(history.index(history.rowCount() - 1, c)) for c in range(history.columnCount())]
    assert last[1:] == ["tester", "Start rectification", "Pending → Rectifying", "下午起安排正式公职人员到岗"]
    assert "Rectifying" in page.fact_labels["window"].text()
    assert not page.action_buttons[Action.START_RECTIFICATION].isEnabled()

    # Still only auxiliary staff this morning: the re-check refuses, and says why where the user looks.
    page.ask_text = lambda _a, _r: "已安排"
    qtbot.mouseClick(page.action_buttons[Action.MARK_RECTIFIED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.message_label.isVisible, timeout=10_000)
    assert "复核未通过" in page.message_label.text()
    assert alert_detail(hall, alert.id).alert.state is AlertState.RECTIFYING

    # Cancelling the dialog does nothing.
    page.ask_text = lambda _a, _r: None
    qtbot.mouseClick(page.action_buttons[Action.REVOKE], Qt.MouseButton.LeftButton)
    assert alert_detail(hall, alert.id).alert.state is AlertState.RECTIFYING


def test_close_then_reopen_without_a_formal_civil_servant_is_refused(qtbot, env, hall):
    env.clock.now = at(WED, 10, 0)
    run_rules(hall, at(WED, 9, 30))
    page = open_page(qtbot, env)
    alert = staffing_alert(hall)
    select(qtbot, page, alert.id)
    page.ask_text = lambda _a, _r: "整改期限届满仍仅有辅助人员"
    qtbot.mouseClick(page.action_buttons[Action.CLOSE_WINDOW], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.alert.state is AlertState.WINDOW_CLOSED, timeout=10_000)
    assert "Temporarily closed" in page.fact_labels["window"].text()
    assert page.action_buttons[Action.REOPEN_WINDOW].isEnabled()
    qtbot.mouseClick(page.action_buttons[Action.REOPEN_WINDOW], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.message_label.isVisible, timeout=10_000)
    assert page.message_label.text() == reopen_refusal()


def test_a_viewer_sees_everything_and_can_do_nothing(qtbot, hall, qapp):
    env = make_env(as_role(hall, Role.CENTER_VIEWER), qapp)
    page = open_page(qtbot, env)
    assert page.model.rowCount() == 3
    assert not any(button.isEnabled() for button in page.action_buttons.values())
    assert page.print_button.isEnabled()
    env.runner.wait(10_000)


def test_print_notice_saves_a_pdf_that_reads_back(qtbot, env, hall, tmp_path: Path):
    page = open_page(qtbot, env)
    select(qtbot, page, staffing_alert(hall).id)
    target = tmp_path / "notice.pdf"
    page.ask_path = lambda _row: str(target)
    page.open_saved_notice = False
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    qtbot.waitUntil(page.message_label.isVisible, timeout=10_000)
    assert "责令整改通知书" in page.message_label.text()
    assert_reads_back(target, "1号窗口", "2026年5月12日", "工", "日", "人")


def test_the_notice_of_an_ended_alert_is_printed_as_a_copy_after_a_warning(qtbot, env, hall, tmp_path: Path):
    alert = staffing_alert(hall)
    revoke(hall, alert.id, "排班录入错误", at=at(MON, 9, 45))
    page = open_page(qtbot, env)
    select(qtbot, page, alert.id)
    warned: list[int] = []
    page.ask_copy = lambda row: warned.append(row.id) or True
    target = tmp_path / "copy.pdf"
    page.ask_path = lambda _row: str(target)
    page.open_saved_notice = False
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert warned == [alert.id]
    assert_reads_back(target, "责令整改通知书（副本）", "2026年5月11日结束（已撤销）")
    # Declining the warning prints nothing.
    page.ask_copy = lambda _row: False
    declined = tmp_path / "declined.pdf"
    page.ask_path = lambda _row: str(declined)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert not declined.exists()


def test_an_empty_list_says_why_and_what_to_do(qtbot, sqlite_hall, qapp):
    env = make_env(sqlite_hall, qapp)
    page = AlertsPage(env)
    qtbot.addWidget(page)
    page.resize(1190, 680)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    assert page.empty_hint.shown and "no windows yet" in page.empty_hint.text()
    assert "File ▸ Import" in page.empty_hint.text()
    assert page.panel.summary_label.text().startswith("Select an alert")  # not "nothing matches"
    env.runner.wait(10_000)


def test_a_hall_whose_windows_have_no_alert_says_so(qtbot, sqlite_hall, qapp):
    b.window(sqlite_hall, "1", "税务局")
    env = make_env(sqlite_hall, qapp)
    page = AlertsPage(env)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.refresh()
    assert page.empty_hint.shown and page.empty_hint.text().startswith("No alerts yet")
    env.runner.wait(10_000)


def test_a_filter_that_matches_nothing_says_to_widen_it(qtbot, env):
    page = open_page(qtbot, env)
    assert not page.empty_hint.shown
    with qtbot.waitSignal(page.data_ready, timeout=10_000):
        page.filter_bar.since.setDate(QDate(2026, 5, 12))  # everything was raised on Monday
    assert page.model.rowCount() == 0
    assert page.empty_hint.shown and "widen or clear" in page.empty_hint.text()


def test_the_history_takes_most_of_the_panel_on_a_1366x768_screen(qtbot, env, hall):
    page = open_page(qtbot, env)
    page.resize(1190, 680)  # the page's room on a 1366×768 screen
    select(qtbot, page, staffing_alert(hall).id)
    qtbot.wait(1)
    history, occurrences = page.panel.history, page.panel.occurrences
    row = history.verticalHeader().defaultSectionSize()
    assert history.viewport().height() >= 8 * row  # a long ladder of actions, not four rows
    assert history.height() > 2 * occurrences.height()


def test_the_open_count_has_one_name_everywhere(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale

    from hallmonitor.app import install_translations

    saved = QLocale()
    translators = install_translations(qapp, "zh_CN")
    try:
        contexts = ("AlertsPage", "HallStatusBar", "BoardPage", "BoardTiles")
        names = {QCoreApplication.translate(c, "Open alerts: {count}") for c in contexts}
        assert names == {"待处理预警：{count}"}
        assert QCoreApplication.translate("AlertFilterBar", "Open (needs action)").startswith("待处理")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(saved)


def test_after_an_action_only_its_row_is_redrawn_and_the_selection_stays(qtbot, env, hall):
    page = open_page(qtbot, env)
    alert = staffing_alert(hall)
    select(qtbot, page, alert.id)
    row = page.model.row_of(alert.id)
    resets: list[bool] = []
    redrawn: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.model.dataChanged.connect(lambda top, bottom, *_: redrawn.extend(range(top.row(), bottom.row() + 1)))
    page.ask_text = lambda _a, _r: "已电话通知窗口负责人"
    page.run_action(Action.ACKNOWLEDGE)
    qtbot.waitUntil(lambda: page.detail.alert.state is AlertState.ACKNOWLEDGED, timeout=10_000)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=10_000)
    state = page.model.index(row, 4)
    assert not resets and redrawn == [row]
    assert state.data() == "Acknowledged"
    assert page.table.currentIndex().row() == row
    # Every column holds its heading and the text of its rows, the new state's too (the summary
    # stretches to the edge).
    for column in range(page.model.columnCount() - 1):
        shown = page.table.columnWidth(column)
        assert shown >= page.table.horizontalHeader().sectionSizeHint(column)
        for r in range(page.model.rowCount()):
            text = page.model.index(r, column).data()
            assert page.table.fontMetrics().horizontalAdvance(text) < shown, (column, text)
