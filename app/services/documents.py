"""Gathering a document's context from the register, and the office's document settings.

What the office decides once (its wording per document, its enquiry desk) and what the officer types for one
incident (placeholder values such as 委託元名) are kept with the register through AppSettingsService, so a backup
restores them and the audit log records who changed the wording of the letters.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from app.db import audit
from app.db.codec import read_recorded_facts
from app.db.database import Database
from app.documents.context import (
    ChecklistLine,
    ContactDesk,
    DocumentContext,
    DocumentKind,
    FilingLine,
    IncidentInfo,
    TimelineItem,
)
from app.documents.wording.defaults import DEFAULT_TEMPLATES
from app.documents.wording.templates import SETTINGS_PREFIX, DocumentTemplate, template_for, template_json
from app.domain.dates import today_jst
from app.domain.facts import Facts
from app.domain.filing import FilingKind
from app.domain.report import ReportDraft
from app.errors import InputError, StoredDataError
from app.i18n import _
from app.services.app_settings import AppSettingsService
from app.services.document_deadlines import deadline_lines
from app.services.notices import NoticeService
from app.services.office import OfficeService
from app.services.workspace import (
    ChecklistService,
    FilingService,
    OverviewService,
    ReportDraftService,
    TimelineService,
)

log = logging.getLogger(__name__)

CONTACT_KEY = "documents.contact_desk"
TEMPLATE_KEYS: tuple[str, ...] = tuple(DEFAULT_TEMPLATES)

# The drafts each kind prints, newest first among them.
_DRAFT_KINDS: dict[DocumentKind, tuple[FilingKind, ...]] = {
    DocumentKind.SOKUHO: (FilingKind.SOKUHO, FilingKind.SOKUHO_KAKUHO),
    DocumentKind.KAKUHO: (FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO),
    DocumentKind.TSUIKAN: (FilingKind.TSUIKAN,),
}


def values_key(incident_id: int) -> str:
    return f"documents.values.{incident_id}"


def _facts(incident_id: int, data: Mapping[str, Any]) -> Facts | None:
    """None for a quick record without the wizard's facts (the documents show 【未入力】 instead); a record that
    cannot be read stops the document with StoredDataError rather than printing 【未入力】 over facts it has."""
    try:
        return read_recorded_facts(data)
    except StoredDataError:
        log.exception("the facts of incident %s could not be read", incident_id)
        raise


class DocumentService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = AppSettingsService(db)

    # --- the office's settings ----------------------------------------------------------------------------
    def templates(self) -> dict[str, dict[str, Any]]:
        stored = {}
        for key in TEMPLATE_KEYS:
            value = self.settings.get(SETTINGS_PREFIX + key)
            if isinstance(value, dict):
                stored[key] = value
        return stored

    def template(self, key: str) -> DocumentTemplate:
        return template_for(key, self.templates())

    def save_template(self, key: str, template: DocumentTemplate) -> None:
        if key not in TEMPLATE_KEYS:
            raise KeyError(key)
        if not template.title.strip():
            raise InputError(_("The title of the document cannot be empty."), field="title")
        self.settings.set(SETTINGS_PREFIX + key, template_json(template))

    def reset_template(self, key: str) -> None:
        """Back to BreachDesk's wording (the officer's version stays in the audit log)."""
        self.settings.delete(SETTINGS_PREFIX + key)

    def contact_desk(self) -> ContactDesk:
        data = self.settings.get(CONTACT_KEY) or {}
        return ContactDesk(**{k: str(v) for k, v in data.items() if k in ContactDesk.__dataclass_fields__})

    def save_contact_desk(self, desk: ContactDesk) -> None:
        self.settings.set(
            CONTACT_KEY, {"name": desk.name, "phone": desk.phone, "hours": desk.hours, "email": desk.email}
        )

    def incident_values(self, incident_id: int) -> dict[str, str]:
        data = self.settings.get(values_key(incident_id)) or {}
        return {str(k): str(v) for k, v in data.items()}

    def save_incident_values(self, incident_id: int, values: Mapping[str, str]) -> None:
        kept = {name: value for name, value in values.items() if value.strip()}
        self.settings.set(values_key(incident_id), kept)

    # --- one incident -------------------------------------------------------------------------------------
    def report_drafts(
        self, incident_id: int, kind: DocumentKind
    ) -> tuple[ReportDraft | None, ReportDraft | None]:
        """(the draft a kind prints, the draft it was based on) — for other kinds, the newest draft of any kind."""
        service = ReportDraftService(self.db)
        drafts = service.drafts(incident_id)
        wanted = _DRAFT_KINDS.get(kind)
        chosen = [d for d in drafts if wanted is None or d.kind in wanted]
        if not chosen:
            return None, None
        record = chosen[-1]
        base = next((d for d in drafts if d.id == record.based_on_id), None)
        return record.draft, base.draft if base is not None else None

    def _audit_head(self) -> tuple[int, str] | None:
        with self.db.session_scope() as session:
            return audit.count_and_head(session)

    def context(
        self, incident_id: int, kind: DocumentKind, *, today: dt.date | None = None
    ) -> DocumentContext:
        """Everything `kind` needs about one incident; LookupError when there is no such incident."""
        overview = OverviewService(self.db).overview(incident_id)
        report, previous = self.report_drafts(incident_id, kind)
        timeline = tuple(
            TimelineItem(item.occurred_at, item.text, item.actor)
            for item in TimelineService(self.db).current(incident_id)
        )
        checklist = tuple(
            ChecklistLine(
                step.label, step.group.label(), step.done_at, step.done_by or "", step.note, step.code
            )
            for step in ChecklistService(self.db).steps(incident_id)
        )
        filings = tuple(
            FilingLine(f.kind.value, f.filed_at, f.channel, f.receipt_number)
            for f in FilingService(self.db).filings(incident_id, include_withdrawn=False)
        )
        return DocumentContext(
            office=OfficeService(self.db).load(),
            incident=IncidentInfo(
                id=overview.id,
                reference=overview.reference,
                title=overview.title,
                facts=_facts(incident_id, overview.facts),
                assessment=overview.assessment,
                jipdec_event=overview.jipdec_event or "",
                jipdec_category=overview.jipdec_category or "",
                jipdec_cause=overview.jipdec_cause or "",
                public_summary=overview.public_summary,
            ),
            issued_on=today or today_jst(),
            report=report,
            previous_report=previous,
            timeline=timeline,
            checklist=checklist,
            filings=filings,
            # The running clocks only where a document prints them: the 初動シート (app/services/document_deadlines.py).
            deadlines=(
                deadline_lines(self.db, incident_id, today or today_jst())
                if kind is DocumentKind.INITIAL_SHEET
                else ()
            ),
            notified_names=(
                tuple(d.recipient_name for d in NoticeService(self.db).deliveries(incident_id))
                if kind.is_report
                else ()
            ),
            contact=self.contact_desk(),
            audit_head=self._audit_head(),
            templates=self.templates(),
            values=self.incident_values(incident_id),
        )
