"""How BreachDesk names a SQLite file to sqlite3, kept free of SQLAlchemy so the start-up preview can use it."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_uri(path: Path, params: dict[str, str]) -> str:
    """file:///... with the path percent-encoded, so spaces, # and Japanese folder names survive."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def readonly_uri(path: Path) -> str:
    """mode=ro: SQLite can neither create the file nor write to it, so a damaged register stays as it was."""
    return sqlite_uri(path, {"mode": "ro"})


def frozen_uri(path: Path) -> str:
    """mode=ro&immutable=1 for files nothing writes to (backups, evidence): SQLite takes no locks and creates no
    -wal/-shm files beside them, so reading a backup leaves its folder exactly as it was."""
    return sqlite_uri(path, {"mode": "ro", "immutable": "1"})
