"""The one codec: the stored and exported JSON keeps its shape, old shapes are upgraded, damage is reported."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import select

from app.db.codec import REPORT_DRAFT, encode, read_assessment, read_facts, read_report
from app.db.database import Database
from app.db.models import Incident, ReportDraftRow
from app.documents.context import DocumentKind
from app.domain.assessment import BangoAssessment
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.report import REPORT_VERSION, ReportDraft
from app.errors import InputError, StoredDataError
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.documents import DocumentService
from app.services.incidents import next_deadline_of, status_for
from app.services.workspace import ReportDraftService
from tests.register.conftest import MY_NUMBER, assessed, facts, quick

# The §11.1 facts object as the hand-written writer laid it out before the codec (stored rows keep this order).
FACTS_KEYS = [
    "role", "event", "possibility_only", "is_personal_data", "data_items", "sensitive", "financial", "malicious",
    "malicious_basis", "affected_count", "affected_count_max", "encryption", "pseudonymized",
    "recovered_before_viewed", "intentional_provision", "identical_copy_exists", "occurred_date", "learned_date",
    "learned_at", "learned_by", "officer_learned_date", "count_exceeded_1000_learned_date", "delegated_sector",
    "notification_difficult", "pmark_holder", "gdpr_applies", "data_being_acquired", "caused_by", "bango",
]  # fmt: skip


def test_facts_are_written_in_the_documented_order_and_read_back() -> None:
    f = facts(data_items=MY_NUMBER)
    data = encode(f)
    assert list(data) == FACTS_KEYS
    assert data["learned_date"] == "2027-07-01" and data["bango"]["misuse"] is None
    assert read_facts(json.loads(json.dumps(data))) == f == parse_facts(data)


def test_an_assessment_keeps_its_contract_shape() -> None:
    result = assess(facts(data_items=[*MY_NUMBER, "health_checkup_result"]))
    data = encode(result)
    assert list(data)[:3] == ["rules_version", "event", "possibility_only"] and list(data)[-1] == "bango"
    assert set(data["sokuho_window"]) == {"from", "to"}
    assert read_assessment(json.loads(json.dumps(data, ensure_ascii=False))) == result


def test_old_shapes_are_upgraded_not_refused() -> None:
    f = facts()
    before_my_numbers = {k: v for k, v in encode(f).items() if k != "bango"}
    assert read_facts(before_my_numbers) == f
    saved = {k: v for k, v in encode(assess(f)).items() if k != "bango"}
    assert read_assessment(saved).bango == BangoAssessment()
    assert read_assessment({**saved, "bango": None}).bango == BangoAssessment()
    draft_v1 = {k: v for k, v in encode(ReportDraft()).items() if k != "bango"} | {"report_version": 1}
    assert read_report(draft_v1) == ReportDraft()


def test_stored_facts_a_stricter_validator_refuses_still_read() -> None:
    """A key this version no longer knows: the command line refuses it, the register still opens the record."""
    stored = {**encode(facts()), "retired_question": True}
    with pytest.raises(InputError):
        parse_facts(stored)
    assert read_facts(stored) == facts()


def test_an_object_replaced_by_a_string_is_reported_not_made_up() -> None:
    """cattrs alone would read "2027-07-03" as a window of defaults; the codec reads objects only from objects."""
    saved = encode(assess(facts()))
    with pytest.raises(StoredDataError, match="sokuho_window"):
        read_assessment({**saved, "sokuho_window": "2027-07-03"})
    with pytest.raises(StoredDataError, match="kakuho"):
        read_assessment({**saved, "kakuho": "2027-08-30"})


def test_the_first_status_and_deadline_of_a_record_come_from_the_assessment_read_through_the_codec() -> None:
    """A hand-made or old assessment (only the keys the register needs) is read like any other."""
    partial = {
        "rules_version": "APPI-R7-2024-04/GL-2025-06",
        "event": "leak",
        "applicable_items": [1],
        "kakuho": {"days": 60, "nth_day": "2027-08-29", "deadline": "2027-08-30", "moved": True},
    }
    assert next_deadline_of(read_assessment(partial)) == dt.date(2027, 8, 30)
    assert status_for(read_assessment(partial)) is IncidentStatus.INVESTIGATING
    nothing_due = {**partial, "applicable_items": [], "kakuho": None}
    assert next_deadline_of(read_assessment(nothing_due)) is None
    assert status_for(read_assessment(nothing_due)) is IncidentStatus.NOT_REPORTABLE
    assert status_for(None) is IncidentStatus.INVESTIGATING  # a quick record: not assessed yet


def test_a_draft_from_a_newer_breachdesk_is_refused_with_its_version() -> None:
    newer = {**encode(ReportDraft(), REPORT_DRAFT), "report_version": REPORT_VERSION + 1}
    with pytest.raises(StoredDataError, match=str(REPORT_VERSION + 1)):
        read_report(newer)


def test_a_new_draft_is_stored_with_its_version(db: Database) -> None:
    incident_id = assessed(db, "名簿の誤送信")
    ReportDraftService(db).start(incident_id, FilingKind.SOKUHO)
    with db.session_scope() as session:
        row = session.scalars(select(ReportDraftRow)).one()
        assert next(iter(row.content.items())) == ("report_version", REPORT_VERSION)


def test_a_quick_record_has_no_facts_yet_and_that_is_not_an_error(db: Database) -> None:
    incident_id = quick(db, "電話での一報")
    context = DocumentService(db).context(incident_id, DocumentKind.SOKUHO)
    assert context.incident.facts is None


def test_damaged_stored_facts_are_reported_not_printed_as_missing(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    incident_id = assessed(db, "名簿の誤送信")
    with db.session_scope() as session:
        row = session.get(Incident, incident_id)
        assert row is not None
        row.facts = {**row.facts, "learned_date": "来週"}
    with caplog.at_level(logging.ERROR), pytest.raises(StoredDataError, match="learned_date"):
        DocumentService(db).context(incident_id, DocumentKind.SOKUHO)
    assert "could not be read" in caplog.text
    with pytest.raises(StoredDataError):
        ReportDraftService(db).start(incident_id, FilingKind.SOKUHO)
