"""Known storage faults: what happened and what the officer can do, in the UI language, never a traceback."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.connect import DB_ERRORS
from app.errors import StorageError
from app.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# SQLite primary result codes (https://sqlite.org/rescode.html); extended codes keep these in the low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class FaultKind(StrEnum):
    IS_FOLDER = "is_folder"
    MISSING = "missing"
    EMPTY = "empty"  # a zero-byte register where backups or anchors show that one lived
    UNREADABLE = "unreadable"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    DAMAGED = "damaged"
    NEWER_SCHEMA = "newer_schema"
    DISK_FULL = "disk_full"
    DISK_ERROR = "disk_error"
    FOLDER_UNUSABLE = "folder_unusable"
    BACKUP_FAILED = "backup_failed"
    BAD_BACKUP = "bad_backup"
    UNREACHABLE = "unreachable"
    ENCRYPTED = (
        "encrypted"  # an encrypted register opened without its key (docs/adr/0010-register-encryption.md)
    )
    WRONG_KEY = "wrong_key"  # the key given does not open it (or the file is damaged: SQLCipher cannot tell)
    NOT_ENCRYPTED = "not_encrypted"  # a key was given for a plain register
    OPENED_READ_ONLY = "opened_read_only"  # a write refused because the register was opened read-only
    # A register on a database server (team mode, issue 19): `path` is the server and database, never the password.
    SERVER_NOT_FOUND = "server_not_found"
    DATABASE_MISSING = "database_missing"
    LOGIN_FAILED = "login_failed"  # unknown role or wrong password: the server does not say which, nor do we
    CONNECTION_LOST = "connection_lost"
    EXTENSION_MISSING = "extension_missing"  # pg_trgm, which only the administrator may create
    SERVER_BUSY = (
        "server_busy"  # another PC's write held the register's lock past app/db/chain_lock.py's limit
    )


class DatabaseFault(StorageError):
    """A StorageError that also says which fault it is, so the UI can offer the right way out."""

    def __init__(
        self, kind: FaultKind, message: str, hint: str, path: Path | str, hint_without_backup: str = ""
    ) -> None:
        super().__init__(message, hint=hint)
        self.kind = kind
        self.path = path
        # What to do when the data folder holds no usable backup: "restore the latest backup" would send the
        # officer looking for something that is not there.
        self.hint_without_backup = hint_without_backup or hint


_TEXTS: dict[FaultKind, tuple[str, str]] = {
    FaultKind.IS_FOLDER: (
        N_("The register path is a folder, not a file: {path}"),
        N_("Rename that folder or choose another data folder."),
    ),
    FaultKind.MISSING: (
        N_("The register file is missing, although backups of it exist: {path}"),
        N_(
            "Restore the latest backup (on the command line, main.py restore --list shows them) or choose "
            "another folder. BreachDesk has not created an empty register in its place."
        ),
    ),
    FaultKind.EMPTY: (
        N_("The register file is empty (0 bytes), although backups or audit anchors of it exist: {path}"),
        N_(
            "Restore the latest backup (on the command line, main.py restore --list shows them) or choose "
            "another folder. BreachDesk has not created an empty register in its place."
        ),
    ),
    FaultKind.UNREADABLE: (
        N_("The register file cannot be opened (no permission): {path}"),
        N_(
            "Check the access rights of the file and its folder, or choose another folder. The file has not been changed."
        ),
    ),
    FaultKind.READ_ONLY: (
        N_("The register file or its folder is read-only: {path}"),
        N_(
            "Allow writing to the file and its folder, or choose another folder. The file has not been changed."
        ),
    ),
    FaultKind.LOCKED: (
        N_("The register file is in use by another BreachDesk window or another program: {path}"),
        N_(
            "Close the other BreachDesk window or program that uses the file, then try again. The file has not been changed."
        ),
    ),
    FaultKind.DAMAGED: (
        N_("The register file is damaged or is not a BreachDesk database: {path}"),
        N_("Restore the latest backup or choose another folder. The original file has not been changed."),
    ),
    FaultKind.NEWER_SCHEMA: (
        N_("The register file was saved by a newer version of BreachDesk (schema {revision}): {path}"),
        N_(
            "Use the newer version of BreachDesk, or restore a backup made with this version. The file has not been changed."
        ),
    ),
    FaultKind.DISK_FULL: (
        N_("There is not enough disk space to write the register: {path}"),
        N_("Free some disk space or choose another folder. The last change was not saved."),
    ),
    FaultKind.DISK_ERROR: (
        N_("The register file could not be read or written because of a disk error: {path}"),
        N_("Check the disk or network drive, restore the latest backup, or choose another folder."),
    ),
    FaultKind.FOLDER_UNUSABLE: (
        N_("The data folder cannot be created or written: {path}"),
        N_("Choose another folder, or check the access rights of this one."),
    ),
    FaultKind.BACKUP_FAILED: (
        N_("The backup copy of the register could not be written: {path}"),
        N_(
            "Free some disk space or check the backups folder, then start BreachDesk again. The register itself has not been changed."
        ),
    ),
    FaultKind.BAD_BACKUP: (
        N_("The chosen file is not a usable BreachDesk backup: {path}"),
        N_("Choose another backup file. The register has not been changed."),
    ),
    FaultKind.UNREACHABLE: (
        N_("The database cannot be reached: {path}"),
        N_("Check the database address and that the database server is running."),
    ),
    FaultKind.SERVER_NOT_FOUND: (
        N_("The database server's name could not be found: {path}"),
        N_("Check the server name in the database address, and the network connection of this PC."),
    ),
    FaultKind.DATABASE_MISSING: (
        N_("The database server is running, but the database does not exist on it: {path}"),
        N_(
            "Check the database name in the address, or ask the administrator of the server to create the "
            "database (README: チームで使う)."
        ),
    ),
    FaultKind.LOGIN_FAILED: (
        N_("The database server refused the user name or password: {path}"),
        N_("Check the user name and password with the administrator of the database server, then try again."),
    ),
    FaultKind.CONNECTION_LOST: (
        N_("The connection to the database server was lost: {path}"),
        N_(
            "Check that the database server is running and the network works, then try again. A change that was "
            "being saved was not saved: nothing was half-written."
        ),
    ),
    FaultKind.SERVER_BUSY: (
        N_("Another PC's change to the register on the server has not finished: {path}"),
        N_("Wait a moment and try again. Nothing of this change was saved."),
    ),
    FaultKind.EXTENSION_MISSING: (
        N_(
            "The database lacks the pg_trgm extension that search needs, and this user may not add it: {path}"
        ),
        N_(
            "Ask the administrator of the database server to run CREATE EXTENSION pg_trgm; in this database, "
            "then try again. Nothing has been changed."
        ),
    ),
    FaultKind.ENCRYPTED: (
        N_("The register is encrypted: enter its passphrase or recovery key to open it: {path}"),
        N_(
            "On the command line, set the passphrase in the environment variable BREACHDESK_PASSPHRASE (or the "
            "recovery key in BREACHDESK_RECOVERY_KEY). The file has not been changed."
        ),
    ),
    FaultKind.WRONG_KEY: (
        N_("The register could not be opened with this key: {path}"),
        N_(
            "Check the passphrase or the recovery key and try again. If they are right, the file may be damaged: "
            "restore the latest backup. The file has not been changed."
        ),
    ),
    FaultKind.NOT_ENCRYPTED: (
        N_("The register is not encrypted, so it needs no passphrase: {path}"),
        N_(
            "Open it without a passphrase, or encrypt it with main.py encrypt. The file has not been changed."
        ),
    ),
    FaultKind.OPENED_READ_ONLY: (
        N_("The register is open read-only, so nothing was saved: {path}"),
        "",  # the reason's own advice (ReadOnlyNotice.hint)
    ),
}


_WITHOUT_BACKUP: dict[FaultKind, str] = {
    FaultKind.DAMAGED: N_(
        "Choose another folder to start a new register, or ask whoever looks after this PC to recover the file "
        "from a system backup. The original file has not been changed."
    ),
    FaultKind.MISSING: N_(
        "Put the register file back where it was (for example from a system backup) or choose another folder. "
        "BreachDesk has not created an empty register in its place."
    ),
    FaultKind.EMPTY: N_(
        "Put the register file back where it was (for example from a system backup) or choose another folder. "
        "BreachDesk has not created an empty register in its place."
    ),
    FaultKind.NEWER_SCHEMA: N_("Use the newer version of BreachDesk. The file has not been changed."),
    FaultKind.DISK_ERROR: N_("Check the disk or network drive, or choose another folder."),
}


def fault(kind: FaultKind, path: Path | str, *, revision: str = "") -> DatabaseFault:
    message, hint = _TEXTS[kind]
    without_backup = _WITHOUT_BACKUP.get(kind)
    return DatabaseFault(
        kind,
        _(message).format(path=path, revision=revision),
        _(hint) if hint else "",
        path,
        _(without_backup) if without_backup else "",
    )


def kind_of_sqlite_error(exc: BaseException | None) -> FaultKind | None:
    """Map a sqlite3 error to a known fault; None means a bug (e.g. a constraint we violated), not the file."""
    if not isinstance(exc, DB_ERRORS):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        return FaultKind.LOCKED
    if primary == SQLITE_READONLY or "readonly database" in text:
        return FaultKind.READ_ONLY
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return FaultKind.DAMAGED
    if primary == SQLITE_FULL or "disk is full" in text:
        return FaultKind.DISK_FULL
    if primary == SQLITE_IOERR or "disk i/o error" in text:
        return FaultKind.DISK_ERROR
    if primary in (SQLITE_CANTOPEN, SQLITE_PERM) or "unable to open" in text:
        return FaultKind.UNREADABLE
    return None


# What a PostgreSQL server (through psycopg) says, by SQLSTATE when it sends one. Connection failures carry no
# SQLSTATE, only libpq's English text (a server set to another lc_messages falls back to UNREACHABLE).
_SERVER_STATES = {
    "3D000": FaultKind.DATABASE_MISSING,
    "28000": FaultKind.LOGIN_FAILED,
    "28P01": FaultKind.LOGIN_FAILED,
    "57P01": FaultKind.CONNECTION_LOST,  # admin_shutdown: the server was stopped under us
    "57P02": FaultKind.CONNECTION_LOST,
    "57P03": FaultKind.UNREACHABLE,  # cannot_connect_now: starting up or shutting down
    "55P03": FaultKind.SERVER_BUSY,  # lock_not_available: the chain's lock waited past lock_timeout
}
_SERVER_TEXTS = (
    ("failed to resolve host", FaultKind.SERVER_NOT_FOUND),
    ("could not translate host name", FaultKind.SERVER_NOT_FOUND),
    ("does not exist", FaultKind.DATABASE_MISSING),  # re-read below: a role that does not exist is a login
    ("password authentication failed", FaultKind.LOGIN_FAILED),
    ("no pg_hba.conf entry", FaultKind.LOGIN_FAILED),
    ("server closed the connection", FaultKind.CONNECTION_LOST),
    ("terminating connection", FaultKind.CONNECTION_LOST),
    ("consuming input failed", FaultKind.CONNECTION_LOST),
    ("connection is closed", FaultKind.CONNECTION_LOST),
    ("connection failed", FaultKind.UNREACHABLE),
)


def kind_of_server_error(exc: BaseException | None) -> FaultKind | None:
    """Map a psycopg error to a known fault; None for anything else (a constraint we violated is a bug).
    psycopg is optional (the `team` extra), so it is recognised by its module, not imported."""
    if exc is None or not type(exc).__module__.startswith("psycopg"):
        return None
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc).lower()
    if state == "42501" and "extension" in text:
        return FaultKind.EXTENSION_MISSING
    if state in _SERVER_STATES:
        return _SERVER_STATES[state]
    if state.startswith("08"):  # connection exception class
        return FaultKind.CONNECTION_LOST
    if state:
        return None
    for words, kind in _SERVER_TEXTS:
        if words in text:
            if kind is FaultKind.DATABASE_MISSING and 'role "' in text:
                return FaultKind.LOGIN_FAILED
            return kind
    return FaultKind.UNREACHABLE if type(exc).__name__ == "OperationalError" else None


def fault_from_sqlite(exc: BaseException | None, path: Path | str) -> DatabaseFault | None:
    """A known fault of the register's database (a SQLite file, or a PostgreSQL server in team mode)."""
    kind = kind_of_sqlite_error(exc) or kind_of_server_error(exc)
    return fault(kind, path) if kind is not None else None


def server_label(url: URL) -> str:
    """The server and database as the officer's messages name them: no driver, never the password."""
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def fault_from_oserror(exc: OSError, path: Path | str) -> DatabaseFault:
    """File-system errors while copying or moving register files (backups, restore, the data folder)."""
    if exc.errno == errno.ENOSPC:
        return fault(FaultKind.DISK_FULL, path)
    if isinstance(exc, PermissionError):
        # Windows reports a file held open by another process as "access denied".
        return fault(FaultKind.LOCKED if os.name == "nt" else FaultKind.READ_ONLY, path)
    return fault(FaultKind.DISK_ERROR, path)


class ReadOnlyReason(StrEnum):
    """Why a register was opened read-only instead of refused (issue 16 point 4: faults keep the officer working)."""

    DISK_FULL = "disk_full"  # the start-up backup (or the write probe) found no free space
    FOLDER_READ_ONLY = "folder_read_only"  # a write-protected medium or a folder the officer made read-only
    FILE_READ_ONLY = "file_read_only"


@dataclass(frozen=True, slots=True)
class ReadOnlyNotice:
    """What the window's banner and the refusal of a change say; plain text, already in the UI language."""

    reason: ReadOnlyReason
    banner: str  # one line: why the register is read-only
    detail: str  # what happened, what still works, and the backups that exist
    hint: str  # how to get back to a register that saves changes


_READ_ONLY_TEXTS: dict[ReadOnlyReason, tuple[str, str, str]] = {
    ReadOnlyReason.DISK_FULL: (
        N_("Opened read-only because there is not enough free disk space"),
        N_(
            "The backup copy that BreachDesk makes when it opens the register could not be written, because the "
            "disk of {path} is full. Incidents and deadlines can be viewed; changes cannot be saved."
        ),
        N_("Free some disk space, then start BreachDesk again."),
    ),
    ReadOnlyReason.FOLDER_READ_ONLY: (
        N_("Opened read-only because the folder is write-protected"),
        N_(
            "The data folder {path} cannot be written (for example a write-protected USB stick or CD, or a folder "
            "whose access rights allow reading only). Incidents and deadlines can be viewed; changes cannot be "
            "saved. BreachDesk has not changed the folder's access rights."
        ),
        N_(
            "To make changes, allow writing to the folder or copy the data folder to a writable place, then "
            "start BreachDesk again."
        ),
    ),
    ReadOnlyReason.FILE_READ_ONLY: (
        N_("Opened read-only because the register file is write-protected"),
        N_(
            "The register file {path} cannot be written. Incidents and deadlines can be viewed; changes cannot be "
            "saved. BreachDesk has not changed the file's access rights."
        ),
        N_("To make changes, allow writing to the register file, then start BreachDesk again."),
    ),
}


def read_only_notice(reason: ReadOnlyReason, path: Path | str, backups: int) -> ReadOnlyNotice:
    """`backups`: how many copies the backups folder holds, so the text never calls a backup missing that exists."""
    banner, detail, hint = _READ_ONLY_TEXTS[reason]
    if backups:
        kept = ngettext(
            "The existing backup ({count} copy) has not been changed.",
            "The existing backups ({count} copies) have not been changed.",
            backups,
        ).format(count=backups)
    else:
        kept = _("There is no backup in this data folder yet.")
    return ReadOnlyNotice(reason, _(banner), _(detail).format(path=path) + " " + kept, _(hint))


def read_only_refusal(notice: ReadOnlyNotice, path: Path | str) -> DatabaseFault:
    """A change asked of a register opened read-only: nothing written, and the reason in the officer's words."""
    message = _("The register is open read-only, so nothing was saved: {path}").format(path=path)
    return DatabaseFault(FaultKind.OPENED_READ_ONLY, f"{message}\n{notice.banner}", notice.hint, path)
