"""概要 and 分類: the incident's facts and verdict (第7条, and the 番号法 beside it when My Numbers are involved), its
assessment history, title and notes, JIPDEC categories, and closing (which asks first when a filing the assessment
requires is missing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.codec import read_recorded_facts
from app.db.database import Database
from app.db.models import Assessment as AssessmentRow
from app.db.models import Incident
from app.documents.wording.summary import propose_summary
from app.domain import jipdec
from app.domain.assessment import Assessment
from app.domain.dates import now_utc
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.register import BangoVerdict, bango_verdict
from app.domain.status import PendingDeadline, missing_filings, pending_deadlines
from app.errors import BreachDeskError, InputError, StoredDataError
from app.i18n import _, ngettext
from app.services.office import OfficeService
from app.services.workspace import limits
from app.services.workspace.concurrency import LastChange, claim, last_change, last_change_text
from app.services.workspace.derived import (
    filed_kinds,
    latest_assessment_row,
    parse_assessment,
    refresh_derived,
)
from app.wizard.validation import emoji_problem

MAX_TITLE = 500
MAX_NOTES = limits.MAX_NOTES  # the caps and why: app/services/workspace/limits.py
MAX_SUMMARY = limits.MAX_SUMMARY
CLASSIFICATION_FIELDS: dict[str, tuple[str, tuple[jipdec.Category, ...]]] = {
    "event": ("jipdec_event", jipdec.EVENTS),
    "category": ("jipdec_category", jipdec.CATEGORIES),
    "cause": ("jipdec_cause", jipdec.CAUSES),
}


class CloseRefused(BreachDeskError):
    """Closing would leave required filings unrecorded; the UI asks, then closes with confirm_missing=True."""

    def __init__(self, missing: tuple[FilingKind, ...]) -> None:
        names = "、".join(kind.label() for kind in missing)
        super().__init__(_("These filings are not recorded yet: {names}").format(names=names))
        self.missing = missing


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    id: int
    assessed_at: dt.datetime
    rules_version: str
    actor: str
    reason: str | None
    facts: Mapping[str, Any]
    assessment: Assessment | None
    bango_verdict: BangoVerdict | None = None  # as the register's 番号法 column reads this assessment


@dataclass(frozen=True, slots=True)
class IncidentOverview:
    id: int
    reference: str
    title: str
    notes: str
    incident_kind: str | None
    learned_date: dt.date | None
    status: IncidentStatus
    next_deadline: dt.date | None
    closed_at: dt.datetime | None
    facts: Mapping[str, Any]
    assessment: Assessment | None
    assessed_at: dt.datetime | None
    pending: tuple[PendingDeadline, ...]
    missing: tuple[FilingKind, ...]
    jipdec_event: str | None
    jipdec_category: str | None
    jipdec_cause: str | None
    # Read from the saved JSON, not the parsed assessment: one saved before the 番号法 track has no "bango" object,
    # and with My Numbers in its facts it is "not assessed" under the 番号法, not "nothing due".
    bango_verdict: BangoVerdict | None = None
    public_summary: str = ""  # the 概要 for outside readers (the title stays internal)
    # The version the screen is built from, passed back with each edit (docs/adr/0013-optimistic-concurrency.md),
    # and who changed the incident last (「最終更新」).
    version: int = 1
    last_change: LastChange | None = None


def _snapshot(row: Incident) -> dict[str, Any]:
    return {
        "title": row.title,
        "public_summary": row.public_summary,
        "notes": row.notes,
        "closed_at": row.closed_at,
        "jipdec_event": row.jipdec_event,
        "jipdec_category": row.jipdec_category,
        "jipdec_cause": row.jipdec_cause,
    }


class OverviewService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def overview(self, incident_id: int) -> IncidentOverview:
        with self.db.session_scope() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                raise LookupError(f"no incident {incident_id}")
            latest = latest_assessment_row(session, incident_id)
            assessment = parse_assessment(latest.assessment if latest is not None else None)
            kinds = filed_kinds(session, incident_id)
            closed = row.closed_at is not None
            return IncidentOverview(
                id=row.id,
                reference=row.reference,
                title=row.title,
                notes=row.notes,
                incident_kind=row.incident_kind,
                learned_date=row.learned_date,
                status=IncidentStatus(row.status),
                next_deadline=row.next_deadline,
                closed_at=row.closed_at,
                facts=dict(row.facts or {}),
                assessment=assessment,
                assessed_at=latest.assessed_at if latest is not None else None,
                pending=pending_deadlines(assessment, kinds, closed),
                missing=missing_filings(assessment, kinds),
                jipdec_event=row.jipdec_event,
                jipdec_category=row.jipdec_category,
                jipdec_cause=row.jipdec_cause,
                bango_verdict=(
                    bango_verdict(latest.assessment, latest.facts) if latest is not None else None
                ),
                public_summary=row.public_summary or "",
                version=row.version,
                last_change=last_change(session, incident_id),
            )

    def version(self, incident_id: int) -> int:
        """The version a screen opened now is built from (docs/adr/0013-optimistic-concurrency.md)."""
        with self.db.read_scope() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                raise LookupError(f"no incident {incident_id}")
            return row.version

    def last_change(self, incident_id: int) -> LastChange | None:
        """Who changed the incident last and when; None before any audited change."""
        with self.db.read_scope() as session:
            return last_change(session, incident_id)

    def last_change_line(self, incident_id: int) -> str:
        """The register's tooltip line, looked up when a row is hovered (one indexed query)."""
        return last_change_text(self.last_change(incident_id))

    def assessments(self, incident_id: int) -> list[AssessmentRecord]:
        """Every assessment ever saved, newest first, as it was made and under which rules."""
        with self.db.session_scope() as session:
            rows = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.incident_id == incident_id)
                .order_by(AssessmentRow.id.desc())
            )
            return [
                AssessmentRecord(
                    r.id,
                    r.assessed_at,
                    r.rules_version,
                    r.actor,
                    r.reason,
                    dict(r.facts or {}),
                    parse_assessment(r.assessment),
                    bango_verdict(r.assessment, r.facts),
                )
                for r in rows
            ]

    def refresh(self, incident_id: int) -> IncidentStatus:
        """After a re-assessment saved elsewhere (the wizard): status, deadline and 号 follow the new verdict."""
        with self.db.session_scope() as session:
            return refresh_derived(session, incident_id)

    def set_title(self, incident_id: int, title: str, *, seen_version: int | None = None) -> int:
        """Every edit below takes the version the officer's screen was built from and returns the new one;
        ConcurrentEdit when someone saved since (None: no check, for the CLI's one-shot edits)."""
        text = title.strip()
        if not text:
            raise InputError(_("Enter a title for the incident."), field="title")
        if len(text) > MAX_TITLE:
            raise InputError(
                ngettext(
                    "The title is too long ({length} character; at most {limit}).",
                    "The title is too long ({length} characters; at most {limit}).",
                    len(text),
                ).format(length=len(text), limit=MAX_TITLE),
                field="title",
            )
        if emoji := emoji_problem(text):
            raise InputError(emoji, field="title")
        return self._update(incident_id, "update", seen_version, title=text)

    def set_public_summary(self, incident_id: int, text: str, *, seen_version: int | None = None) -> int:
        """The 概要 that letters, the 公表文, the 委託元 notice and the report print (issue 15 point 2); audited like
        the title. Empty is allowed: the documents then list it as missing."""
        summary = text.strip()
        if len(summary) > MAX_SUMMARY:
            raise InputError(
                ngettext(
                    "The text is too long ({length} character; at most {limit}).",
                    "The text is too long ({length} characters; at most {limit}).",
                    len(summary),
                ).format(length=len(summary), limit=MAX_SUMMARY),
                field="public_summary",
            )
        return self._update(incident_id, "update", seen_version, public_summary=summary)

    def propose_summary(self, incident_id: int) -> str:
        """A 概要 worded from the facts in the office's date style, for the officer to edit ("" without facts)."""
        overview = self.overview(incident_id)
        try:
            facts = read_recorded_facts(overview.facts)
        except StoredDataError:
            facts = None
        style = OfficeService(self.db).load().date_style
        return propose_summary(facts, overview.assessment, overview.incident_kind, style)

    def set_notes(self, incident_id: int, notes: str, *, seen_version: int | None = None) -> int:
        if len(notes) > MAX_NOTES:
            raise InputError(
                ngettext(
                    "The text is too long ({length} character; at most {limit}).",
                    "The text is too long ({length} characters; at most {limit}).",
                    len(notes),
                ).format(length=len(notes), limit=MAX_NOTES),
                field="notes",
            )
        return self._update(incident_id, "update", seen_version, notes=notes)

    def set_classification(
        self, incident_id: int, field: str, code: str | None, *, seen_version: int | None = None
    ) -> int:
        """field: "event" (発生事象), "category" (事象分類) or "cause" (原因); None clears it."""
        column, choices = CLASSIFICATION_FIELDS[field]
        if code is not None and jipdec.find(choices, code) is None:
            raise InputError(_("Choose one of the listed categories."), field=field)
        return self._update(incident_id, "update", seen_version, **{column: code})

    def close(
        self, incident_id: int, *, confirm_missing: bool = False, seen_version: int | None = None
    ) -> IncidentStatus:
        with self.db.session_scope() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                raise LookupError(f"no incident {incident_id}")
            if row.closed_at is not None:
                return IncidentStatus.CLOSED
            latest = latest_assessment_row(session, incident_id)
            missing = missing_filings(
                parse_assessment(latest.assessment if latest is not None else None),
                filed_kinds(session, incident_id),
            )
            if missing and not confirm_missing:
                raise CloseRefused(missing)
            claim(session, row, seen_version, _snapshot)
            before = audit.as_json(_snapshot(row))
            row.closed_at = now_utc()
            session.flush()
            audit.append(
                session,
                action="close",
                entity="incident",
                entity_id=incident_id,
                before=before,
                after={**audit.as_json(_snapshot(row)), "missing_filings": [k.value for k in missing]},
            )
            return refresh_derived(session, incident_id)

    def reopen(self, incident_id: int, *, seen_version: int | None = None) -> IncidentStatus:
        with self.db.session_scope() as session:
            self._apply(session, incident_id, "reopen", {"closed_at": None}, seen_version)
            return refresh_derived(session, incident_id)

    def _update(self, incident_id: int, action: str, seen: int | None, **changes: Any) -> int:
        with self.db.session_scope() as session:
            return self._apply(session, incident_id, action, changes, seen)

    @staticmethod
    def _apply(
        session: Session, incident_id: int, action: str, changes: dict[str, Any], seen: int | None = None
    ) -> int:
        """A save that would change nothing writes nothing, even from an old version: nothing is overwritten."""
        row = session.get(Incident, incident_id)
        if row is None:
            raise LookupError(f"no incident {incident_id}")
        before = audit.as_json(_snapshot(row))
        if before == audit.as_json({**_snapshot(row), **{k: v for k, v in changes.items() if k in before}}):
            return row.version if seen is None else seen
        version = claim(session, row, seen, _snapshot)
        for name, value in changes.items():
            setattr(row, name, value)
        after = audit.as_json(_snapshot(row))
        row.updated_at = now_utc()
        session.flush()
        audit.append(
            session, action=action, entity="incident", entity_id=incident_id, before=before, after=after
        )
        return version
