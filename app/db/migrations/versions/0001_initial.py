"""The first schema: office profile, incidents with assessment history, timeline, filings, audit log, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_TABLES = ("audit_log", "timeline_entries")


def _moment(name: str, nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "office_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("corporate_number", sa.String(13), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("representative", sa.Text(), nullable=False),
        sa.Column("industry", sa.Text(), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.Column("contact_person", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("pmark_holder", sa.Boolean(), nullable=False),
        sa.Column("delegated_sector", sa.Boolean(), nullable=False),
        sa.Column("date_style", sa.String(20), nullable=False),
        _moment("updated_at"),
        sa.CheckConstraint("id = 1", name="ck_office_profile_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_office_profile"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("incident_kind", sa.String(40), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("learned_date", sa.Date(), nullable=True),
        sa.Column("next_deadline", sa.Date(), nullable=True),
        sa.Column("applicable_items", sa.JSON(), nullable=False),
        sa.Column("rules_version", sa.String(60), nullable=True),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("jipdec_event", sa.String(60), nullable=True),
        sa.Column("jipdec_category", sa.String(60), nullable=True),
        sa.Column("jipdec_cause", sa.String(60), nullable=True),
        _moment("created_at"),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("reference", name="uq_incidents_reference"),
    )
    op.create_index("ix_incidents_status_next_deadline", "incidents", ["status", "next_deadline"])
    op.create_index("ix_incidents_status_learned_date", "incidents", ["status", "learned_date"])
    op.create_index("ix_incidents_learned_date", "incidents", ["learned_date"])
    op.create_index("ix_incidents_next_deadline", "incidents", ["next_deadline"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        _moment("assessed_at"),
        sa.Column("rules_version", sa.String(60), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_assessments_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    op.create_index("ix_assessments_incident_id_assessed_at", "assessments", ["incident_id", "assessed_at"])
    op.create_table(
        "timeline_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        _moment("occurred_at"),
        _moment("recorded_at"),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["timeline_entries.id"], name="fk_timeline_entries_corrects_id_timeline_entries"
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_timeline_entries_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_timeline_entries"),
    )
    op.create_index(
        "ix_timeline_entries_incident_id_occurred_at", "timeline_entries", ["incident_id", "occurred_at"]
    )
    op.create_table(
        "filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        _moment("filed_at"),
        sa.Column("channel", sa.String(60), nullable=False),
        sa.Column("receipt_number", sa.String(100), nullable=True),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("filename", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _moment("recorded_at"),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_filings_incident_id_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_filings"),
    )
    op.create_index("ix_filings_incident_id_filed_at", "filings", ["incident_id", "filed_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _moment("at"),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("after", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
    )
    op.create_index("ix_audit_log_entity_entity_id", "audit_log", ["entity", "entity_id"])
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("key", name="pk_app_settings"),
    )
    _create_append_only_triggers()


def _create_append_only_triggers() -> None:
    """The database itself refuses edits to the audit log and the timeline, whatever program writes to it."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY_TABLES:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION breachdesk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY_TABLES:
            op.execute(
                f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION breachdesk_refuse_change()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER trg_{table}_append_only ON {table}")
        op.execute("DROP FUNCTION breachdesk_refuse_change()")
    for table in (
        "app_settings",
        "audit_log",
        "filings",
        "timeline_entries",
        "assessments",
        "incidents",
        "office_profile",
    ):
        op.drop_table(table)  # SQLite drops a table's triggers with it
