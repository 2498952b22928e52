"""A wrong filing or delivery event is corrected by a new, audited entry, never by editing it (issue 18 point 3).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08

- `filing_corrections`: a filing withdrawn (取消: recorded by mistake) or corrected (訂正: its date or receipt
  number), each with its reason; the filing row itself stays as it was recorded. The effective filing is the
  original with its corrections applied in order (app/db/effective.py).
- `delivery_event_withdrawals`: a delivery event (returned, delivered...) recorded by mistake, withdrawn with a
  reason; at most one withdrawal per event.

Both tables are append-only like the timeline (SQL triggers). New tables, no new column: the row digests of
the tables tracked since 0005 (app/db/audit_state.py) keep their values, so an upgraded register still verifies.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CORRECTIONS = "filing_corrections"
WITHDRAWALS = "delivery_event_withdrawals"
ACTIONS = ("withdraw", "correct")


def _append_only(name: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER trg_{name}_no_{verb.lower()} BEFORE {verb} ON {name} "
                f"BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE TRIGGER trg_{name}_append_only BEFORE UPDATE OR DELETE ON {name} "
            "FOR EACH ROW EXECUTE FUNCTION breachdesk_refuse_change()"
        )


def upgrade() -> None:
    op.create_table(
        CORRECTIONS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("filing_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipt_number", sa.String(100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.CheckConstraint(
            "action IN (" + ", ".join(f"'{a}'" for a in ACTIONS) + ")", name=f"ck_{CORRECTIONS}_action"
        ),
        sa.ForeignKeyConstraint(["filing_id"], ["filings.id"], name=f"fk_{CORRECTIONS}_filing_id_filings"),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=f"fk_{CORRECTIONS}_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{CORRECTIONS}"),
    )
    op.create_index(f"ix_{CORRECTIONS}_filing_id", CORRECTIONS, ["filing_id"])
    op.create_index(f"ix_{CORRECTIONS}_incident_id", CORRECTIONS, ["incident_id"])
    op.create_table(
        WITHDRAWALS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["notice_delivery_events.id"],
            name=f"fk_{WITHDRAWALS}_event_id_notice_delivery_events",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=f"fk_{WITHDRAWALS}_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{WITHDRAWALS}"),
        sa.UniqueConstraint("event_id", name=f"uq_{WITHDRAWALS}_event_id"),
    )
    op.create_index(f"ix_{WITHDRAWALS}_incident_id", WITHDRAWALS, ["incident_id"])
    _append_only(CORRECTIONS)
    _append_only(WITHDRAWALS)


def downgrade() -> None:
    for name in (WITHDRAWALS, CORRECTIONS):
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER trg_{name}_append_only ON {name}")
    op.drop_index(f"ix_{WITHDRAWALS}_incident_id", table_name=WITHDRAWALS)
    op.drop_table(WITHDRAWALS)  # SQLite drops the table's triggers with it
    op.drop_index(f"ix_{CORRECTIONS}_incident_id", table_name=CORRECTIONS)
    op.drop_index(f"ix_{CORRECTIONS}_filing_id", table_name=CORRECTIONS)
    op.drop_table(CORRECTIONS)
