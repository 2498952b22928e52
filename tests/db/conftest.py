"""Storage test helpers: open a register in the test's data folder, and make files really read-only."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.database import Database
from app.paths import DataPaths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHORT_BUSY = 0.2  # seconds: enough to prove we wait, short enough to keep the suite quick


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(data_paths, busy_timeout=SHORT_BUSY)
    yield database
    database.close()


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


@contextlib.contextmanager
def made_read_only(path: Path) -> Iterator[str]:
    """Read-only as the operating system enforces it: chmod for a normal user; root ignores modes, so chattr +i.

    Yields how it was done. Skips only when neither is possible (root on a file system without the immutable flag).
    """
    if os.name == "posix" and os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("running as root where the immutable flag is unavailable: root ignores file modes")
        try:
            yield "chattr"
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield "chmod"
        finally:
            path.chmod(mode)
