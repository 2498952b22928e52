"""Keeping the register's derived columns (status, next deadline, reportable, 号, 番号法) true to the record.

Called in the same transaction as every change that can move them: a filing recorded, the incident closed or
reopened, a new assessment saved. A status change gets its own audit entry, so the history reads
"調査中 → 速報済" next to the filing that caused it.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.codec import read_assessment
from app.db.effective import live_filing
from app.db.models import Assessment as AssessmentRow
from app.db.models import Filing, Incident
from app.domain.assessment import Assessment
from app.domain.incident import IncidentStatus
from app.domain.register import bango_verdict
from app.domain.status import derive_status, next_deadline
from app.errors import StoredDataError

log = logging.getLogger(__name__)


def parse_assessment(data: dict[str, Any] | None) -> Assessment | None:
    """A saved assessment through the codec's upgrade (None: not assessed yet); one that still cannot be read is
    logged and raised as StoredDataError, never shown as "not assessed"."""
    if not data:
        return None
    try:
        return read_assessment(data)
    except StoredDataError:
        log.exception("a stored assessment could not be read: %r", data)
        raise


def latest_assessment_row(session: Session, incident_id: int) -> AssessmentRow | None:
    return session.scalars(
        select(AssessmentRow)
        .where(AssessmentRow.incident_id == incident_id)
        .order_by(AssessmentRow.id.desc())
        .limit(1)
    ).first()


def filed_kinds(session: Session, incident_id: int) -> list[str]:
    """The kinds filed, a withdrawn filing (取消, app/db/effective.py) not among them."""
    return list(session.scalars(select(Filing.kind).where(Filing.incident_id == incident_id, live_filing())))


def refresh_derived(
    session: Session, incident_id: int, actor: str | None = None, *, audited: bool = True
) -> IncidentStatus:
    """audited=False when the caller's own audit entry already records the result (creating the incident)."""
    row = session.get(Incident, incident_id)
    if row is None:
        raise LookupError(f"no incident {incident_id}")
    latest = latest_assessment_row(session, incident_id)
    assessment = parse_assessment(latest.assessment if latest is not None else None)
    if latest is not None and assessment is None:
        return IncidentStatus(row.status)  # an assessment we cannot read: keep what the register says
    kinds = filed_kinds(session, incident_id)
    closed = row.closed_at is not None
    status = derive_status(assessment, kinds, closed)
    before = {
        "status": row.status,
        "next_deadline": row.next_deadline,
        "reportable": row.reportable,
        "applicable_items": list(row.applicable_items or []),
        "bango_verdict": row.bango_verdict,
    }
    row.status = status.value
    row.next_deadline = next_deadline(assessment, kinds, closed)
    # Reportable under either law: an incident only the 番号法 makes reportable is no 非該当.
    row.reportable = None if latest is None else (assessment is not None and assessment.any_reportable)
    if assessment is not None and latest is not None:
        row.applicable_items = list(assessment.applicable_items)
        row.rules_version = assessment.rules_version
        verdict = bango_verdict(latest.assessment, latest.facts)
        row.bango_verdict = verdict.value if verdict is not None else None
        row.bango_categories = list(assessment.bango.categories)
    after = {
        "status": row.status,
        "next_deadline": row.next_deadline,
        "reportable": row.reportable,
        "applicable_items": list(row.applicable_items or []),
        "bango_verdict": row.bango_verdict,
    }
    if before != after and audited:
        session.flush()
        audit.append(
            session,
            action="derive",
            entity="incident",
            entity_id=incident_id,
            before=before,
            after=after,
            actor=actor,
        )
    return status
