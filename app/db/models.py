"""The register's tables as typed SQLAlchemy 2 mappings; each schema change also gets an Alembic revision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.db.types import UTCDateTime
from app.domain.dates import now_utc

# Stable constraint names let batch migrations on SQLite find and alter constraints by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OfficeProfileRow(Base):
    """The single row describing the reporting business (id is always 1)."""

    __tablename__ = "office_profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    corporate_number: Mapped[str] = mapped_column(String(13), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    representative: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(Text, default="")
    pmark_holder: Mapped[bool] = mapped_column(Boolean, default=False)
    delegated_sector: Mapped[bool] = mapped_column(Boolean, default=False)
    date_style: Mapped[str] = mapped_column(String(20), default="western")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


class Incident(Base):
    """One breach or suspected breach; the latest facts and the register's columns, denormalised for sorting."""

    __tablename__ = "incidents"
    __table_args__ = (
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

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # 番号 "2026-0001"
    title: Mapped[str] = mapped_column(Text)
    incident_kind: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(32))  # app.domain.incident.IncidentStatus value
    learned_date: Mapped[dt.date | None] = mapped_column(Date)
    next_deadline: Mapped[dt.date | None] = mapped_column(Date)
    applicable_items: Mapped[list[int]] = mapped_column(JSON, default=list)
    rules_version: Mapped[str | None] = mapped_column(String(60))  # of the latest assessment
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    jipdec_event: Mapped[str | None] = mapped_column(String(60))  # 発生事象
    jipdec_category: Mapped[str | None] = mapped_column(String(60))  # 事象分類
    jipdec_cause: Mapped[str | None] = mapped_column(String(60))  # 原因
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    # 0002: the officer's notes, the closing moment, and whether the latest assessment found a 報告対象事態
    # (None = not assessed yet), kept as a column so the register can filter on it with an index.
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reportable: Mapped[bool | None] = mapped_column(Boolean)
    # 0003: the 番号法 column (app.domain.register.BangoVerdict; None = not assessed yet) and its 規則2条 号;
    # `reportable` now means reportable under either law.
    bango_verdict: Mapped[str | None] = mapped_column(String(16))
    bango_categories: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")

    assessments: Mapped[list[Assessment]] = relationship(back_populates="incident", order_by="Assessment.id")
    timeline: Mapped[list[TimelineEntry]] = relationship(
        back_populates="incident", order_by="TimelineEntry.id"
    )
    filings: Mapped[list[Filing]] = relationship(back_populates="incident", order_by="Filing.id")


class Assessment(Base):
    """Every assessment ever saved, so an old decision can be shown as it was made and under which rules."""

    __tablename__ = "assessments"
    __table_args__ = (Index(None, "incident_id", "assessed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    assessed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    rules_version: Mapped[str] = mapped_column(String(60))
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was re-assessed; None for the first one
    actor: Mapped[str] = mapped_column(String(100))

    incident: Mapped[Incident] = relationship(back_populates="assessments")


class TimelineEntry(Base):
    """事実経過: append-only (a trigger refuses UPDATE/DELETE); a correction is a new entry pointing at the old one."""

    __tablename__ = "timeline_entries"
    __table_args__ = (Index(None, "incident_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    actor: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("timeline_entries.id"))

    incident: Mapped[Incident] = relationship(back_populates="timeline")


class Filing(Base):
    """A report or notice actually sent, with the document exactly as sent (loaded only when asked for)."""

    __tablename__ = "filings"
    __table_args__ = (Index(None, "incident_id", "filed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[str] = mapped_column(
        String(30)
    )  # sokuho, kakuho, tsuikan, individual_notice, entrustor_notice, ...
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(60))  # ppc_form, email, post, pmark_portal, ...
    receipt_number: Mapped[str | None] = mapped_column(String(100))
    document: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    filename: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    actor: Mapped[str] = mapped_column(String(100))

    incident: Mapped[Incident] = relationship(back_populates="filings")


class AuditEntry(Base):
    """Append-only log; each hash covers the previous one, so editing or deleting a row breaks the chain."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    after: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AppSetting(Base):
    """Preferences and drafts that belong with the register (the wizard draft, the last export folder...)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


class ChecklistEntry(Base):
    """One step of the response checklist (docs/domain.md §7.3 and the first actions for the incident kind)."""

    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("incident_id", "code"), Index(None, "incident_id", "position"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    code: Mapped[str] = mapped_column(String(60))  # app.domain.checklist.STEPS key, or "custom-N"
    label: Mapped[str] = mapped_column(
        Text
    )  # as shown when the step was added; known codes are re-translated
    group: Mapped[str] = mapped_column(String(20))  # app.domain.checklist.ChecklistGroup value
    position: Mapped[int] = mapped_column(Integer)
    done_by: Mapped[str | None] = mapped_column(String(100))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class ReportDraftRow(Base):
    """A 速報/確報/追完 draft: the app.domain.report.ReportDraft JSON, and the draft it started from."""

    __tablename__ = "report_drafts"
    __table_args__ = (Index(None, "incident_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[str] = mapped_column(String(30))  # app.domain.filing.FilingKind value
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("report_drafts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


class NoticeDelivery(Base):
    """One 本人通知 sent to one person (letter or e-mail); written by the documents service (issue 7)."""

    __tablename__ = "notice_deliveries"
    __table_args__ = (
        CheckConstraint("channel IN ('letter', 'email')", name="channel"),
        Index(None, "incident_id", "recipient_key"),
        Index(None, "filing_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    filing_id: Mapped[int | None] = mapped_column(ForeignKey("filings.id"))
    recipient_key: Mapped[str] = mapped_column(String(100))
    recipient_name: Mapped[str] = mapped_column(Text)
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(10))  # letter | email
    items: Mapped[list[str]] = mapped_column(JSON, default=list)  # DataItem codes that concern this person
    document_sha256: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now_utc)
    actor: Mapped[str] = mapped_column(String(100))


class IncidentSearchText(Base):
    """All searchable text of one incident (番号, 件名, notes, 事実経過, checklist and filing notes).

    Kept current by SQL triggers (revision 0002), so bulk inserts and imports stay searchable too. Terms of three
    characters or more go to the FTS5 trigram index `incident_search_fts` built on this table; shorter ones
    (誤送, 髙橋) scan `body` with LIKE, because the trigram tokenizer cannot see them (docs/tech-notes.md).
    """

    __tablename__ = "incident_search"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    body: Mapped[str] = mapped_column(Text)


# Virtual and shadow tables of the FTS5 index: SQLAlchemy cannot describe them, autogenerate must not drop them.
FTS_TABLE = "incident_search_fts"
FTS_VOCAB = "incident_search_fts_vocab"  # fts5vocab 'row' table: the index's distinct trigrams


def include_in_autogenerate(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic `include_name` hook (env.py and the drift test): ignore the FTS5 tables."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
