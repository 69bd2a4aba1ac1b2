"""A save that runs off the UI thread while its dialog says so.

A save writes, runs the rules' bookkeeping and reads back what changed: a
tenth of a second or more, and the window must keep painting meanwhile. The
dialog's buttons are disabled so the same save cannot start twice, a busy
cursor and label say why, and everything comes back as it was before the
callback runs, so the callback decides what is enabled afterwards (a voided
case keeps its buttons off). The callbacks die with the widget, as for any
owned operation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from hallmonitor.ui.shell.operations import Operation, OperationRunner
from hallmonitor.ui.shell.owned import owned_operation

_SAVING = "saving"


def saving_text() -> str:
    return QCoreApplication.translate("Saving", "Saving…")


def is_saving(owner: QWidget) -> bool:
    """True while a save started on ``owner`` runs: a second Ctrl+Enter must not store the case twice."""
    return bool(owner.property(_SAVING))


def start_save(
    owner: QWidget,
    runner: OperationRunner,
    name: str,
    work: Callable[[], Any],
    *,
    controls: Iterable[QWidget],
    label: QLabel | None = None,
    text: str | None = None,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> Operation | None:
    """Run ``work()`` in the background with ``controls`` disabled; None when a save already runs."""
    if is_saving(owner):
        return None
    states = [(widget, widget.isEnabled()) for widget in controls]
    for widget, _enabled in states:
        widget.setEnabled(False)
    owner.setProperty(_SAVING, True)
    owner.setCursor(Qt.CursorShape.BusyCursor)
    if label is not None:
        label.setText(text or saving_text())
        label.show()

    def restore() -> None:
        owner.setProperty(_SAVING, False)
        owner.unsetCursor()
        for widget, enabled in states:
            if shiboken6.isValid(widget):
                widget.setEnabled(enabled)
        if label is not None and shiboken6.isValid(label):
            label.hide()

    def succeeded(result: Any) -> None:
        restore()
        on_success(result)

    def failed(exc: BaseException) -> None:
        restore()
        on_failure(exc)

    return runner.start(
        owned_operation(owner, name, lambda _progress: work(), on_success=succeeded, on_failure=failed)
    )
