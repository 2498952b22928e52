"""The outside 概要 of an incident, and each 本人通知 kept as sent with its delivery history (issue 15).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- `incidents.public_summary`: the 概要 that letters, the 公表文, the 委託元 notice and the report print. The 件名
  (`title`) stays internal: it may name a department or a person and is never sent outside.
- `notice_deliveries.letter_text`: the text of the letter exactly as that person received it (NULL for letters
  recorded before this revision), so the officer can answer "what did you send me?" years later.
- `notice_delivery_events`: what happened to a letter or e-mail after it left (returned by the post, bounced,
  delivered, sent again), append-only like the timeline: a status is never overwritten, only followed.

Columns are only added, never a table rebuilt, so the triggers of 0001 and 0002 stay in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = "notice_delivery_events"
STATUSES = ("sent", "returned", "bounced", "delivered", "resent")


def upgrade() -> None:
    op.add_column("incidents", sa.Column("public_summary", sa.Text(), server_default="", nullable=False))
    op.add_column("notice_deliveries", sa.Column("letter_text", sa.Text(), nullable=True))
    op.create_table(
        EVENTS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")",
            name=f"ck_{EVENTS}_status",
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["notice_deliveries.id"],
            name=f"fk_{EVENTS}_delivery_id_notice_deliveries",
        ),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=f"fk_{EVENTS}_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{EVENTS}"),
    )
    op.create_index(f"ix_{EVENTS}_delivery_id", EVENTS, ["delivery_id"])
    op.create_index(f"ix_{EVENTS}_incident_id_status", EVENTS, ["incident_id", "status"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER trg_{EVENTS}_no_{verb.lower()} BEFORE {verb} ON {EVENTS} "
                f"BEGIN SELECT RAISE(ABORT, '{EVENTS} is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE TRIGGER trg_{EVENTS}_append_only BEFORE UPDATE OR DELETE ON {EVENTS} "
            "FOR EACH ROW EXECUTE FUNCTION breachdesk_refuse_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER trg_{EVENTS}_append_only ON {EVENTS}")
    op.drop_index(f"ix_{EVENTS}_incident_id_status", table_name=EVENTS)
    op.drop_index(f"ix_{EVENTS}_delivery_id", table_name=EVENTS)
    op.drop_table(EVENTS)  # SQLite drops the table's triggers with it
    with op.batch_alter_table("notice_deliveries", recreate="never") as batch:
        batch.drop_column("letter_text")
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("public_summary")
