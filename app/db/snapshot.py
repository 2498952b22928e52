"""Reading a register as evidence: nothing in its folder is written, created or changed (issue 16 point 3).

`main.py verify` is what an officer runs before handing the register to the PPC, a lawyer or an auditor, often on
a copy on a write-protected medium. Opening it the normal way would migrate it, back it up and leave -wal/-shm
files beside it; here it is opened as SQLite's `immutable=1` read-only URI, which creates no side files and takes
no locks. A register whose -wal file still holds committed changes (the window is open, or it was killed) cannot
be read that way without missing them, so both files are copied into a private temporary folder and the copy is
read instead: the original's bytes stay as they were, and the check still sees every committed change.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from app.db.connect import connect, looks_encrypted
from app.db.faults import FaultKind, fault
from app.db.register_key import KEYS_NAME, RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER, sqlite_uri

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """What the report says about the file itself: where, how big, and its SHA-256 as it was read."""

    path: Path
    size: int
    sha256: str
    wal_size: int  # bytes of committed-but-not-checkpointed changes read from the -wal file (0: none)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _readonly_engine(uri: str, key: RegisterKey | None = None) -> Engine:
    def creator() -> Any:
        return connect(uri, key, check_same_thread=False)

    # An encrypted register through SQLAlchemy's SQLCipher dialect, so that its errors are the ones wrapped.
    driver = "sqlite+pysqlcipher" if key is not None else "sqlite+pysqlite"
    url = URL.create(driver, password=key.pragma if key is not None else None)
    engine = create_engine(url, creator=creator, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # belt and braces: no statement may write

    return engine


@contextmanager
def open_evidence(file: Path, key: RegisterKey | None = None) -> Iterator[tuple[Engine, EvidenceFile]]:
    """An engine that reads `file` without writing anything next to it; StorageError when it is not a register."""
    if not file.is_file():
        raise fault(FaultKind.MISSING, file)
    with file.open("rb") as stream:
        header = stream.read(len(SQLITE_HEADER))
        plain = header == SQLITE_HEADER
        if key is None and not plain:
            keys_beside = len(header) == len(SQLITE_HEADER) and (
                (file.parent / KEYS_NAME).is_file() or looks_encrypted(file)
            )
            raise fault(FaultKind.ENCRYPTED if keys_beside else FaultKind.DAMAGED, file)
        if key is not None and plain:
            raise fault(FaultKind.NOT_ENCRYPTED, file)
    wal = file.with_name(file.name + "-wal")
    wal_size = wal.stat().st_size if wal.is_file() else 0
    evidence = EvidenceFile(file.resolve(), file.stat().st_size, file_sha256(file), wal_size)
    if not wal_size:
        engine = _readonly_engine(sqlite_uri(file, {"mode": "ro", "immutable": "1"}), key)
        try:
            yield engine, evidence
        finally:
            engine.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="breachdesk-verify-") as folder:
        copy = Path(folder) / "register.sqlite3"
        shutil.copyfile(file, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        engine = _readonly_engine(sqlite_uri(copy, {"mode": "ro"}), key)
        try:
            yield engine, evidence
        finally:
            engine.dispose()
