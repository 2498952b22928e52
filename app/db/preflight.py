"""Checks on the SQLite file before anything may write to it: each known fault becomes a message, never a traceback.

Everything here reads only (a read-only connection, then a write probe that is rolled back), so a damaged file,
or one saved by a newer BreachDesk, is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.db.anchors import ANCHORS_NAME
from app.db.backups import list_backups
from app.db.connect import DB_ERRORS, connect, looks_encrypted
from app.db.faults import FaultKind, ReadOnlyReason, fault, fault_from_oserror, fault_from_sqlite
from app.db.migrate import VERSION_TABLE, check_schema_state
from app.db.register_key import KEYS_NAME, RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER, readonly_uri, sqlite_uri


@dataclass(frozen=True)
class FileState:
    existed: bool  # False: created empty just now, so there is nothing to copy before migrating
    revisions: tuple[str, ...]  # Alembic revisions recorded in the file; () for an empty database


def prepare_folder(folder: Path) -> None:
    """Owner-only: the register holds other people's personal data. Only ever takes rights away (group and
    others), never gives them: a folder the officer made read-only stays read-only (issue 16 point 4)."""
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, mode=0o700)
        elif os.name == "posix" and os.access(folder, os.W_OK):
            mode = stat.S_IMODE(folder.stat().st_mode)
            if mode & 0o077:
                folder.chmod(mode & 0o700)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise fault(FaultKind.DISK_FULL, folder) from exc
        raise fault(FaultKind.FOLDER_UNUSABLE, folder) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise fault(FaultKind.READ_ONLY, folder)


def read_only_reason(folder: Path, file: Path) -> ReadOnlyReason | None:
    """Whether the register can be written at all, asked before anything (a backup, debris cleanup, the anchors)
    would try: the access rights, then a file created and removed in the folder, which also catches what
    os.access misses (a write-protected medium on Windows, an ACL). A full disk is not decided here: creating an
    empty file usually still works, and the start-up backup then tells."""
    if not folder.is_dir():
        return None  # a first start: the folder is created (or refused) by prepare_folder
    if not os.access(folder, os.W_OK | os.X_OK):
        return ReadOnlyReason.FOLDER_READ_ONLY
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".breachdesk-probe-"):
            pass
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyReason.FOLDER_READ_ONLY
        return None  # any other failure is reported by the normal open, with its own message
    if file.is_file() and file.stat().st_size and not os.access(file, os.W_OK):
        return ReadOnlyReason.FILE_READ_ONLY
    return None


def has_traces(path: Path, backups_dir: Path, anchors_dir: Path | None = None) -> bool:
    """Signs that a register lived here (its journal, a backup, the audit anchors): then a missing or empty file
    is a loss to report, not a first start."""
    leftovers = [path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal")]
    leftovers.append((anchors_dir or path.parent) / ANCHORS_NAME)
    return any(p.exists() for p in leftovers) or bool(list_backups(backups_dir))


def _create_empty(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise fault_from_oserror(exc, path) from exc


def read_state(
    path: Path, busy_timeout: float, uri: str | None = None, key: RegisterKey | None = None
) -> FileState:
    """Header, quick_check and schema revisions through a read-only connection (`uri`: another read-only URI,
    e.g. immutable=1 where the folder cannot take SQLite's -shm file). With `key`, the file must be an
    encrypted register that this key opens (docs/adr/0010-register-encryption.md)."""
    try:
        with path.open("rb") as fp:
            header = fp.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise fault(FaultKind.UNREADABLE, path) from exc
    except OSError as exc:
        raise fault_from_oserror(exc, path) from exc
    plain = header == SQLITE_HEADER
    if key is not None and plain:
        raise fault(FaultKind.NOT_ENCRYPTED, path)
    if key is None and not plain:
        # An SQLCipher file starts with random bytes, like a damaged one: the keys file beside it tells them apart.
        encrypted = len(header) == len(SQLITE_HEADER) and (
            (path.parent / KEYS_NAME).is_file() or looks_encrypted(path)
        )
        raise fault(FaultKind.ENCRYPTED if encrypted else FaultKind.DAMAGED, path)
    try:
        connect_to = uri or readonly_uri(path)
        with contextlib.closing(connect(connect_to, key, timeout=busy_timeout)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # An encrypted file is not read whole at every start (decrypting 160 MB takes seconds): SQLCipher
            # checks each page's HMAC whenever it is read, so damage still shows, as a fault, where it is.
            if key is None and conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise fault(FaultKind.DAMAGED, path)
            revisions: tuple[str, ...] = ()
            if VERSION_TABLE in tables:
                rows = conn.execute(
                    f"SELECT version_num FROM {VERSION_TABLE} ORDER BY version_num"
                ).fetchall()
                revisions = tuple(str(row[0]) for row in rows)
    except DB_ERRORS as exc:
        known = fault_from_sqlite(exc, path)
        if key is not None and (known is None or known.kind is FaultKind.DAMAGED):
            raise fault(FaultKind.WRONG_KEY, path) from exc  # SQLCipher cannot tell a wrong key from damage
        raise (known or fault(FaultKind.DAMAGED, path)) from exc
    check_schema_state(tables, revisions, path)
    return FileState(existed=True, revisions=revisions)


def _probe_write(
    path: Path, params: dict[str, str], busy_timeout: float, key: RegisterKey | None = None
) -> None:
    """Take the write lock and write page 1 inside a transaction that is rolled back: locked and read-only show here."""
    try:
        with contextlib.closing(
            connect(sqlite_uri(path, {"mode": "rw", **params}), key, timeout=busy_timeout)
        ) as conn:
            conn.isolation_level = None
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(f"PRAGMA user_version = {version}")
            finally:
                conn.execute("ROLLBACK")
    except DB_ERRORS as exc:
        raise (fault_from_sqlite(exc, path) or fault(FaultKind.DAMAGED, path)) from exc


def refuse_missing_or_empty(
    path: Path, size: int | None, backups_dir: Path, anchors_dir: Path | None
) -> None:
    """A register that backups or anchors say existed is never silently replaced by an empty one."""
    if has_traces(path, backups_dir, anchors_dir):
        raise fault(FaultKind.MISSING if size is None else FaultKind.EMPTY, path)


def check_file(
    path: Path,
    backups_dir: Path,
    params: dict[str, str],
    busy_timeout: float,
    anchors_dir: Path | None = None,
    key: RegisterKey | None = None,
) -> FileState:
    """Raise DatabaseFault for anything but a usable register (or a first start, which creates an empty file).
    `anchors_dir`: where audit-anchors.jsonl lives (the data folder), if not beside the file."""
    if path.is_dir():
        raise fault(FaultKind.IS_FOLDER, path)
    prepare_folder(path.parent)
    try:
        size = path.stat().st_size if path.exists() else None
    except OSError as exc:
        raise fault_from_oserror(exc, path) from exc
    if not size:  # missing, or empty (an empty file is an empty SQLite database)
        refuse_missing_or_empty(path, size, backups_dir, anchors_dir)
        _create_empty(path)
        _probe_write(path, params, busy_timeout, key)
        return FileState(existed=False, revisions=())
    if not os.access(path, os.R_OK):
        raise fault(FaultKind.UNREADABLE, path)
    if not os.access(path, os.W_OK):
        raise fault(FaultKind.READ_ONLY, path)
    state = read_state(path, busy_timeout, key=key)
    _probe_write(path, params, busy_timeout, key)
    return state
