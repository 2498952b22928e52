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
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.db.types import UTCDateTime, utc_now

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
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class Incident(Base):
    """One breach or suspected breach; the latest facts and the register's columns, denormalised for sorting."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index(None, "status", "next_deadline"),
        Index(None, "status", "learned_date"),
        Index(None, "learned_date"),
        Index(None, "next_deadline"),
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
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

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
    assessed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
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
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
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
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
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
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
