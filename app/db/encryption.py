"""Converting a register between plain and encrypted, or to a new key, without ever risking the original
(issue 17 point 3; docs/adr/0010-register-encryption.md).

Every conversion is the same five steps: a verified copy of the register as it is (pre-migration-<kind>-…,
outside the rotation); the whole register exported with SQLCipher's `sqlcipher_export` into `<register>.converting`
under the new key (or none); that file checked (quick_check, the same number of incidents and audit entries, the
audit chain verifies); the swap (original → `<register>.original`, its -wal/-shm beside it, the new file in place,
the keys file updated, the original removed); then every backup converted the same way, one file at a time, and
every plain leftover of the register (journals, moved-aside files) removed. A new key goes the same way rather
than `PRAGMA rekey` in place: the keys file and the register must change together, which the swap's marker file
(`breachdesk.keys.json.next`) makes recoverable.

A kill at any point leaves either the original register or the converted one, whole: `recover_interrupted` (run
before a register opens) puts the original back when the new file was not yet in place, and finishes the swap when
it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy.orm import Session

from app.db import backups as backup_files
from app.db import cipher
from app.db.audit import verify_chain
from app.db.connect import DB_ERRORS, connect
from app.db.faults import FaultKind, fault, fault_from_oserror, fault_from_sqlite
from app.db.register_key import RegisterKey
from app.db.snapshot import open_evidence
from app.db.sqlite_uri import SQLITE_HEADER, frozen_uri, readonly_uri, sqlite_uri
from app.errors import StorageError
from app.i18n import _
from app.paths import DataPaths

log = logging.getLogger(__name__)

CONVERTING = ".converting"  # the new file while it is written and checked
ORIGINAL = ".original"  # the original register, kept aside until the swap is done
NEXT_KEYS = cipher.KEYS_NAME + ".next"  # the keys file that goes with the new file, written before the swap
SIDES = ("-wal", "-shm", "-journal")
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"

# Tests stop the conversion at a named step (a kill -9 there); nothing else sets it.
checkpoint: Callable[[str], None] = lambda step: None  # noqa: E731


@dataclass(frozen=True, slots=True)
class Counts:
    incidents: int
    audit_entries: int


@dataclass(slots=True)
class Converted:
    """What a conversion did, for the command's summary."""

    counts: Counts
    backups: list[Path] = field(default_factory=list)  # converted
    kept: list[Path] = field(
        default_factory=list
    )  # backups that could not be read with the old key: left as they are
    removed: list[Path] = field(default_factory=list)  # plain leftovers removed


def _key_sql(key: RegisterKey | None) -> str:
    return f'"{key.pragma}"' if key is not None else "''"


def _conversion_error(path: Path) -> StorageError:
    return StorageError(
        _("The converted copy of {name} did not match the original: nothing was replaced.").format(
            name=path.name
        ),
        hint=_("The register is unchanged. Check the free space of the disk and try again."),
    )


def counts(file: Path, key: RegisterKey | None, *, frozen: bool = False) -> Counts:
    uri = frozen_uri(file) if frozen else readonly_uri(file)
    with contextlib.closing(connect(uri, key)) as conn:
        incidents = int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])
        entries = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    return Counts(incidents, entries)


def export(
    source: Path,
    target: Path,
    source_key: RegisterKey | None,
    target_key: RegisterKey | None,
    *,
    frozen: bool = False,
) -> None:
    """The whole of `source` (WAL content included) into a new file `target` under `target_key` (None: plain)."""
    target.unlink(missing_ok=True)
    conn = sqlcipher3.connect(frozen_uri(source) if frozen else readonly_uri(source), uri=True, timeout=5.0)
    try:
        if source_key is not None:
            conn.execute(f'PRAGMA key = "{source_key.pragma}"')
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        attach = sqlite_uri(target, {})
        conn.execute(f"ATTACH DATABASE '{attach}' AS converted KEY {_key_sql(target_key)}")
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {version}")  # sqlcipher_export does not copy it
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    if os.name == "posix":
        target.chmod(0o600)


def check_converted(target: Path, key: RegisterKey | None, expected: Counts) -> None:
    """quick_check, the same counts, and the audit chain verifies: a converted file that fails any is not used."""
    with contextlib.closing(connect(frozen_uri(target), key)) as conn:
        ok = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    if not ok or counts(target, key, frozen=True) != expected:
        raise _conversion_error(target)
    with open_evidence(target, key) as (engine, _evidence), Session(engine) as session:
        if verify_chain(session) is not None:
            raise _conversion_error(target)


def _convert_file(
    source: Path, target: Path, old: RegisterKey | None, new: RegisterKey | None, *, frozen: bool = False
) -> Counts:
    """`frozen` for a backup: read without SQLite's -wal/-shm files appearing beside it."""
    expected = counts(source, old, frozen=frozen)
    try:
        export(source, target, old, new, frozen=frozen)
        check_converted(target, new, expected)
    except BaseException:
        _remove_with_sides(target)
        raise
    return expected


def _remove_with_sides(path: Path) -> None:
    for suffix in ("", *SIDES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _move_with_sides(source: Path, target: Path) -> None:
    for suffix in ("", *SIDES):
        current = source.with_name(source.name + suffix)
        if current.exists():
            os.replace(current, target.with_name(target.name + suffix))


@contextlib.contextmanager
def _writers_held(file: Path, key: RegisterKey | None) -> Iterator[None]:
    """Everything in the -wal file written into the register, then the write lock held while it is exported:
    another BreachDesk command cannot commit a change the converted copy would miss."""
    conn = connect(sqlite_uri(file, {"mode": "rw"}), key, timeout=5.0)
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _next_keys(paths: DataPaths) -> Path:
    return paths.root / NEXT_KEYS


def _write_private(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, path)


def _install_keys(paths: DataPaths, keys: dict[str, Any] | None) -> None:
    """The keys file that goes with the register now in place (None: a plain register has none)."""
    if keys is not None:
        cipher.write_keys(paths.root, keys, paths.backups_dir)
    else:
        for folder in (paths.root, paths.backups_dir):
            cipher.keys_file(folder).unlink(missing_ok=True)
    _next_keys(paths).unlink(missing_ok=True)


def recover_interrupted(paths: DataPaths) -> list[str]:
    """After a conversion killed half-way: the original back when the new file was not yet in place, the swap
    finished when it was; the half-written files removed. Returns what was done (for the log)."""
    file = paths.db_file
    original = file.with_name(file.name + ORIGINAL)
    done: list[str] = []
    if original.exists():
        if file.exists():
            next_keys = _next_keys(paths)
            if next_keys.exists():
                _install_keys(paths, json.loads(next_keys.read_text(encoding="ascii")) or None)
            _remove_with_sides(original)
            done.append("finished the swap of a conversion")
        else:
            _move_with_sides(original, file)
            _next_keys(paths).unlink(missing_ok=True)
            done.append("put the original register back after an interrupted conversion")
    elif _next_keys(paths).exists():
        _next_keys(paths).unlink(missing_ok=True)
    for folder in (paths.root, paths.backups_dir):
        if folder.is_dir():
            for leftover in folder.glob(f"*{CONVERTING}*"):
                leftover.unlink(missing_ok=True)
                done.append(f"removed {leftover.name}")
    for line in done:
        log.warning("%s (%s)", line, paths.root)
    return done


def _swap(paths: DataPaths, converted: Path, keys: dict[str, Any] | None) -> None:
    file = paths.db_file
    original = file.with_name(file.name + ORIGINAL)
    _write_private(_next_keys(paths), json.dumps(keys or {}))
    checkpoint("before-swap")
    _move_with_sides(file, original)
    checkpoint("original-aside")
    os.replace(converted, file)
    checkpoint("swapped")
    _install_keys(paths, keys)
    _remove_with_sides(original)


def _plain_header(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return head == SQLITE_HEADER or head[:4] in _WAL_MAGIC or head[:8] == _JOURNAL_MAGIC


def _convert_backups(
    paths: DataPaths, old: RegisterKey | None, new: RegisterKey | None, done: Converted
) -> None:
    for path in backup_files.list_backups(paths.backups_dir):
        plain = _plain_header(path)
        if new is None and plain:
            continue  # already what a plain register's backups are
        if old is None and not plain:
            continue  # already encrypted (an earlier run of encrypt that was interrupted)
        if old is not None and not backup_files.is_usable_database(path, old):
            done.kept.append(path)
            continue
        converting = path.with_name(path.name + CONVERTING)
        try:
            _convert_file(path, converting, old, new, frozen=True)
        except StorageError:
            done.kept.append(path)
            continue
        except DB_ERRORS:
            done.kept.append(path)
            continue
        os.replace(converting, path)
        for side in SIDES:  # left by an older reader; they belong to the file as it was
            path.with_name(path.name + side).unlink(missing_ok=True)
        done.backups.append(path)
        checkpoint("backup-converted")


def plain_leftovers(paths: DataPaths) -> list[Path]:
    """Files of the register's family that hold readable pages: moved-aside registers, journals, -wal files, and
    backups nobody could convert. The anchors, settings and keys files hold no personal data."""
    found: list[Path] = []
    stem = paths.db_file.name
    candidates = [p for p in paths.root.glob(stem + "*") if p != paths.db_file]
    if paths.backups_dir.is_dir():
        candidates += list(paths.backups_dir.iterdir())
    for path in candidates:
        if path.is_file() and _plain_header(path):
            found.append(path)
    return sorted(found)


def _after_swap(paths: DataPaths, old: RegisterKey | None, new: RegisterKey | None, done: Converted) -> None:
    _convert_backups(paths, old, new, done)
    if new is None:
        return
    for leftover in plain_leftovers(paths):
        if leftover not in done.kept:
            leftover.unlink(missing_ok=True)
            done.removed.append(leftover)


def convert_register(
    paths: DataPaths,
    old: RegisterKey | None,
    new: RegisterKey | None,
    keys: dict[str, Any] | None,
    kind: str,
    on_swapped: Callable[[], None] | None = None,
) -> Converted:
    """Convert the (closed) register from `old` to `new` (None: plain), with the keys file `keys` going with it,
    then every backup. Raises StorageError, with the register untouched, when the converted copy does not check.
    `on_swapped` runs as soon as the new file is in place (the CLI prints the recovery key there)."""
    file = paths.db_file
    if not file.is_file():
        raise fault(FaultKind.MISSING, file)
    recover_interrupted(paths)
    backup_files.pre_migration_copy(file, paths.backups_dir, kind, old)
    converting = file.with_name(file.name + CONVERTING)
    try:
        with _writers_held(file, old):
            expected = _convert_file(file, converting, old, new)
        checkpoint("exported")
        _swap(paths, converting, keys)
    except OSError as exc:
        raise fault_from_oserror(exc, file) from exc
    except DB_ERRORS as exc:
        raise (fault_from_sqlite(exc, file) or _conversion_error(file)) from exc
    if on_swapped is not None:
        on_swapped()
    done = Converted(expected)
    _after_swap(paths, old, new, done)
    return done


def finish_encryption(paths: DataPaths, key: RegisterKey) -> Converted:
    """What an interrupted `encrypt` left after its swap: plain backups converted, plain leftovers removed."""
    done = Converted(counts(paths.db_file, key))
    _after_swap(paths, None, key, done)
    return done


def free_space_for_copy(paths: DataPaths) -> bool:
    """Room for two more copies of the register (the verified copy and the converted file)."""
    try:
        size = paths.db_file.stat().st_size
        return shutil.disk_usage(paths.root).free > 2 * size + (1 << 20)
    except OSError:
        return True
