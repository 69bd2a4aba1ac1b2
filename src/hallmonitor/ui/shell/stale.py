"""A page behind another page reloads when it is shown again, not at each change announced meanwhile.

Every page hears every change on the bus. A save on one page used to set all
the others reading and redrawing at once: the alert list's two hundred rows,
the cases' filter choices, the hall's data, each a few tens of milliseconds
on the UI thread that nobody could see, and together the stall after every
save. Behind another page a reload now only marks the page stale; showing
the page runs it (the page shows what it had until its new data arrives).

A page on its own (a test's, or one never put in a window) reloads at once,
as does one in a window not shown yet: only a page hidden inside a window
on screen waits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QObject):
    """``request(reload)`` runs ``reload`` now if ``page`` can be seen, else once it is next shown."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self._pending: list[Callable[[], None]] = []
        page.installEventFilter(self)

    @property
    def waiting(self) -> bool:
        return bool(self._pending)

    def hidden(self) -> bool:
        """True while the page sits behind another in a window that is on screen."""
        return self.page.window().isVisible() and not self.page.isVisible()

    def request(self, reload: Callable[[], None]) -> None:
        if not self.hidden():
            reload()
        elif reload not in self._pending:
            self._pending.append(reload)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show and self._pending:
            # After the show: the page is painted with what it had, then its loads start.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        pending, self._pending = self._pending, []
        for reload in pending:
            reload()
