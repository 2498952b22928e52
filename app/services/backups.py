"""What each backup holds, for `main.py restore --list` and the window's 「バックアップから復元…」."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.db import backups as backup_files
from app.db.connect import DB_ERRORS, connect
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import sqlite_uri
from app.i18n import N_

# Why a copy was made, in the officer's words: `restore --list` and the window's restore dialog show the same.
REASON_LABELS = {
    backup_files.BackupReason.START: N_("at start-up"),
    backup_files.BackupReason.CHANGE: N_("after changes"),
    backup_files.BackupReason.CLOSE: N_("at close"),
    backup_files.BackupReason.PRE_MIGRATION: N_("before an upgrade"),
    backup_files.BackupReason.BEFORE_RESTORE: N_("before a restore"),
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    moment: dt.datetime | None
    reason: backup_files.BackupReason
    size: int
    usable: bool
    incidents: int = 0
    audit_entries: int = 0


def describe(path: Path, key: RegisterKey | None = None) -> BackupInfo:
    """Read without writing (immutable): a backup is evidence of what was known when."""
    reason, moment, size = backup_files.reason_of(path), backup_files.moment_of(path), path.stat().st_size
    uri = sqlite_uri(path, {"mode": "ro", "immutable": "1"})
    try:
        with contextlib.closing(connect(uri, key)) as conn:
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return BackupInfo(path, moment, reason, size, usable=False)
            incidents = int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])
            entries = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    except DB_ERRORS:
        return BackupInfo(path, moment, reason, size, usable=False)
    return BackupInfo(path, moment, reason, size, usable=True, incidents=incidents, audit_entries=entries)


def describe_backups(backups_dir: Path, key: RegisterKey | None = None) -> list[BackupInfo]:
    """Every backup, newest first."""
    return [describe(path, key) for path in backup_files.list_backups(backups_dir)]
