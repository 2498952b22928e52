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
from sqlalchemy.orm import Session, defer

from app.db import audit
from app.db.database import Database
from app.db.effective import CORRECT, WITHDRAW, effective_filed_at, effective_receipt_number, live_filing
from app.db.models import Filing, FilingCorrection, Incident
from app.domain.dates import JST, now_utc
from app.domain.filing import FilingKind
from app.errors import InputError
from app.i18n import N_, _
from app.services import auto_timeline
from app.services.workspace.derived import refresh_derived

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_REASON = 500

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
class CorrectionRecord:
    """One 取消 or 訂正 of a filing, as the history shows it."""

    id: int
    action: str  # app.db.effective.WITHDRAW | CORRECT
    filed_at: dt.datetime | None  # the corrected moment; None: unchanged
    receipt_number: str | None  # the corrected receipt number; None: unchanged
    reason: str
    recorded_at: dt.datetime
    actor: str


@dataclass(frozen=True, slots=True)
class FilingRecord:
    """The effective filing: `filed_at` and `receipt_number` after the latest 訂正; `withdrawn` after a 取消."""

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
    corrections: tuple[CorrectionRecord, ...] = ()

    @property
    def withdrawn(self) -> bool:
        return any(c.action == WITHDRAW for c in self.corrections)

    @property
    def withdrawal_reason(self) -> str:
        return next((c.reason for c in self.corrections if c.action == WITHDRAW), "")

    @property
    def corrected(self) -> bool:
        return any(c.action == CORRECT for c in self.corrections)


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


def _refuse_recorded_changes(session: Session, row: Filing, changes: dict[str, Any]) -> None:
    """Drop what `update` would leave as it is; refuse what only a 訂正 or 取消 may change."""
    if "channel" in changes:
        if changes["channel"] == row.channel:
            del changes["channel"]
        else:
            raise InputError(
                _(
                    "How a filing was made cannot be changed once it is recorded. If it is wrong, withdraw the "
                    "filing (Withdraw or correct…) with the reason and record it again."
                ),
                field="channel",
            )
    if "filed_at" in changes:
        if changes["filed_at"].tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        if changes["filed_at"] == row.filed_at and not _corrections(session, row.id):
            del changes["filed_at"]
        else:
            raise InputError(
                _(
                    "The date of a recorded filing is changed by a correction: use Withdraw or correct… and "
                    "give the reason."
                ),
                field="filed_at",
            )
    if "receipt_number" in changes:
        current = session.scalar(select(effective_receipt_number()).where(Filing.id == row.id))
        if changes["receipt_number"] == current:
            del changes["receipt_number"]
        elif current or _corrections(session, row.id, receipt_only=True):
            raise InputError(
                _(
                    "This filing already has a receipt number. To change it, use Withdraw or correct… and give "
                    "the reason: the number first recorded stays in the history."
                ),
                field="receipt_number",
            )


def _corrections(session: Session, filing_id: int, *, receipt_only: bool = False) -> bool:
    query = select(FilingCorrection.id).where(FilingCorrection.filing_id == filing_id)
    if receipt_only:
        query = query.where(FilingCorrection.receipt_number.is_not(None))
    return session.scalar(query.limit(1)) is not None


class FilingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def filings(self, incident_id: int, *, include_withdrawn: bool = True) -> list[FilingRecord]:
        """Every filing with its corrections applied, in order of the (corrected) filing moment; the filings tab
        shows the withdrawn ones struck through, what is printed or counted leaves them out."""
        with self.db.session_scope() as session:
            history: dict[int, list[CorrectionRecord]] = {}
            for c in session.scalars(
                select(FilingCorrection)
                .where(FilingCorrection.incident_id == incident_id)
                .order_by(FilingCorrection.id)
            ):
                history.setdefault(c.filing_id, []).append(
                    CorrectionRecord(
                        c.id, c.action, c.filed_at, c.receipt_number, c.reason, c.recorded_at, c.actor
                    )
                )
            size = func.coalesce(func.length(Filing.document), 0)
            filed_at, receipt = effective_filed_at(), effective_receipt_number()
            rows = session.execute(
                select(Filing, size, filed_at, receipt)
                .options(defer(Filing.document))
                .where(Filing.incident_id == incident_id)
                # The expression, not its label: PostgreSQL finds ORDER BY filed_at ambiguous beside filings.filed_at.
                .order_by(filed_at.element, Filing.id)
            )
            records = [
                FilingRecord(
                    row.id,
                    row.incident_id,
                    FilingKind(row.kind),
                    when,
                    row.channel,
                    number or "",
                    row.filename,
                    int(length),
                    row.note,
                    row.recorded_at,
                    row.actor,
                    tuple(history.get(row.id, ())),
                )
                for row, length, when, number in rows
            ]
        return [r for r in records if include_withdrawn or not r.withdrawn]

    def incident_of(self, filing_id: int) -> int | None:
        """The incident a filing belongs to; None for an unknown id (the command line names ids typed by hand)."""
        with self.db.session_scope() as session:
            return session.scalar(select(Filing.incident_id).where(Filing.id == filing_id))

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
                    select(effective_filed_at()).where(
                        Filing.incident_id == incident_id,
                        Filing.kind == FilingKind(kind).value,
                        live_filing(),
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
        """Fill in what was left empty when the filing was recorded (the receipt number that arrives days later)
        and keep the free note. What was already recorded is never overwritten: a receipt number that was set,
        the date and the channel change only by a new audited entry with its reason (`correct`, `withdraw`;
        app/db/effective.py), so the history still shows what was first recorded (issue 18 point 3)."""
        allowed = {"receipt_number", "note", "channel", "filed_at"}
        unknown = set(changes) - allowed
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        if "receipt_number" in changes:
            changes["receipt_number"] = str(changes["receipt_number"]).strip() or None
        with self.db.session_scope() as session:
            row = session.get(Filing, filing_id, options=[defer(Filing.document)])
            if row is None:
                raise LookupError(f"no filing {filing_id}")
            _refuse_recorded_changes(session, row, changes)
            audit.apply_changes(session, row, changes, snapshot=_snapshot, entity="filing")
        return next(f for f in self.filings(row.incident_id) if f.id == filing_id)

    def withdraw(self, filing_id: int, reason: str, *, actor: str | None = None) -> int:
        """取消: the filing was recorded by mistake. It stays in the register (struck through in the history) and
        no longer counts as filed: the status, the clocks and the next deadline move back in the same
        transaction. Returns the correction's id."""
        return self._append(filing_id, WITHDRAW, reason, None, None, actor)

    def correct(
        self,
        filing_id: int,
        reason: str,
        *,
        filed_at: dt.datetime | None = None,
        receipt_number: str | None = None,
        actor: str | None = None,
    ) -> int:
        """訂正: a wrong date or receipt number, recorded as a new entry beside the filing as first recorded (the
        確報 then names the corrected 速報 date and number). None leaves a value as it was."""
        if filed_at is not None and filed_at.tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        if filed_at is None and receipt_number is None:
            raise InputError(_("Enter the corrected date or receipt number."), field="filed_at")
        number = receipt_number.strip()[:100] if receipt_number is not None else None
        return self._append(filing_id, CORRECT, reason, filed_at, number, actor)

    def _append(
        self,
        filing_id: int,
        action: str,
        reason: str,
        filed_at: dt.datetime | None,
        receipt_number: str | None,
        actor: str | None,
    ) -> int:
        reason = " ".join(reason.split())
        if not reason:
            raise InputError(_("Enter the reason for the withdrawal or correction."), field="reason")
        if len(reason) > MAX_REASON:
            raise InputError(
                _("The reason is longer than {limit} characters.").format(limit=MAX_REASON), field="reason"
            )
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            row = session.get(Filing, filing_id, options=[defer(Filing.document)])
            if row is None:
                raise LookupError(f"no filing {filing_id}")
            if session.scalar(select(Filing.id).where(Filing.id == filing_id, live_filing())) is None:
                raise InputError(_("This filing was already withdrawn."), field="reason")
            if filed_at is not None and filed_at > now_utc():
                raise InputError(_("The filing date cannot be in the future."), field="filed_at")
            entry = FilingCorrection(
                incident_id=row.incident_id,
                filing_id=filing_id,
                action=action,
                filed_at=filed_at,
                receipt_number=receipt_number,
                reason=reason,
                recorded_at=now_utc(),
                actor=who,
            )
            session.add(entry)
            session.flush()
            audit.append(
                session,
                action=action,
                entity="filing_correction",
                entity_id=entry.id,
                after={
                    "filing_id": filing_id,
                    "kind": row.kind,
                    "filed_at": filed_at,
                    "receipt_number": receipt_number,
                    "reason": reason,
                },
                actor=who,
            )
            refresh_derived(session, row.incident_id, actor=who)
            if action == WITHDRAW:
                text = auto_timeline.filing_withdrawn_text(row.kind, reason)
            else:
                day = filed_at.astimezone(JST).date() if filed_at is not None else None
                text = auto_timeline.filing_corrected_text(row.kind, day, receipt_number, reason)
            auto_timeline.add(session, row.incident_id, now_utc(), text, who)
            return entry.id

    def document(self, filing_id: int) -> tuple[str | None, bytes | None]:
        """The file name and the bytes exactly as they were sent."""
        with self.db.session_scope() as session:
            row = session.get(Filing, filing_id)
            if row is None:
                raise LookupError(f"no filing {filing_id}")
            return row.filename, row.document
