"""Runs the rules while the app is open: after changes, and at every session start.

A supervisor should not have to press anything for a violation to become an
alert: saving a roster, entering a case or changing a window or a setting
runs the rules (a burst of saves runs them once, after a second of quiet),
and so does the start of each session — the moment an unstaffed window
becomes a fact. The clock is the environment's, so tests move time by hand.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.services.hall import load_settings
from hallmonitor.services.rules import RunSummary, run_rules
from hallmonitor.ui.shell import UiEnv, owned_operation, set_aside_live_objects

log = logging.getLogger("hallmonitor.ui")

#: Bus topics whose changes can raise or clear alerts: facts, flag reviews and people's actions on alerts
#: ("alerts" itself is what a run announces, so it must not start one).
TRIGGER_TOPICS = frozenset(
    {"roster", "cases", "windows", "staff", "settings", "complaints", "calendar", "flags", "alert_actions"}
)
DEBOUNCE_MS = 1000
CLOCK_CHECK_MS = 30_000


def last_session_start(moment: datetime, times: SessionTimes) -> datetime | None:
    """The latest session start of ``moment``'s day that is not after ``moment``."""
    starts = [datetime.combine(moment.date(), t) for t in (times.morning_start, times.afternoon_start)]
    passed = [s for s in starts if s <= moment]
    return passed[-1] if passed else None


class AlertMonitor(QObject):
    #: The alerts raised or escalated by a run (services.alerts.Change), for tray notices and banners.
    new_alerts = Signal(list)
    #: Every finished run's summary.
    ran = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        env: UiEnv,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        clock_check_ms: int = CLOCK_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.env = env
        self.session_times = SessionTimes()
        self._fired_for: datetime | None = None
        self._running = False
        self._again = False
        self._opening = False
        self.runs = 0
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.run_now)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(clock_check_ms)
        self.clock_timer.timeout.connect(self.check_clock)
        env.bus.changed.connect(self._on_changed)

    def start(self) -> None:
        """Run once for the app's opening, then watch the clock."""
        self._opening = True
        self._fired_for = last_session_start(self.env.clock(), self.session_times)
        self.clock_timer.start()
        self.run_now()

    def stop(self) -> None:
        self.clock_timer.stop()
        self.debounce.stop()

    @property
    def busy(self) -> bool:
        return self._running or self.debounce.isActive()

    def _on_changed(self, topic: str) -> None:
        if topic in TRIGGER_TOPICS:
            self.debounce.start()

    def check_clock(self) -> None:
        """Run once when a session has started since the last look at the clock."""
        start = last_session_start(self.env.clock(), self.session_times)
        if start is not None and (self._fired_for is None or start > self._fired_for):
            self._fired_for = start
            log.info("session started at %s: running the rules", start)
            self.run_now()

    def run_now(self) -> None:
        self.debounce.stop()
        if self._running:
            self._again = True
            return
        self._running = True
        ctx, as_of = self.env.ctx, self.env.clock()

        def work(_progress: Any) -> tuple[RunSummary, SessionTimes]:
            summary = run_rules(ctx, as_of)
            return summary, load_settings(ctx).session_times

        self.env.runner.start(
            owned_operation(self, "alert rules", work, on_success=self._done, on_failure=self._failed)
        )

    def _done(self, result: tuple[RunSummary, SessionTimes]) -> None:
        summary, self.session_times = result
        self._finish()
        self.runs += 1
        self.ran.emit(summary)
        self.env.bus.announce("alerts")
        noticed = [c for c in summary.changes if c.new or c.escalated]
        if noticed:
            self.new_alerts.emit(noticed)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        log.warning("the rules could not run: %s", exc)
        self.failed.emit(exc)

    def _finish(self) -> None:
        self._running = False
        if self._opening:
            # The opening run is the last of the app's opening: what it made stays until the app quits.
            self._opening = False
            set_aside_live_objects()
        if self._again:
            self._again = False
            self.debounce.start()
