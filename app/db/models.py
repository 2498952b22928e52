"""The register's tables as typed SQLAlchemy 2 ORM classes, mapped onto the Core tables of app/db/tables.py (the one
schema definition; each schema change also gets an Alembic revision).

The services write and read through these classes; the register's query reads the same tables in Core, so that the
first rows can be shown before the ORM is imported (docs/adr/0006-two-phase-start.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, relationship

from app.db import tables
from app.db.tables import FTS_TABLE


class Base(DeclarativeBase):
    metadata = tables.metadata


class OfficeProfileRow(Base):
    """The single row describing the reporting business (id is always 1)."""

    __table__ = tables.office_profile

    id: Mapped[int]
    name: Mapped[str]
    corporate_number: Mapped[str]
    address: Mapped[str]
    representative: Mapped[str]
    industry: Mapped[str]
    department: Mapped[str]
    contact_person: Mapped[str]
    phone: Mapped[str]
    email: Mapped[str]
    pmark_holder: Mapped[bool]
    delegated_sector: Mapped[bool]
    date_style: Mapped[str]
    updated_at: Mapped[dt.datetime]


class Incident(Base):
    """One breach or suspected breach; the latest facts and the register's columns, denormalised for sorting."""

    __table__ = tables.incidents

    id: Mapped[int]
    reference: Mapped[str]  # 番号 "2026-0001"
    title: Mapped[str]
    incident_kind: Mapped[str | None]
    status: Mapped[str]  # app.domain.incident.IncidentStatus value
    learned_date: Mapped[dt.date | None]
    next_deadline: Mapped[dt.date | None]
    applicable_items: Mapped[list[int]]
    rules_version: Mapped[str | None]  # of the latest assessment
    facts: Mapped[dict[str, Any]]
    jipdec_event: Mapped[str | None]  # 発生事象
    jipdec_category: Mapped[str | None]  # 事象分類
    jipdec_cause: Mapped[str | None]  # 原因
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # 0002: the officer's notes, the closing moment, and whether the latest assessment found a 報告対象事態
    # (None = not assessed yet), kept as a column so the register can filter on it with an index.
    notes: Mapped[str]
    closed_at: Mapped[dt.datetime | None]
    reportable: Mapped[bool | None]
    # 0003: the 番号法 column (app.domain.register.BangoVerdict; None = not assessed yet) and its 規則2条 号;
    # `reportable` now means reportable under either law.
    bango_verdict: Mapped[str | None]
    bango_categories: Mapped[list[int]]
    # 0004: the 概要 for outside readers; `title` (件名) stays internal.
    public_summary: Mapped[str]
    # 0007: the version an officer's edit is made from (app/services/workspace/concurrency.py).
    version: Mapped[int]

    assessments: Mapped[list[Assessment]] = relationship(back_populates="incident", order_by="Assessment.id")
    timeline: Mapped[list[TimelineEntry]] = relationship(
        back_populates="incident", order_by="TimelineEntry.id"
    )
    filings: Mapped[list[Filing]] = relationship(back_populates="incident", order_by="Filing.id")


class Assessment(Base):
    """Every assessment ever saved, so an old decision can be shown as it was made and under which rules."""

    __table__ = tables.assessments

    id: Mapped[int]
    incident_id: Mapped[int]
    assessed_at: Mapped[dt.datetime]
    rules_version: Mapped[str]
    facts: Mapped[dict[str, Any]]
    assessment: Mapped[dict[str, Any]]
    reason: Mapped[str | None]  # why it was re-assessed; None for the first one
    actor: Mapped[str]

    incident: Mapped[Incident] = relationship(back_populates="assessments")


class TimelineEntry(Base):
    """事実経過: append-only (a trigger refuses UPDATE/DELETE); a correction is a new entry pointing at the old one."""

    __table__ = tables.timeline_entries

    id: Mapped[int]
    incident_id: Mapped[int]
    occurred_at: Mapped[dt.datetime]
    recorded_at: Mapped[dt.datetime]
    actor: Mapped[str]
    text: Mapped[str]
    corrects_id: Mapped[int | None]

    incident: Mapped[Incident] = relationship(back_populates="timeline")


class Filing(Base):
    """A report or notice actually sent, with the document exactly as sent (loaded only when asked for)."""

    __table__ = tables.filings

    id: Mapped[int]
    incident_id: Mapped[int]
    kind: Mapped[str]  # sokuho, kakuho, tsuikan, individual_notice, entrustor_notice, ...
    filed_at: Mapped[dt.datetime]
    channel: Mapped[str]  # ppc_form, email, post, pmark_portal, ...
    receipt_number: Mapped[str | None]
    document: Mapped[bytes | None] = deferred(tables.filings.c.document)
    filename: Mapped[str | None]
    note: Mapped[str]
    recorded_at: Mapped[dt.datetime]
    actor: Mapped[str]

    incident: Mapped[Incident] = relationship(back_populates="filings")


class AuditEntry(Base):
    """Append-only log; each hash covers the previous one, so editing or deleting a row breaks the chain."""

    __table__ = tables.audit_log

    id: Mapped[int]
    at: Mapped[dt.datetime]
    actor: Mapped[str]
    action: Mapped[str]
    entity: Mapped[str]
    entity_id: Mapped[int | None]
    before: Mapped[Any]
    after: Mapped[Any]
    prev_hash: Mapped[str]
    hash: Mapped[str]
    state: Mapped[Any]  # 0005: digests of the rows this entry changed (app/db/audit_state.py)


class AppSetting(Base):
    """Preferences and drafts that belong with the register (the wizard draft, the last export folder...)."""

    __table__ = tables.app_settings

    key: Mapped[str]
    value: Mapped[Any]
    updated_at: Mapped[dt.datetime]


class ChecklistEntry(Base):
    """One step of the response checklist (docs/domain.md §7.3 and the first actions for the incident kind)."""

    __table__ = tables.checklist_items

    id: Mapped[int]
    incident_id: Mapped[int]
    code: Mapped[str]  # app.domain.checklist.STEPS key, or "custom-N"
    label: Mapped[str]  # as shown when the step was added; known codes are re-translated
    group: Mapped[str]  # app.domain.checklist.ChecklistGroup value
    position: Mapped[int]
    done_by: Mapped[str | None]
    done_at: Mapped[dt.datetime | None]
    note: Mapped[str]


class ReportDraftRow(Base):
    """A 速報/確報/追完 draft: the app.domain.report.ReportDraft JSON, and the draft it started from."""

    __table__ = tables.report_drafts

    id: Mapped[int]
    incident_id: Mapped[int]
    kind: Mapped[str]  # app.domain.filing.FilingKind value
    content: Mapped[dict[str, Any]]
    based_on_id: Mapped[int | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # 0010: the version a field's save is made from (app/services/workspace/reports.py).
    version: Mapped[int]


class NoticeDelivery(Base):
    """One 本人通知 sent to one person (letter or e-mail); written by the documents service (issue 7)."""

    __table__ = tables.notice_deliveries

    id: Mapped[int]
    incident_id: Mapped[int]
    filing_id: Mapped[int | None]
    recipient_key: Mapped[str]
    recipient_name: Mapped[str]
    postal_code: Mapped[str]
    address: Mapped[str]
    email: Mapped[str]
    channel: Mapped[str]  # letter | email
    items: Mapped[list[str]]  # DataItem codes that concern this person
    document_sha256: Mapped[str]
    sent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    actor: Mapped[str]
    letter_text: Mapped[str | None] = deferred(tables.notice_deliveries.c.letter_text)


class NoticeDeliveryEvent(Base):
    """What happened to one 本人通知 after it left (returned, bounced, delivered, sent again); append-only."""

    __table__ = tables.notice_delivery_events

    id: Mapped[int]
    delivery_id: Mapped[int]
    incident_id: Mapped[int]
    status: Mapped[str]  # app.db.tables.DELIVERY_STATUSES
    happened_on: Mapped[dt.date]
    note: Mapped[str]
    recorded_at: Mapped[dt.datetime]
    actor: Mapped[str]


class FilingCorrection(Base):
    """A filing withdrawn or corrected by a new entry with its reason; append-only (app/db/effective.py)."""

    __table__ = tables.filing_corrections

    id: Mapped[int]
    incident_id: Mapped[int]
    filing_id: Mapped[int]
    action: Mapped[str]  # app.db.tables.CORRECTION_ACTIONS
    filed_at: Mapped[dt.datetime | None]
    receipt_number: Mapped[str | None]
    reason: Mapped[str]
    recorded_at: Mapped[dt.datetime]
    actor: Mapped[str]


class DeliveryEventWithdrawal(Base):
    """A delivery event recorded by mistake, withdrawn with its reason; append-only, one per event."""

    __table__ = tables.delivery_event_withdrawals

    id: Mapped[int]
    incident_id: Mapped[int]
    event_id: Mapped[int]
    reason: Mapped[str]
    recorded_at: Mapped[dt.datetime]
    actor: Mapped[str]


class IncidentSearchText(Base):
    """All searchable text of one incident (番号, 件名, notes, 事実経過, checklist and filing notes).

    Kept current by SQL triggers (revision 0002), so bulk inserts and imports stay searchable too. Terms of three
    characters or more go to the FTS5 trigram index `incident_search_fts` built on this table; shorter ones
    (誤送, 髙橋) scan `body` with LIKE, because the trigram tokenizer cannot see them (docs/tech-notes.md).
    """

    __table__ = tables.incident_search

    incident_id: Mapped[int]
    body: Mapped[str]


def include_in_autogenerate(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic `include_name` hook (env.py and the drift test): ignore the FTS5 tables."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
