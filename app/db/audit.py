"""The append-only audit log: who changed what, when, with before/after, chained by SHA-256.

Each entry's hash covers the previous entry's hash and its own content, so editing, inserting or deleting a row
in the middle breaks the chain from that row on. (Removing the newest rows needs an outside anchor to detect.)
Since schema 0005 an entry also carries the digests of the rows it changed (`state`, app/db/audit_state.py), so the
chain covers the tables too; entries written before keep their hashes, because `state` is hashed only when set.

One chain, whatever the number of writers (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md): an append
reads the head and links to it, so two appends must never read the same head. SQLite serialises every write
transaction (BEGIN IMMEDIATE); PostgreSQL at READ COMMITTED does not, and two PCs would fork the chain. There
`append` first takes the transaction-scoped advisory lock `CHAIN_LOCK_KEY` (`pg_advisory_xact_lock` on
4775013339393250353, b"BDAUDIT1": app/db/chain_lock.py), held until the commit or rollback, so the second writer
waits and then reads the first one's committed entry as the head. `Database` takes the same lock when a write
transaction begins, before any row is touched, which also keeps 番号 unique and two writers from deadlocking.
"""

from __future__ import annotations

import datetime as dt
import enum
import getpass
import hashlib
import json
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.db.anchors import HEAD_KEY
from app.db.audit_state import state_for
from app.db.chain_lock import lock_chain
from app.db.models import AuditEntry
from app.db.tables import audit_log
from app.domain.dates import now_utc

GENESIS_HASH = "0" * 64


def current_actor() -> str:
    """The OS account: on a shared office PC this is the closest thing to a signature we have."""
    try:
        return getpass.getuser()
    except (
        OSError,
        KeyError,
        ImportError,
    ):  # no login name (service account, container without passwd entry)
        return "unknown"


def _default(value: object) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PurePath | set | frozenset):
        return str(value) if isinstance(value, PurePath) else sorted(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")


def as_json(value: Any) -> Any:
    """The value exactly as the database will give it back, so the hash can be recomputed from the row."""
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False, allow_nan=False))


def entry_hash(
    prev_hash: str,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: Any,
    after: Any,
    state: Any = None,
) -> str:
    payload: dict[str, Any] = {
        "prev_hash": prev_hash,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
    }
    if (
        state is not None
    ):  # absent from every entry written before schema 0005: their hashes stay as they were
        payload["state"] = state
    canonical = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    before: Any = None,
    after: Any = None,
    actor: str | None = None,
) -> AuditEntry:
    """Add an entry in the caller's transaction, so the change and its record commit or fail together.

    The rows are flushed first and read back, so the digests are of what the database holds, as `verify` reads it.
    The chain is locked before its head is read (`lock_chain`), so concurrent writers append one after another.
    """
    lock_chain(session.connection())
    session.flush()
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    prev_hash = last or GENESIS_HASH
    at = now_utc()
    who = actor or current_actor()
    before, after = as_json(before), as_json(after)
    state = state_for(session.connection(), entity, entity_id, action)
    entry = AuditEntry(
        at=at,
        actor=who,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        state=state,
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, at, who, action, entity, entity_id, before, after, state),
    )
    session.add(entry)
    session.flush()
    session.info[HEAD_KEY] = (entry.id, entry.hash)  # anchored after the commit (app/db/anchors.py)
    return entry


def head(session: Session) -> tuple[int, str] | None:
    """The newest entry's id and hash (None for an empty log): what an anchor records."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def count_and_head(session: Session) -> tuple[int, str] | None:
    """The number of entries and the newest hash: the anchor a printed report carries in its footer."""
    found = head(session)
    if found is None:
        return None
    count = session.scalar(select(func.count()).select_from(audit_log)) or 0
    return int(count), found[1]


def has_state_column(session: Session) -> bool:
    """False for a register older than schema 0005 read as evidence without upgrading it (app/db/snapshot.py)."""
    return any(c["name"] == "state" for c in inspect(session.connection()).get_columns(audit_log.name))


def verify_chain(session: Session) -> int | None:
    """The id of the first entry whose link or content does not match; None when the whole chain holds."""
    table = audit_log
    wanted = [c for c in table.columns if c.name != "state" or has_state_column(session)]
    expected_prev = GENESIS_HASH
    # Closed on the way out: PostgreSQL streams yield_per through a server-side cursor, left open by an early return.
    with session.execute(select(*wanted).order_by(table.c.id).execution_options(yield_per=1000)) as rows:
        for entry in rows:
            recomputed = entry_hash(
                entry.prev_hash,
                entry.at,
                entry.actor,
                entry.action,
                entry.entity,
                entry.entity_id,
                entry.before,
                entry.after,
                getattr(entry, "state", None),
            )
            if entry.prev_hash != expected_prev or entry.hash != recomputed:
                return int(entry.id)
            expected_prev = entry.hash
    return None


def chain_states(session: Session) -> list[Any]:
    """Every recorded state, oldest first (empty before schema 0005): what the tables are checked against."""
    if not has_state_column(session):
        return []
    table = audit_log
    query = select(table.c.state).where(table.c.state.is_not(None)).order_by(table.c.id)
    return list(session.scalars(query.execution_options(yield_per=1000)))


def apply_changes(
    session: Session,
    row: Any,
    changes: dict[str, Any],
    *,
    snapshot: Callable[[Any], dict[str, Any]],
    entity: str,
    actor: str | None = None,
) -> bool:
    """Set `changes` on `row` and log before/after, in the caller's transaction; False when nothing changed."""
    before = as_json(snapshot(row))
    for name, value in changes.items():
        setattr(row, name, value)
    after = as_json(snapshot(row))
    if after == before:
        return False
    session.flush()
    append(session, action="update", entity=entity, entity_id=row.id, before=before, after=after, actor=actor)
    return True
