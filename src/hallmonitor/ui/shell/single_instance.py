"""One app per database on a PC: a second start brings the first window forward instead.

Two copies on one SQLite file would each run the alert monitor and each ring
for the same alert; a supervisor double-clicking the icon while the app sits
behind another window should simply see it. The first copy holds a lock file
named after the database and listens on a local socket of the same name; a
second copy finds the lock taken, asks the first to come forward, and quits.
A copy that crashed leaves a stale lock, which QLockFile recognises by its
process id and takes over.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("hallmonitor.single_instance")

RAISE = b"raise\n"
_CONNECT_MS = 2_000


def instance_key(url: str) -> str:
    """A name for the database, the same in every copy of the app on this PC (no password in it)."""
    return "hallmonitor-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]


def _lock_path(key: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return Path(folder) / f"{key}.lock"


class SingleInstance(QObject):
    """``acquire()`` is True for the first copy; a later copy's call tells the first to come forward."""

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = instance_key(url)
        self.lock = QLockFile(str(_lock_path(self.key)))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
        self.server: QLocalServer | None = None
        self.on_raise: Callable[[], None] | None = None

    def acquire(self) -> bool:
        if self.lock.tryLock(100):
            self._listen()
            return True
        if self.lock.error() is not QLockFile.LockError.LockFailedError:
            # The lock cannot even be written (a read-only temp folder): do not stop the app for it.
            log.warning("single-instance lock unavailable (%s); going on", self.lock.error())
            return True
        self._ask_first_to_raise()
        return False

    def _listen(self) -> None:
        QLocalServer.removeServer(self.key)  # a crashed copy's socket file (Unix)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.key):
            log.warning("single-instance server could not listen: %s", self.server.errorString())
            return
        self.server.newConnection.connect(self._incoming)

    def _incoming(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            log.info("another start on this database: bringing the window forward")
            if self.on_raise is not None:
                self.on_raise()
        socket.disconnectFromServer()

    def _ask_first_to_raise(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if socket.waitForConnected(_CONNECT_MS):
            socket.write(RAISE)
            socket.waitForBytesWritten(_CONNECT_MS)
            socket.disconnectFromServer()
        else:
            log.warning("the running copy did not answer: %s", socket.errorString())

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
