"""Several people on one register: each incident carries the version its edits were made from (issue 19 point 2).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10

- `incidents.version`: 1 for every existing incident, raised by one with each edit an officer makes (件名, 概要,
  notes, 分類, closing or reopening, a re-assessment). A save names the version the officer's screen was built
  from; a save from an older version is refused and the officer is shown both texts, so nothing is silently
  overwritten (docs/adr/0013-optimistic-concurrency.md).

A column is only added, never the table rebuilt (SQLite adds a NOT NULL column with a constant default in place),
so the search triggers of 0002 stay on `incidents`. The column is not digested (app/db/audit_state.py keeps its
version 1 lists): it is bookkeeping, and the row digests of an upgraded register keep their values.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("version")
