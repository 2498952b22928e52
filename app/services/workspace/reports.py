"""報告内容 drafts: a 速報 prefilled from the record, a 確報 that starts from the 速報, and what changed between them."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.codec import REPORT_DRAFT, encode, read_recorded_facts, read_report
from app.db.database import Database
from app.db.effective import effective_filed_at, effective_receipt_number, live_filing
from app.db.models import Filing, Incident, NoticeDelivery, ReportDraftRow, TimelineEntry
from app.db.tables import report_drafts
from app.domain.dates import JST, now_utc, today_jst
from app.domain.facts import Event, Facts, Role
from app.domain.filing import FilingKind
from app.domain.incident_kind import IncidentKind
from app.domain.report import (
    FIELDS_BY_PATH,
    REPORT_KINDS,
    FieldChange,
    ReportDraft,
    diff,
    draft_from,
    next_draft,
    timeline_warnings,
    value_of,
)
from app.errors import ConcurrentEdit, InputError
from app.i18n import _, current_language
from app.services.workspace import limits
from app.services.workspace.concurrency import claim_version, refusal
from app.services.workspace.derived import latest_assessment_row, parse_assessment

# Which earlier report a later one starts from.
_BASED_ON: dict[FilingKind, tuple[FilingKind, ...]] = {
    FilingKind.KAKUHO: (FilingKind.SOKUHO,),
    FilingKind.TSUIKAN: (FilingKind.TSUIKAN, FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO),
}


@dataclass(frozen=True, slots=True)
class DraftRecord:
    id: int
    incident_id: int
    kind: FilingKind
    based_on_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    draft: ReportDraft
    # 0010: the version an edit from a screen showing this record passes back (docs/adr/0013-optimistic-concurrency.md).
    version: int = 1


def _record(row: ReportDraftRow, version: int | None = None) -> DraftRecord:
    return DraftRecord(
        row.id,
        row.incident_id,
        FilingKind(row.kind),
        row.based_on_id,
        row.created_at,
        row.updated_at,
        read_report(row.content),
        row.version if version is None else version,
    )


class ReportDraftService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def drafts(self, incident_id: int) -> list[DraftRecord]:
        with self.db.session_scope() as session:
            rows = session.scalars(
                select(ReportDraftRow)
                .where(ReportDraftRow.incident_id == incident_id)
                .order_by(ReportDraftRow.id)
            )
            return [_record(row) for row in rows]

    def get(self, draft_id: int) -> DraftRecord:
        with self.db.session_scope() as session:
            row = session.get(ReportDraftRow, draft_id)
            if row is None:
                raise LookupError(f"no report draft {draft_id}")
            return _record(row)

    def latest(self, incident_id: int, kind: FilingKind) -> DraftRecord | None:
        with self.db.session_scope() as session:
            row = self._latest(session, incident_id, (kind,))
            return _record(row) if row is not None else None

    @staticmethod
    def _latest(session: Session, incident_id: int, kinds: tuple[FilingKind, ...]) -> ReportDraftRow | None:
        return session.scalars(
            select(ReportDraftRow)
            .where(
                ReportDraftRow.incident_id == incident_id, ReportDraftRow.kind.in_([k.value for k in kinds])
            )
            .order_by(ReportDraftRow.id.desc())
            .limit(1)
        ).first()

    def start(self, incident_id: int, kind: FilingKind, report_date: dt.date | None = None) -> DraftRecord:
        """The draft of this kind (one per kind, except 追完); a new one copies the report it follows."""
        if kind not in REPORT_KINDS:
            raise ValueError(f"{kind} is not a report to the PPC")
        with self.db.session_scope() as session:
            if kind is not FilingKind.TSUIKAN:
                existing = self._latest(session, incident_id, (kind,))
                if existing is not None:
                    return _record(existing)
            base = self._latest(session, incident_id, _BASED_ON.get(kind, ()))
            if base is not None:
                draft = _with_sokuho_filing(
                    session, incident_id, next_draft(read_report(base.content), kind, report_date)
                )
            else:
                draft = self._prefill(session, incident_id, kind, report_date)
            now = now_utc()
            row = ReportDraftRow(
                incident_id=incident_id,
                kind=kind.value,
                content=encode(draft, REPORT_DRAFT),
                based_on_id=base.id if base is not None else None,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                action="create",
                entity="report_draft",
                entity_id=row.id,
                after={"incident_id": incident_id, "kind": kind.value, "based_on_id": row.based_on_id},
            )
            return _record(row)

    def timeline_warnings(self, draft_id: int) -> list[str]:
        """What to check in the draft's 事実経過 before it goes out (entries before the 発生日, names of notified
        people); the messages never repeat a name."""
        with self.db.session_scope() as session:
            row = session.get(ReportDraftRow, draft_id)
            if row is None:
                raise LookupError(f"no report draft {draft_id}")
            names = session.scalars(
                select(NoticeDelivery.recipient_name).where(NoticeDelivery.incident_id == row.incident_id)
            ).all()
            return timeline_warnings(read_report(row.content), _standing(session, row.incident_id), names)

    @staticmethod
    def _prefill(
        session: Session, incident_id: int, kind: FilingKind, report_date: dt.date | None
    ) -> ReportDraft:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise LookupError(f"no incident {incident_id}")
        latest = latest_assessment_row(session, incident_id)
        assessment = parse_assessment(latest.assessment if latest is not None else None)
        standing = _standing(session, incident_id)
        facts = read_recorded_facts(incident.facts)
        # The 件名 is internal: the report's 発生事案 is the 概要 for outside readers (issue 15 point 2).
        start = functools.partial(
            draft_from,
            title=incident.title,
            summary=incident.public_summary or "",
            incident_kind=IncidentKind.parse(incident.incident_kind),
            kind=kind,
        )
        if facts is None:
            # A quick record (title and a note, no wizard yet): start from what the register has.
            draft = start(_minimal_facts(incident), assessment, standing)
            return draft.replace("overview.learned_date", incident.learned_date).replace(
                "envelope.report_date", report_date
            )
        return start(facts, assessment, standing, report_date=report_date)

    def set_field(self, draft_id: int, path: str, value: Any, seen_version: int | None = None) -> DraftRecord:
        """One field, one transaction, one audit entry; a value of the wrong shape is refused with its label.

        `seen_version`: the draft's version the officer's report tab was built from. Two officers drafting the same
        report on two PCs must not replace each other's field (issue 19 point 2): a save from an older version is
        refused with ConcurrentEdit, `saved` holding the field's saved value ({path: value}) so the screen shows
        both. None (the command line's and the documents' one-shot edits) raises the version without a check. A
        save that changes nothing writes nothing, whatever its version, and the record carries the version the
        screen had (docs/adr/0013-optimistic-concurrency.md)."""
        report_field = FIELDS_BY_PATH.get(path)
        if report_field is None:
            raise KeyError(path)
        _check_value(path, value)
        with self.db.session_scope() as session:
            row = session.get(ReportDraftRow, draft_id)
            if row is None:
                raise LookupError(f"no report draft {draft_id}")
            draft = read_report(row.content)
            try:
                updated = draft.replace(path, value)
            except (TypeError, ValueError) as error:
                raise InputError(
                    _("{label}: this value cannot be used ({value}).").format(
                        label=report_field.label(current_language()), value=value
                    ),
                    field=path,
                ) from error
            before, after = value_of(draft, path), value_of(updated, path)
            if before == after:
                return _record(row, seen_version)
            claim_version(
                session,
                report_drafts,
                row,
                seen_version,
                lambda: _draft_conflict(session, row, path),
            )
            row.content = encode(updated, REPORT_DRAFT)
            row.updated_at = now_utc()
            session.flush()
            audit.append(
                session,
                action="update",
                entity="report_draft",
                entity_id=row.id,
                before={"field": path, "value": audit.as_json(_plain(before))},
                after={"field": path, "value": audit.as_json(_plain(after))},
            )
            return _record(row)

    def changes_since_base(self, draft_id: int) -> list[FieldChange]:
        """For a 確報: every field that differs from the 速報 it started from (empty without a base)."""
        with self.db.session_scope() as session:
            row = session.get(ReportDraftRow, draft_id)
            if row is None or row.based_on_id is None:
                return []
            base = session.get(ReportDraftRow, row.based_on_id)
            if base is None:
                return []
            return diff(read_report(base.content), read_report(row.content))


def _draft_conflict(session: Session, row: ReportDraftRow, path: str) -> ConcurrentEdit:
    """The refusal of a stale save, worded like the incident's; `saved` holds the field's value as saved now."""
    session.refresh(row)
    saved = {path: value_of(read_report(row.content), path)}
    return refusal(session, "report_draft", row.id, row.version, row.updated_at, saved)


def _check_value(path: str, value: Any) -> None:
    """What a form field can never hold (issue 18 point 5): a negative count, a 発覚日 in the future."""
    if isinstance(value, int) and not isinstance(value, bool):
        limits.check_count(value, path)
    if path in limits.PAST_ONLY_DATES and isinstance(value, dt.date):
        limits.check_not_future(value, path)
    if isinstance(value, str):
        limits.check_length(value, limits.MAX_NOTES, path)


def _standing(session: Session, incident_id: int) -> list[TimelineEntry]:
    """The 事実経過 as it stands: corrected entries give way to their corrections."""
    timeline = list(
        session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.incident_id == incident_id)
            .order_by(TimelineEntry.occurred_at, TimelineEntry.id)
        )
    )
    corrected = {entry.corrects_id for entry in timeline if entry.corrects_id is not None}
    return [entry for entry in timeline if entry.id not in corrected]


def _with_sokuho_filing(session: Session, incident_id: int, draft: ReportDraft) -> ReportDraft:
    """A 確報 or 追完 names the 速報 it follows: its filing date and 受付番号 as the register recorded them."""
    filed_at, receipt = effective_filed_at(), effective_receipt_number()  # a withdrawn 速報 is not named
    filing = session.execute(
        select(filed_at, receipt)
        .where(Filing.incident_id == incident_id, Filing.kind == FilingKind.SOKUHO.value, live_filing())
        .order_by(filed_at.desc())
        .limit(1)
    ).first()
    if filing is None:
        return draft
    if not draft.envelope.prior_receipt_number and filing.receipt_number:
        draft = draft.replace("envelope.prior_receipt_number", filing.receipt_number)
    if draft.envelope.prior_report_date is None:
        filed = filing.filed_at if filing.filed_at.tzinfo else filing.filed_at.replace(tzinfo=dt.UTC)
        draft = draft.replace("envelope.prior_report_date", filed.astimezone(JST).date())
    return draft


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _minimal_facts(incident: Incident) -> Facts:
    return Facts(role=Role.CONTROLLER, event=Event.LEAK, learned_date=incident.learned_date or today_jst())
