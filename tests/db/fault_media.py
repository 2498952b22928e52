"""Real faulty media for storage tests: a small tmpfs that fills up, and the same tmpfs remounted read-only.

Mounting needs root (these tests run as root here). Where mount is not allowed (CI containers), the full disk falls
back to failing the backup's own file writes with ENOSPC at the sqlite3 boundary (the OS call our backup code
makes, not our code path), and the read-only medium to `chattr +i` or chmod (tests/db/conftest.py made_read_only).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.database import Database
from app.paths import DataPaths
from app.services.incidents import IncidentService

TITLES = ("個人情報を含む書類の誤送付", "USBメモリの紛失")


def can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str = "4m") -> Iterator[Path | None]:
    """A tmpfs of `size` at `where`, or None when mounting is not possible (the caller falls back)."""
    where.mkdir(parents=True, exist_ok=True)
    if not can_mount():
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def remount(where: Path, mode: str) -> bool:
    return subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], capture_output=True).returncode == 0


def fill(folder: Path) -> Path:
    """Write a filler file until the file system says ENOSPC: every byte of free space is taken."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with filler.open("wb") as stream:
        try:
            while True:
                stream.write(chunk)
                stream.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    with contextlib.suppress(OSError), filler.open("ab") as stream:  # the last partial chunk, byte by byte
        while True:
            stream.write(b"\0")
            stream.flush()
    return filler


def make_register_with_unsaved_session(paths: DataPaths) -> None:
    """A register whose newest changes are in no backup: the session was killed before its close-time copy,
    so the next start must copy it (the start-up backup that a full disk makes fail)."""
    db = Database.open(paths)
    service = IncidentService(db)
    for title in TITLES:  # the first change is backed up, the second is within the 15-minute interval
        service.create(title, {"learned_date": "2026-04-01"}, None, None)
    db.engine.dispose()  # killed: no close-time backup


@contextlib.contextmanager
def backup_writes_fail_with_enospc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fallback where no tmpfs can be mounted: SQLite opening a backup's temporary copy fails as on a full disk."""
    real_connect = sqlite3.connect

    def connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(database).endswith(".partial"):
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield
