"""The audit chain's lock on PostgreSQL: one writer at a time, as SQLite's BEGIN IMMEDIATE gives (issue 19 point 2).

Core only (no ORM), so app/db/database.py can take it when a write transaction begins without loading the ORM
before the first rows are on screen (docs/adr/0006-two-phase-start.md). Why and how: app/db/audit.py and
docs/adr/0013-optimistic-concurrency.md.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# The one advisory-lock key of the audit chain: b"BDAUDIT1" read as a big-endian signed 64-bit integer
# (4775013339393250353). Fixed forever: every BreachDesk version writing to one server must wait on the same key.
# The database is BreachDesk's own, so no other application's advisory locks share its key space in practice.
CHAIN_LOCK_KEY = int.from_bytes(b"BDAUDIT1", "big", signed=True)
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
# How long a writer waits for another PC's write: those last milliseconds, but a PC whose connection hangs
# mid-transaction would hold the lock until the server drops it. Past this the write fails with SQLSTATE 55P03,
# reported as FaultKind.SERVER_BUSY (「別の PC の書き込みが終わりません」), and nothing of it is saved.
LOCK_TIMEOUT = "20s"


def lock_chain(connection: Connection) -> None:
    """Wait until no other transaction can write to the chain, and keep it so until this transaction ends
    (commit or rollback release it; there is no unlock to forget). PostgreSQL only: on SQLite the write
    transaction already holds the file's one write lock. Re-entrant: taking it again in the same transaction
    does not wait."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))  # this transaction only
        connection.execute(_LOCK, {"key": CHAIN_LOCK_KEY})
