"""Errors as sentences, and long work behind a progress dialog.

A supervisor is not helped by a traceback: an error the services foresaw
(ServiceError, DatabaseError) already carries a sentence and gets a hint of
what to do; anything else gets a generic sentence and the path of the log
file, where the details were written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from hallmonitor.ui.shell.operations import Operation, OperationRunner, ProgressFn

log = logging.getLogger("hallmonitor.ui")


def error_text(exc: BaseException) -> tuple[str, str]:
    """(what went wrong, what to do) for an exception."""
    from hallmonitor.logs import log_path
    from hallmonitor.services.hall import (
        DatabaseError,
        PermissionDenied,
        ServiceError,
        database_sentence,
        is_database_busy,
    )

    if isinstance(exc, PermissionDenied):
        return str(exc), QCoreApplication.translate(
            "Dialogs", "Ask the hall's supervisor to give you the permission, or to do it for you."
        )
    if is_database_busy(exc):
        return database_sentence(exc) or str(exc), QCoreApplication.translate(
            "Dialogs", "Wait until the other program has finished writing, then try again."
        )
    sentence = None if isinstance(exc, DatabaseError) else database_sentence(exc)
    if isinstance(exc, DatabaseError) or sentence is not None:
        return sentence or str(exc), QCoreApplication.translate(
            "Dialogs",
            "Check that the database file or server is reachable, then try again. "
            "If it keeps failing, choose another database in Settings.",
        )
    if isinstance(exc, ServiceError):
        return str(exc), QCoreApplication.translate("Dialogs", "Correct what the message says and try again.")
    return (
        QCoreApplication.translate(
            "Dialogs", "Something unexpected went wrong and the last action was not completed."
        ),
        QCoreApplication.translate(
            "Dialogs", "Try again. If it happens again, send the log file to your IT support: {path}"
        ).format(path=log_path()),
    )


def build_error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    sentence, advice = error_text(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "HallMonitor"))
    box.setText(sentence)
    box.setInformativeText(advice)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` as a plain sentence and what to do; the details go to the log, not the user."""
    from hallmonitor.services.hall import DatabaseError, ServiceError

    if not isinstance(exc, ServiceError | DatabaseError):
        log.error("error shown to the user", exc_info=(type(exc), exc, exc.__traceback__))
    build_error_box(parent, exc).exec()


class OperationProgress(QProgressDialog):
    """A progress dialog tied to an Operation: progress moves the bar, Cancel cancels the work."""

    def __init__(self, op: Operation, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, QCoreApplication.translate("Dialogs", "Cancel"), 0, 0, parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "Please wait"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.op = op
        self.canceled.connect(self._cancel)
        op.signals.progressed.connect(self._progress)
        op.finished.connect(self._done)

    def _cancel(self) -> None:
        self.setLabelText(QCoreApplication.translate("Dialogs", "Cancelling…"))
        self.op.cancel()

    def _done(self) -> None:
        # reset() also stops the timer that would show the dialog after minimumDuration.
        self.canceled.disconnect(self._cancel)
        self.reset()
        self.hide()
        self.deleteLater()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))


def start_with_progress(
    parent: QWidget | None, runner: OperationRunner, op: Operation, label: str
) -> OperationProgress:
    """Start ``op`` in the background with a progress dialog that appears when the work takes a while."""
    dialog = OperationProgress(op, label, parent)
    runner.start(op)
    return dialog


def run_and_wait(
    parent: QWidget | None,
    runner: OperationRunner,
    name: str,
    work: Callable[[ProgressFn], Any],
    label: str,
) -> Any:
    """Run ``work`` off the UI thread while the UI keeps painting; return its result or raise its error.

    For the few places that must have the answer before going on (saving
    before leaving a page, creating the demo hall before the window opens).
    """
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    op = Operation(
        name,
        work,
        on_success=lambda result: outcome.setdefault("result", result),
        on_failure=lambda exc: outcome.setdefault("error", exc),
    )
    op.finished.connect(loop.quit)
    start_with_progress(parent, runner, op, label)
    # The worker's result arrives as a queued signal, so it cannot be missed before exec().
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
