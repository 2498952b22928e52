"""Several people on one register: each 速報/確報/追完 draft carries the version its edits were made from (issue 19
point 2).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-11

- `report_drafts.version`: 1 for every existing draft, raised by one with each field an officer saves. A save names
  the version the officer's report tab was built from; a save from an older version is refused and the officer is
  shown both values, so two officers drafting the same report on two PCs never silently replace each other's field
  (docs/adr/0013-optimistic-concurrency.md).

A column is only added, never the table rebuilt (SQLite adds a NOT NULL column with a constant default in place).
The column is not digested (app/db/audit_state.py keeps its version 1 lists): it is bookkeeping, and the row
digests of an upgraded register keep their values.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("report_drafts", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("report_drafts", recreate="never") as batch:
        batch.drop_column("version")
