"""Keep the cyclic garbage collector's full passes short once the app has opened.

A full pass of Python's collector walks every container object alive and holds
the interpreter while it does, whichever thread it runs on: with the libraries,
Qt's type wrappers, the pages and their models loaded (about 200 000 objects
on the demo hall) one pass took 130–330 ms, and the first came during the
first rules run after a save, so the window stood still then. What the app
makes while opening, and a page when it first shows, lives as long as the app:
walking it again finds nothing to free. So it is set aside (``gc.freeze``)
once the database layer is loaded, after the first page (and each page after
it) first shows its data, and after the opening's rules run, and the full
passes walk only what was made since. Quitting is quicker for it too: the
interpreter's last passes walked all of it again (a third of a second on a
busy hall, after the window had gone).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject


def set_aside_live_objects() -> None:
    """Exempt every object alive now from the collector's full passes (not from being freed when unused).

    The young generations are collected first, which is quick, so that little
    garbage is set aside with them.
    """
    gc.collect(1)
    gc.freeze()


def set_aside_after_first_showings(window: QObject) -> None:
    """After each page of ``window`` first shows its data (its ``page_ready``), set aside what it made."""
    shown: set[str] = set()

    def ready(key: str) -> None:
        if key not in shown:
            shown.add(key)
            set_aside_live_objects()

    window.page_ready.connect(ready)  # type: ignore[attr-defined]
