"""大屏模式: every window in large type, the ordered and the closed called out, Esc leaves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
import shiboken6
from PySide6.QtCore import Qt

from hallmonitor.domain.enums import AlertKind, WindowState
from hallmonitor.services.alerts import close_window, list_alerts
from hallmonitor.services.rules import run_rules
from hallmonitor.services.staffing import TileStatus
from hallmonitor.ui.display.screen import REFRESH_MS, HallDisplay, open_hall_display
from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
from tests.support import builders as b
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
    b.window(sqlite_hall, "2", "税务局")
    b.window(sqlite_hall, "3", "公安局", state=WindowState.OUT_OF_SERVICE)
    run_rules(sqlite_hall, at(MON, 9, 30))
    env = UiEnv(ctx=sqlite_hall, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(at(MON, 10, 0)))
    yield env
    env.runner.wait(10_000)


def shown(qtbot, display: HallDisplay) -> HallDisplay:
    qtbot.waitUntil(lambda: display.data is not None and not display._gate.loading, timeout=10_000)
    return display


def test_every_window_the_ordered_and_the_closed_and_esc_leaves(qtbot, env):
    display = shown(qtbot, open_hall_display(None, env))
    try:
        assert display.windowState() & Qt.WindowState.WindowFullScreen
        assert set(display.cells) == {"1", "2", "3"}
        assert display.cells["1"].status is TileStatus.AUXILIARY_ONLY
        assert display.cells["2"].status is TileStatus.UNSTAFFED
        assert display.cells["3"].status is TileStatus.OUT_OF_SERVICE
        side = display.side.text()
        ordered = side.split("Ordered to correct")[1]
        assert "<b>1</b>" in ordered and "<b>2</b>" in ordered
        assert "deadline&nbsp;5/12" in ordered  # kept on one line
        assert display.refresh_timer.interval() == REFRESH_MS
        assert display.clock_label.text() == "10:00"

        # Wednesday: still auxiliary only after the deadline, the order escalates; closing the window
        # elsewhere in the app reaches the display at once.
        run_rules(env.ctx, at(WED, 9, 30))
        alert = next(r for r in list_alerts(env.ctx, kind=AlertKind.STAFFING) if r.window_no == "1")
        close_window(env.ctx, alert.id, "整改不到位", at=at(WED, 10, 0))
        with qtbot.waitSignal(display.data_ready, timeout=10_000):
            env.bus.announce("windows")
        assert display.cells["1"].status is TileStatus.CLOSED
        closed = display.side.text().split("Closure suggested")[0]
        assert "<b>1</b> 市场监管局" in closed
        assert "<b>1</b>" not in display.side.text().split("Ordered to correct")[1]
    finally:
        if shiboken6.isValid(display) and display.isVisible():
            qtbot.keyClick(display, Qt.Key.Key_Escape)
    assert not shiboken6.isValid(display) or not display.isVisible()


def test_the_main_windows_hall_display_action_opens_it(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    assert window.action_display.isEnabled()
    window.action_display.trigger()
    display = shown(qtbot, window.hall_display_widget)
    assert len(display.cells) == 3
    window.action_display.trigger()  # one at a time
    assert window.hall_display_widget is display
    qtbot.keyClick(display, Qt.Key.Key_Escape)
    assert not display.isVisible()
