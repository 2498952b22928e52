"""The sending log of 本人通知: who was sent what, when, by which channel (table notice_deliveries).

Recording a run is one transaction: a filing of kind INDIVIDUAL_NOTICE with the document as sent (the print PDF,
or the e-mails as a zip), one delivery row per person with the SHA-256 of what that person received, and the
audit entry. The status moves to 本人通知済 through the same derived-state refresh as any other filing. Each row
keeps the letter's text as that person received it, so the officer can answer 「何が届いたのか」 years later.

What happened after (宛先不明で返送, a bounced e-mail, delivered, sent again) is appended to notice_delivery_events,
never edited; a person's status is their latest event. People whose letter came back and was not sent again have
not been reached: they count toward the 代替措置 (公表 or an enquiry desk, GL 3-5-4-5; docs/domain.md §6).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.database import Database
from app.db.effective import live_delivery_event
from app.db.models import DeliveryEventWithdrawal, Filing, Incident, NoticeDelivery, NoticeDeliveryEvent
from app.documents.context import Recipient
from app.documents.mailmerge.merge import MergeResult
from app.domain.dates import JST, now_utc, today_jst
from app.domain.filing import FilingKind
from app.errors import InputError
from app.i18n import N_, _, ngettext
from app.services import auto_timeline
from app.services.workspace.derived import refresh_derived

CHANNEL_LETTER = "letter"
CHANNEL_EMAIL = "email"
_FILING_CHANNELS = {CHANNEL_LETTER: "post", CHANNEL_EMAIL: "email"}
MAX_REASON = 500


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one person was sent: `sha256` of their PDF or .eml, or of their letter's text in a print file."""

    recipient: Recipient
    items: tuple[str, ...]
    sha256: str
    letter_text: str = ""  # the letter as this person received it


# What can happen to a notice after it was sent; "sent" is the delivery row itself.
STATUS_SENT = "sent"
STATUS_RETURNED = "returned"  # 宛先不明で返送
STATUS_BOUNCED = "bounced"  # e-mail undeliverable
STATUS_DELIVERED = "delivered"  # confirmed (配達証明, a reply)
STATUS_RESENT = "resent"  # sent again to a corrected address
EVENT_STATUSES = (STATUS_RETURNED, STATUS_BOUNCED, STATUS_DELIVERED, STATUS_RESENT)
NOT_REACHED = frozenset({STATUS_RETURNED, STATUS_BOUNCED})
_STATUS_LABELS = {
    STATUS_SENT: N_("Sent"),
    STATUS_RETURNED: N_("Returned (address unknown)"),
    STATUS_BOUNCED: N_("E-mail bounced"),
    STATUS_DELIVERED: N_("Delivered"),
    STATUS_RESENT: N_("Sent again"),
}


def status_label(status: str) -> str:
    return _(_STATUS_LABELS.get(status, status))


@dataclass(frozen=True, slots=True)
class DeliveryEvent:
    id: int
    status: str
    happened_on: dt.date
    note: str
    recorded_at: dt.datetime
    actor: str
    withdrawal_reason: str | None = None  # set when withdrawn (recorded by mistake): it no longer counts

    @property
    def withdrawn(self) -> bool:
        return self.withdrawal_reason is not None


class DuplicateDeliveryRecord(InputError):
    """The same thing is already recorded for the same person on the same day: most likely a double press, so it
    is refused unless the officer confirms it really happened twice (a letter returned twice in one day)."""

    def __init__(self, message: str, day: dt.date) -> None:
        super().__init__(message, field="status")
        self.day = day


@dataclass(frozen=True, slots=True)
class DeliverySummary:
    """The counts the officer weighs for the 代替措置: `not_reached` came back and was not sent again."""

    total: int
    delivered: int
    returned: int  # returned and not sent again
    bounced: int  # bounced and not sent again
    resent: int  # sent again after a return or bounce (their latest status)

    @property
    def not_reached(self) -> int:
        return self.returned + self.bounced

    @property
    def reached(self) -> int:
        """Sent and not known to have failed (a letter that does not come back is taken as delivered)."""
        return self.total - self.not_reached

    def text(self) -> str:
        """The counts in words, for the workspace's 本人通知の結果 tab and `main.py letters status` alike."""
        if not self.total:
            return _("No notice has been recorded as sent for this incident.")
        text = _(
            "Notified: {total}; reached: {reached}; returned or bounced and not sent again: {not_reached} "
            "(returned {returned}, bounced {bounced}); sent again: {resent}."
        ).format(
            total=self.total,
            reached=self.reached,
            not_reached=self.not_reached,
            returned=self.returned,
            bounced=self.bounced,
            resent=self.resent,
        )
        if self.not_reached:
            text += "\n" + ngettext(
                "{count} person was not reached: they count toward the substitute measures "
                "(publication or an enquiry desk).",
                "{count} people were not reached: they count toward the substitute measures "
                "(publication or an enquiry desk).",
                self.not_reached,
            ).format(count=self.not_reached)
        return text


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
    status: str = STATUS_SENT
    status_on: dt.date | None = None
    events: tuple[DeliveryEvent, ...] = ()

    @property
    def reached(self) -> bool:
        return self.status not in NOT_REACHED


def deliveries_from(result: MergeResult) -> list[Delivery]:
    return [
        Delivery(written.letter.recipient, written.letter.item_codes, written.sha256, written.text)
        for written in result.letters
        if written.letter.recipient is not None
    ]


def summarise(records: Sequence[DeliveryRecord]) -> DeliverySummary:
    statuses = [record.status for record in records]
    return DeliverySummary(
        total=len(statuses),
        delivered=statuses.count(STATUS_DELIVERED),
        returned=statuses.count(STATUS_RETURNED),
        bounced=statuses.count(STATUS_BOUNCED),
        resent=statuses.count(STATUS_RESENT),
    )


def _status(events: Sequence[DeliveryEvent]) -> tuple[str, dt.date | None, tuple[DeliveryEvent, ...]]:
    """The latest event that was not withdrawn gives the status; the withdrawn ones stay in the history."""
    live = [e for e in events if not e.withdrawn]
    if not live:
        return STATUS_SENT, None, tuple(events)
    return live[-1].status, live[-1].happened_on, tuple(events)


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
        allow_same_day: bool = False,
    ) -> int:
        """Log a run of notices as sent; returns the filing id. Nothing is written if anything is wrong.
        allow_same_day: the officer confirmed sending again to people already recorded as sent that day;
        without it such a run (a double press) raises DuplicateDeliveryRecord."""
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
            if not allow_same_day:
                self._refuse_same_day(session, incident_id, deliveries, sent_at)
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
                    letter_text=d.letter_text or None,
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
            auto_timeline.add(
                session, incident_id, sent_at, auto_timeline.mailing_text(len(deliveries), channel), who
            )
            return filing.id

    @staticmethod
    def _refuse_same_day(
        session: Session, incident_id: int, deliveries: Sequence[Delivery], sent_at: dt.datetime
    ) -> None:
        day = sent_at.astimezone(JST).date()
        keys = {d.recipient.key[:100] for d in deliveries}
        already = 0
        for key, earlier in session.execute(
            select(NoticeDelivery.recipient_key, NoticeDelivery.sent_at).where(
                NoticeDelivery.incident_id == incident_id, NoticeDelivery.sent_at.is_not(None)
            )
        ):
            if key in keys and earlier is not None and earlier.astimezone(JST).date() == day:
                keys.discard(key)
                already += 1
        if already:
            raise DuplicateDeliveryRecord(
                ngettext(
                    "{count} of these people is already recorded as sent a notice on {date}.",
                    "{count} of these people are already recorded as sent a notice on {date}.",
                    already,
                ).format(count=already, date=day.isoformat()),
                day,
            )

    def deliveries(self, incident_id: int) -> list[DeliveryRecord]:
        """Every person notified, in the order they were sent, each with their events and latest status."""
        with self.db.session_scope() as session:
            rows = session.scalars(
                select(NoticeDelivery)
                .where(NoticeDelivery.incident_id == incident_id)
                .order_by(NoticeDelivery.id)
            )
            withdrawn: dict[int, str] = {
                event_id: reason
                for event_id, reason in session.execute(
                    select(DeliveryEventWithdrawal.event_id, DeliveryEventWithdrawal.reason).where(
                        DeliveryEventWithdrawal.incident_id == incident_id
                    )
                )
            }
            events: dict[int, list[DeliveryEvent]] = {}
            for event in session.scalars(
                select(NoticeDeliveryEvent)
                .where(NoticeDeliveryEvent.incident_id == incident_id)
                .order_by(NoticeDeliveryEvent.happened_on, NoticeDeliveryEvent.id)
            ):
                events.setdefault(event.delivery_id, []).append(
                    DeliveryEvent(
                        event.id,
                        event.status,
                        event.happened_on,
                        event.note,
                        event.recorded_at,
                        event.actor,
                        withdrawn.get(event.id),
                    )
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
                    *_status(events.get(r.id, [])),
                )
                for r in rows
            ]

    def summary(self, incident_id: int) -> DeliverySummary:
        return summarise(self.deliveries(incident_id))

    def letter_copy(self, incident_id: int, key: str) -> str:
        """The letter as the person with this key received it (the latest one, if they were sent several)."""
        with self.db.session_scope() as session:
            delivery = self._find(session, incident_id, key)
            text = session.scalar(select(NoticeDelivery.letter_text).where(NoticeDelivery.id == delivery.id))
        if not text:
            raise InputError(_("No copy of this letter was kept (it was recorded before copies were kept)."))
        return text

    def record_event(
        self,
        incident_id: int,
        key: str,
        status: str,
        *,
        happened_on: dt.date | None = None,
        note: str = "",
        actor: str | None = None,
        allow_same_day: bool = False,
    ) -> int:
        """Append what happened to one person's notice (returned, bounced, delivered, re-sent); returns its id.
        allow_same_day: the officer confirmed the same event really happened twice that day; without it a
        repeat raises DuplicateDeliveryRecord and nothing is written."""
        if status not in EVENT_STATUSES:
            raise ValueError(f"unknown delivery status {status!r}")
        day = happened_on or today_jst()
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            delivery = self._find(session, incident_id, key)
            if day > today_jst():
                raise InputError(_("The date {date} is in the future.").format(date=day.isoformat()))
            if delivery.sent_at is not None and day < delivery.sent_at.astimezone(JST).date():
                raise InputError(
                    _("The date {date} is before the notice was sent ({sent}).").format(
                        date=day.isoformat(), sent=delivery.sent_at.astimezone(JST).date().isoformat()
                    )
                )
            if not allow_same_day and session.scalar(
                select(NoticeDeliveryEvent.id).where(
                    NoticeDeliveryEvent.delivery_id == delivery.id,
                    NoticeDeliveryEvent.status == status,
                    NoticeDeliveryEvent.happened_on == day,
                    live_delivery_event(),
                )
            ):
                raise DuplicateDeliveryRecord(
                    _("“{status}” on {date} is already recorded for {key}.").format(
                        status=status_label(status), date=day.isoformat(), key=key.strip()
                    ),
                    day,
                )
            event = NoticeDeliveryEvent(
                delivery_id=delivery.id,
                incident_id=incident_id,
                status=status,
                happened_on=day,
                note=note.strip(),
                recorded_at=now_utc(),
                actor=who,
            )
            session.add(event)
            session.flush()
            audit.append(
                session,
                action="create",
                entity="notice_delivery_event",
                entity_id=event.id,
                after={"delivery_id": delivery.id, "status": status, "happened_on": day, "note": event.note},
                actor=who,
            )
            moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=JST)
            auto_timeline.add(session, incident_id, moment, auto_timeline.delivery_event_text(status), who)
            return event.id

    def withdraw_event(
        self, incident_id: int, event_id: int, reason: str, *, actor: str | None = None
    ) -> int:
        """取消 of a delivery event recorded by mistake: a new entry with its reason; the event stays in the
        history, no longer counts in the status or the DeliverySummary. Returns the withdrawal's id."""
        reason = " ".join(reason.split())
        if not reason:
            raise InputError(_("Enter the reason for the withdrawal or correction."), field="reason")
        if len(reason) > MAX_REASON:
            raise InputError(
                _("The reason is longer than {limit} characters.").format(limit=MAX_REASON), field="reason"
            )
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            event = session.get(NoticeDeliveryEvent, event_id)
            if event is None or event.incident_id != incident_id:
                raise InputError(
                    _("There is no follow-up {id} for this incident.").format(id=event_id), field="event"
                )
            if session.scalar(
                select(DeliveryEventWithdrawal.id).where(DeliveryEventWithdrawal.event_id == event_id)
            ):
                raise InputError(_("This follow-up was already withdrawn."), field="event")
            row = DeliveryEventWithdrawal(
                incident_id=incident_id, event_id=event_id, reason=reason, recorded_at=now_utc(), actor=who
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                action="withdraw",
                entity="delivery_event_withdrawal",
                entity_id=row.id,
                after={"event_id": event_id, "status": event.status, "reason": reason},
                actor=who,
            )
            auto_timeline.add(
                session,
                incident_id,
                now_utc(),
                auto_timeline.delivery_event_withdrawn_text(event.status, reason),
                who,
            )
            return row.id

    @staticmethod
    def _find(session: Session, incident_id: int, key: str) -> NoticeDelivery:
        delivery = session.scalar(
            select(NoticeDelivery)
            .where(NoticeDelivery.incident_id == incident_id, NoticeDelivery.recipient_key == key.strip())
            .order_by(NoticeDelivery.id.desc())
            .limit(1)
        )
        if delivery is None:
            raise InputError(
                _("Nobody with the ID {key} was sent a notice for this incident.").format(key=key.strip())
            )
        return delivery

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
