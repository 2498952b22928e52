"""Opening the register: file checks, refusal of newer schemas, pre-migration copy, upgrade, start-up backup.

SQLite is the default (a file in the data folder); another SQLAlchemy URL (PostgreSQL later) goes through the same
schema checks and migrations, without the file checks and backups that only make sense for a local file.

A register that cannot be written (a full disk at the start-up backup, a write-protected folder or file) opens
read-only instead of locking the officer out of the deadlines (issue 16 point 4): SQLite's `mode=ro` URI, no
backup, no anchor, no debris cleanup, and every change refused with the reason (`Database.read_only`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import sqlcipher3
from sqlalchemy import create_engine, event, exc, inspect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import NullPool, Pool, QueuePool, StaticPool

from app.db import anchors
from app.db import backups as backup_files
from app.db import sqlite_uri as uris
from app.db.chain_lock import lock_chain
from app.db.connect import DB_ERRORS, connect
from app.db.faults import (
    DatabaseFault,
    FaultKind,
    ReadOnlyNotice,
    ReadOnlyReason,
    fault,
    fault_from_sqlite,
    read_only_notice,
    read_only_refusal,
    server_label,
)
from app.db.migrate import VERSION_TABLE, check_schema_state, needs_upgrade, upgrade_to_head
from app.db.preflight import check_file, prepare_folder, read_only_reason, read_state, refuse_missing_or_empty
from app.db.register_key import RegisterKey
from app.errors import BreachDeskError
from app.paths import DataPaths

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

READING = "breachdesk_reading"  # execution option of Database.reader: begin without taking the write lock
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds another writer may hold the lock before we report "in use"
_SPARE_BYTES = 1 << 20  # besides one copy of the register: its -shm, -wal and a journal


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # Japanese stays readable in the file


_DRIVER_ARGS = frozenset(
    {"uri", "timeout", "isolation_level", "detect_types", "check_same_thread", "cached_statements"}
)


def _sqlite_file_target(url: URL | None, paths: DataPaths) -> tuple[Path, dict[str, str]] | None:
    """The file behind a SQLite URL and its SQLite URI parameters; None for in-memory SQLite and other databases."""
    if url is None:
        return paths.db_file, {}
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = url.database
    params = {key: str(value) for key, value in url.query.items() if key not in _DRIVER_ARGS}
    if url.query.get("uri") in ("true", "1") and database.startswith("file:"):
        if params.get("mode") == "memory":
            return None
        return Path(unquote(urlsplit(database).path)), params
    return Path(database), {}


def _engine(
    url: URL,
    *,
    foreign_keys: bool,
    busy_timeout: float,
    poolclass: type[Pool] | None = None,
    sqlite_uri: str | None = None,
    read_only: bool = False,
    key: RegisterKey | None = None,
) -> Engine:
    sqlite = url.get_backend_name() == "sqlite"
    if key is not None:
        # SQLAlchemy's SQLCipher dialect: its DB-API is sqlcipher3 (so its errors are the ones SQLAlchemy wraps)
        # and it sends `PRAGMA key` first on every connection; the password is SQLCipher's raw-key form.
        url = url.set(drivername="sqlite+pysqlcipher", password=key.pragma)
    options: dict[str, Any] = {"json_serializer": _json_dumps}
    if poolclass is not None:
        options["poolclass"] = poolclass
    elif sqlite:
        # A register file: a queue of connections, each used by one thread at a time, for plain and encrypted alike.
        # SQLAlchemy's SQLCipher dialect would pick SingletonThreadPool (one connection per thread, at most five
        # threads): past five threads it closed another thread's connection in the middle of its read (「Cannot
        # operate on a closed database」 in a deadlines refresh), and a nested scope on one thread shared the outer
        # one's connection. Last in, first out: the connection used last has the warmest page cache, which an
        # encrypted register would otherwise decrypt again (bench/register.py).
        options["poolclass"] = QueuePool
        options["pool_use_lifo"] = True
    if sqlite_uri is not None:
        # Connect through the URI (mode=rw and the caller's parameters) while the URL stays a plain, readable path.
        def creator() -> Any:
            if key is None:
                return sqlite3.connect(sqlite_uri, uri=True, timeout=busy_timeout, check_same_thread=False)
            return sqlcipher3.connect(sqlite_uri, uri=True, timeout=busy_timeout, check_same_thread=False)

        options["creator"] = creator
    elif sqlite:
        options["connect_args"] = {"check_same_thread": False, "timeout": busy_timeout}
    else:
        # A server restarted between two sessions: a pooled connection is tested before use, not failed on.
        options["pool_pre_ping"] = True
    engine = create_engine(url, **options)
    if sqlite:
        _configure_sqlite(
            engine,
            foreign_keys=foreign_keys,
            busy_timeout=busy_timeout,
            read_only=read_only,
            encrypted=key is not None,
        )
    else:
        _serialise_writers(engine)
    return engine


def _serialise_writers(engine: Engine) -> None:
    """PostgreSQL's counterpart of BEGIN IMMEDIATE: a write transaction takes the audit chain's advisory lock
    before it touches anything, so writers on several PCs run one after another as they do on SQLite (one chain,
    unique 番号, no deadlock between a row lock and the chain's lock: app/db/chain_lock.py, ADR 0013). Readers
    (Database.reader) take none."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if not connection.get_execution_options().get(READING, False):
            lock_chain(connection)


# Pages of an encrypted register are decrypted each time they are read from the file: a larger page cache keeps
# the ones a search has decrypted (search on 100k incidents: 1.9× plain with the default 2 MB, ~1× with 128 MB,
# bench/register.py). It is a ceiling, filled only as pages are read.
ENCRYPTED_CACHE_KIB = 128 * 1024


def _configure_sqlite(
    engine: Engine, *, foreign_keys: bool, busy_timeout: float, read_only: bool, encrypted: bool = False
) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, so DDL is transactional too
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if encrypted:
            cursor.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")  # besides mode=ro: no statement may write
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Take the write lock up front: a transaction never fails half-way because another writer came first.
        # A read-only register takes no write lock: it must not wait for, or block, a writer.
        # A reading connection (Database.reader, read_scope) takes none either: in WAL mode it reads a snapshot
        # beside the writer, so a worker computing the deadlines never makes the window's own reads wait.
        reading = read_only or connection.get_execution_options().get(READING, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def _no_room(error: DatabaseFault, paths: DataPaths, file: Path) -> bool:
    """Whether a fault while opening comes from a full disk. SQLite says "disk is full" when a write fails, but
    when it cannot even create the -shm file that reading a WAL register needs it says "disk I/O error"
    (SQLITE_IOERR_SHMSIZE): then the file system's free space decides (room for one copy of the register)."""
    if error.kind is FaultKind.DISK_FULL:
        return True
    if error.kind not in (FaultKind.DISK_ERROR, FaultKind.BACKUP_FAILED):
        return False
    try:
        needed = (file.stat().st_size if file.is_file() else 0) + _SPARE_BYTES
        return shutil.disk_usage(paths.root).free < needed
    except OSError:
        return False


class Database:
    """An open register. Services use `session_scope()`; widgets never see a session."""

    def __init__(
        self,
        engine: Engine,
        paths: DataPaths,
        file: Path | None,
        retention: backup_files.Retention = backup_files.DEFAULT_RETENTION,
        backup_interval: dt.timedelta = backup_files.BACKUP_INTERVAL,
        read_only: ReadOnlyNotice | None = None,
        key: RegisterKey | None = None,
    ) -> None:
        self.engine = engine
        self.key = (
            key  # the data key of an encrypted register (docs/adr/0010-register-encryption.md), or None
        )
        self.paths = paths
        self.file = file  # the SQLite file, or None for another kind of database
        self.retention = retention
        self.backup_interval = backup_interval
        # Backups of this session's work (app/db/backups.py): when the last one was made, whether changes were
        # committed since, and why the last attempt failed (the window shows it; the change itself is saved).
        self._last_change_backup: float | None = None
        self._unsaved_changes = False
        self.backup_problem: BreachDeskError | None = None
        # Why the register was opened read-only (the window's banner), or None when changes are saved.
        self.read_only = read_only
        # Connections that only read: SQLite begins them DEFERRED (no write lock), see _configure_sqlite.
        self.reader: Engine = engine.execution_options(**{READING: True})
        self._sessionmakers: dict[bool, sessionmaker[Session]] = {}

    def _sessions(self, *, reading: bool = False) -> Session:
        """The ORM (~0.1 s) is imported on the first session, not when the register opens: the start-up shows the
        first rows through the register's Core query before any service needs a session."""
        made = self._sessionmakers.get(reading)
        if made is None:
            from sqlalchemy.orm import sessionmaker  # lazy on purpose: after the first rows (the ORM)

            made = sessionmaker(bind=self.reader if reading else self.engine, expire_on_commit=False)
            self._sessionmakers[reading] = made
        return made()

    @classmethod
    def open(
        cls,
        paths: DataPaths,
        url: str | None = None,
        *,
        retention: backup_files.Retention = backup_files.DEFAULT_RETENTION,
        backup_interval: dt.timedelta = backup_files.BACKUP_INTERVAL,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        key: RegisterKey | None = None,
    ) -> Database:
        """Raise DatabaseFault (a StorageError) with a Japanese message for every known fault. With `key`, the
        register is encrypted with it (a new one is created encrypted); without, an encrypted one is refused
        (FaultKind.ENCRYPTED) so that the window or the CLI asks for the passphrase."""
        parsed = make_url(url) if url else None
        target = _sqlite_file_target(parsed, paths)
        if parsed is not None and target is None:
            return cls._open_other(parsed, paths, busy_timeout)
        file, params = target or (paths.db_file, {})
        reason = read_only_reason(paths.root, file) or read_only_reason(file.parent, file)
        if reason is not None:
            log.warning(
                "the register in %s cannot be written (%s): opening it read-only", file.parent, reason
            )
            return cls._open_read_only(
                paths, file, params, reason, busy_timeout, fault(FaultKind.READ_ONLY, file), key
            )
        try:
            return cls._open_writable(paths, file, params, retention, backup_interval, busy_timeout, key)
        except DatabaseFault as error:
            if not _no_room(error, paths, file):
                raise
            log.warning(
                "no free space to open the register in %s normally: opening it read-only", file.parent
            )
            # Named for what failed: the copy made at start, not the register (which has not been changed).
            cause = fault(FaultKind.BACKUP_FAILED, paths.backups_dir)
            cause.__cause__ = error
            return cls._open_read_only(
                paths, file, params, ReadOnlyReason.DISK_FULL, busy_timeout, cause, key
            )

    @classmethod
    def _open_writable(
        cls,
        paths: DataPaths,
        file: Path,
        params: dict[str, str],
        retention: backup_files.Retention,
        backup_interval: dt.timedelta,
        busy_timeout: float,
        key: RegisterKey | None,
    ) -> Database:
        prepare_folder(paths.root)
        prepare_folder(paths.backups_dir)
        backup_files.clean_restore_debris(file)
        state = check_file(file, paths.backups_dir, params, busy_timeout, paths.root, key)
        if state.existed and needs_upgrade(state.revisions):
            revision = "+".join(state.revisions) or None
            copy = backup_files.pre_migration_copy(file, paths.backups_dir, revision, key)
            log.info("copied %s to %s before migrating", file, copy)
        # mode=rw: a file that vanishes while BreachDesk runs is an error, not a new empty register.
        uri = uris.sqlite_uri(file, {"mode": "rw", **params})
        engine_url = URL.create("sqlite+pysqlite", database=str(file.resolve()))
        if not state.existed or needs_upgrade(state.revisions):
            cls._migrate_sqlite(engine_url, uri, file, busy_timeout, key)
        engine = _engine(engine_url, foreign_keys=True, busy_timeout=busy_timeout, sqlite_uri=uri, key=key)
        db = cls(engine, paths, file, retention, backup_interval, key=key)
        try:
            backup_files.startup_backup(file, paths.backups_dir, retention, key)
        except BaseException:
            db.close()
            raise
        anchors.anchor_head(file, paths.root, key=key)
        return db

    @classmethod
    def _open_read_only(
        cls,
        paths: DataPaths,
        file: Path,
        params: dict[str, str],
        reason: ReadOnlyReason,
        busy_timeout: float,
        cause: DatabaseFault,
        key: RegisterKey | None = None,
    ) -> Database:
        """Read-only, writing nothing: no backup, no anchor, no migration. `cause` is raised when read-only is no
        way out (nothing to read, or a register this version can only read after migrating it)."""
        if file.is_dir():
            raise fault(FaultKind.IS_FOLDER, file)
        try:
            size = file.stat().st_size if file.exists() else None
        except OSError as exc:
            raise cause from exc
        if not size:
            refuse_missing_or_empty(file, size, paths.backups_dir, paths.root)
            raise cause  # a new register cannot be created here
        if not os.access(file, os.R_OK):
            raise fault(FaultKind.UNREADABLE, file)
        uri = cls._readable_uri(file, params, busy_timeout, key)
        state = read_state(file, busy_timeout, uri, key)
        if needs_upgrade(state.revisions):
            raise cause
        engine_url = URL.create("sqlite+pysqlite", database=str(file.resolve()))
        engine = _engine(
            engine_url, foreign_keys=True, busy_timeout=busy_timeout, sqlite_uri=uri, read_only=True, key=key
        )
        backups = len(backup_files.list_backups(paths.backups_dir))
        where = paths.root if reason is not ReadOnlyReason.FILE_READ_ONLY else file
        return cls(engine, paths, file, read_only=read_only_notice(reason, where, backups), key=key)

    @staticmethod
    def _readable_uri(
        file: Path, params: dict[str, str], busy_timeout: float, key: RegisterKey | None = None
    ) -> str:
        """mode=ro sees a -wal file's committed changes but needs SQLite's -shm beside the file (which a full disk
        or a write-protected folder may refuse); immutable=1 needs nothing, and is exact when no -wal holds changes
        (docs/adr/0005-sqlite-wal.md)."""
        plain = {key: value for key, value in params.items() if key != "mode"}
        candidates = [uris.sqlite_uri(file, {**plain, "mode": "ro"})]
        wal = file.with_name(file.name + "-wal")
        if not (wal.is_file() and wal.stat().st_size):
            candidates.append(uris.sqlite_uri(file, {**plain, "mode": "ro", "immutable": "1"}))
        failure: Exception | None = None
        for uri in candidates:
            try:
                with contextlib.closing(connect(uri, key, timeout=busy_timeout)) as conn:
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except DB_ERRORS as exc:
                failure = exc
                continue
            return uri
        raise (fault_from_sqlite(failure, file) or fault(FaultKind.UNREADABLE, file)) from failure

    @staticmethod
    def _migrate_sqlite(
        engine_url: URL, uri: str, file: Path, busy_timeout: float, key: RegisterKey | None = None
    ) -> None:
        # Foreign keys off while migrating (batch mode copies tables), checked again before the commit.
        engine = _engine(
            engine_url,
            foreign_keys=False,
            busy_timeout=busy_timeout,
            poolclass=NullPool,
            sqlite_uri=uri,
            key=key,
        )
        try:
            with engine.begin() as conn:
                upgrade_to_head(conn)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"migration left rows that break foreign keys: {problems[:5]}")
        except exc.DBAPIError as error:
            raise (fault_from_sqlite(error.orig, file) or error) from error
        finally:
            engine.dispose()

    @classmethod
    def _open_other(cls, url: URL, paths: DataPaths, busy_timeout: float) -> Database:
        """Another database: in-memory SQLite (tests), or a PostgreSQL server (team mode, issue 19). Every known
        fault (server unreachable, unknown host, missing database, refused login, pg_trgm missing) becomes a
        DatabaseFault naming the server and database, never the password (`server_label`)."""
        shown = server_label(url)
        in_memory = url.get_backend_name() == "sqlite"  # a file URL never gets here
        engine = _engine(
            url, foreign_keys=True, busy_timeout=busy_timeout, poolclass=StaticPool if in_memory else None
        )
        try:
            with engine.begin() as conn:
                tables = set(inspect(conn).get_table_names())
                revisions: tuple[str, ...] = ()
                if VERSION_TABLE in tables:
                    rows = conn.exec_driver_sql(
                        f"SELECT version_num FROM {VERSION_TABLE} ORDER BY version_num"
                    )
                    revisions = tuple(str(row[0]) for row in rows)
                check_schema_state(tables, revisions, shown)
                if needs_upgrade(revisions):
                    upgrade_to_head(conn)
        except exc.DBAPIError as error:
            engine.dispose()
            known = fault_from_sqlite(error.orig, shown)
            if known is None and not isinstance(error, exc.OperationalError):
                raise
            raise (known or fault(FaultKind.UNREACHABLE, shown)) from error
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, paths, None)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def anchors_dir(self) -> Path:
        """Where this register's audit anchors are kept (app/db/anchors.py): the data folder for a register file; for
        a database server, a folder of its own per server and database under it. One data folder used with two
        databases (the local file and a server, or two servers) compared one chain with the other's anchors and
        reported a false 「監査ログが書き換えられています」."""
        if self.file is not None or self.url.get_backend_name() == "sqlite":
            return self.paths.root
        url = self.url
        identity = f"{url.get_backend_name()}://{url.username or ''}@{url.host or ''}:{url.port or ''}/{url.database}"
        folder = self.paths.root / "server-anchors" / hashlib.sha256(identity.encode()).hexdigest()[:16]
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    @contextmanager
    def read_scope(self) -> Iterator[Session]:
        """A transaction that only reads (the deadlines, the register's rows, a setting): a consistent snapshot
        that neither waits for a writer nor makes one wait (SQLite begins it DEFERRED, in WAL mode). Writing in it
        is a bug, refused before anything reaches the database."""
        with self._scope(reading=True) as session:
            yield session

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error (storage faults explained)."""
        with self._scope(reading=False) as session:
            yield session

    @contextmanager
    def _scope(self, *, reading: bool) -> Iterator[Session]:
        session = self._sessions(reading=reading)
        try:
            yield session
            changed = bool(session.new or session.dirty or session.deleted)
            if reading:
                if changed:
                    raise RuntimeError("a change inside Database.read_scope()")
                session.rollback()  # ends the read transaction; there is nothing to commit
                return
            if self.read_only is not None and changed:
                raise self._refusal()
            session.commit()
            head = session.info.pop(anchors.HEAD_KEY, None)
            if head is not None:
                anchors.record(self.anchors_dir, *head)
                self._changed()
        except exc.DBAPIError as error:
            session.rollback()
            where = self.file or server_label(self.url)
            known = fault_from_sqlite(error.orig, where)
            if self.read_only is not None and known is not None and known.kind is FaultKind.READ_ONLY:
                raise self._refusal() from error  # SQLite refused a write (mode=ro, query_only)
            if known is None:
                raise
            raise known from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _refusal(self) -> DatabaseFault:
        assert self.read_only is not None
        return read_only_refusal(self.read_only, self.file or self.paths.root)

    def _changed(self) -> None:
        """After a committed change: a copy at the session's first change, then at most every interval."""
        self._unsaved_changes = True
        now = time.monotonic()
        due = (
            self._last_change_backup is None
            or now - self._last_change_backup >= self.backup_interval.total_seconds()
        )
        if due:
            self._backup(backup_files.BackupReason.CHANGE)

    def _backup(self, reason: backup_files.BackupReason) -> None:
        if self.file is None or self.read_only is not None:
            return  # a database server keeps its own backups; a read-only register changed nothing
        try:
            backup_files.backup(self.file, self.paths.backups_dir, reason, self.retention, self.key)
        except BreachDeskError as error:
            # The change is committed; losing its copy must not undo it or stop the officer's work.
            log.warning("backup after a change failed: %s", error.user_text())
            self.backup_problem = error
            return
        self._last_change_backup = time.monotonic()
        self._unsaved_changes = False
        self.backup_problem = None

    def backup_now(self) -> None:
        """A copy of the register as it is (the window's 「今すぐバックアップ」 and tests)."""
        self._backup(backup_files.BackupReason.CHANGE)

    def backups(self) -> list[Path]:
        return backup_files.list_backups(self.paths.backups_dir) if self.file else []

    def restore_backup(self, backup: Path) -> Path | None:
        """Closes this register first; open a new Database afterwards. Returns where the old file was moved."""
        if self.file is None:
            raise RuntimeError("backups exist only for a SQLite register file")
        self.close()
        if self.file.exists():
            backup_files.before_restore_copy(self.file, self.paths.backups_dir, self.key)
        return backup_files.restore_backup(
            self.paths, backup, self.file, aside_label="replaced", key=self.key
        )

    def close(self) -> None:
        """Closing with changes since the last copy makes one more (so the last session's work is in a backup)."""
        if self._unsaved_changes:
            self._backup(backup_files.BackupReason.CLOSE)
            self._unsaved_changes = False
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
