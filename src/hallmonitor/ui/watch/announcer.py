"""New alerts reach the supervisor without being looked for: a tray notice, else a banner.

Where the desktop has a system tray, each run's new alerts and escalations
become one tray message (escalations first, a few summaries, then "and N
more": a tray shows one message at a time, and a hundred would bury the one
that matters). Where there is no tray — some Linux desktops, the offscreen
platform of tests — a dismissible banner at the top of the main window says
the same. Clicking either opens the alert center.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertLevel
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.alerts import Change
from hallmonitor.ui.shell import UiEnv, app_icon
from hallmonitor.ui.watch.monitor import AlertMonitor

SHOWN_SUMMARIES = 3
TRAY_MESSAGE_MS = 15_000


def describe(changes: list[Change]) -> tuple[str, list[str]]:
    """(headline, summary lines) for a run's changes, escalations first."""
    ordered = sorted(changes, key=lambda c: (not c.escalated, c.level is not AlertLevel.SUGGEST_CLOSURE))
    new = sum(1 for c in changes if c.new)
    escalated = sum(1 for c in changes if c.escalated)
    parts = []
    if new:
        parts.append(QCoreApplication.translate("AlertNotices", "{n} new alert(s)").format(n=new))
    if escalated:
        parts.append(QCoreApplication.translate("AlertNotices", "{n} escalated").format(n=escalated))
    headline = QCoreApplication.translate("AlertNotices", ", ").join(parts)
    lines = [
        (
            QCoreApplication.translate("AlertNotices", "Escalated: {summary}") if c.escalated else "{summary}"
        ).format(summary=c.summary)
        for c in ordered[:SHOWN_SUMMARIES]
    ]
    if len(ordered) > SHOWN_SUMMARIES:
        lines.append(
            QCoreApplication.translate("AlertNotices", "…and {n} more").format(
                n=len(ordered) - SHOWN_SUMMARIES
            )
        )
    return headline, lines


class AlertBanner(QFrame):
    """A strip above the pages; stays until dismissed or opened, and shows the latest run."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setStyleSheet(
            "QFrame#alertBanner { background: #fdecea; border-bottom: 2px solid #c62828; }"
            "QLabel { color: #7f1d1d; font-size: 14px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 8, 6)
        self.icon = QLabel()
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20)
        )
        self.text = QLabel()
        self.text.setObjectName("alertBannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.open_button = QPushButton(QCoreApplication.translate("AlertNotices", "Open alert center"))
        self.open_button.clicked.connect(self._open)
        self.dismiss_button = QPushButton("✕")
        self.dismiss_button.setObjectName("alertBannerDismiss")
        self.dismiss_button.setToolTip(QCoreApplication.translate("AlertNotices", "Dismiss"))
        self.dismiss_button.setFlat(True)
        self.dismiss_button.setFixedWidth(32)
        self.dismiss_button.clicked.connect(self.hide)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_changes(self, changes: list[Change]) -> None:
        headline, lines = describe(changes)
        self.text.setText(f"{headline} — " + "；".join(lines) if lines else headline)
        self.show()

    def _open(self) -> None:
        self.hide()
        self.open_requested.emit()


class AlertWatch(QObject):
    """The monitor, the tray icon or banner, and the way to the alert center, for one main window."""

    def __init__(self, window: QMainWindow, env: UiEnv, *, use_tray: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        # The rules run on every PC, but only those who read the hall hear of its alerts (not an 审计员).
        self.tells = env.ctx.actor.may(Permission.READ_HALL)
        self.monitor = AlertMonitor(env, self)
        self.banner = AlertBanner()
        self.banner.open_requested.connect(self.open_alert_center)
        self._wrap_central(window)
        tray = (QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray) and self.tells
        self.tray: QSystemTrayIcon | None = None
        if tray:
            # The app's own icon: a warning triangle there would read as a fault.
            icon = app_icon()
            if icon.isNull():
                icon = window.windowIcon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(QCoreApplication.translate("AlertNotices", "HallMonitor"))
            self.tray.messageClicked.connect(self.open_alert_center)
            self.tray.activated.connect(lambda _reason: self.open_alert_center())
            self.tray.show()
        self.monitor.new_alerts.connect(self.notify)

    def _wrap_central(self, window: QMainWindow) -> None:
        central = window.takeCentralWidget()
        holder = QWidget()
        holder.setObjectName("bannerHolder")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        if central is not None:
            layout.addWidget(central, 1)
        window.setCentralWidget(holder)

    def notify(self, changes: list[Change]) -> None:
        if not changes or not self.tells:
            return
        if self.tray is not None:
            headline, lines = describe(changes)
            urgent = any(c.escalated or c.level is AlertLevel.SUGGEST_CLOSURE for c in changes)
            icon = QSystemTrayIcon.MessageIcon.Critical if urgent else QSystemTrayIcon.MessageIcon.Warning
            self.tray.showMessage(headline, "\n".join(lines), icon, TRAY_MESSAGE_MS)
        else:
            self.banner.show_changes(changes)

    def open_alert_center(self) -> None:
        show_page = getattr(self.window, "show_page", None)
        if show_page is not None:
            show_page("alerts")
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()


def attach_alert_watch(window: QMainWindow, env: UiEnv, *, start: bool = True) -> AlertWatch:
    """Hook alerts into a main window: rules run in the background and new alerts are announced."""
    watch = AlertWatch(window, env)
    if start:
        watch.monitor.start()
    return watch
