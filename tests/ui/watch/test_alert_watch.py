"""The rules run by themselves while the app is open, and new alerts are announced without being looked for."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSystemTrayIcon

from hallmonitor.domain.enums import AlertLevel
from hallmonitor.services.alerts import Change, count_open
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from hallmonitor.ui.watch.announcer import AlertWatch, attach_alert_watch, describe
from hallmonitor.ui.watch.monitor import AlertMonitor, last_session_start
from tests.support.alert_scenario import MON, WED, at, build_ladder

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def env(sqlite_hall, qapp):
    build_ladder(sqlite_hall)
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(at(MON, 8, 50)))
    yield env
    env.runner.wait(10_000)


def test_a_run_at_each_session_start_and_not_in_between(qtbot, env):
    monitor = AlertMonitor(env, debounce_ms=20)
    runs: list[datetime] = []
    monitor.ran.connect(lambda summary: runs.append(summary.as_of))
    with qtbot.waitSignal(monitor.ran, timeout=10_000):
        monitor.start()  # the app's opening
    assert runs == [at(MON, 8, 50)]
    for minute in (55, 59):
        env.clock.now = at(MON, 8, minute)
        monitor.check_clock()
    assert not monitor.busy
    env.clock.now = at(MON, 9, 0)
    with qtbot.waitSignal(monitor.new_alerts, timeout=10_000) as raised:
        monitor.check_clock()
    [change] = raised.args[0]
    assert change.new and change.level is AlertLevel.ORDER_TO_CORRECT
    qtbot.waitUntil(lambda: not monitor.busy, timeout=10_000)
    env.clock.now = at(MON, 9, 30)
    monitor.check_clock()
    env.clock.now = at(MON, 13, 29)
    monitor.check_clock()
    assert not monitor.busy
    env.clock.now = at(MON, 13, 30)
    with qtbot.waitSignal(monitor.ran, timeout=10_000):
        monitor.check_clock()
    assert runs == [at(MON, 8, 50), at(MON, 9, 0), at(MON, 13, 30)]
    assert monitor.clock_timer.interval() == 30_000


def test_last_session_start():
    from hallmonitor.domain.rule_settings import SessionTimes

    times = SessionTimes()
    assert last_session_start(at(MON, 8, 59), times) is None
    assert last_session_start(at(MON, 12, 0), times) == at(MON, 9, 0)
    assert last_session_start(at(MON, 18, 0), times) == at(MON, 13, 30)


def test_a_burst_of_changes_runs_the_rules_once_and_announces_alerts(qtbot, env):
    monitor = AlertMonitor(env, debounce_ms=100)
    env.clock.now = at(MON, 10, 0)
    announced: list[str] = []
    env.bus.changed.connect(announced.append)
    with qtbot.waitSignal(monitor.ran, timeout=10_000):
        for topic in ("roster", "cases", "roster", "windows", "settings"):
            env.bus.announce(topic)
    qtbot.waitUntil(lambda: not monitor.busy, timeout=10_000)
    qtbot.wait(250)
    assert monitor.runs == 1
    assert announced.count("alerts") == 1
    env.bus.announce("charts")  # not a trigger
    env.bus.announce("alerts")  # its own announcement: no loop
    assert not monitor.busy
    # A flag review changes the window's 前店后厂 card: the rules run again.
    with qtbot.waitSignal(monitor.ran, timeout=10_000):
        env.bus.announce("flags")


def test_no_tray_offscreen_so_the_banner_shows_new_alerts_and_escalations(qtbot, env):
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    window = QMainWindow()
    window.setCentralWidget(QLabel("pages"))
    qtbot.addWidget(window)
    watch = AlertWatch(window, env)
    assert watch.tray is None
    window.show()
    assert not watch.banner.isVisible()
    env.clock.now = at(MON, 10, 0)
    with qtbot.waitSignal(watch.monitor.new_alerts, timeout=10_000):
        watch.monitor.run_now()
    assert watch.banner.isVisible()
    assert "1 new alert(s)" in watch.banner.text.text()
    assert "1号窗口" in watch.banner.text.text()
    qtbot.mouseClick(watch.banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not watch.banner.isVisible()

    env.clock.now = at(WED, 9, 30)
    with qtbot.waitSignal(watch.monitor.new_alerts, timeout=10_000):
        watch.monitor.run_now()
    assert watch.banner.isVisible()
    assert "1 escalated" in watch.banner.text.text()
    assert "Escalated:" in watch.banner.text.text()


def test_the_banner_sits_above_the_pages_of_the_main_window_and_opens_the_alert_center(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    watch = attach_alert_watch(window, env, start=False)
    window.show()
    assert window.centralWidget().layout().itemAt(0).widget() is watch.banner
    assert "alerts" in window.page_keys
    env.clock.now = at(MON, 10, 0)
    with qtbot.waitSignal(watch.monitor.new_alerts, timeout=10_000):
        watch.monitor.run_now()
    qtbot.waitUntil(lambda: window.status.alerts_label.property("count") == 1, timeout=10_000)
    qtbot.mouseClick(watch.banner.open_button, Qt.MouseButton.LeftButton)
    assert window.current_key == "alerts"
    assert not watch.banner.isVisible()
    page = window.page("alerts")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert count_open(env.ctx) == 1


def test_describe_puts_escalations_first_and_caps_the_list():
    changes = [Change(i, None, AlertLevel.ORDER_TO_CORRECT, f"窗口{i}", True, False) for i in range(5)]  # type: ignore[arg-type]
    changes.append(Change(9, None, AlertLevel.SUGGEST_CLOSURE, "窗口9", False, True))  # type: ignore[arg-type]
    headline, lines = describe(changes)
    assert headline == "5 new alert(s), 1 escalated"
    assert lines[0] == "Escalated: 窗口9"
    assert lines[-1] == "…and 3 more"


# A tray icon on the offscreen platform looks for a native signal that is not there; harmless.
@pytest.mark.qt_log_ignore("This plugin does not support", "systemTrayWindowChanged")
def test_where_a_tray_exists_one_message_per_run_says_it(qtbot, env):
    window = QMainWindow()
    qtbot.addWidget(window)
    watch = AlertWatch(window, env, use_tray=True)
    assert watch.tray is not None
    shown: list[tuple[str, str, object]] = []
    watch.tray.showMessage = lambda title, body, icon, _ms: shown.append((title, body, icon))  # type: ignore[method-assign]
    env.clock.now = at(MON, 10, 0)
    with qtbot.waitSignal(watch.monitor.new_alerts, timeout=10_000):
        watch.monitor.run_now()
    [(title, body, icon)] = shown
    assert title == "1 new alert(s)"
    assert "1号窗口" in body
    assert icon == QSystemTrayIcon.MessageIcon.Warning
    assert not watch.banner.isVisible()


def test_an_auditors_window_runs_the_rules_but_tells_nothing_of_the_halls_alerts(qtbot, env):
    from dataclasses import replace

    from hallmonitor.domain.enums import Role
    from hallmonitor.services.hall import Actor

    auditor = replace(env, ctx=replace(env.ctx, actor=Actor("审计员甲", Role.AUDITOR)))
    window = QMainWindow()
    window.setCentralWidget(QLabel("审计记录"))
    qtbot.addWidget(window)
    watch = AlertWatch(window, auditor, use_tray=True)
    assert watch.tray is None  # no tray icon offering the alert center either
    window.show()
    auditor.clock.now = at(MON, 10, 0)
    with qtbot.waitSignal(watch.monitor.new_alerts, timeout=10_000):
        watch.monitor.run_now()
    assert not watch.banner.isVisible()
    assert count_open(env.ctx) == 1  # the rules did run: the hall's history stays current


def _in_full_passes(made: object) -> bool:
    # By identity: ``in`` would compare with ==, which some objects (SQL expressions) answer oddly.
    return any(held is made for held in gc.get_objects(generation=2))


def test_what_the_opening_and_a_first_showing_made_is_left_out_of_the_collectors_full_passes(qtbot, env):
    # A full pass over everything the app holds stood the window still for 130–330 ms after the first save.
    window = MainWindow(env)
    qtbot.addWidget(window)
    watch = attach_alert_watch(window, env, start=False)
    window.show()
    made_by_opening = object.__new__(type("Made", (), {}))  # a container the collector tracks
    before = gc.get_freeze_count()
    with qtbot.waitSignal(watch.monitor.ran, timeout=10_000):
        watch.monitor.start()
    assert gc.get_freeze_count() > before
    assert not _in_full_passes(made_by_opening)
    made_by_page = object.__new__(type("Made", (), {}))
    with qtbot.waitSignal(window.page_ready, timeout=10_000):
        window.show_page("alerts")
    assert not _in_full_passes(made_by_page)
    made_later = object.__new__(type("Made", (), {}))
    gc.collect(1)  # its young passes survived: it now waits for a full pass
    assert _in_full_passes(made_later)
