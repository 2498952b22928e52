"""Every raw connection to a register file goes through here, plain or encrypted (docs/adr/0010-register-encryption.md).

A plain register is read with the standard sqlite3 module; an encrypted one with sqlcipher3 (SQLCipher bundled in
its wheels) and the data key as SQLCipher's raw key, set before anything else touches the file. Code that catches
database errors catches `DB_ERRORS`, the errors of both modules.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from app.db.register_key import RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER

DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)


def connect(
    uri: str, key: RegisterKey | None = None, *, timeout: float = 5.0, check_same_thread: bool = True
) -> Any:
    """A DB-API connection to `uri` (a file: URI); with `key`, an SQLCipher connection already keyed."""
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    conn = sqlcipher3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    conn.execute(f'PRAGMA key = "{key.pragma}"')
    return conn


def is_encrypted_file(path: Path) -> bool:
    """A file that is there, not empty, and does not start like a plain SQLite file: an SQLCipher register (or a
    damaged one; opening it with the key tells which)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return len(head) == len(SQLITE_HEADER) and head != SQLITE_HEADER


SQLCIPHER_PAGE = 4096  # SQLCipher 4's default page size: an encrypted register is a whole number of pages


def looks_encrypted(path: Path) -> bool:
    """An encrypted register rather than a damaged file, as far as can be told without the key: not plain SQLite,
    and a whole number of SQLCipher pages. With a keys file beside it there is no doubt; without one (it was lost)
    this still lets the recovery key open the register instead of calling it damaged."""
    if not is_encrypted_file(path):
        return False
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= SQLCIPHER_PAGE and size % SQLCIPHER_PAGE == 0
