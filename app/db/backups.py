"""Copies of the register: one at every start-up (the last N kept), one before each migration, and restore."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from pathlib import Path

from app.db.faults import FaultKind, fault, fault_from_oserror, fault_from_sqlite
from app.db.sqlite_uri import SQLITE_HEADER, readonly_uri
from app.domain.dates import now_utc
from app.paths import DataPaths

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
STARTUP_PREFIX = "breachdesk-"
PRE_MIGRATION_PREFIX = "pre-migration-"
DEFAULT_KEEP = 10
_STAMP = re.compile(r"(\d{8}T\d{12}Z)\.sqlite3$")


def timestamp() -> str:
    """UTC with microseconds: sorts as text, and two start-ups in one second still get distinct names."""
    return now_utc().strftime("%Y%m%dT%H%M%S%fZ")


def _copy(source: Path, target: Path, temp_suffix: str) -> None:
    """Copy into a temporary name, then rename: a half-written copy never looks like a backup or a register."""
    partial = target.with_name(target.name + temp_suffix)
    try:
        with (
            contextlib.closing(sqlite3.connect(readonly_uri(source), uri=True)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
        if os.name == "posix":
            partial.chmod(0o600)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def online_backup(source: Path, target: Path) -> Path:
    """SQLite's backup API gives a consistent copy (WAL content included) without writing to the source."""
    try:
        _copy(source, target, ".partial")
    except sqlite3.Error as exc:
        raise (fault_from_sqlite(exc, target) or fault(FaultKind.BACKUP_FAILED, target)) from exc
    except OSError as exc:
        raise fault_from_oserror(exc, target) from exc
    return target


def startup_backup(source: Path, backups_dir: Path, keep: int = DEFAULT_KEEP) -> Path:
    target = online_backup(source, backups_dir / f"{STARTUP_PREFIX}{timestamp()}{SUFFIX}")
    rotate(backups_dir, keep)
    return target


def pre_migration_copy(source: Path, backups_dir: Path, revision: str | None) -> Path:
    """Kept outside the rotation: the way back if a migration goes wrong must not age out after N starts."""
    return online_backup(
        source, backups_dir / f"{PRE_MIGRATION_PREFIX}{revision or 'base'}-{timestamp()}{SUFFIX}"
    )


def _stamp(path: Path) -> str:
    match = _STAMP.search(path.name)
    return match.group(1) if match else ""


def list_backups(backups_dir: Path) -> list[Path]:
    """Start-up and pre-migration copies, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [p for p in backups_dir.iterdir() if p.is_file() and _stamp(p)]
    return sorted(found, key=lambda p: (_stamp(p), p.name), reverse=True)


def rotate(backups_dir: Path, keep: int) -> list[Path]:
    startup = [p for p in list_backups(backups_dir) if p.name.startswith(STARTUP_PREFIX)]
    removed = startup[max(keep, 1) :]
    for path in removed:
        path.unlink(missing_ok=True)
    for leftover in backups_dir.glob(f"*{SUFFIX}.partial"):  # from a start-up that crashed mid-copy
        leftover.unlink(missing_ok=True)
    return removed


def is_usable_database(path: Path) -> bool:
    """Header and SQLite's own quick_check; reads only."""
    try:
        with path.open("rb") as fp:
            if fp.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        with contextlib.closing(sqlite3.connect(readonly_uri(path), uri=True)) as conn:
            return bool(conn.execute("PRAGMA quick_check").fetchall() == [("ok",)])
    except (OSError, sqlite3.Error):
        return False


def restore_backup(paths: DataPaths, backup: Path, db_file: Path | None = None) -> Path | None:
    """Put `backup` in place of the register; the current file (and its -wal/-shm) is renamed, never deleted.

    Returns the new name of the file that was moved aside, or None when there was none.
    The register must be closed: a connection left open would keep writing to the moved file.
    """
    target = db_file or paths.db_file
    if not backup.is_file() or not is_usable_database(backup):
        raise fault(FaultKind.BAD_BACKUP, backup)
    stamp = timestamp()
    moved: Path | None = None
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            current = target.with_name(target.name + suffix)
            if current.exists():
                aside = current.with_name(f"{current.name}.damaged-{stamp}")
                os.replace(current, aside)
                log.warning("moved %s aside as %s before restoring %s", current, aside, backup)
                moved = moved or aside
        _copy(backup, target, ".restoring")
    except OSError as exc:
        raise fault_from_oserror(exc, target) from exc
    except sqlite3.Error as exc:
        raise (fault_from_sqlite(exc, target) or fault(FaultKind.BAD_BACKUP, backup)) from exc
    log.info("restored %s from %s", target, backup)
    return moved
