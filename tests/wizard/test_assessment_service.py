"""Saving the wizard's work: one transaction per save, nothing half-valid, every assessment kept beside the old ones."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import Assessment as AssessmentRow
from app.db.models import AuditEntry, Incident
from app.domain.dates import JST
from app.domain.incident import IncidentStatus
from app.domain.office import OfficeProfile
from app.errors import InputError
from app.paths import DataPaths
from app.services.app_settings import AppSettingsService
from app.services.assessments import AssessmentService
from app.services.incidents import IncidentService
from app.services.wizard_drafts import DRAFT_KEY, WizardDraftService
from app.wizard.drafts import WizardDraft
from app.wizard.mapping import answers_to_facts, facts_to_answers
from app.wizard.questions import QuestionId
from tests.wizard.conftest import NOW, answers

OFFICE = OfficeProfile(name="さくら会計事務所")


def usb(count: int) -> dict[str, object]:
    return answers(
        "loss",
        ["name", "address"],
        count=count,
        loss_place="outside",
        recovered="no",
        encryption={"encrypted": "no"},
        title="USBメモリの紛失",
    )


def rows(db: Database, model: type) -> int:
    with db.session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_finish_saves_incident_assessment_and_audit_entry_that_survive_a_restart(
    data_paths: DataPaths,
) -> None:
    db = Database.open(data_paths)
    incident_id = AssessmentService(db).create_from_wizard(usb(300), OFFICE, actor="officer", now=NOW)
    db.close()

    reopened = Database.open(data_paths)
    try:
        detail = IncidentService(reopened).get(incident_id)
        assert detail is not None
        assert detail.summary.title == "USBメモリの紛失"
        assert detail.summary.incident_kind == "loss"
        assert detail.summary.learned_date == dt.date(2027, 6, 1)
        assert detail.summary.status is IncidentStatus.NOT_REPORTABLE
        assert detail.facts["affected_count"] == 300 and detail.facts["possibility_only"] is True
        assert detail.assessment is not None and detail.assessment["applicable_items"] == []
        assert detail.rules_version == "APPI-R7-2024-04/GL-2025-06"
        with reopened.session_scope() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "incident")).one()
            assert (entry.action, entry.entity_id, entry.actor) == ("create", incident_id, "officer")
    finally:
        reopened.close()


def test_half_valid_answers_write_nothing(db: Database) -> None:
    unanswered = {key: value for key, value in usb(300).items() if key != "recovered"}
    with pytest.raises(InputError) as raised:
        AssessmentService(db).create_from_wizard(unanswered, OFFICE, now=NOW)
    assert raised.value.field == "recovered"
    nobody = usb(0)
    with pytest.raises(InputError) as raised:
        AssessmentService(db).create_from_wizard(nobody, OFFICE, now=NOW)
    assert raised.value.field == "count.value"
    future = usb(3)
    with pytest.raises(InputError):
        AssessmentService(db).create_from_wizard(future, OFFICE, now=dt.datetime(2027, 5, 1, tzinfo=JST))
    assert rows(db, Incident) == 0 and rows(db, AssessmentRow) == 0 and rows(db, AuditEntry) == 0


def test_reassessing_past_1000_keeps_the_old_assessment_and_starts_item_4_on_the_crossing_day(
    db: Database,
) -> None:
    service = AssessmentService(db)
    incident_id = service.create_from_wizard(usb(300), OFFICE, now=NOW)
    detail = IncidentService(db).get(incident_id)
    assert detail is not None
    changed = facts_to_answers(dict(detail.facts), "loss", reassess_id=incident_id)
    changed[QuestionId.COUNT.value] = {"mode": "exact", "value": 1200, "contact_all": "yes"}
    changed[QuestionId.COUNT_CROSSING.value] = {"when": "later", "date": "2027-06-20"}
    changed[QuestionId.REASON.value] = "追加調査で1,200人分と判明"
    result = service.reassess_from_wizard(
        incident_id, changed, OFFICE, actor="officer", now=dt.datetime(2027, 6, 21, 9, 0, tzinfo=JST)
    )
    assert result.applicable_items == (4,)
    assert result.clock_start == dt.date(2027, 6, 20)
    assert result.kakuho is not None and result.kakuho.deadline == dt.date(2027, 7, 20)

    history = service.history(incident_id)
    assert [h.reason for h in history] == [None, "追加調査で1,200人分と判明"]
    assert [h.assessment["applicable_items"] for h in history] == [[], [4]]
    assert history[1].facts["count_exceeded_1000_learned_date"] == "2027-06-20"
    assert history[1].rules_version == "APPI-R7-2024-04/GL-2025-06"
    summary = IncidentService(db).get(incident_id)
    assert summary is not None
    assert summary.summary.applicable_items == (4,)
    assert summary.summary.status is IncidentStatus.INVESTIGATING
    with db.session_scope() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "incident").order_by(AuditEntry.id)
        ).all()
    assert actions[0] == "create" and "reassess" in actions


def test_a_re_assessment_that_finds_nothing_reportable_goes_back_to_not_reportable(db: Database) -> None:
    service = AssessmentService(db)
    incident_id = service.create_from_wizard(
        usb(1500) | {"count_crossing": {"when": "from_start"}}, OFFICE, now=NOW
    )
    assert IncidentService(db).get(incident_id).summary.status is IncidentStatus.INVESTIGATING  # type: ignore[union-attr]
    facts = answers_to_facts(usb(800), OFFICE)
    service.reassess(incident_id, facts, "重複を除くと800人", actor="officer")
    assert IncidentService(db).get(incident_id).summary.status is IncidentStatus.NOT_REPORTABLE  # type: ignore[union-attr]


def test_a_re_assessment_needs_a_reason_and_an_existing_incident(db: Database) -> None:
    service = AssessmentService(db)
    incident_id = service.create_from_wizard(usb(10), OFFICE, now=NOW)
    facts = answers_to_facts(usb(10), OFFICE)
    with pytest.raises(InputError):
        service.reassess(incident_id, facts, "  ")
    with pytest.raises(InputError):
        service.reassess(incident_id + 99, facts, "理由")
    assert len(service.history(incident_id)) == 1


def test_the_draft_round_trips_without_audit_noise_and_clears(db: Database) -> None:
    store = WizardDraftService(db)
    assert store.load() is None
    store.save(WizardDraft(answers=usb(3), current=QuestionId.RECOVERED, saved_at=NOW))
    loaded = store.load()
    assert loaded is not None
    assert loaded.answers["title"] == "USBメモリの紛失"
    assert loaded.current is QuestionId.RECOVERED and loaded.saved_at == NOW
    assert rows(db, AuditEntry) == 0
    store.clear()
    assert store.load() is None


def test_a_draft_from_another_version_is_ignored(db: Database) -> None:
    settings = AppSettingsService(db)
    settings.set(DRAFT_KEY, {"version": 99, "answers": {}}, audited=False)
    assert WizardDraftService(db).load() is None
    settings.set(DRAFT_KEY, "garbage", audited=False)
    assert WizardDraftService(db).load() is None
