"""One load at a time per view, with the last request never lost.

Views reload on every change announced on the bus. Without a gate, a burst of
changes starts a burst of identical queries whose results may arrive out of
order; with it, a request made during a load is remembered and served by one
more load once the current one is back, and the stale result is not shown.
"""

from __future__ import annotations


class LoadGate:
    __slots__ = ("loading", "pending")

    def __init__(self) -> None:
        self.loading = False
        self.pending = False

    def start(self) -> bool:
        """True when the caller should start a load now; False when one is under way."""
        if self.loading:
            self.pending = True
            return False
        self.loading = True
        return True

    def finish(self) -> bool:
        """A load's result arrived: True to show it, False when a newer load must run instead."""
        self.loading = False
        if self.pending:
            self.pending = False
            return False
        return True

    def fail(self) -> None:
        self.loading = self.pending = False
