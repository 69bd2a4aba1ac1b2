"""打印通知书 from the alert center: the notice's facts off the UI thread, then the PDF, then open it.

An alert that has already ended (已整改, 已撤销...) still gets its notice, for
the record, but the supervisor is told first, and the paper says 副本 with the
closing date, so nobody mistakes it for a live order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from hallmonitor.services.alerts import AlertRow
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.common import alert_state_name
from hallmonitor.ui.shell import Operation, UiEnv, open_path


class NoticeHost(Protocol):
    """What printing needs of the page it runs from (the alert center)."""

    env: UiEnv
    message_label: QLabel
    open_saved_notice: bool
    last_notice: Path | None
    ask_copy: Callable[[AlertRow], bool]
    ask_path: Callable[[AlertRow], str | None]

    def say(self, text: str, *, error: bool = False) -> None: ...

    def _action_failed(self, exc: BaseException) -> None: ...


def ask_copy(page: QWidget, row: AlertRow) -> bool:
    """Whether to print a copy of an ended alert's notice; the page's tests answer for the user."""
    when = f"{row.closed_at:%Y-%m-%d}" if row.closed_at else ""
    answer = QMessageBox.question(
        page,
        QCoreApplication.translate("AlertsPage", "This alert has ended"),
        QCoreApplication.translate(
            "AlertsPage",
            "Alert #{id} ended on {day} ({state}). The notice will be printed marked as a copy. Print it?",
        ).format(id=row.id, day=when, state=alert_state_name(row.state)),
    )
    return answer == QMessageBox.StandardButton.Yes


def print_notice(page: NoticeHost, row: AlertRow) -> None:
    if not row.is_open and not page.ask_copy(row):
        return
    path = page.ask_path(row)
    if not path:
        return
    page.message_label.setVisible(False)
    ctx, today = page.env.ctx, page.env.clock().date()

    def work(_progress: Any) -> Any:
        from hallmonitor.reports.notices import build_notice
        from hallmonitor.services.alerts import notice_data

        return build_notice(notice_data(ctx, row.id, issued_on=today))

    def render(content: Any) -> None:
        from hallmonitor.ui.printing import write_notice_pdf

        try:
            write_notice_pdf(content, path)
        except (ServiceError, OSError) as exc:
            page._action_failed(exc if isinstance(exc, ServiceError) else ServiceError(str(exc)))
            return
        page.last_notice = Path(path)
        page.say(
            QCoreApplication.translate("AlertsPage", "{title} saved: {path}").format(
                title=content.title, path=path
            )
        )
        if page.open_saved_notice:
            open_path(path)

    page.env.runner.start(Operation("alert notice", work, on_success=render, on_failure=page._action_failed))
