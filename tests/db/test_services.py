"""Office profile and incident services: validation, one transaction per use-case, DTOs out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db import audit
from app.db.database import Database
from app.db.models import Assessment, AuditEntry, OfficeProfileRow
from app.domain.incident import IncidentStatus
from app.domain.office import DateStyle, OfficeProfile
from app.errors import InputError
from app.services import incidents as incidents_module
from app.services.incidents import IncidentService
from app.services.office import OfficeService

ASSESSED: dict[str, Any] = {
    "rules_version": "APPI-R7-2024-04/GL-2025-06",
    "event": "leak",
    "applicable_items": [1, 3],
    "ppc_report_required": True,
    "kakuho": {"days": 60, "nth_day": "2027-08-29", "deadline": "2027-08-30", "moved": True},
}
NOT_REPORTABLE: dict[str, Any] = {
    "rules_version": "APPI-R7-2024-04/GL-2025-06",
    "event": "none",
    "applicable_items": [],
    "kakuho": None,
}


def _audit_count(db: Database) -> int:
    with db.session_scope() as session:
        return int(session.scalar(select(func.count(AuditEntry.id))) or 0)


def test_office_profile_is_empty_before_the_first_save(db: Database) -> None:
    assert OfficeService(db).load() == OfficeProfile()


def test_office_profile_round_trip(db: Database) -> None:
    profile = OfficeProfile(
        name="株式会社さくら薬局",
        corporate_number="",
        address="東京都千代田区丸の内一丁目1番1号",
        email="privacy@example.jp",
        pmark_holder=True,
        delegated_sector=True,
        date_style=DateStyle.JAPANESE_ERA,
    )
    OfficeService(db).save(profile)
    assert OfficeService(db).load() == profile
    assert _audit_count(db) == 1


def test_invalid_office_profile_is_refused_with_the_first_problem(db: Database) -> None:
    with pytest.raises(InputError) as caught:
        OfficeService(db).save(OfficeProfile(name="", email="not-an-address"))
    assert caught.value.field == "name"
    assert caught.value.message == "事業者名を入力してください。"
    assert OfficeService(db).load() == OfficeProfile()
    assert _audit_count(db) == 0


def test_unchanged_office_profile_writes_no_audit_entry(db: Database) -> None:
    OfficeService(db).save(OfficeProfile(name="ひまわり保育園"))
    OfficeService(db).save(OfficeProfile(name="ひまわり保育園"))
    assert _audit_count(db) == 1


def test_office_profile_and_its_audit_entry_commit_together(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_append(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(audit, "append", broken_append)
    with pytest.raises(RuntimeError):
        OfficeService(db).save(OfficeProfile(name="あおば税理士事務所"))
    with db.session_scope() as session:
        assert session.get(OfficeProfileRow, 1) is None


def test_incident_without_assessment_is_logged_as_investigating(db: Database) -> None:
    service = IncidentService(db)
    incident_id = service.create("  鍵付き書庫の鍵の紛失  ", {"learned_date": "2027-07-01"}, None, "loss")
    detail = service.get(incident_id)
    assert detail is not None
    assert detail.summary.title == "鍵付き書庫の鍵の紛失"
    assert detail.summary.status is IncidentStatus.INVESTIGATING
    assert detail.summary.learned_date == dt.date(2027, 7, 1)
    assert detail.summary.applicable_items == ()
    assert detail.summary.next_deadline is None
    assert detail.assessment is None and detail.assessed_at is None
    with db.session_scope() as session:
        assert session.scalar(select(func.count(Assessment.id))) == 0


def test_incident_with_assessment_keeps_it_and_its_deadline(db: Database) -> None:
    service = IncidentService(db)
    facts = {"event": "leak", "malicious": True, "learned_date": "2027-07-01"}
    incident_id = service.create("ランサムウェアによる暗号化", facts, ASSESSED, "ransomware", actor="sato")
    detail = service.get(incident_id)
    assert detail is not None
    assert detail.summary.status is IncidentStatus.INVESTIGATING
    assert detail.summary.applicable_items == (1, 3)
    assert detail.summary.next_deadline == dt.date(2027, 8, 30)
    assert detail.assessment == ASSESSED
    assert detail.rules_version == "APPI-R7-2024-04/GL-2025-06"
    assert detail.facts == facts
    with db.session_scope() as session:
        [row] = session.scalars(select(Assessment))
        assert (row.incident_id, row.actor, row.reason) == (incident_id, "sato", None)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "incident")).one()
        assert entry.entity_id == incident_id and entry.after["title"] == "ランサムウェアによる暗号化"


def test_not_reportable_assessment_sets_the_status(db: Database) -> None:
    incident_id = IncidentService(db).create(
        "誤送信（開封前に削除を確認）", {}, NOT_REPORTABLE, "email_missend"
    )
    detail = IncidentService(db).get(incident_id)
    assert detail is not None and detail.summary.status is IncidentStatus.NOT_REPORTABLE


def test_learned_date_argument_wins_over_facts(db: Database) -> None:
    service = IncidentService(db)
    incident_id = service.create(
        "書類の誤交付", {"learned_date": "2027-07-01"}, None, None, dt.date(2027, 7, 2)
    )
    detail = service.get(incident_id)
    assert detail is not None and detail.summary.learned_date == dt.date(2027, 7, 2)


def test_empty_title_and_bad_date_are_input_errors(db: Database) -> None:
    service = IncidentService(db)
    with pytest.raises(InputError) as caught:
        service.create("   ", {}, None, None)
    assert (caught.value.field, caught.value.message) == ("title", "事案の件名を入力してください。")
    with pytest.raises(InputError) as caught:
        service.create("日付誤り", {"learned_date": "7月1日"}, None, None)
    assert caught.value.field == "learned_date"
    assert caught.value.message == "日付は「2027-07-01」のように年-月-日の形で入力してください: 7月1日"
    assert service.count() == 0


def test_references_count_up_per_year_of_creation_in_japan_time(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = IncidentService(db)
    moments = iter(
        [
            dt.datetime(2026, 12, 31, 14, 0, tzinfo=dt.UTC),  # 2026-12-31 23:00 JST
            dt.datetime(2026, 12, 31, 14, 30, tzinfo=dt.UTC),
            dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC),  # 2027-01-01 00:30 JST: a new year
        ]
    )
    monkeypatch.setattr(incidents_module, "now_utc", lambda: next(moments))
    ids = [service.create(f"事案{n}", {}, None, None) for n in range(3)]
    references = [service.get(i).summary.reference for i in ids]  # type: ignore[union-attr]
    assert references == ["2026-0001", "2026-0002", "2027-0001"]


def test_list_summaries_pages_newest_first(db: Database) -> None:
    service = IncidentService(db)
    for n in range(5):
        service.create(f"事案{n + 1}", {}, None, None)
    assert service.count() == 5
    assert [s.title for s in service.list_summaries(limit=2)] == ["事案5", "事案4"]
    assert [s.title for s in service.list_summaries(limit=2, offset=2)] == ["事案3", "事案2"]
    assert [s.title for s in service.list_summaries(offset=4)] == ["事案1"]


def test_get_unknown_incident_is_none(db: Database) -> None:
    assert IncidentService(db).get(12345) is None


def test_incident_and_its_audit_entry_commit_together(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_append(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(audit, "append", broken_append)
    with pytest.raises(RuntimeError):
        IncidentService(db).create("半端に保存されてはならない事案", {}, ASSESSED, None)
    assert IncidentService(db).count() == 0
    with db.session_scope() as session:
        assert session.scalar(select(func.count(Assessment.id))) == 0
