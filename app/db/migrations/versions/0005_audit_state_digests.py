"""The audit chain covers the tables: each entry carries the digests of the rows it changed (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

- `audit_log.state`: JSON `{"v": 1, "rows": {table: {id: sha256}}}` (app/db/audit_state.py), hashed into the entry
  only when set, so every entry written before keeps its hash.
- A register that already holds incidents gets one `baseline` entry recording the digest of every row of the
  tracked tables as they are at the upgrade, so `verify` can tell from then on which rows were changed, deleted
  or added outside BreachDesk. An empty register gets no entry.

Revisions import nothing from app/, so the version-1 digest and the entry hash are spelt out here; they must stay
byte for byte what app/db/audit_state.py and app/db/audit.py compute (tests/register/test_audit_state.py checks
that an upgraded register verifies). Downgrading drops the column: the baseline entry then no longer verifies.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
_DT = sa.DateTime(timezone=True)
DIGESTED: dict[str, tuple[tuple[str, Any], ...]] = {
    "incidents": (
        ("reference", sa.Text()),
        ("title", sa.Text()),
        ("incident_kind", sa.Text()),
        ("learned_date", sa.Date()),
        ("facts", sa.JSON()),
        ("jipdec_event", sa.Text()),
        ("jipdec_category", sa.Text()),
        ("jipdec_cause", sa.Text()),
        ("created_at", _DT),
        ("notes", sa.Text()),
        ("closed_at", _DT),
        ("public_summary", sa.Text()),
    ),
    "timeline_entries": (
        ("incident_id", sa.Integer()),
        ("occurred_at", _DT),
        ("recorded_at", _DT),
        ("actor", sa.Text()),
        ("text", sa.Text()),
        ("corrects_id", sa.Integer()),
    ),
    "filings": (
        ("incident_id", sa.Integer()),
        ("kind", sa.Text()),
        ("filed_at", _DT),
        ("channel", sa.Text()),
        ("receipt_number", sa.Text()),
        ("document", sa.LargeBinary()),
        ("filename", sa.Text()),
        ("note", sa.Text()),
        ("recorded_at", _DT),
        ("actor", sa.Text()),
    ),
    "notice_deliveries": (
        ("incident_id", sa.Integer()),
        ("filing_id", sa.Integer()),
        ("recipient_key", sa.Text()),
        ("recipient_name", sa.Text()),
        ("postal_code", sa.Text()),
        ("address", sa.Text()),
        ("email", sa.Text()),
        ("channel", sa.Text()),
        ("items", sa.JSON()),
        ("document_sha256", sa.Text()),
        ("sent_at", _DT),
        ("created_at", _DT),
        ("actor", sa.Text()),
        ("letter_text", sa.Text()),
    ),
    "notice_delivery_events": (
        ("delivery_id", sa.Integer()),
        ("incident_id", sa.Integer()),
        ("status", sa.Text()),
        ("happened_on", sa.Date()),
        ("note", sa.Text()),
        ("recorded_at", _DT),
        ("actor", sa.Text()),
    ),
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


def _canonical(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode()


def _digests(conn: sa.Connection, name: str) -> dict[str, str]:
    columns = [sa.column("id", sa.Integer()), *(sa.column(c, kind) for c, kind in DIGESTED[name])]
    query = sa.select(*columns).select_from(sa.table(name, *columns)).order_by(columns[0])
    return {
        str(row[0]): hashlib.sha256(_canonical([name, *(_plain(v) for v in row)])).hexdigest()
        for row in conn.execute(query)
    }


def _actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def _append_baseline(conn: sa.Connection) -> None:
    rows = {name: _digests(conn, name) for name in DIGESTED}
    if not any(rows.values()):
        return
    log = sa.table(
        "audit_log",
        sa.column("at", _DT),
        sa.column("actor", sa.Text()),
        sa.column("action", sa.Text()),
        sa.column("entity", sa.Text()),
        sa.column("entity_id", sa.Integer()),
        sa.column("state", sa.JSON()),
        sa.column("prev_hash", sa.Text()),
        sa.column("hash", sa.Text()),
        sa.column("id", sa.Integer()),
    )
    last = conn.execute(sa.select(log.c.hash).order_by(log.c.id.desc()).limit(1)).scalar()
    prev_hash = last or GENESIS_HASH
    at = dt.datetime.now(dt.UTC)
    actor = _actor()
    state = {"v": 1, "rows": rows}
    payload = {
        "prev_hash": prev_hash,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "action": "baseline",
        "entity": "register",
        "entity_id": None,
        "before": None,
        "after": None,
        "state": state,
    }
    stored_at = (
        at.replace(tzinfo=None) if conn.dialect.name == "sqlite" else at
    )  # as app/db/types.py stores it
    conn.execute(
        sa.insert(log).values(
            at=stored_at,
            actor=actor,
            action="baseline",
            entity="register",
            entity_id=None,
            state=state,
            prev_hash=prev_hash,
            hash=hashlib.sha256(_canonical(payload)).hexdigest(),
        )
    )


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("state", sa.JSON(none_as_null=True), nullable=True))
    _append_baseline(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.drop_column("state")
