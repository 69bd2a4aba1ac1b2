"""The main window's status bar: the hall, the database, the account, open alerts, the session and the clock.

It reads the session times and the open-alert count off the UI thread and
follows the clock on its own timer, so the window never waits for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.sessions import session_at
from hallmonitor.services.hall import load_settings
from hallmonitor.services.staffing import open_alert_count
from hallmonitor.ui.common import session_name
from hallmonitor.ui.shell.env import UiEnv
from hallmonitor.ui.shell.owned import owned_operation

# The database's label at most: the hall, the account and the clock need the rest of the bar.
DB_LABEL_WIDTH = 420


class HallStatusBar(QStatusBar):
    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._session_times = SessionTimes()
        self.hall_label = QLabel(env.ctx.hall_name)
        # A long path shortened in its middle, whole in the tooltip: cut at the label's edge it ended
        # in half a letter and hid the file's name.
        shown = self.db_label_text(env.ctx.db.display_name)
        self.db_label = QLabel(self.tr("Database: {name}").format(name=shown))
        self.db_label.setToolTip(env.ctx.db.display_name)
        self.db_label.setMaximumWidth(DB_LABEL_WIDTH)
        self.session_label = QLabel()
        self.clock_label = QLabel()
        self.alerts_label = QLabel()
        self.alerts_label.setObjectName("openAlerts")
        if env.demo:
            self.demo_label = QLabel(self.tr("Demo hall"))
            self.demo_label.setObjectName("demoHall")
            self.demo_label.setStyleSheet(
                "background: #fff1b8; color: #874d00; font-weight: bold; padding: 0 8px; border-radius: 3px;"
            )
            self.addWidget(self.demo_label)
        self.account_label = QLabel()
        self.account_label.setObjectName("signedInAccount")
        actor = env.ctx.actor
        if actor.signed_in:
            roles = self.tr(", ").join(role.value for role in actor.roles)
            self.account_label.setText(
                self.tr("Signed in: {name} ({login}, {roles})").format(
                    name=actor.name, login=actor.login, roles=roles
                )
            )
        for widget in (self.hall_label, self.db_label, self.account_label):
            self.addWidget(widget)
        # Only those who read the hall see its open alerts (an 审计员 reads the audit trail alone).
        self.shows_alerts = actor.may(Permission.READ_HALL)
        for widget in (self.alerts_label, self.session_label, self.clock_label):
            if widget is not self.alerts_label or self.shows_alerts:
                self.addPermanentWidget(widget)
        self._clock = QTimer(self)
        self._clock.setInterval(10_000)
        self._clock.timeout.connect(self.tick)
        self._clock.start()

    def db_label_text(self, name: str) -> str:
        room = DB_LABEL_WIDTH - self.fontMetrics().horizontalAdvance(
            self.tr("Database: {name}").format(name="")
        )
        return self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, room - 8)

    def set_open_alerts(self, count: int) -> None:
        if self.alerts_label.property("count") == count:
            return  # told again after every load: a new style sheet re-polishes the label for nothing
        self.alerts_label.setText(self.tr("Open alerts: {count}").format(count=count))
        self.alerts_label.setProperty("count", count)
        colour = "#b3261e" if count else "#2e7d32"
        self.alerts_label.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 0 8px;")

    def tick(self) -> None:
        now = self.env.clock()
        session = session_at(now.time(), self._session_times)
        self.session_label.setText(session_name(session) if session else self.tr("Outside opening hours"))
        self.clock_label.setText(now.strftime("%Y-%m-%d %H:%M"))

    def reload(self) -> None:
        """Read the session times and the open alerts again, off the UI thread."""
        ctx = self.env.ctx

        alerts = self.shows_alerts

        def work(_progress: Any) -> tuple[SessionTimes, int | None]:
            return load_settings(ctx).session_times, open_alert_count(ctx) if alerts else None

        def done(result: tuple[SessionTimes, int | None]) -> None:
            self._session_times, count = result
            if count is not None:
                self.set_open_alerts(count)
            self.tick()

        self.tick()
        self.env.runner.start(
            owned_operation(self, "status bar", work, on_success=done, on_failure=self._reload_failed)
        )

    def _reload_failed(self, exc: BaseException) -> None:
        self.showMessage(self.tr("Could not read the hall's status; see the log file."), 10_000)
