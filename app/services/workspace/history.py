"""変更履歴: who changed what in one incident, read from the audit log (issue 19 point 2: "each entry records who
wrote it and the register shows who changed what").

The audit chain already records the actor (the OS user, app/db/audit.py `current_actor`) of every change with its
before/after; this turns the entries of an incident and of the rows that belong to it (filings, their
corrections, 事実経過, checklist steps, report drafts, notice follow-ups) into one line each that an officer reads.
Only field names, kinds, statuses and receipt numbers are worded: never the free text (notes, reasons, 事実経過)
nor anything about the people notified, which are personal data (docs/domain.md).

One read transaction on the reader, one UNION ALL over the (entity, entity_id) index of audit_log, each branch
limited to the ids of the incident's rows through the child table's incident_id index: an incident's history
costs the same in a register of 100,000 incidents as in one of ten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, literal, select, union_all
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.effective import WITHDRAW
from app.db.tables import (
    audit_log,
    checklist_items,
    delivery_event_withdrawals,
    filing_corrections,
    filings,
    notice_delivery_events,
    report_drafts,
    timeline_entries,
)
from app.domain.checklist import item as checklist_item
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.report import FIELDS_BY_PATH
from app.i18n import N_, _, current_language, ngettext

# The entities whose rows carry the incident's id, and their table (the names services pass to audit.append).
CHILD_TABLES: dict[str, Table] = {
    "filing": filings,
    "filing_correction": filing_corrections,
    "timeline_entry": timeline_entries,
    "checklist_item": checklist_items,
    "report_draft": report_drafts,
    "notice_delivery_event": notice_delivery_events,
    "delivery_event_withdrawal": delivery_event_withdrawals,
}
# The incident's own fields an officer edits (app/services/workspace/overview.py `_snapshot`), as the 概要 and
# 分類 tabs label them.
_INCIDENT_FIELDS = {
    "title": N_("Title"),
    "public_summary": N_("Summary for outside readers"),
    "notes": N_("Notes"),
    "jipdec_event": N_("Incident type (JIPDEC)"),
    "jipdec_category": N_("Category (JIPDEC)"),
    "jipdec_cause": N_("Cause (JIPDEC)"),
}
# The same words as app/services/notices.py (not imported: it loads the mail merge).
_DELIVERY_STATUSES = {
    "sent": N_("Sent"),
    "returned": N_("Returned (address unknown)"),
    "bounced": N_("E-mail bounced"),
    "delivered": N_("Delivered"),
    "resent": N_("Sent again"),
}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One audited change: when (UTC, aware), who (the OS user or the name given), and what, in the UI language."""

    at: dt.datetime
    actor: str
    text: str
    entity: str
    action: str


class ChangeHistoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self, incident_id: int) -> list[HistoryEntry]:
        """Newest first. Read on the reader: it neither waits for another PC's write nor makes it wait."""
        with self.db.read_scope() as session:
            rows = session.execute(_query(incident_id)).all()
            drafts = _draft_kinds(session, incident_id)
        return [
            HistoryEntry(
                at=row.at,
                actor=str(row.actor),
                text=describe(row.entity, row.action, row.before, row.after, drafts.get(row.entity_id)),
                entity=str(row.entity),
                action=str(row.action),
            )
            for row in rows
        ]


def _query(incident_id: int) -> Any:
    columns = (
        audit_log.c.id,
        audit_log.c.at,
        audit_log.c.actor,
        audit_log.c.action,
        audit_log.c.entity,
        audit_log.c.entity_id,
        audit_log.c.before,
        audit_log.c.after,
    )
    own = select(*columns).where(audit_log.c.entity == "incident", audit_log.c.entity_id == incident_id)
    branches = [own]
    for entity, table in CHILD_TABLES.items():
        ids = select(table.c.id).where(table.c.incident_id == incident_id)
        branches.append(
            select(*columns).where(audit_log.c.entity == literal(entity), audit_log.c.entity_id.in_(ids))
        )
    every = union_all(*branches).subquery()
    return select(every).order_by(every.c.id.desc())


def _draft_kinds(session: Session, incident_id: int) -> dict[int, str]:
    """A draft's edits name only the field: its kind comes from the row."""
    query = select(report_drafts.c.id, report_drafts.c.kind).where(report_drafts.c.incident_id == incident_id)
    return {int(row.id): str(row.kind) for row in session.execute(query)}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _kind(value: Any) -> str:
    try:
        return FilingKind(str(value)).label()
    except ValueError:
        return _("record")


def _step(code: Any) -> str:
    """A standard step by its label; an office's own step is not quoted (its text is the officer's)."""
    known = checklist_item(str(code))
    return known.label if known is not None else _("a step of the office's own")


def describe(entity: str, action: str, before: Any, after: Any, draft_kind: str | None = None) -> str:
    """What one entry did, worded for the officer; an entry this version does not know gets an honest generic
    line naming its kind, never its content."""
    wording = _WORDINGS.get(entity)
    text = wording(action, _dict(before), _dict(after), draft_kind) if wording is not None else None
    return text or _("Changed a record ({entity})").format(entity=entity)


def _incident(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str | None:
    if action == "create":
        return _("Registered the incident")
    if action == "close":
        return _("Closed the incident")
    if action == "reopen":
        return _("Reopened the incident")
    if action == "reassess":
        return _("Re-assessed the incident")
    if action == "update":
        changed = [_(label) for key, label in _INCIDENT_FIELDS.items() if before.get(key) != after.get(key)]
        if not changed:
            return None
        joiner = "・" if current_language() == "ja" else ", "
        return _("Changed {fields}").format(fields=joiner.join(changed))
    if action == "derive":
        if before.get("status") != after.get("status") and after.get("status"):
            return _("The status became “{status}”").format(
                status=IncidentStatus.stored(str(after["status"])).label()
            )
        return _("The deadlines and the verdict shown in the register were brought up to date")
    if action in ("add_steps", "remove_steps"):
        codes = (after if action == "add_steps" else before).get("checklist")
        count = len(codes) if isinstance(codes, list) else 0
        if action == "add_steps":
            text = ngettext(
                "Added {count} step to the checklist", "Added {count} steps to the checklist", count
            )
        else:
            text = ngettext(
                "Removed {count} step from the checklist", "Removed {count} steps from the checklist", count
            )
        return text.format(count=count)
    return None


def _filing(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str | None:
    kind = _kind(after.get("kind"))
    if action == "create":
        people = after.get("people")
        if isinstance(people, int):
            return ngettext(
                "Recorded the notice to individuals as sent ({count} person)",
                "Recorded the notice to individuals as sent ({count} people)",
                people,
            ).format(count=people)
        number = after.get("receipt_number")
        if number:
            return _("Recorded the {kind} as filed (receipt number {number})").format(
                kind=kind, number=number
            )
        return _("Recorded the {kind} as filed").format(kind=kind)
    if action == "update":
        if before.get("receipt_number") != after.get("receipt_number") and after.get("receipt_number"):
            return _("Recorded the receipt number of the {kind} ({number})").format(
                kind=kind, number=after["receipt_number"]
            )
        if before.get("note") != after.get("note"):
            return _("Changed the note of the {kind}").format(kind=kind)
    return None


def _correction(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str:
    kind = _kind(after.get("kind"))
    if action == WITHDRAW:
        return _("Withdrew the record of the {kind}").format(kind=kind)
    return _("Corrected the record of the {kind}").format(kind=kind)


def _timeline(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str:
    if action == "correct":
        return _("Corrected a timeline entry")
    if after.get("automatic"):
        return _("Added a timeline entry automatically")
    return _("Added a timeline entry")


def _checklist(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str | None:
    step = _step(after.get("code") or before.get("code"))
    if action == "create":
        return _("Added a step of the office's own to the checklist")
    if action != "update":
        return None
    if (before.get("done_at") is None) != (after.get("done_at") is None):
        if after.get("done_at") is not None:
            return _("Marked the checklist step “{step}” as done").format(step=step)
        return _("Marked the checklist step “{step}” as not done").format(step=step)
    if before.get("note") != after.get("note"):
        return _("Changed the note of the checklist step “{step}”").format(step=step)
    return _("Changed who did the checklist step “{step}” or when").format(step=step)


def _draft(action: str, before: dict[str, Any], after: dict[str, Any], draft_kind: str | None) -> str | None:
    kind = _kind(after.get("kind") or draft_kind)
    if action == "create":
        return _("Started the draft of the {kind}").format(kind=kind)
    if action == "update":
        field = FIELDS_BY_PATH.get(str(after.get("field")))
        if field is None:
            return _("Changed the draft of the {kind}").format(kind=kind)
        return _("Changed “{field}” in the draft of the {kind}").format(
            field=field.label(current_language()), kind=kind
        )
    return None


def _status(after: dict[str, Any]) -> str:
    label = _DELIVERY_STATUSES.get(str(after.get("status")))
    return _(label) if label is not None else _("record")


def _delivery_event(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str:
    return _("Recorded a follow-up of a notice to an individual ({status})").format(status=_status(after))


def _event_withdrawal(action: str, before: dict[str, Any], after: dict[str, Any], _kind_: str | None) -> str:
    return _("Withdrew a follow-up of a notice to an individual ({status})").format(status=_status(after))


_WORDINGS: dict[str, Callable[[str, dict[str, Any], dict[str, Any], str | None], str | None]] = {
    "incident": _incident,
    "filing": _filing,
    "filing_correction": _correction,
    "timeline_entry": _timeline,
    "checklist_item": _checklist,
    "report_draft": _draft,
    "notice_delivery_event": _delivery_event,
    "delivery_event_withdrawal": _event_withdrawal,
}
