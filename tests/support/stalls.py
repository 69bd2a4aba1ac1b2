"""The demo hall's main window, a 20 ms timer that records how late it fires, and three things a supervisor does.

Shared by tests/ui/test_no_stalls.py (which checks where the work ran) and
benchmarks/bench_stalls.py (which reports how long the window stood still).
A gap is the time between two ticks of a 20 ms QTimer on the UI thread: while
the thread runs a query or rebuilds widgets the timer cannot fire, so the
longest gap is the longest the window could not paint or take a key. On a
PC busy with other programs a gap also holds the time the thread waited for
a processor; the processor time the UI thread itself spent between two ticks
(``cpu_gaps``) leaves that out: it is the app's own share of the gap.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QElapsedTimer, QTimer

from hallmonitor.demo.builder import build_demo
from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.alerts import Action, allowed_actions
from hallmonitor.services.cases import CaseFilter, fetch_cases
from hallmonitor.services.hall import hall_context
from hallmonitor.storage.database import open_database

#: The demo's today: a Friday two weeks after the May Day holiday.
TODAY = date(2026, 5, 15)
NOW = datetime.combine(TODAY, time(10, 0))
TICK_MS = 20


class GapRecorder:
    """Ticks every 20 ms on the UI thread and keeps the time between ticks."""

    def __init__(self) -> None:
        self.gaps: list[int] = []
        #: Milliseconds of processor time the UI thread used between the same ticks.
        self.cpu_gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._last = 0
        self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self.cpu_gaps.clear()
        self._clock.start()
        self._last = 0
        self._last_cpu = clock.thread_time()
        self._timer.start()

    def stop(self) -> list[int]:
        self._timer.stop()
        return self.gaps

    def _tick(self) -> None:
        now, cpu = self._clock.elapsed(), clock.thread_time()
        self.gaps.append(now - self._last)
        self.cpu_gaps.append(round((cpu - self._last_cpu) * 1000))
        self._last, self._last_cpu = now, cpu

    @property
    def longest(self) -> int:
        return max(self.gaps, default=0)

    @property
    def longest_cpu(self) -> int:
        return max(self.cpu_gaps, default=0)


@dataclass
class DemoWindow:
    window: object
    env: object
    watch: object

    @property
    def idle(self) -> bool:
        """No page loading, nothing being saved, no rules run waiting or running."""
        return not self.env.runner.busy and not self.watch.monitor.busy  # type: ignore[attr-defined]

    def page(self, key: str) -> object:
        self.window.show_page(key)  # type: ignore[attr-defined]
        return self.window.page(key)  # type: ignore[attr-defined]


def build_demo_file(url: str, weeks: int = 2) -> None:
    """The demo hall in the (migrated, empty) database at ``url``."""
    db = open_database(url)
    try:
        build_demo(db, seed=2026, today=TODAY, weeks=weeks)
    finally:
        db.close()


def open_demo_window(url: str, *, debounce_ms: int = 1000) -> DemoWindow:
    """The main window on the demo hall at 1366×768, with the alert watch that runs the rules after changes."""
    from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv
    from hallmonitor.ui.watch import attach_alert_watch

    env = UiEnv(
        ctx=hall_context(open_database(url)), runner=OperationRunner(), bus=ChangeBus(), clock=lambda: NOW
    )
    window = MainWindow(env)
    window.remember = False
    window.resize(1366, 768)
    watch = attach_alert_watch(window, env, start=False)
    watch.monitor.debounce.setInterval(debounce_ms)
    window.show()
    watch.monitor.start()
    return DemoWindow(window, env, watch)


def save_a_case(demo: DemoWindow) -> Callable[[], bool]:
    """Open the newest open case and, once it shows, record its completion; the test says when that shows."""
    page = demo.page("cases")
    env = demo.env
    newest = fetch_cases(env.ctx, CaseFilter(status=CaseStatus.ACCEPTED), "received_at", True, 0, 1)  # type: ignore[attr-defined]
    dialog = page.open_case(newest[0].id)  # type: ignore[attr-defined]
    recorded: list[bool] = []

    def record() -> None:
        if not recorded:  # the case as opened; the next showing is the case as completed
            recorded.append(True)
            dialog.completion_note.setText("材料齐全")
            dialog.record_completion()

    dialog.detail_shown.connect(record)
    return lambda: (
        bool(recorded) and dialog.detail is not None and dialog.detail.status is CaseStatus.COMPLETED
    )


def save_the_roster(demo: DemoWindow) -> Callable[[], bool]:
    """Add someone to the week's first cell and save; the returned test says when the grid is saved."""
    page = demo.page("roster")
    key = next(iter(page.model.current_cells()))  # type: ignore[attr-defined]
    cell = {entry.staff_id for entry in page.model.cell(key)}  # type: ignore[attr-defined]
    person = next(p for p in page.week.staff if p.id not in cell)  # type: ignore[attr-defined]
    page.add_staff_ids(key, [person.id])  # type: ignore[attr-defined]
    assert page.model.dirty  # type: ignore[attr-defined]
    page.save()  # type: ignore[attr-defined]
    return lambda: not page.model.dirty  # type: ignore[attr-defined]


def choose_an_alert(demo: DemoWindow) -> Callable[[], bool]:
    """Select the first listed alert that can still be acknowledged; the test says when its detail shows."""
    page = demo.page("alerts")
    role = demo.env.ctx.actor.role  # type: ignore[attr-defined]
    row = next(r for r in page.model.rows if Action.ACKNOWLEDGE in allowed_actions(r, role))  # type: ignore[attr-defined]
    page.show_alert(row.id)  # type: ignore[attr-defined]
    return lambda: page.detail is not None and page.detail.alert.id == row.id  # type: ignore[attr-defined]


def act_on_an_alert(demo: DemoWindow) -> Callable[[], bool]:
    """Acknowledge the selected alert (or revoke it when that is all it allows); the test says when it moved."""
    page = demo.page("alerts")
    row = page.detail.alert  # type: ignore[attr-defined]
    allowed = allowed_actions(row, demo.env.ctx.actor.role)  # type: ignore[attr-defined]
    action = Action.ACKNOWLEDGE if Action.ACKNOWLEDGE in allowed else sorted(allowed)[0]
    page.ask_text = lambda _action, _row: "已电话通知窗口负责人"  # type: ignore[attr-defined]
    page.run_action(action)  # type: ignore[attr-defined]
    return lambda: page.detail is not None and page.detail.alert.version != row.version  # type: ignore[attr-defined]
