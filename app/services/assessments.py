"""Saving the wizard's verdicts: the first assessment with a new incident, and every re-assessment beside the old ones.

Each write is one transaction with its audit entry. Assessments are never overwritten: an old decision stays readable
as it was made, under the rules version it was made with, with the time and the reason it was revisited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db import audit
from app.db.codec import encode
from app.db.database import Database
from app.db.models import Assessment as AssessmentRow
from app.db.models import Incident
from app.domain.assessment import Assessment
from app.domain.dates import now_utc
from app.domain.facts import Facts
from app.domain.incident import IncidentStatus
from app.domain.office import OfficeProfile
from app.errors import InputError
from app.i18n import _
from app.rules import assess
from app.services.auto_timeline import opening_entries
from app.services.incidents import IncidentService, _snapshot, next_deadline_of
from app.services.workspace.concurrency import claim
from app.services.workspace.derived import refresh_derived
from app.wizard.flow import applicable_questions
from app.wizard.help import QUESTIONS
from app.wizard.mapping import answers_to_facts
from app.wizard.questions import QuestionId
from app.wizard.validation import is_complete, problems


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """One saved assessment, detached from the session: the facts and verdict exactly as stored."""

    id: int
    assessed_at: dt.datetime
    rules_version: str
    reason: str | None  # None for the first assessment
    actor: str
    facts: dict[str, Any]
    assessment: dict[str, Any]


def check_answers(answers: Mapping[str, Any], now: dt.datetime) -> None:
    """Nothing half-valid is saved: every question that applies is answered and possible."""
    for question in applicable_questions(answers):
        found = problems(question, answers, now)
        if found:
            field, message = next(iter(found.items()))
            raise InputError(message, field=f"{question.value}.{field}")
        if not is_complete(question, answers):
            raise InputError(
                _("The question “{question}” is not answered yet.").format(
                    question=_question_title(question)
                ),
                field=question.value,
            )


def _question_title(question: QuestionId) -> str:
    return _(QUESTIONS[question].title)


class AssessmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create_from_wizard(
        self,
        answers: Mapping[str, Any],
        office: OfficeProfile,
        actor: str | None = None,
        *,
        now: dt.datetime | None = None,
    ) -> int:
        """The incident with its facts, first assessment (rules version included) and audit entry, in one
        transaction (IncidentService.create); returns its id."""
        check_answers(answers, now or now_utc())
        facts = answers_to_facts(answers, office)
        assessment = assess(facts)
        encoded = encode(facts)
        return IncidentService(self.db).create(
            str(answers.get(QuestionId.TITLE, "")),
            facts=encoded,
            assessment=encode(assessment),
            incident_kind=str(answers.get(QuestionId.KIND)) if answers.get(QuestionId.KIND) else None,
            learned_date=facts.learned_date,
            actor=actor,
            timeline=opening_entries(encoded),  # the 事実経過 starts with the wizard's 発生 and 発覚
        )

    def reassess_from_wizard(
        self,
        incident_id: int,
        answers: Mapping[str, Any],
        office: OfficeProfile,
        actor: str | None = None,
        *,
        now: dt.datetime | None = None,
        seen_version: int | None = None,
    ) -> Assessment:
        check_answers(answers, now or now_utc())
        kind = answers.get(QuestionId.KIND)
        return self.reassess(
            incident_id,
            answers_to_facts(answers, office),
            str(answers.get(QuestionId.REASON, "")),
            actor,
            incident_kind=str(kind) if kind else None,
            seen_version=seen_version,
        )

    def reassess(
        self,
        incident_id: int,
        facts: Facts,
        reason: str,
        actor: str | None = None,
        *,
        incident_kind: str | None = None,
        seen_version: int | None = None,
    ) -> Assessment:
        """A new assessment beside the old ones; the incident's facts, 号, rules version, deadline and status follow.

        `seen_version`: the incident's version the wizard was opened on; ConcurrentEdit when someone saved since
        (docs/adr/0013-optimistic-concurrency.md)."""
        reason = reason.strip()
        if not reason:
            raise InputError(
                _("Enter what has changed, so the register shows why it was re-assessed."), field="reason"
            )
        assessment = assess(facts)
        facts_json = audit.as_json(encode(facts))
        assessment_json = audit.as_json(encode(assessment))
        who = actor or audit.current_actor()
        now = now_utc()
        with self.db.session_scope() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                raise InputError(_("The incident no longer exists in the register."), field="incident_id")
            claim(session, row, seen_version, _snapshot)
            before = _snapshot(row)
            session.add(
                AssessmentRow(
                    incident_id=row.id,
                    assessed_at=now,
                    rules_version=assessment.rules_version,
                    facts=facts_json,
                    assessment=assessment_json,
                    reason=reason,
                    actor=who,
                )
            )
            row.facts = facts_json
            row.applicable_items = list(assessment.applicable_items)
            row.rules_version = assessment.rules_version
            row.learned_date = facts.learned_date
            row.next_deadline = next_deadline_of(assessment)
            if incident_kind:
                row.incident_kind = incident_kind
            if row.status == IncidentStatus.NOT_REPORTABLE and assessment.any_reportable:
                row.status = IncidentStatus.INVESTIGATING.value
            elif row.status == IncidentStatus.INVESTIGATING and not assessment.any_reportable:
                row.status = IncidentStatus.NOT_REPORTABLE.value
            row.updated_at = now
            session.flush()
            refresh_derived(session, row.id, who, audited=False)  # filings already made keep their status
            audit.append(
                session,
                action="reassess",
                entity="incident",
                entity_id=row.id,
                before=before,
                after={**_snapshot(row), "reason": reason},
                actor=who,
            )
        return assessment

    def history(self, incident_id: int) -> list[AssessmentRecord]:
        """Oldest first: the first assessment, then each re-assessment with its time and reason."""
        with self.db.session_scope() as session:
            rows = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.incident_id == incident_id)
                .order_by(AssessmentRow.id)
            )
            return [
                AssessmentRecord(
                    id=r.id,
                    assessed_at=r.assessed_at,
                    rules_version=r.rules_version,
                    reason=r.reason,
                    actor=r.actor,
                    facts=dict(r.facts or {}),
                    assessment=dict(r.assessment or {}),
                )
                for r in rows
            ]
