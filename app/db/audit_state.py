"""Digests of the register's rows carried by the audit chain, so an edit made outside BreachDesk shows.

Each audit entry written since schema 0005 records, in `audit_log.state`, the SHA-256 of every row it changed, and
the entry's hash covers that record; `verify` recomputes the rows now in the tables and compares each with the newest
digest the chain holds for it (docs/architecture.md, "Evidence"). Only the columns an officer's action sets are
digested: the columns the app derives again without an entry of its own (status, next deadline, 報告対象, 号, 番号法,
更新日時: app/services/workspace/derived.py) would otherwise look like tampering after every refresh.

The column lists of version 1 are frozen: migration 0005 computes the same digests with its own copy of this code
(revisions import nothing from app/), and old entries must keep verifying. A column added later goes into a
version 2, never into these lists; a table added later (0006: the corrections of filings and delivery events)
gets its own list here, since no row of it was digested before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, LargeBinary, Text, column, inspect, select, table
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeEngine

STATE_VERSION = 1

_DT = DateTime(timezone=True)
_DIGESTED: dict[str, tuple[tuple[str, TypeEngine[Any]], ...]] = {
    "incidents": (
        ("reference", Text()),
        ("title", Text()),
        ("incident_kind", Text()),
        ("learned_date", Date()),
        ("facts", JSON()),
        ("jipdec_event", Text()),
        ("jipdec_category", Text()),
        ("jipdec_cause", Text()),
        ("created_at", _DT),
        ("notes", Text()),
        ("closed_at", _DT),
        ("public_summary", Text()),
    ),
    "timeline_entries": (
        ("incident_id", Integer()),
        ("occurred_at", _DT),
        ("recorded_at", _DT),
        ("actor", Text()),
        ("text", Text()),
        ("corrects_id", Integer()),
    ),
    "filings": (
        ("incident_id", Integer()),
        ("kind", Text()),
        ("filed_at", _DT),
        ("channel", Text()),
        ("receipt_number", Text()),
        ("document", LargeBinary()),
        ("filename", Text()),
        ("note", Text()),
        ("recorded_at", _DT),
        ("actor", Text()),
    ),
    "notice_deliveries": (
        ("incident_id", Integer()),
        ("filing_id", Integer()),
        ("recipient_key", Text()),
        ("recipient_name", Text()),
        ("postal_code", Text()),
        ("address", Text()),
        ("email", Text()),
        ("channel", Text()),
        ("items", JSON()),
        ("document_sha256", Text()),
        ("sent_at", _DT),
        ("created_at", _DT),
        ("actor", Text()),
        ("letter_text", Text()),
    ),
    "notice_delivery_events": (
        ("delivery_id", Integer()),
        ("incident_id", Integer()),
        ("status", Text()),
        ("happened_on", Date()),
        ("note", Text()),
        ("recorded_at", _DT),
        ("actor", Text()),
    ),
    # 0006: new tables, not new columns, so the digests above keep their values across the upgrade.
    "filing_corrections": (
        ("incident_id", Integer()),
        ("filing_id", Integer()),
        ("action", Text()),
        ("filed_at", _DT),
        ("receipt_number", Text()),
        ("reason", Text()),
        ("recorded_at", _DT),
        ("actor", Text()),
    ),
    "delivery_event_withdrawals": (
        ("incident_id", Integer()),
        ("event_id", Integer()),
        ("reason", Text()),
        ("recorded_at", _DT),
        ("actor", Text()),
    ),
}
# Tables that a copy of an older schema may not have yet (`verify --file` reads copies as they are).
_ADDED_LATER = frozenset({"filing_corrections", "delivery_event_withdrawals"})
TRACKED_TABLES: tuple[str, ...] = tuple(_DIGESTED)

# The entity names the services pass to audit.append, and the table whose row that entry changed.
_ENTITY_TABLES = {
    "incident": "incidents",
    "timeline_entry": "timeline_entries",
    "filing": "filings",
    "notice_delivery_event": "notice_delivery_events",
    "filing_correction": "filing_corrections",
    "delivery_event_withdrawal": "delivery_event_withdrawals",
}


def _plain(value: Any) -> Any:
    """A stored value as the same JSON on every read: moments in UTC, a document by its SHA-256."""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


def row_digest(table_name: str, values: Iterable[Any]) -> str:
    """`values`: the row's id, then its digested columns in the order of version 1."""
    payload = [table_name, *(_plain(v) for v in values)]
    canonical = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _select(table_name: str) -> Any:
    columns = [column("id", Integer()), *(column(name, kind) for name, kind in _DIGESTED[table_name])]
    return select(*columns).select_from(table(table_name, *columns))


def _present(conn: Connection, table_name: str) -> bool:
    return table_name not in _ADDED_LATER or inspect(conn).has_table(table_name)


def digests(conn: Connection, table_name: str, where: Any = None) -> Iterator[tuple[int, str]]:
    """Each row's id and digest, in id order; `where` gets the table's `id` column (and `filing_id`...).
    Nothing for a table added after the schema of the register read (a copy checked with `verify --file`)."""
    if not _present(conn, table_name):
        return
    query = _select(table_name)
    if where is not None:
        query = query.where(where(query.selected_columns))
    for row in conn.execute(query.order_by(query.selected_columns.id)).yield_per(2000):
        yield int(row[0]), row_digest(table_name, row)


def _state(rows: dict[str, dict[str, str | None]]) -> dict[str, Any]:
    return {"v": STATE_VERSION, "rows": rows}


def full_state(conn: Connection) -> dict[str, Any]:
    """Every tracked row: what an import (one entry for a whole register) records."""
    return _state({name: {str(i): d for i, d in digests(conn, name)} for name in TRACKED_TABLES})


def state_for(conn: Connection, entity: str, entity_id: int | None, action: str) -> dict[str, Any] | None:
    """The digests an entry about `entity` records (None for what is not tracked: settings, drafts, checklist)."""
    if entity == "register" and action == "import":
        return full_state(conn)
    table_name = _ENTITY_TABLES.get(entity)
    if table_name is None or entity_id is None:
        return None
    found: dict[str, str | None] = dict.fromkeys([str(entity_id)])  # a row gone records None: deleted
    found.update((str(i), d) for i, d in digests(conn, table_name, lambda c: c.id == entity_id))
    rows: dict[str, dict[str, str | None]] = {table_name: found}
    if table_name == "filings":  # a run of 本人通知 is one filing entry for all its deliveries
        deliveries = digests(conn, "notice_deliveries", lambda c: c.filing_id == entity_id)
        rows["notice_deliveries"] = {str(i): d for i, d in deliveries}
    return _state(rows)


@dataclass(frozen=True, slots=True)
class StateProblem:
    """One row whose content the chain does not vouch for: changed, deleted, or never recorded."""

    table: str
    row_id: int
    kind: str  # "changed" | "deleted" | "unlogged"


@dataclass(slots=True)
class StateCheck:
    rows: int = 0  # rows recomputed
    problems: list[StateProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def newest_digests(states: Iterable[Any]) -> dict[tuple[str, int], str | None]:
    """The newest digest the chain holds for each row, from the entries' states oldest first."""
    newest: dict[tuple[str, int], str | None] = {}
    for state in states:
        if not isinstance(state, dict) or state.get("v") != STATE_VERSION:
            continue
        for table_name, rows in (state.get("rows") or {}).items():
            for row_id, digest in rows.items():
                newest[(table_name, int(row_id))] = digest
    return newest


def check_state(conn: Connection, states: Iterable[Any]) -> StateCheck:
    """Every tracked row now against the newest digest in the chain; rows the chain says exist must exist."""
    newest = newest_digests(states)
    result = StateCheck()
    for table_name in TRACKED_TABLES:
        for row_id, digest in digests(conn, table_name):
            result.rows += 1
            key = (table_name, row_id)
            if key not in newest or newest[key] is None:
                result.problems.append(StateProblem(table_name, row_id, "unlogged"))
            elif newest[key] != digest:
                result.problems.append(StateProblem(table_name, row_id, "changed"))
            newest.pop(key, None)
    for (table_name, row_id), recorded in sorted(newest.items()):
        if recorded is not None and table_name in _DIGESTED:
            result.problems.append(StateProblem(table_name, row_id, "deleted"))
    return result
