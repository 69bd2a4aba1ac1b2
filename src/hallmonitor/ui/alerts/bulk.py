"""Acting on many alerts at once from the alert center: 确认 or 撤销 the selected ones with one note.

Each alert's action is still recorded on its own (``perform_bulk``), so the
history reads the same as if they had been handled one by one; what another
PC changed meanwhile is reported in the sentence, not silently skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from hallmonitor.services.alerts import (
    BULK_ACTIONS,
    Action,
    AlertRow,
    BulkResult,
    allowed_actions,
    perform_bulk,
)
from hallmonitor.ui.common import action_name
from hallmonitor.ui.shell import Operation, UiEnv


class BulkHost(Protocol):
    """What bulk actions need of the page they run from (the alert center)."""

    env: UiEnv
    table: QTableView
    model: Any
    message_label: QLabel
    bulk_buttons: dict[Action, QPushButton]
    ask_text: Callable[[Action, Any], str | None]

    def say(self, text: str, *, error: bool = False) -> None: ...

    def _announce(self, action: Action, window: bool) -> None: ...

    def _action_failed(self, exc: BaseException) -> None: ...


def button_text(action: Action) -> str:
    return QCoreApplication.translate("AlertsPage", "{action} selected").format(action=action_name(action))


def selected_rows(page: BulkHost) -> list[AlertRow]:
    rows = sorted({i.row() for i in page.table.selectionModel().selectedRows()})
    return [page.model.rows[r] for r in rows if 0 <= r < len(page.model.rows)]


def show_allowed(page: BulkHost) -> None:
    """Enable each bulk button when several selected alerts allow its action, and say how many."""
    role = page.env.ctx.actor.role
    selected = selected_rows(page)
    for action, button in page.bulk_buttons.items():
        able = [r for r in selected if action in allowed_actions(r, role)]
        button.setEnabled(len(able) > 1 or (len(able) == 1 and len(selected) > 1))
        button.setText(button_text(action) + (f"（{len(able)}）" if len(selected) > 1 and able else ""))


def run_bulk(page: BulkHost, action: Action) -> None:
    """Acknowledge or revoke every selected alert that allows it, with one note or reason."""
    assert action in BULK_ACTIONS
    role = page.env.ctx.actor.role
    rows = [r for r in selected_rows(page) if action in allowed_actions(r, role)]
    if not rows:
        return
    text = page.ask_text(action, rows)
    if text is None:
        return
    page.message_label.setVisible(False)
    ctx, at, ids = page.env.ctx, page.env.clock(), [r.id for r in rows]

    def done(result: BulkResult) -> None:
        message = QCoreApplication.translate("AlertsPage", "{action}: {done} alerts.").format(
            action=action_name(action), done=len(result.done)
        )
        if result.refused:
            first_id, why = result.refused[0]
            message += " " + QCoreApplication.translate(
                "AlertsPage", "{count} were not changed (#{id}: {why})"
            ).format(count=len(result.refused), id=first_id, why=why)
        page.say(message, error=bool(result.refused))
        page._announce(action, True)

    page.env.runner.start(
        Operation(
            f"alerts {action.name}",
            lambda _p: perform_bulk(ctx, ids, action, text, at=at),
            on_success=done,
            on_failure=page._action_failed,
        )
    )
