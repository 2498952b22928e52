"""The register's schema, once, as SQLAlchemy Core tables; each schema change also gets an Alembic revision.

Core, not the ORM, so that the register's query (app/services/register.py) can read the first page of rows before
the ORM is imported (~0.1 s at start-up, docs/adr/0006-two-phase-start.md). The ORM classes in app/db/models.py
are mapped onto these same Table objects: one schema definition, one query path.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from app.db.types import QueryableJSON, UTCDateTime
from app.domain.dates import now_utc

# Stable constraint names let batch migrations on SQLite find and alter constraints by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _incident_id() -> Column[int]:
    return Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False)


# The single row describing the reporting business (id is always 1).
office_profile = Table(
    "office_profile",
    metadata,
    _id(),
    Column("name", Text, nullable=False, default=""),
    Column("corporate_number", String(13), nullable=False, default=""),
    Column("address", Text, nullable=False, default=""),
    Column("representative", Text, nullable=False, default=""),
    Column("industry", Text, nullable=False, default=""),
    Column("department", Text, nullable=False, default=""),
    Column("contact_person", Text, nullable=False, default=""),
    Column("phone", String(40), nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("pmark_holder", Boolean, nullable=False, default=False),
    Column("delegated_sector", Boolean, nullable=False, default=False),
    Column("date_style", String(20), nullable=False, default="western"),
    Column("updated_at", UTCDateTime, nullable=False, default=now_utc, onupdate=now_utc),
    CheckConstraint("id = 1", name="single_row"),
)

# One breach or suspected breach; the latest facts and the register's columns, denormalised for sorting.
incidents = Table(
    "incidents",
    metadata,
    _id(),
    Column("reference", String(20), nullable=False, unique=True),  # 番号 "2026-0001"
    Column("title", Text, nullable=False),
    Column("incident_kind", String(40)),
    Column("status", String(32), nullable=False),  # app.domain.incident.IncidentStatus value
    Column("learned_date", Date),
    Column("next_deadline", Date),
    Column("applicable_items", QueryableJSON, nullable=False, default=list),  # JSONB on PostgreSQL (0002)
    Column("rules_version", String(60)),  # of the latest assessment
    Column("facts", JSON, nullable=False),
    Column("jipdec_event", String(60)),  # 発生事象
    Column("jipdec_category", String(60)),  # 事象分類
    Column("jipdec_cause", String(60)),  # 原因
    Column("created_at", UTCDateTime, nullable=False, default=now_utc),
    Column("updated_at", UTCDateTime, nullable=False, default=now_utc, onupdate=now_utc),
    # 0002: the officer's notes, the closing moment, and whether the latest assessment found a 報告対象事態
    # (None = not assessed yet), kept as a column so the register can filter on it with an index.
    Column("notes", Text, nullable=False, default="", server_default=""),
    Column("closed_at", UTCDateTime),
    Column("reportable", Boolean),
    # 0003: the 番号法 column (app.domain.register.BangoVerdict; None = not assessed yet) and its 規則2条 号;
    # `reportable` now means reportable under either law.
    Column("bango_verdict", String(16)),
    Column("bango_categories", JSON, nullable=False, default=list, server_default="[]"),
    # 0004: the 概要 for outside readers (letters, 公表文, 委託元 notice, report); `title` (件名) stays internal.
    Column("public_summary", Text, nullable=False, default="", server_default=""),
    # 0007: raised by one with each officer's edit; a save from an older version is refused
    # (docs/adr/0013-optimistic-concurrency.md).
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Index(None, "status", "next_deadline"),
    Index(None, "status", "learned_date"),
    Index(None, "next_deadline"),
    # The register's default order with the filtered columns covered (0002 replaced ix_incidents_learned_date;
    # 0003 added bango_verdict).
    Index(
        "ix_incidents_register_order",
        "learned_date",
        "id",
        "status",
        "next_deadline",
        "reportable",
        "jipdec_category",
        "bango_verdict",
    ),
    Index(None, "title"),
    Index(None, "incident_kind"),
    Index(None, "applicable_items"),
    Index(None, "jipdec_category"),
    Index(None, "reportable", "learned_date"),
    Index(None, "bango_verdict", "learned_date"),
)

# Every assessment ever saved, so an old decision can be shown as it was made and under which rules.
assessments = Table(
    "assessments",
    metadata,
    _id(),
    _incident_id(),
    Column("assessed_at", UTCDateTime, nullable=False, default=now_utc),
    Column("rules_version", String(60), nullable=False),
    Column("facts", JSON, nullable=False),
    Column("assessment", JSON, nullable=False),
    Column("reason", Text),  # why it was re-assessed; None for the first one
    Column("actor", String(100), nullable=False),
    Index(None, "incident_id", "assessed_at"),
)

# 事実経過: append-only (a trigger refuses UPDATE/DELETE); a correction is a new entry pointing at the old one.
timeline_entries = Table(
    "timeline_entries",
    metadata,
    _id(),
    _incident_id(),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("corrects_id", Integer, ForeignKey("timeline_entries.id")),
    Index(None, "incident_id", "occurred_at"),
)

# A report or notice actually sent, with the document exactly as sent (loaded only when asked for).
filings = Table(
    "filings",
    metadata,
    _id(),
    _incident_id(),
    Column("kind", String(30), nullable=False),  # sokuho, kakuho, tsuikan, individual_notice, ...
    Column("filed_at", UTCDateTime, nullable=False),
    Column("channel", String(60), nullable=False),  # ppc_form, email, post, pmark_portal, ...
    Column("receipt_number", String(100)),
    Column("document", LargeBinary),
    Column("filename", Text),
    Column("note", Text, nullable=False, default=""),
    Column("recorded_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    Index(None, "incident_id", "filed_at"),
)

# Append-only log; each hash covers the previous one, so editing or deleting a row breaks the chain.
audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", Integer),
    Column("before", JSON(none_as_null=True), nullable=True),
    Column("after", JSON(none_as_null=True), nullable=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    # 0005: the digests of the rows this entry changed (app/db/audit_state.py); None before 0005 and for what is
    # not tracked. Hashed only when set, so older entries keep their hashes.
    Column("state", JSON(none_as_null=True), nullable=True),
    Index(None, "entity", "entity_id"),
)

# Preferences and drafts that belong with the register (the wizard draft, the last export folder...).
app_settings = Table(
    "app_settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False, default=now_utc, onupdate=now_utc),
)

# One step of the response checklist (docs/domain.md §7.3 and the first actions for the incident kind).
checklist_items = Table(
    "checklist_items",
    metadata,
    _id(),
    _incident_id(),
    Column("code", String(60), nullable=False),  # app.domain.checklist.STEPS key, or "custom-N"
    Column("label", Text, nullable=False),  # as shown when the step was added; known codes are re-translated
    Column("group", String(20), nullable=False),  # app.domain.checklist.ChecklistGroup value
    Column("position", Integer, nullable=False),
    Column("done_by", String(100)),
    Column("done_at", UTCDateTime),
    Column("note", Text, nullable=False, default=""),
    UniqueConstraint("incident_id", "code"),
    Index(None, "incident_id", "position"),
)

# A 速報/確報/追完 draft: the app.domain.report.ReportDraft JSON, and the draft it started from.
report_drafts = Table(
    "report_drafts",
    metadata,
    _id(),
    _incident_id(),
    Column("kind", String(30), nullable=False),  # app.domain.filing.FilingKind value
    Column("content", JSON, nullable=False),
    Column("based_on_id", Integer, ForeignKey("report_drafts.id")),
    Column("created_at", UTCDateTime, nullable=False, default=now_utc),
    Column("updated_at", UTCDateTime, nullable=False, default=now_utc, onupdate=now_utc),
    # 0010: raised by one with each field an officer saves; a save from an older version is refused
    # (docs/adr/0013-optimistic-concurrency.md).
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Index(None, "incident_id", "kind"),
)

# One 本人通知 sent to one person (letter or e-mail); written by the documents service (issue 7).
notice_deliveries = Table(
    "notice_deliveries",
    metadata,
    _id(),
    _incident_id(),
    Column("filing_id", Integer, ForeignKey("filings.id")),
    Column("recipient_key", String(100), nullable=False),
    Column("recipient_name", Text, nullable=False),
    Column("postal_code", String(10), nullable=False, default=""),
    Column("address", Text, nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("channel", String(10), nullable=False),  # letter | email
    Column("items", JSON, nullable=False, default=list),  # DataItem codes that concern this person
    Column("document_sha256", String(64), nullable=False),
    Column("sent_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    # 0004: the letter's text as this person received it (None for letters recorded before 0004).
    Column("letter_text", Text),
    CheckConstraint("channel IN ('letter', 'email')", name="channel"),
    Index(None, "incident_id", "recipient_key"),
    Index(None, "filing_id"),
)

# What happened to one 本人通知 after it left (revision 0004): returned by the post, bounced, delivered, sent again.
# Append-only (SQL triggers): a status is never overwritten, only followed by a newer event.
DELIVERY_STATUSES = ("sent", "returned", "bounced", "delivered", "resent")
notice_delivery_events = Table(
    "notice_delivery_events",
    metadata,
    _id(),
    Column("delivery_id", Integer, ForeignKey("notice_deliveries.id"), nullable=False),
    _incident_id(),
    Column("status", String(16), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("note", Text, nullable=False, default="", server_default=""),
    Column("recorded_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in DELIVERY_STATUSES) + ")", name="status"),
    Index(None, "delivery_id"),
    Index(None, "incident_id", "status"),
)

# A filing withdrawn (取消: recorded by mistake) or corrected (訂正: date, receipt number) by a new entry with its
# reason (revision 0006); append-only, the filing row stays as recorded (app/db/effective.py applies them).
CORRECTION_ACTIONS = ("withdraw", "correct")
filing_corrections = Table(
    "filing_corrections",
    metadata,
    _id(),
    _incident_id(),
    Column("filing_id", Integer, ForeignKey("filings.id"), nullable=False),
    Column("action", String(10), nullable=False),
    Column("filed_at", UTCDateTime),  # the corrected moment; None: unchanged
    Column("receipt_number", String(100)),  # the corrected receipt number; None: unchanged
    Column("reason", Text, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    CheckConstraint("action IN (" + ", ".join(f"'{a}'" for a in CORRECTION_ACTIONS) + ")", name="action"),
    Index(None, "filing_id"),
    Index(None, "incident_id"),
)

# A delivery event recorded by mistake, withdrawn with its reason (revision 0006); append-only, one per event.
delivery_event_withdrawals = Table(
    "delivery_event_withdrawals",
    metadata,
    _id(),
    _incident_id(),
    Column("event_id", Integer, ForeignKey("notice_delivery_events.id"), nullable=False, unique=True),
    Column("reason", Text, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False, default=now_utc),
    Column("actor", String(100), nullable=False),
    Index(None, "incident_id"),
)

# All searchable text of one incident (番号, 件名, notes, 事実経過, checklist and filing notes). Kept current by SQL
# triggers (revision 0002), so bulk inserts and imports stay searchable too. Terms of three characters or more go
# to the FTS5 trigram index `incident_search_fts` built on this table; shorter ones (誤送, 髙橋) scan `body` with
# LIKE, because the trigram tokenizer cannot see them (docs/tech-notes.md).
incident_search = Table(
    "incident_search",
    metadata,
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("body", Text, nullable=False),
)

# Virtual and shadow tables of the FTS5 index: SQLAlchemy cannot describe them, autogenerate must not drop them.
FTS_TABLE = "incident_search_fts"
FTS_VOCAB = "incident_search_fts_vocab"  # fts5vocab 'row' table: the index's distinct trigrams
