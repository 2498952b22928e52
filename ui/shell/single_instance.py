"""One BreachDesk per data folder: a second start says the register is already open and brings the first forward.

QLockFile guards the folder (a lock left by a crashed process is detected by its PID and taken over); a QLocalServer
named after the folder lets the second process ask the first to raise its window. The lock is taken before the
window exists; the server (QtNetwork, ~15 ms to load) starts after the first paint: a second start in that first
half second still hears "already open", only without the first window coming forward.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)

LOCK_NAME = "breachdesk.lock"
ACTIVATE = b"activate\n"
CONNECT_MS = 500


def _qt_network() -> ModuleType:
    """QtNetwork (~15 ms), loaded after the first paint: a deliberate lazy import (ui/shell/application.py)."""
    from PySide6 import QtNetwork

    return QtNetwork


def server_name(folder: Path) -> str:
    """Per user and per folder; short, because Unix socket paths are limited to about 100 bytes."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = "unknown"
    digest = hashlib.sha256(f"{user}|{folder.resolve()}".encode()).hexdigest()[:20]
    return f"BreachDesk-{digest}"


class SingleInstance(QObject):
    activationRequested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # never stale by age: the officer may keep the register open for weeks
        self.server: QLocalServer | None = None
        self.owned = False  # this process holds the lock

    def acquire(self) -> bool:
        """True when this process now owns the folder; False when another BreachDesk has it (and was told)."""
        if not self.lock.tryLock(100):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                self.notify_running()
                return False
            log.warning(
                "cannot create the lock file in %s (%s); continuing without it",
                self.folder,
                self.lock.error(),
            )
            return True
        self.owned = True
        return True

    def listen(self) -> None:
        """Answer a second start's request to come forward (once this process owns the folder)."""
        if not self.owned or self.server is not None:
            return
        name = server_name(self.folder)
        network = _qt_network()
        network.QLocalServer.removeServer(name)  # a socket file left by a crash (Unix)
        server = network.QLocalServer(self)
        if server.listen(name):
            server.newConnection.connect(self._connection)
            self.server = server
        else:
            log.warning("single-instance server %s not started: %s", name, server.errorString())

    def notify_running(self) -> bool:
        socket = _qt_network().QLocalSocket()
        socket.connectToServer(server_name(self.folder))
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return True

    def _connection(self) -> None:
        """Read the one short message synchronously: no per-socket slots to outlive the socket."""
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            if not socket.bytesAvailable():
                socket.waitForReadyRead(CONNECT_MS)
            message = bytes(socket.readAll().data())
            socket.close()
            socket.deleteLater()
            if message.startswith(ACTIVATE.strip()):
                self.activationRequested.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.owned:
            self.lock.unlock()
            self.owned = False


def bring_forward(window) -> None:
    """Raise the first instance's window; the OS may only flash the taskbar button instead (focus-stealing rules)."""
    if window is None:
        return
    window.show()
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.raise_()
    window.activateWindow()


def show_already_running(folder: Path) -> None:
    QMessageBox.information(
        None,
        "BreachDesk",
        _(
            "BreachDesk is already open with this register ({path}). The open window has been brought to the "
            "front. Two windows on the same register could overwrite each other's work."
        ).format(path=folder),
    )
