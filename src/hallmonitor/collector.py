"""Python's cycle collector held off while a bounded piece of work runs, and on again after.

A rules run and a day's check build hundreds of thousands of objects that live
until they end (rows, judged sessions, the modules a check imports) and make
almost no garbage in cycles: rows and records are freed as they go, by their
count of references. The collector runs whenever enough objects were made,
each pass walking everything alive and freeing nothing; over a rules run that
judges weeks again, that is about two fifths of its time.

Runs on several threads may overlap: the collector comes back on when the
last of them ends, and only if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
