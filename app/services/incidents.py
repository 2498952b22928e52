"""Creating incidents and reading the register; facts and assessments are stored as the JSON the rules engine speaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.codec import read_assessment
from app.db.database import Database
from app.db.models import Assessment, Incident
from app.domain.assessment import Assessment as AssessmentResult
from app.domain.dates import JST, now_utc
from app.domain.incident import IncidentStatus, IncidentSummary
from app.errors import InputError
from app.i18n import _
from app.services import auto_timeline
from app.services.workspace.derived import refresh_derived
from app.wizard.validation import emoji_problem


@dataclass(frozen=True)
class IncidentDetail:
    """One incident with its current facts and latest assessment (None until the officer has assessed it)."""

    summary: IncidentSummary
    facts: Mapping[str, Any]
    assessment: Mapping[str, Any] | None
    assessed_at: dt.datetime | None
    rules_version: str | None
    jipdec_event: str | None
    jipdec_category: str | None
    jipdec_cause: str | None
    public_summary: str = ""  # the 概要 for outside readers; the title stays internal


def _parse_date(value: object, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            _("Enter the date as year-month-day, e.g. 2027-07-01: {value}").format(value=value), field=field
        ) from None


def status_for(assessment: AssessmentResult | None) -> IncidentStatus:
    """No applicable 号 after an assessment means no report is due; anything else starts as under investigation."""
    if assessment is not None and not assessment.applicable_items:
        return IncidentStatus.NOT_REPORTABLE
    return IncidentStatus.INVESTIGATING


def next_deadline_of(assessment: AssessmentResult | None) -> dt.date | None:
    return assessment.kakuho.deadline if assessment is not None and assessment.kakuho is not None else None


def _summary(row: Incident) -> IncidentSummary:
    return IncidentSummary(
        id=row.id,
        reference=row.reference,
        title=row.title,
        learned_date=row.learned_date,
        incident_kind=row.incident_kind,
        applicable_items=tuple(int(item) for item in row.applicable_items),
        status=IncidentStatus(row.status),
        next_deadline=row.next_deadline,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _snapshot(row: Incident) -> dict[str, Any]:
    return {
        "reference": row.reference,
        "title": row.title,
        "public_summary": row.public_summary,
        "incident_kind": row.incident_kind,
        "status": row.status,
        "learned_date": row.learned_date,
        "next_deadline": row.next_deadline,
        "applicable_items": row.applicable_items,
        "rules_version": row.rules_version,
        "facts": row.facts,
    }


class IncidentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self,
        title: str,
        facts: dict[str, Any],
        assessment: dict[str, Any] | None,
        incident_kind: str | None,
        learned_date: dt.date | None = None,
        actor: str | None = None,
        public_summary: str = "",
        timeline: Sequence[tuple[dt.datetime, str]] = (),
    ) -> int:
        """Incident, its first assessment (when given), the opening 事実経過 entries (`timeline`, the wizard's 発生
        and 発覚: app/services/auto_timeline.py) and the audit entries, in one transaction; returns the id."""
        title = title.strip()
        if not title:
            raise InputError(_("Enter a title for the incident."), field="title")
        if emoji := emoji_problem(title):
            raise InputError(emoji, field="title")
        learned = learned_date or _parse_date(facts.get("learned_date"), "learned_date")
        facts_json = audit.as_json(facts)
        assessment_json = audit.as_json(assessment) if assessment is not None else None
        # Read through the codec like every stored assessment: the register's columns follow what it says.
        assessed = read_assessment(assessment_json) if assessment_json is not None else None
        deadline = next_deadline_of(assessed)
        items = list(assessed.applicable_items) if assessed is not None else []
        rules_version = assessed.rules_version if assessed is not None else None
        who = actor or audit.current_actor()
        now = now_utc()
        with self.db.session_scope() as session:
            row = Incident(
                reference=self._next_reference(session, now.astimezone(JST).year),
                title=title,
                public_summary=public_summary.strip(),
                incident_kind=incident_kind,
                status=status_for(assessed).value,
                learned_date=learned,
                next_deadline=deadline,
                applicable_items=items,
                rules_version=rules_version,
                facts=facts_json,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            if assessment_json is not None:
                session.add(
                    Assessment(
                        incident_id=row.id,
                        assessed_at=now,
                        rules_version=rules_version or "",
                        facts=facts_json,
                        assessment=assessment_json,
                        reason=None,
                        actor=who,
                    )
                )
            refresh_derived(
                session, row.id, audited=False
            )  # status and next deadline as the register derives them
            audit.append(
                session, action="create", entity="incident", entity_id=row.id, after=_snapshot(row), actor=who
            )
            for moment, text in timeline:
                auto_timeline.add(session, row.id, moment, text, who)
            return row.id

    @staticmethod
    def _next_reference(session: Session, year: int) -> str:
        """番号 per calendar year in Japan time: 2026-0001, 2026-0002, ... (more digits past 9999)."""
        prefix = f"{year:04d}-"
        last = session.scalar(
            select(func.max(cast(func.substr(Incident.reference, len(prefix) + 1), Integer))).where(
                Incident.reference.like(f"{prefix}%")
            )
        )
        return f"{prefix}{(last or 0) + 1:04d}"

    def list_summaries(self, limit: int | None = None, offset: int = 0) -> list[IncidentSummary]:
        """Newest first; the register pages through with limit/offset."""
        query = select(Incident).order_by(Incident.id.desc()).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.db.session_scope() as session:
            return [_summary(row) for row in session.scalars(query)]

    def count(self) -> int:
        with self.db.session_scope() as session:
            return int(session.scalar(select(func.count(Incident.id))) or 0)

    def get(self, incident_id: int) -> IncidentDetail | None:
        with self.db.session_scope() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                return None
            latest = session.scalars(
                select(Assessment)
                .where(Assessment.incident_id == incident_id)
                .order_by(Assessment.id.desc())
                .limit(1)
            ).first()
            return IncidentDetail(
                summary=_summary(row),
                facts=row.facts,
                assessment=latest.assessment if latest is not None else None,
                assessed_at=latest.assessed_at if latest is not None else None,
                rules_version=latest.rules_version if latest is not None else row.rules_version,
                jipdec_event=row.jipdec_event,
                jipdec_category=row.jipdec_category,
                jipdec_cause=row.jipdec_cause,
                public_summary=row.public_summary or "",
            )
