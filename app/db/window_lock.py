"""Whether a BreachDesk window holds the register's folder, read from the lock file the window keeps
(ui/shell/single_instance.py, Qt's QLockFile: "PID\\napp name\\nhost name\\n…"), without importing Qt.

The CLI must not pull a register from under an open window (a restore replaces the file the window is writing to),
so commands that replace the file check here first. A lock left by a crashed window is recognised the way Qt
recognises it: by its PID no longer running on this host.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys
from pathlib import Path

LOCK_NAME = "breachdesk.lock"  # the same name as ui/shell/single_instance.py


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def held_by_window(root: Path) -> bool:
    """True when a window (on this PC: a running PID; on another PC sharing the folder: any lock) has it open."""
    try:
        lines = (root / LOCK_NAME).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    if not lines or not lines[0].strip().isdigit():
        return False
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return True
    return _running(int(lines[0]))
