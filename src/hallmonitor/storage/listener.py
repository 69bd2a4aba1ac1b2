"""LISTEN on one dedicated PostgreSQL connection, so another PC's commit shows here at once.

The change feed (hallmonitor.storage.change_feed) stays the record of what
changed; a notification only says "look now" and carries the writer's origin,
the feed row and its tables, so a PC skips its own writes without a query.
The connection is its own, outside the pool, in autocommit (LISTEN inside a
transaction waits for its end); a thread waits on it. When the server goes
away (restart, network, an administrator ending the session) the thread
reconnects with a growing pause and reports it, so the app reloads everything:
what was committed meanwhile was never notified to this PC.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from hallmonitor.storage.change_feed import CHANNEL, parse_payload

log = logging.getLogger("hallmonitor.listener")

#: Longest pause between two reconnection attempts.
MAX_PAUSE_S = 5.0


def libpq_address(url: str) -> str:
    """The SQLAlchemy URL as libpq takes it (postgresql://…, its query such as passfile= kept)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class ChangeListener:
    """Calls ``on_change(tables)`` for each other PC's commit, ``on_reconnect()`` after a lost connection.

    Both are called on the listener's thread: a UI hands them to its own
    thread (a queued signal). ``stop()`` returns within about a second.
    """

    def __init__(
        self,
        url: str,
        origin: str,
        on_change: Callable[[set[str]], None],
        on_reconnect: Callable[[], None],
        *,
        wait_s: float = 0.5,
    ) -> None:
        self.address = libpq_address(url)
        self.origin = origin
        self.on_change = on_change
        self.on_reconnect = on_reconnect
        self.wait_s = wait_s
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._conn: Any = None
        self._thread = threading.Thread(target=self._run, name="hallmonitor-listen", daemon=True)
        #: Connections made so far, the first included (for the log and for tests).
        self.connections = 0

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_listening(self, timeout: float) -> bool:
        """Block until LISTEN is in place (tests, and a start that wants no gap)."""
        return self._listening.wait(timeout)

    @property
    def backend_pid(self) -> int | None:
        conn = self._conn
        return None if conn is None or conn.closed else int(conn.info.backend_pid)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _connect(self) -> Any:
        import psycopg

        conn = psycopg.connect(self.address, autocommit=True, connect_timeout=5)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _run(self) -> None:
        pause = 0.5
        while not self._stop.is_set():
            try:
                self._conn = self._connect()
            except Exception as exc:  # the server is down or unreachable: try again shortly
                log.warning("cannot listen for other PCs' changes yet: %s", exc)
                self._stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE_S)
                continue
            self.connections += 1
            pause = 0.5
            self._listening.set()
            if self.connections > 1:
                log.info("listening again for other PCs' changes (connection %d)", self.connections)
                self._safely(self.on_reconnect)
            try:
                self._listen(self._conn)
            except Exception as exc:  # connection lost: reconnect, then a full reload
                log.warning("lost the connection listening for other PCs' changes: %s", exc)
            finally:
                self._listening.clear()
                self._close()

    def _listen(self, conn: Any) -> None:
        while not self._stop.is_set():
            for note in conn.notifies(timeout=self.wait_s):
                origin, _feed, tables = parse_payload(note.payload)
                if origin != self.origin:
                    self._safely(lambda tables=tables: self.on_change(tables))
                if self._stop.is_set():
                    return

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # already gone with the server
                conn.close()

    def _safely(self, call: Callable[[], None]) -> None:
        try:
            call()
        except Exception:
            log.exception("handling other PCs' changes failed")
