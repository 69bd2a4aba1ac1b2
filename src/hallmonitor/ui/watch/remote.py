"""Changes made on other PCs, shown here: the change feed read, its tables announced as topics.

Every page already redraws on the change bus when this PC changes something;
the same topics, announced for another PC's writes, redraw the same pages, and
the rules monitor runs the rules after them as after a local change. A read
of the feed is one indexed query, off the UI thread.

On SQLite the feed is polled every second. On PostgreSQL one dedicated
connection LISTENs (hallmonitor.storage.listener): another PC's commit wakes
a read at once, and the poll only backs it up every ten seconds. After the
listening connection was lost every page reloads, since what was committed
meanwhile was never notified here.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from hallmonitor.services.hall import changes_since, latest_change, listen_for_changes, trim_changes
from hallmonitor.ui.shell import UiEnv, owned_operation

log = logging.getLogger("hallmonitor.remote")

POLL_MS = 1000
#: With a listening connection the poll is only a safety net.
BACKUP_POLL_MS = 10_000

#: Which pages' topics a table's change concerns.
TOPICS: dict[str, tuple[str, ...]] = {
    "roster_entry": ("roster",),
    "service_case": ("cases",),
    "case_event": ("cases",),
    "special_period": ("cases",),
    "front_shop_flag": ("flags",),
    "nominal_review": ("alerts", "roster"),
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


#: Every topic a page redraws on: announced after a lost listening connection.
ALL_TOPICS: tuple[str, ...] = tuple(dict.fromkeys(t for topics in TOPICS.values() for t in topics))


def topics_for(tables: set[str]) -> list[str]:
    found: list[str] = []
    for table in sorted(tables):
        for topic in TOPICS.get(table, ()):
            if topic not in found:
                found.append(topic)
    return found


class RemoteChanges(QObject):
    """Reads the change feed while the window is open and announces what others changed."""

    #: From the listener's thread: another PC committed (queued to this object's thread).
    _heard = Signal()
    #: From the listener's thread: listening again after a lost connection.
    _relistening = Signal()

    def __init__(
        self,
        env: UiEnv,
        parent: QObject | None = None,
        *,
        interval_ms: int | None = None,
        listen: bool = True,
    ) -> None:
        super().__init__(parent)
        self.env = env
        self.after: int | None = None
        self._polling = False
        self._again = False
        self.listener: Any = None
        self._listen = listen and not env.ctx.db.is_sqlite
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or (BACKUP_POLL_MS if self._listen else POLL_MS))
        self.timer.timeout.connect(self.poll)
        self._heard.connect(self.poll)
        self._relistening.connect(self.reload_all)

    def start(self) -> None:
        db = self.env.ctx.db

        def begin(_progress: Any) -> int:
            trim_changes(db, datetime.now())
            return latest_change(db)

        def started(latest: int) -> None:
            self.after = latest
            self.timer.start()
            if self._listen and self.listener is None:
                self.listener = listen_for_changes(
                    db, lambda _tables: self._heard.emit(), self._relistening.emit
                )
                if self.listener is not None:
                    # Closed with the window, however its event loop ended.
                    self.destroyed.connect(self.listener.stop)

        self.env.runner.start(
            owned_operation(self, "change feed", begin, on_success=started, on_failure=self._failed)
        )

    def stop(self) -> None:
        self.timer.stop()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def reload_all(self) -> None:
        """Every page redraws: changes made while nobody listened were never notified."""
        for topic in ALL_TOPICS:
            self.env.bus.announce(topic)
        self.poll()

    def poll(self) -> None:
        if self.after is None:
            return
        if self._polling:
            self._again = True  # a notification during a read: read once more after it
            return
        self._polling = True
        db, after = self.env.ctx.db, self.after

        def done(result: tuple[int, set[str]]) -> None:
            self._polling = False
            self.after, tables = result
            for topic in topics_for(tables):
                self.env.bus.announce(topic)
            if self._again:
                self._again = False
                self.poll()

        def failed(exc: BaseException) -> None:
            self._polling = False
            self._again = False
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
    # The listening connection is the app's own, outside the pool: closed when the window's loop ends.
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(remote.stop)
    return remote
