"""The register's 番号法 column: whether My Numbers are involved and what the 番号法 track found (docs/domain.md §15).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Columns are only added and indexes replaced, never a table rebuilt by batch mode, so the append-only triggers of
0001 and the search triggers and FTS5 tables of 0002 stay in place. The new columns are filled from each incident's
latest saved assessment: one saved before the 番号法 track existed has no "bango" object, so an incident whose facts
name a 個人番号 reads "not assessed" under the 番号法 (re-assess it), and the others "none". `reportable` becomes
"reportable under either law"; only an assessment that already carries 番号法 categories can change it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_REGISTER_ORDER = ("learned_date", "id", "status", "next_deadline", "reportable", "jipdec_category")
REGISTER_ORDER = (*OLD_REGISTER_ORDER, "bango_verdict")
BATCH = 1000

_incidents = sa.table(
    "incidents",
    sa.column("id", sa.Integer()),
    sa.column("reportable", sa.Boolean()),
    sa.column("bango_verdict", sa.String(16)),
    sa.column("bango_categories", sa.JSON()),
)
_assessments = sa.table(
    "assessments",
    sa.column("id", sa.Integer()),
    sa.column("incident_id", sa.Integer()),
    sa.column("facts", sa.JSON()),
    sa.column("assessment", sa.JSON()),
)


def _verdict(assessment: Any, facts: Any) -> tuple[str, list[int]]:
    """app.domain.register.bango_verdict as of this revision (frozen copy: migrations never import the app)."""
    items = facts.get("data_items") if isinstance(facts, Mapping) else None
    in_data = isinstance(items, list) and "my_number" in items
    bango = assessment.get("bango") if isinstance(assessment, Mapping) else None
    if not isinstance(bango, Mapping):
        return ("not_assessed" if in_data else "none"), []
    categories = [int(c) for c in bango.get("categories") or []]
    if categories:
        return "report", categories
    if bango.get("effort_report"):
        return "effort", []
    if in_data or bango.get("applies") or bango.get("excluded_by"):
        return "nothing_due", []
    return "none", []


def _backfill() -> None:
    """In blocks of assessment ids: a register of 100,000 incidents never holds all their JSON in memory at once."""
    conn = op.get_bind()
    latest = [
        row[0]
        for row in conn.execute(
            sa.select(sa.func.max(_assessments.c.id))
            .group_by(_assessments.c.incident_id)
            .order_by(sa.func.max(_assessments.c.id))
        )
    ]
    update = (
        sa.update(_incidents)
        .where(_incidents.c.id == sa.bindparam("incident"))
        .values(bango_verdict=sa.bindparam("verdict"), bango_categories=sa.bindparam("categories"))
    )
    reportable = (
        sa.update(_incidents).where(_incidents.c.id == sa.bindparam("incident")).values(reportable=sa.true())
    )
    for start in range(0, len(latest), BATCH):
        block = latest[start : start + BATCH]
        rows = conn.execute(
            sa.select(_assessments.c.incident_id, _assessments.c.facts, _assessments.c.assessment).where(
                _assessments.c.id.in_(block)
            )
        ).fetchall()
        values: list[dict[str, Any]] = []
        now_reportable: list[dict[str, Any]] = []
        for incident_id, facts, assessment in rows:
            verdict, categories = _verdict(assessment, facts)
            values.append({"incident": incident_id, "verdict": verdict, "categories": categories})
            if categories:
                now_reportable.append({"incident": incident_id})
        conn.execute(update, values)
        if now_reportable:
            conn.execute(reportable, now_reportable)


def upgrade() -> None:
    op.add_column("incidents", sa.Column("bango_verdict", sa.String(16), nullable=True))
    op.add_column("incidents", sa.Column("bango_categories", sa.JSON(), server_default="[]", nullable=False))
    op.drop_index("ix_incidents_register_order", table_name="incidents")
    op.create_index("ix_incidents_register_order", "incidents", list(REGISTER_ORDER))
    op.create_index("ix_incidents_bango_verdict_learned_date", "incidents", ["bango_verdict", "learned_date"])
    _backfill()


def downgrade() -> None:
    op.drop_index("ix_incidents_bango_verdict_learned_date", table_name="incidents")
    op.drop_index("ix_incidents_register_order", table_name="incidents")
    op.create_index("ix_incidents_register_order", "incidents", list(OLD_REGISTER_ORDER))
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("bango_categories")
        batch.drop_column("bango_verdict")
