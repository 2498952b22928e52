"""Copies of the register that protect the officer's work, and restore (issue 16 point 1; README "Backups").

When: at start-up only if the register changed since the newest copy (so that ten CLI calls in a minute add
nothing and push nothing out), after a session's first change, at most every `BACKUP_INTERVAL` while changes keep
coming, and at close when there were changes since the last copy; one before each migration and one before each
restore, both kept outside the rotation. How long: a schedule like restic's `forget --keep-*` (`Retention`): every
copy of the last day, the newest of each day for 30 days, the newest of each month for a year, and always the
newest three. Each copy is written under a temporary name, checked with SQLite's quick_check, then renamed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import sqlcipher3

from app.db import anchors
from app.db.connect import DB_ERRORS, connect
from app.db.faults import FaultKind, fault, fault_from_oserror, fault_from_sqlite
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER, frozen_uri, readonly_uri, sqlite_uri
from app.domain.dates import JST, now_utc
from app.paths import DataPaths

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
STARTUP_PREFIX = (
    "breachdesk-"  # every rotated copy: breachdesk-<reason>-<stamp>.sqlite3 (or the older breachdesk-<stamp>)
)
PRE_MIGRATION_PREFIX = "pre-migration-"
BEFORE_RESTORE_PREFIX = "before-restore-"
BACKUP_INTERVAL = dt.timedelta(minutes=15)
_STAMP = re.compile(r"(\d{8}T\d{12}Z)\.sqlite3$")
_REASON = re.compile(r"^breachdesk-(start|change|close)-")
# Left by a copy or a restore that was interrupted (a kill, a power cut): removed at the next start.
DEBRIS_PATTERNS = (f"*{SUFFIX}.partial", f"*{SUFFIX}.partial-journal", f"*{SUFFIX}.partial-wal")


class BackupReason(StrEnum):
    START = "start"  # the register changed since the newest copy (e.g. a session that was killed)
    CHANGE = "change"  # the first change of a session, then at most every BACKUP_INTERVAL
    CLOSE = "close"  # changes since the last copy when the register closes
    PRE_MIGRATION = "pre-migration"
    BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True, slots=True)
class Retention:
    """What the rotation keeps (pre-migration and before-restore copies are never rotated)."""

    within: dt.timedelta = dt.timedelta(days=1)
    daily: int = 30
    monthly: int = 12
    newest: int = 3


DEFAULT_RETENTION = Retention()


def to_keep(
    stamps: list[dt.datetime], now: dt.datetime, retention: Retention = DEFAULT_RETENTION
) -> set[dt.datetime]:
    """The copies the schedule keeps, by their moments (UTC): every copy within `within`, the newest of each
    (Japanese) calendar day of the last `daily` days and of each month of the last `monthly` months, and the
    `newest` copies whatever their age; a copy kept by any rule stays (restic's keep-within/-daily/-monthly/-last,
    counted in calendar days and months so that old copies do age out)."""
    ordered = sorted(set(stamps), reverse=True)
    keep = set(ordered[: retention.newest])
    keep |= {s for s in ordered if now - s <= retention.within}
    today = now.astimezone(JST).date()
    first_month = (today.year * 12 + today.month - 1) - (retention.monthly - 1)
    days: dict[dt.date, dt.datetime] = {}
    months: dict[int, dt.datetime] = {}
    for stamp in ordered:  # newest first: the first seen of each day/month is its newest
        local = stamp.astimezone(JST).date()
        if (today - local).days < retention.daily:
            days.setdefault(local, stamp)
        month = local.year * 12 + local.month - 1
        if month >= first_month:
            months.setdefault(month, stamp)
    return keep | set(days.values()) | set(months.values())


def timestamp() -> str:
    """UTC with microseconds: sorts as text, and two start-ups in one second still get distinct names."""
    return now_utc().strftime("%Y%m%dT%H%M%S%fZ")


def _copy(
    source: Path,
    target: Path,
    temp_suffix: str,
    *,
    frozen_source: bool = False,
    key: RegisterKey | None = None,
) -> None:
    """Copy into a temporary name, then rename: a half-written copy never looks like a backup or a register."""
    partial = target.with_name(target.name + temp_suffix)
    try:
        with (
            contextlib.closing(
                connect(frozen_uri(source) if frozen_source else readonly_uri(source), key)
            ) as src,
            # An encrypted register's copy is encrypted with the same key (SQLCipher's backup needs both keyed).
            contextlib.closing(connect(sqlite_uri(partial, {}), key)) as dst,
        ):
            src.backup(dst)
            if dst.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise sqlite3.DatabaseError(f"the copy of {source.name} does not pass quick_check")
        if os.name == "posix":
            partial.chmod(0o600)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def online_backup(source: Path, target: Path, key: RegisterKey | None = None) -> Path:
    """SQLite's backup API gives a consistent copy (WAL content included) without writing to the source."""
    try:
        _copy(source, target, ".partial", key=key)
    except DB_ERRORS as exc:
        raise (fault_from_sqlite(exc, target) or fault(FaultKind.BACKUP_FAILED, target)) from exc
    except OSError as exc:
        raise fault_from_oserror(exc, target) from exc
    return target


def backup(
    source: Path,
    backups_dir: Path,
    reason: BackupReason,
    retention: Retention = DEFAULT_RETENTION,
    key: RegisterKey | None = None,
) -> Path:
    """A checked copy named after why it was made; the rotated kinds then go through the retention schedule."""
    if reason in (BackupReason.PRE_MIGRATION, BackupReason.BEFORE_RESTORE):
        raise ValueError("use pre_migration_copy / before_restore_copy")
    target = online_backup(source, backups_dir / f"{STARTUP_PREFIX}{reason.value}-{timestamp()}{SUFFIX}", key)
    rotate(backups_dir, retention)
    return target


def startup_backup(
    source: Path, backups_dir: Path, retention: Retention = DEFAULT_RETENTION, key: RegisterKey | None = None
) -> Path | None:
    """A copy at start-up only when the register changed since the newest copy (None when nothing changed):
    a run of start-ups or CLI calls must never push out the copies that hold earlier work."""
    newest = next((p for p in list_backups(backups_dir) if p.name.startswith(STARTUP_PREFIX)), None)
    current = _head(source, key=key)
    if newest is not None and current is not None and _head(newest, frozen=True, key=key) == current:
        rotate(backups_dir, retention)  # still clean up debris and apply the schedule
        return None
    return backup(source, backups_dir, BackupReason.START, retention, key)


def _head(path: Path, *, frozen: bool = False, key: RegisterKey | None = None) -> tuple[int, str, int] | None:
    """The audit chain's head and the number of incidents: what tells two copies of the register apart
    (`frozen` for a backup: read without leaving -wal/-shm files beside it)."""
    uri = frozen_uri(path) if frozen else readonly_uri(path)
    try:
        with contextlib.closing(connect(uri, key)) as conn:
            row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
            incidents = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    except DB_ERRORS:
        return None
    return (int(row[0]), str(row[1]), int(incidents)) if row is not None else (0, "", int(incidents))


def pre_migration_copy(
    source: Path, backups_dir: Path, revision: str | None, key: RegisterKey | None = None
) -> Path:
    """Kept outside the rotation: the way back if a migration goes wrong must not age out."""
    return online_backup(
        source, backups_dir / f"{PRE_MIGRATION_PREFIX}{revision or 'base'}-{timestamp()}{SUFFIX}", key
    )


def before_restore_copy(source: Path, backups_dir: Path, key: RegisterKey | None = None) -> Path:
    """The register as it was just before a restore, kept outside the rotation: a restore can be undone."""
    return online_backup(source, backups_dir / f"{BEFORE_RESTORE_PREFIX}{timestamp()}{SUFFIX}", key)


def reason_of(path: Path) -> BackupReason:
    if path.name.startswith(PRE_MIGRATION_PREFIX):
        return BackupReason.PRE_MIGRATION
    if path.name.startswith(BEFORE_RESTORE_PREFIX):
        return BackupReason.BEFORE_RESTORE
    match = _REASON.match(path.name)
    return BackupReason(match.group(1)) if match else BackupReason.START


def moment_of(path: Path) -> dt.datetime | None:
    stamp = _stamp(path)
    return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC) if stamp else None


def _stamp(path: Path) -> str:
    match = _STAMP.search(path.name)
    return match.group(1) if match else ""


def list_backups(backups_dir: Path) -> list[Path]:
    """Start-up and pre-migration copies, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [p for p in backups_dir.iterdir() if p.is_file() and _stamp(p)]
    return sorted(found, key=lambda p: (_stamp(p), p.name), reverse=True)


def rotate(
    backups_dir: Path, retention: Retention = DEFAULT_RETENTION, now: dt.datetime | None = None
) -> list[Path]:
    """Apply the schedule to the rotated copies and remove the debris of interrupted copies."""
    for pattern in DEBRIS_PATTERNS:
        for leftover in backups_dir.glob(pattern):
            leftover.unlink(missing_ok=True)
    rotated = {p: moment_of(p) for p in list_backups(backups_dir) if p.name.startswith(STARTUP_PREFIX)}
    stamps = [m for m in rotated.values() if m is not None]
    kept = to_keep(stamps, now or now_utc(), retention)
    removed = [p for p, moment in rotated.items() if moment is not None and moment not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def clean_restore_debris(db_file: Path) -> None:
    """A restore killed half-way leaves `<register>.restoring` (and its journal) beside the register."""
    for leftover in db_file.parent.glob(db_file.name + ".restoring*"):
        leftover.unlink(missing_ok=True)


def is_usable_database(path: Path, key: RegisterKey | None = None) -> bool:
    """Header and SQLite's own quick_check of a backup; reads only, and leaves no side files beside it."""
    try:
        with path.open("rb") as fp:
            if (fp.read(len(SQLITE_HEADER)) == SQLITE_HEADER) != (key is None):
                return False  # a plain copy for an encrypted register, or the reverse
        with contextlib.closing(connect(frozen_uri(path), key)) as conn:
            return bool(conn.execute("PRAGMA quick_check").fetchall() == [("ok",)])
    except (OSError, sqlite3.Error, sqlcipher3.Error):
        return False


def restore_backup(
    paths: DataPaths,
    backup: Path,
    db_file: Path | None = None,
    *,
    aside_label: str = "damaged",
    key: RegisterKey | None = None,
) -> Path | None:
    """Put `backup` in place of the register; the current file (and its -wal/-shm) is renamed, never deleted.

    Returns the new name of the file that was moved aside, or None when there was none.
    The register must be closed: a connection left open would keep writing to the moved file.
    """
    target = db_file or paths.db_file
    if not backup.is_file() or not is_usable_database(backup, key):
        raise fault(FaultKind.BAD_BACKUP, backup)
    stamp = timestamp()
    moved: Path | None = None
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            current = target.with_name(target.name + suffix)
            if current.exists():
                aside = current.with_name(f"{current.name}.{aside_label}-{stamp}")
                os.replace(current, aside)
                log.warning("moved %s aside as %s before restoring %s", current, aside, backup)
                moved = moved or aside
        _copy(backup, target, ".restoring", frozen_source=True, key=key)
        anchors.anchor_head(
            target, paths.root, restored=True, key=key
        )  # older anchors are superseded, not tampered
    except OSError as exc:
        raise fault_from_oserror(exc, target) from exc
    except DB_ERRORS as exc:
        raise (fault_from_sqlite(exc, target) or fault(FaultKind.BAD_BACKUP, backup)) from exc
    log.info("restored %s from %s", target, backup)
    return moved
