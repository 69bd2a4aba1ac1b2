"""What every page is given: the hall, the operation runner, the change bus and the clock.

Pages never open databases or read the wall clock themselves: tests swap in a
controlled clock and a fresh hall, and a change announced on the bus by one
page (roster saved, case entered, alert closed) reaches every other at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hallmonitor.ui.shell.operations import OperationRunner

if TYPE_CHECKING:  # the services load off the UI thread at start, after a window is shown
    from hallmonitor.services.hall import HallContext


class ChangeBus(QObject):
    """``changed(topic)`` with topics such as "roster", "cases", "alerts", "flags", "windows", "settings"."""

    changed = Signal(str)

    def announce(self, topic: str) -> None:
        self.changed.emit(topic)


@dataclass
class UiEnv:
    ctx: HallContext
    runner: OperationRunner
    bus: ChangeBus
    clock: Callable[[], datetime] = field(default=datetime.now)
    #: The demo hall (its own file) is open: the title and status bar say so, and it can be left.
    demo: bool = False
