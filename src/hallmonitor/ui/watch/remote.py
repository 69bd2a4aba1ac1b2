"""Changes made on other PCs, shown here: the change feed polled, its tables announced as topics.

Every page already redraws on the change bus when this PC changes something;
the same topics, announced for another PC's writes, redraw the same pages, and
the rules monitor runs the rules after them as after a local change. A poll
is one indexed query a second, off the UI thread; after a lost connection the
next poll that works catches up on everything since, so nothing is missed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer

from hallmonitor.services.hall import changes_since, latest_change, trim_changes
from hallmonitor.ui.shell import UiEnv, owned_operation

log = logging.getLogger("hallmonitor.remote")

POLL_MS = 1000

#: Which pages' topics a table's change concerns.
TOPICS: dict[str, tuple[str, ...]] = {
    "roster_entry": ("roster",),
    "service_case": ("cases",),
    "case_event": ("cases",),
    "special_period": ("cases",),
    "front_shop_flag": ("flags",),
    "complaint": ("complaints",),
    "alert": ("alerts",),
    "alert_event": ("alerts",),
    "alert_occurrence": ("alerts",),
    "service_window": ("windows",),
    "window_state_change": ("windows",),
    "staff": ("staff",),
    "staff_category_change": ("staff",),
    "item": ("items",),
    "department": ("departments",),
    "setting": ("settings",),
    "rule_settings_version": ("settings",),
    "calendar_override": ("settings", "calendar"),
    "hall": ("settings",),
}


def topics_for(tables: set[str]) -> list[str]:
    found: list[str] = []
    for table in sorted(tables):
        for topic in TOPICS.get(table, ()):
            if topic not in found:
                found.append(topic)
    return found


class RemoteChanges(QObject):
    """Polls the change feed while the window is open and announces what others changed."""

    def __init__(self, env: UiEnv, parent: QObject | None = None, *, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.env = env
        self.after: int | None = None
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        db = self.env.ctx.db

        def begin(_progress: Any) -> int:
            trim_changes(db, datetime.now())
            return latest_change(db)

        def started(latest: int) -> None:
            self.after = latest
            self.timer.start()

        self.env.runner.start(
            owned_operation(self, "change feed", begin, on_success=started, on_failure=self._failed)
        )

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        if self._polling or self.after is None:
            return
        self._polling = True
        db, after = self.env.ctx.db, self.after

        def done(result: tuple[int, set[str]]) -> None:
            self._polling = False
            self.after, tables = result
            for topic in topics_for(tables):
                self.env.bus.announce(topic)

        def failed(exc: BaseException) -> None:
            self._polling = False
            self._failed(exc)

        self.env.runner.start(
            owned_operation(
                self,
                "other PCs' changes",
                lambda _p: changes_since(db, after),
                on_success=done,
                on_failure=failed,
            )
        )

    def _failed(self, exc: BaseException) -> None:
        # The database is unreachable for a moment: the next poll catches up from where this one stood.
        log.warning("reading other PCs' changes failed: %s", exc)


def attach_remote_changes(window: QObject, env: UiEnv, *, start: bool = True) -> RemoteChanges:
    remote = RemoteChanges(env, window)
    if start:
        remote.start()
    return remote
