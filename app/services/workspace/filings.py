"""提出・通知の記録: each report or notice actually made, with the document exactly as sent.

Recording a filing moves the status (速報済, 確報済, 本人通知済) in the same transaction; the document's bytes are
kept in the register and only their SHA-256 goes to the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from app.db import audit
from app.db.database import Database
from app.db.models import Filing, Incident
from app.domain.dates import JST, now_utc
from app.domain.filing import FilingKind
from app.errors import InputError
from app.i18n import N_, _
from app.services import auto_timeline
from app.services.workspace.derived import refresh_derived

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

# How it was filed; stored codes, labels translated where shown.
CHANNELS: dict[str, str] = {
    "ppc_form": N_("PPC online form"),
    "ministry": N_("To the ministry (e-mail or paper)"),
    "post": N_("Post"),
    "email": N_("E-mail"),
    "phone": N_("Telephone"),
    "website": N_("Web site"),
    "pmark_portal": N_("Privacy Mark portal"),
    "hand": N_("Handed over in person"),
    "other": N_("Other"),
}


class DuplicateFiling(InputError):
    """The same kind of filing is already recorded for the same day (Japan time): most likely the same filing
    recorded twice by a double press, so it is refused unless the officer confirms it really is a second one."""

    def __init__(self, kind: FilingKind, day: dt.date) -> None:
        super().__init__(
            _("A {kind} filed on {date} is already recorded for this incident.").format(
                kind=kind.label(), date=day.isoformat()
            ),
            field="kind",
        )
        self.kind, self.day = kind, day


def channel_label(code: str) -> str:
    return _(CHANNELS[code]) if code in CHANNELS else code


@dataclass(frozen=True, slots=True)
class FilingRecord:
    id: int
    incident_id: int
    kind: FilingKind
    filed_at: dt.datetime
    channel: str
    receipt_number: str
    filename: str | None
    document_size: int  # bytes; 0 when no document was kept
    note: str
    recorded_at: dt.datetime
    actor: str


def _snapshot(row: Filing) -> dict[str, Any]:
    return {
        "incident_id": row.incident_id,
        "kind": row.kind,
        "filed_at": row.filed_at,
        "channel": row.channel,
        "receipt_number": row.receipt_number,
        "filename": row.filename,
        "note": row.note,
    }


class FilingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def filings(self, incident_id: int) -> list[FilingRecord]:
        with self.db.session_scope() as session:
            size = func.coalesce(func.length(Filing.document), 0)
            rows = session.execute(
                select(Filing, size)
                .options(defer(Filing.document))
                .where(Filing.incident_id == incident_id)
                .order_by(Filing.filed_at, Filing.id)
            )
            return [
                FilingRecord(
                    row.id,
                    row.incident_id,
                    FilingKind(row.kind),
                    row.filed_at,
                    row.channel,
                    row.receipt_number or "",
                    row.filename,
                    int(length),
                    row.note,
                    row.recorded_at,
                    row.actor,
                )
                for row, length in rows
            ]

    def record(
        self,
        incident_id: int,
        kind: FilingKind,
        filed_at: dt.datetime,
        channel: str,
        *,
        receipt_number: str = "",
        note: str = "",
        document: bytes | None = None,
        filename: str | None = None,
        actor: str | None = None,
        allow_same_day: bool = False,
    ) -> int:
        """allow_same_day: the officer confirmed a second filing of the same kind on the same day (a 追完 sent
        twice, say); without it an exact duplicate raises DuplicateFiling and nothing is written."""
        if filed_at.tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        if channel not in CHANNELS:
            raise InputError(_("Choose how it was filed."), field="channel")
        if document is not None and len(document) > MAX_DOCUMENT_BYTES:
            raise InputError(
                _("The document is larger than 50 MB; keep it outside the register."), field="document"
            )
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            if session.get(Incident, incident_id) is None:
                raise LookupError(f"no incident {incident_id}")
            if not allow_same_day:
                day = filed_at.astimezone(JST).date()
                for earlier in session.scalars(
                    select(Filing.filed_at).where(
                        Filing.incident_id == incident_id, Filing.kind == FilingKind(kind).value
                    )
                ):
                    if earlier.astimezone(JST).date() == day:
                        raise DuplicateFiling(FilingKind(kind), day)
            row = Filing(
                incident_id=incident_id,
                kind=FilingKind(kind).value,
                filed_at=filed_at,
                channel=channel,
                receipt_number=receipt_number.strip() or None,
                document=document,
                filename=filename,
                note=note,
                recorded_at=now_utc(),
                actor=who,
            )
            session.add(row)
            session.flush()
            after = _snapshot(row)
            after["document_sha256"] = hashlib.sha256(document).hexdigest() if document is not None else None
            audit.append(session, action="create", entity="filing", entity_id=row.id, after=after, actor=who)
            refresh_derived(session, incident_id, actor=who)
            auto_timeline.add(
                session,
                incident_id,
                filed_at,
                auto_timeline.filing_text(row.kind, channel, row.receipt_number),
                who,
            )
            return row.id

    def update(self, filing_id: int, **changes: Any) -> FilingRecord:
        """Later edits of what was recorded (receipt number arrives later, a note); the document stays as sent."""
        allowed = {"receipt_number", "note", "channel", "filed_at"}
        unknown = set(changes) - allowed
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        if "channel" in changes and changes["channel"] not in CHANNELS:
            raise InputError(_("Choose how it was filed."), field="channel")
        if "filed_at" in changes and changes["filed_at"].tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        if "receipt_number" in changes:
            changes["receipt_number"] = str(changes["receipt_number"]).strip() or None
        with self.db.session_scope() as session:
            row = session.get(Filing, filing_id, options=[defer(Filing.document)])
            if row is None:
                raise LookupError(f"no filing {filing_id}")
            audit.apply_changes(session, row, changes, snapshot=_snapshot, entity="filing")
        return next(f for f in self.filings(row.incident_id) if f.id == filing_id)

    def document(self, filing_id: int) -> tuple[str | None, bytes | None]:
        """The file name and the bytes exactly as they were sent."""
        with self.db.session_scope() as session:
            row = session.get(Filing, filing_id)
            if row is None:
                raise LookupError(f"no filing {filing_id}")
            return row.filename, row.document
