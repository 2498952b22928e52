"""The incident workspace: checklist, report drafts, notice deliveries, register columns and Japanese search.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Search: `incident_search` holds each incident's searchable text, kept current by triggers on the tables it is
built from; `incident_search_fts` is an FTS5 trigram index over it (SQLite only). PostgreSQL keeps the same text
with PL/pgSQL triggers and a pg_trgm GIN index on it, and stores `applicable_items` as JSONB (the register sorts
and indexes it; JSON has no ordering there). No table touched here is
rebuilt by batch mode (columns are only added), so the append-only triggers of 0001 stay in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen schema: never import app.db.models here; spell out every column and constraint name.
revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS = "incident_search_fts"
# Replaces ix_incidents_learned_date: the register's default order (発覚日, id) with the filtered columns covered, so
# a filter never reads the table row by row.
REGISTER_ORDER = ("learned_date", "id", "status", "next_deadline", "reportable", "jipdec_category")
# One incident's searchable text: 番号, 件名, notes, every timeline entry, checklist notes, filing notes/receipts.
# It ends with two line feeds so that every character of the text starts a trigram: a one- or two-character search
# then looks up the trigrams that begin with it in the index's vocabulary (see app/services/register.py).
_BODY = """
    i.reference || char(10) || i.title || char(10) || i.notes
    || coalesce(char(10) || (SELECT group_concat(t.text, char(10)) FROM timeline_entries t
                             WHERE t.incident_id = i.id), '')
    || coalesce(char(10) || (SELECT group_concat(c.note, char(10)) FROM checklist_items c
                             WHERE c.incident_id = i.id AND c.note <> ''), '')
    || coalesce(char(10) || (SELECT group_concat(f.note || ' ' || coalesce(f.receipt_number, ''), char(10))
                             FROM filings f WHERE f.incident_id = i.id), '')
    || char(10) || char(10)
"""

# The same text in PostgreSQL's words (string_agg in entry order, so the text is the same on every rebuild).
_PG_BODY = """
    i.reference || chr(10) || i.title || chr(10) || i.notes
    || coalesce(chr(10) || (SELECT string_agg(t.text, chr(10) ORDER BY t.id) FROM timeline_entries t
                            WHERE t.incident_id = i.id), '')
    || coalesce(chr(10) || (SELECT string_agg(c.note, chr(10) ORDER BY c.id) FROM checklist_items c
                            WHERE c.incident_id = i.id AND c.note <> ''), '')
    || coalesce(chr(10) || (SELECT string_agg(f.note || ' ' || coalesce(f.receipt_number, ''), chr(10)
                                              ORDER BY f.id)
                            FROM filings f WHERE f.incident_id = i.id), '')
    || chr(10) || chr(10)
"""
PG_TRGM_INDEX = "ix_incident_search_body_trgm"


def _reindex(incident_id: str) -> str:
    return (
        f"INSERT INTO incident_search (incident_id, body) SELECT i.id, {_BODY} FROM incidents i "
        f"WHERE i.id = {incident_id} ON CONFLICT (incident_id) DO UPDATE SET body = excluded.body;"
    )


# (trigger name, event, the incident id expression)
_SOURCE_TRIGGERS = (
    ("trg_search_incident_insert", "AFTER INSERT ON incidents", "NEW.id"),
    ("trg_search_incident_update", "AFTER UPDATE OF reference, title, notes ON incidents", "NEW.id"),
    ("trg_search_timeline_insert", "AFTER INSERT ON timeline_entries", "NEW.incident_id"),
    ("trg_search_checklist_insert", "AFTER INSERT ON checklist_items", "NEW.incident_id"),
    ("trg_search_checklist_update", "AFTER UPDATE OF note ON checklist_items", "NEW.incident_id"),
    ("trg_search_checklist_delete", "AFTER DELETE ON checklist_items", "OLD.incident_id"),
    ("trg_search_filing_insert", "AFTER INSERT ON filings", "NEW.incident_id"),
    ("trg_search_filing_update", "AFTER UPDATE OF note, receipt_number ON filings", "NEW.incident_id"),
    ("trg_search_filing_delete", "AFTER DELETE ON filings", "OLD.incident_id"),
)


def _moment(name: str, nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column("incidents", sa.Column("notes", sa.Text(), server_default="", nullable=False))
    op.add_column("incidents", _moment("closed_at", nullable=True))
    op.add_column("incidents", sa.Column("reportable", sa.Boolean(), nullable=True))
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        # The register sorts and indexes by 号: JSON has no ordering in PostgreSQL, JSONB has.
        op.execute(
            "ALTER TABLE incidents ALTER COLUMN applicable_items TYPE jsonb USING applicable_items::jsonb"
        )
        op.execute(
            "UPDATE incidents SET reportable = CASE "
            "WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.incident_id = incidents.id) THEN NULL "
            "WHEN applicable_items = '[]'::jsonb THEN false ELSE true END"
        )
    else:
        op.execute(
            "UPDATE incidents SET reportable = CASE "
            "WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.incident_id = incidents.id) THEN NULL "
            "WHEN applicable_items IN ('[]', '') THEN 0 ELSE 1 END"
        )
    op.drop_index("ix_incidents_learned_date", table_name="incidents")
    op.create_index("ix_incidents_register_order", "incidents", list(REGISTER_ORDER))
    for name, columns in (
        ("ix_incidents_title", ["title"]),
        ("ix_incidents_incident_kind", ["incident_kind"]),
        ("ix_incidents_applicable_items", ["applicable_items"]),
        ("ix_incidents_jipdec_category", ["jipdec_category"]),
        ("ix_incidents_reportable_learned_date", ["reportable", "learned_date"]),
    ):
        op.create_index(name, "incidents", columns)
    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("group", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("done_by", sa.String(100), nullable=True),
        _moment("done_at", nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_checklist_items_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checklist_items"),
        sa.UniqueConstraint("incident_id", "code", name="uq_checklist_items_incident_id_code"),
    )
    op.create_index("ix_checklist_items_incident_id_position", "checklist_items", ["incident_id", "position"])
    op.create_table(
        "report_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        _moment("created_at"),
        _moment("updated_at"),
        sa.ForeignKeyConstraint(
            ["based_on_id"], ["report_drafts.id"], name="fk_report_drafts_based_on_id_report_drafts"
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_report_drafts_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_report_drafts"),
    )
    op.create_index("ix_report_drafts_incident_id_kind", "report_drafts", ["incident_id", "kind"])
    op.create_table(
        "notice_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("filing_id", sa.Integer(), nullable=True),
        sa.Column("recipient_key", sa.String(100), nullable=False),
        sa.Column("recipient_name", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.String(10), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        _moment("sent_at", nullable=True),
        _moment("created_at"),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.CheckConstraint("channel IN ('letter', 'email')", name="ck_notice_deliveries_channel"),
        sa.ForeignKeyConstraint(["filing_id"], ["filings.id"], name="fk_notice_deliveries_filing_id_filings"),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_notice_deliveries_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notice_deliveries"),
    )
    op.create_index(
        "ix_notice_deliveries_incident_id_recipient_key",
        "notice_deliveries",
        ["incident_id", "recipient_key"],
    )
    op.create_index("ix_notice_deliveries_filing_id", "notice_deliveries", ["filing_id"])
    op.create_table(
        "incident_search",
        sa.Column("incident_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name="fk_incident_search_incident_id_incidents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", name="pk_incident_search"),
    )
    if op.get_bind().dialect.name == "sqlite":
        _create_search_index()
    elif postgresql:
        _create_pg_search()


def _create_search_index() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(body, content='incident_search', "
        "content_rowid='incident_id', tokenize='trigram')"
    )
    # The index's distinct trigrams, readable by range: how one- and two-character terms are searched.
    op.execute(f"CREATE VIRTUAL TABLE {FTS}_vocab USING fts5vocab({FTS}, row)")
    op.execute(
        f"CREATE TRIGGER trg_{FTS}_insert AFTER INSERT ON incident_search BEGIN "
        f"INSERT INTO {FTS} (rowid, body) VALUES (NEW.incident_id, NEW.body); END"
    )
    op.execute(
        f"CREATE TRIGGER trg_{FTS}_delete AFTER DELETE ON incident_search BEGIN "
        f"INSERT INTO {FTS} ({FTS}, rowid, body) VALUES ('delete', OLD.incident_id, OLD.body); END"
    )
    op.execute(
        f"CREATE TRIGGER trg_{FTS}_update AFTER UPDATE ON incident_search BEGIN "
        f"INSERT INTO {FTS} ({FTS}, rowid, body) VALUES ('delete', OLD.incident_id, OLD.body); "
        f"INSERT INTO {FTS} (rowid, body) VALUES (NEW.incident_id, NEW.body); END"
    )
    for name, event, incident_id in _SOURCE_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {_reindex(incident_id)} END")
    op.execute(f"INSERT INTO incident_search (incident_id, body) SELECT i.id, {_BODY} FROM incidents i")


def _create_pg_search() -> None:
    """PostgreSQL: the same `incident_search` text kept by PL/pgSQL triggers, searched with ILIKE through a pg_trgm
    GIN index (3+ characters use the index; 1–2 characters scan the text, still correct). pg_trgm is trusted since
    PostgreSQL 13: a role with CREATE on the database may add it; otherwise the administrator must (README)."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE FUNCTION breachdesk_reindex_search(target integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO incident_search (incident_id, body) SELECT i.id, {_PG_BODY} FROM incidents i "
        "WHERE i.id = target ON CONFLICT (incident_id) DO UPDATE SET body = excluded.body; END $$"
    )
    op.execute(
        "CREATE FUNCTION breachdesk_search_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_TABLE_NAME = 'incidents' THEN PERFORM breachdesk_reindex_search(NEW.id); "
        "ELSIF TG_OP = 'DELETE' THEN PERFORM breachdesk_reindex_search(OLD.incident_id); "
        "ELSE PERFORM breachdesk_reindex_search(NEW.incident_id); END IF; RETURN NULL; END $$"
    )
    for name, event, _incident_id in _SOURCE_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW EXECUTE FUNCTION breachdesk_search_touch()")
    op.execute(f"INSERT INTO incident_search (incident_id, body) SELECT i.id, {_PG_BODY} FROM incidents i")
    op.execute(f"CREATE INDEX {PG_TRGM_INDEX} ON incident_search USING gin (body gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, _event, _id in _SOURCE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute(f"DROP TABLE {FTS}_vocab")
        op.execute(f"DROP TABLE {FTS}")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {PG_TRGM_INDEX}")
        for name, event, _id in _SOURCE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name} ON {event.rsplit(' ', 1)[-1]}")
        op.execute("DROP FUNCTION breachdesk_search_touch()")
        op.execute("DROP FUNCTION breachdesk_reindex_search(integer)")
    for table in ("incident_search", "notice_deliveries", "report_drafts", "checklist_items"):
        op.drop_table(table)
    for name in (
        "ix_incidents_reportable_learned_date",
        "ix_incidents_jipdec_category",
        "ix_incidents_applicable_items",
        "ix_incidents_incident_kind",
        "ix_incidents_title",
        "ix_incidents_register_order",
    ):
        op.drop_index(name, "incidents")
    op.create_index("ix_incidents_learned_date", "incidents", ["learned_date"])
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("reportable")
        batch.drop_column("closed_at")
        batch.drop_column("notes")
