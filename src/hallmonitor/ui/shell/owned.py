"""Operations whose callbacks die with the widget that started them.

Work started by a page can finish after the page (or the whole window) is
gone: closing the app during a load, a test tearing down. Its result must
then be dropped, not delivered to a deleted widget; the Operation itself
still finishes, so the runner is not left busy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from hallmonitor.ui.shell.operations import Operation, ProgressFn

log = logging.getLogger("hallmonitor.ui")


def _guard(owner: QObject, name: str, fn: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if fn is None:
        return None

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            fn(value)
        else:
            log.info("result of %s dropped: its window is closed", name)

    return call


def owned_operation(
    owner: QObject,
    name: str,
    work: Callable[[ProgressFn], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> Operation:
    return Operation(
        name, work, on_success=_guard(owner, name, on_success), on_failure=_guard(owner, name, on_failure)
    )
