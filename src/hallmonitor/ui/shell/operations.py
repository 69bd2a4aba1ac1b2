"""Long work off the UI thread, in the manner of small operation objects.

An Operation wraps a plain function; it runs in Qt's thread pool and reports
back through queued signals, so success, failure and progress callbacks run on
the UI thread and widgets are never touched from the worker. The function gets
a ``progress(done, total) -> bool`` callable; returning False asks it to stop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("hallmonitor.ui")

ProgressFn = Callable[[int, int], bool]


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, op: Operation) -> None:
        super().__init__()
        self.op = op

    def run(self) -> None:
        # Imported here, on the worker: the first operation of a start is the one that loads the services.
        from hallmonitor.services.hall import retry_when_busy

        op = self.op
        try:
            # A whole operation: when another program's lock refuses it, it runs again once, waiting.
            result = retry_when_busy(lambda: op.work(op._report))
        except BaseException as exc:  # delivered to the failure callback on the UI thread
            log.exception("operation %s failed", op.name)
            op.signals.failed.emit(exc)
        else:
            op.signals.succeeded.emit(result)


class Operation(QObject):
    """``work(progress)`` runs on a worker thread; the callbacks run on the UI thread."""

    finished = Signal()

    def __init__(
        self,
        name: str,
        work: Callable[[ProgressFn], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.work = work
        self._cancelled = threading.Event()
        self.signals = _Signals()
        self._on_success, self._on_failure, self._on_progress = on_success, on_failure, on_progress
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.signals.progressed.connect(self._progressed)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _report(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self._cancelled.is_set()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        try:
            if self._on_success:
                self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        try:
            if self._on_failure:
                self._on_failure(exc)
        finally:
            self.finished.emit()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._on_progress:
            self._on_progress(done, total)


class OperationRunner(QObject):
    """Starts operations and keeps them alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Operation] = set()

    def start(self, op: Operation) -> Operation:
        self._running.add(op)
        op.finished.connect(lambda: self._running.discard(op))
        self.pool.start(_Job(op))
        return op

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
