"""Work-arounds for defects of particular PySide6 releases, applied once before the UI runs.

PySide6 6.12.0 drops one reference to ``True`` on every signal emitted from
Python (any signal, any arguments, connected or not). On CPython before 3.12,
where ``True`` is an ordinary counted object, the interpreter aborts with
"bool_dealloc: deallocating True or False" once a few thousand signals have
been emitted: within a day of a supervisor's session, or one large import's
progress. 6.11.x does not do it and the project's dependencies exclude 6.12.0;
this keeps an installation that already has 6.12.0 alive by giving ``True``
more references than any session can drop. From CPython 3.12 ``True`` is
immortal and the lost references do no harm.
"""

from __future__ import annotations

import ctypes
import logging
import sys

import PySide6

log = logging.getLogger("hallmonitor.ui")

AFFECTED_RELEASES = frozenset({"6.12.0"})
#: References added to True: far more signals than a process will ever emit.
RESERVE = 1 << 40

_applied = False


def needs_true_reserve(
    version: str = PySide6.__version__, python: tuple[int, int] = sys.version_info[:2]
) -> bool:
    return version in AFFECTED_RELEASES and python < (3, 12) and sys.implementation.name == "cpython"


def apply() -> bool:
    """Apply the work-arounds this PySide6 needs; True when one was applied (once per process)."""
    global _applied
    if _applied or not needs_true_reserve():
        return False
    # ob_refcnt is the first field of every object in CPython's non-debug builds.
    ctypes.c_ssize_t.from_address(id(True)).value += RESERVE
    _applied = True
    log.info(
        "PySide6 %s: reserved references to True against its signal refcount defect", PySide6.__version__
    )
    return True
