"""The sending log of 本人通知: who was sent what, when, by which channel (table notice_deliveries).

Recording a run is one transaction: a filing of kind INDIVIDUAL_NOTICE with the document as sent (the print PDF,
or the e-mails as a zip), one delivery row per person with the SHA-256 of what that person received, and the
audit entry. The status moves to 本人通知済 through the same derived-state refresh as any other filing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.db import audit
from app.db.database import Database
from app.db.models import Filing, Incident, NoticeDelivery
from app.documents.context import Recipient
from app.documents.mailmerge.merge import MergeResult
from app.domain.dates import now_utc
from app.domain.filing import FilingKind
from app.errors import InputError
from app.i18n import _, ngettext
from app.services.workspace.derived import refresh_derived

CHANNEL_LETTER = "letter"
CHANNEL_EMAIL = "email"
_FILING_CHANNELS = {CHANNEL_LETTER: "post", CHANNEL_EMAIL: "email"}


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one person was sent: `sha256` of their PDF or .eml, or of their letter's text in a print file."""

    recipient: Recipient
    items: tuple[str, ...]
    sha256: str


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    id: int
    filing_id: int | None
    recipient_key: str
    recipient_name: str
    postal_code: str
    address: str
    email: str
    channel: str
    items: tuple[str, ...]
    document_sha256: str
    sent_at: dt.datetime | None
    actor: str


def deliveries_from(result: MergeResult) -> list[Delivery]:
    return [
        Delivery(written.letter.recipient, written.letter.item_codes, written.sha256)
        for written in result.letters
        if written.letter.recipient is not None
    ]


class NoticeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record_sent(
        self,
        incident_id: int,
        deliveries: Sequence[Delivery],
        *,
        channel: str,
        sent_at: dt.datetime,
        document: bytes | None = None,
        filename: str | None = None,
        actor: str | None = None,
    ) -> int:
        """Log a run of notices as sent; returns the filing id. Nothing is written if anything is wrong."""
        if channel not in _FILING_CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        if sent_at.tzinfo is None:
            raise ValueError("sent_at must be timezone-aware")
        if not deliveries:
            raise InputError(_("There is nobody to record as notified."))
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            if session.get(Incident, incident_id) is None:
                raise LookupError(f"no incident {incident_id}")
            filing = Filing(
                incident_id=incident_id,
                kind=FilingKind.INDIVIDUAL_NOTICE.value,
                filed_at=sent_at,
                channel=_FILING_CHANNELS[channel],
                receipt_number=None,
                document=document,
                filename=filename,
                note=ngettext("{count} person", "{count} people", len(deliveries)).format(
                    count=len(deliveries)
                ),
                recorded_at=now_utc(),
                actor=who,
            )
            session.add(filing)
            session.flush()
            session.add_all(
                NoticeDelivery(
                    incident_id=incident_id,
                    filing_id=filing.id,
                    recipient_key=d.recipient.key[:100],
                    recipient_name=d.recipient.name,
                    postal_code=d.recipient.postal_code[:10],
                    address=d.recipient.address,
                    email=d.recipient.email,
                    channel=channel,
                    items=list(d.items),
                    document_sha256=d.sha256,
                    sent_at=sent_at,
                    actor=who,
                )
                for d in deliveries
            )
            session.flush()
            audit.append(
                session,
                action="create",
                entity="filing",
                entity_id=filing.id,
                after={
                    "kind": FilingKind.INDIVIDUAL_NOTICE.value,
                    "channel": channel,
                    "filed_at": sent_at,
                    "people": len(deliveries),
                    "document_sha256": hashlib.sha256(document).hexdigest() if document is not None else None,
                },
                actor=who,
            )
            refresh_derived(session, incident_id, actor=who)
            return filing.id

    def deliveries(self, incident_id: int) -> list[DeliveryRecord]:
        with self.db.session_scope() as session:
            rows = session.scalars(
                select(NoticeDelivery)
                .where(NoticeDelivery.incident_id == incident_id)
                .order_by(NoticeDelivery.id)
            )
            return [
                DeliveryRecord(
                    r.id,
                    r.filing_id,
                    r.recipient_key,
                    r.recipient_name,
                    r.postal_code,
                    r.address,
                    r.email,
                    r.channel,
                    tuple(r.items),
                    r.document_sha256,
                    r.sent_at,
                    r.actor,
                )
                for r in rows
            ]

    def notified_keys(self, incident_id: int) -> set[str]:
        """Recipient keys already sent a notice for this incident (the wizard warns before sending twice)."""
        with self.db.session_scope() as session:
            return set(
                session.scalars(
                    select(NoticeDelivery.recipient_key).where(
                        NoticeDelivery.incident_id == incident_id, NoticeDelivery.sent_at.is_not(None)
                    )
                )
            )
