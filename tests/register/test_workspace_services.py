"""The workspace's use-cases on a temporary register file: each edit saved, audited, and still there after a restart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.checklist import ChecklistGroup
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.errors import InputError
from app.paths import DataPaths
from app.services.workspace import (
    ChecklistService,
    CloseRefused,
    FilingService,
    OverviewService,
    ReportDraftService,
    TimelineService,
)
from tests.register.conftest import assessed, quick

JST = dt.timezone(dt.timedelta(hours=9))


def _audit(db: Database, entity: str) -> list[AuditEntry]:
    with db.session_scope() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id))
        )


def test_timeline_is_append_only_and_corrections_point_back(db: Database, data_paths: DataPaths) -> None:
    incident = quick(db, "USBメモリの紛失")
    service = TimelineService(db)
    first = service.append(incident, dt.datetime(2027, 7, 2, 9, 0, tzinfo=JST), "駅で紛失に気付いた")
    fix = service.correct(
        incident, first, dt.datetime(2027, 7, 2, 8, 30, tzinfo=JST), "8時半に紛失に気付いた"
    )
    with pytest.raises(InputError):
        service.append(incident, dt.datetime(2027, 7, 2, tzinfo=JST), "   ")
    db.close()
    reopened = Database.open(data_paths)
    try:
        entries = TimelineService(reopened).entries(incident)
        assert [(e.id, e.text, e.corrects_id, e.corrected_by_id) for e in entries] == [
            (fix, "8時半に紛失に気付いた", first, None),
            (first, "駅で紛失に気付いた", None, fix),
        ]
        assert [e.id for e in TimelineService(reopened).current(incident)] == [fix]
        assert [e.action for e in _audit(reopened, "timeline_entry")] == ["append", "correct"]
        with reopened.session_scope() as session, pytest.raises(Exception, match="append-only"):
            session.connection().exec_driver_sql(
                "UPDATE timeline_entries SET text = 'x'"
            )  # refused by SQLite
    finally:
        reopened.close()


def test_checklist_ticks_with_who_when_and_note(db: Database) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    service = ChecklistService(db)
    steps = service.steps(incident)
    codes = [s.code for s in steps]
    assert codes[0] == "email_ask_delete"  # first actions for an e-mail sent to the wrong address lead
    assert {"report_internally", "file_sokuho_ppc", "file_kakuho", "notify_individuals"} <= set(codes)
    moment = dt.datetime(2027, 7, 1, 10, 0, tzinfo=JST)
    done = service.set_done(steps[0].id, True, done_by="総務課 髙橋", done_at=moment)
    assert (done.done, done.done_by, done.done_at) == (True, "総務課 髙橋", moment)
    service.set_note(steps[0].id, "先方から削除完了の返信（7/1 11:00）")
    undone = service.set_done(steps[1].id, True)
    assert undone.done_by  # the OS user when no name is given
    undone = service.set_done(steps[1].id, False)
    assert (undone.done_by, undone.done_at) == (None, None)
    custom = service.add_custom(incident, "取引先への謝罪訪問", ChecklistGroup.PREVENT)
    again = {s.id: s for s in service.steps(incident)}
    assert again[steps[0].id].note == "先方から削除完了の返信（7/1 11:00）"
    assert again[custom].label == "取引先への謝罪訪問"
    assert len(again) == len(steps) + 1  # listing again adds nothing twice
    assert [e.action for e in _audit(db, "checklist_item")][:3] == ["update", "update", "update"]


def test_report_drafts_sokuho_then_kakuho_with_changes(db: Database) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    TimelineService(db).append(incident, dt.datetime(2027, 7, 1, 9, 0, tzinfo=JST), "誤送信に気付いた")
    service = ReportDraftService(db)
    sokuho = service.start(incident, FilingKind.SOKUHO)
    assert sokuho.draft.overview.timeline == "2027年7月1日 09:00　誤送信に気付いた"
    assert service.start(incident, FilingKind.SOKUHO).id == sokuho.id  # one 速報 draft per incident
    service.set_field(sokuho.id, "cause.description", "宛先の入力間違い")
    kakuho = service.start(incident, FilingKind.KAKUHO)
    assert kakuho.based_on_id == sokuho.id
    assert kakuho.draft.cause.description == "宛先の入力間違い"
    service.set_field(kakuho.id, "individuals.count", "4")
    service.set_field(kakuho.id, "prevention.implemented", "送信前に二人で宛先を確認")
    service.set_field(kakuho.id, "prevention.planned", "メール誤送信防止ツールの導入")
    changed = [c.field.path for c in service.changes_since_base(kakuho.id)]
    assert changed == ["envelope.kind", "individuals.count", "prevention.implemented", "prevention.planned"]
    with pytest.raises(InputError) as caught:
        service.set_field(kakuho.id, "envelope.report_date", "2027-02-30")
    assert "報告日" in caught.value.message
    entry = _audit(db, "report_draft")[-1]
    assert entry.after == {"field": "prevention.planned", "value": "メール誤送信防止ツールの導入"}


def test_a_quick_record_still_gets_a_draft(db: Database) -> None:
    incident = quick(db, "USBメモリの紛失")
    draft = ReportDraftService(db).start(incident, FilingKind.SOKUHO).draft
    # The 件名 is internal: it never becomes the report's 発生事案, but its words name the 媒体.
    assert draft.overview.what_happened == ""
    assert draft.data.medium == "電子媒体（USBメモリ）"
    assert draft.overview.learned_date == dt.date(2027, 7, 2)


def test_filings_move_the_status_and_keep_the_document(db: Database) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    filings, overview = FilingService(db), OverviewService(db)
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 100
    filing = filings.record(
        incident,
        FilingKind.SOKUHO,
        dt.datetime(2027, 7, 3, 15, 0, tzinfo=JST),
        "ppc_form",
        document=pdf,
        filename="速報_2027-0001.pdf",
    )
    assert overview.overview(incident).status is IncidentStatus.SOKUHO_FILED
    assert overview.overview(incident).next_deadline == dt.date(2027, 7, 30)
    filings.update(filing, receipt_number="PPC-123456")
    [record] = filings.filings(incident)
    assert (record.receipt_number, record.document_size, record.filename) == (
        "PPC-123456",
        len(pdf),
        "速報_2027-0001.pdf",
    )
    assert filings.document(filing) == ("速報_2027-0001.pdf", pdf)
    filings.record(incident, FilingKind.KAKUHO, dt.datetime(2027, 7, 20, tzinfo=JST), "ppc_form")
    filings.record(incident, FilingKind.INDIVIDUAL_NOTICE, dt.datetime(2027, 7, 21, tzinfo=JST), "post")
    assert overview.overview(incident).status is IncidentStatus.INDIVIDUALS_NOTIFIED
    statuses = [(e.before or {}).get("status") for e in _audit(db, "incident") if e.action == "derive"]
    assert statuses == ["investigating", "sokuho_filed", "kakuho_filed"]
    created = next(e for e in _audit(db, "filing") if e.action == "create")
    assert len(created.after["document_sha256"]) == 64


def test_closing_asks_when_a_required_filing_is_missing(db: Database) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    overview = OverviewService(db)
    with pytest.raises(CloseRefused) as refused:
        overview.close(incident)
    assert refused.value.missing == (FilingKind.SOKUHO, FilingKind.KAKUHO, FilingKind.INDIVIDUAL_NOTICE)
    assert "速報" in refused.value.message
    assert overview.overview(incident).status is IncidentStatus.INVESTIGATING
    assert overview.close(incident, confirm_missing=True) is IncidentStatus.CLOSED
    closing = [e for e in _audit(db, "incident") if e.action == "close"][-1]
    assert closing.after["missing_filings"] == ["sokuho", "kakuho", "individual_notice"]
    assert overview.reopen(incident) is IncidentStatus.INVESTIGATING
    not_reportable = assessed(db, "開封前に回収", recovered_before_viewed=True)
    assert overview.close(not_reportable) is IncidentStatus.CLOSED  # nothing is required: no question


def test_title_notes_and_classification(db: Database) -> None:
    incident = quick(db, "仮の件名")
    overview = OverviewService(db)
    overview.set_title(incident, "  USBメモリの紛失（𠮷田店）  ")
    overview.set_notes(incident, "長い貼り付け\n" * 5000)
    overview.set_classification(incident, "category", "loss")
    overview.set_classification(incident, "cause", "operation_error")
    with pytest.raises(InputError):
        overview.set_title(incident, "   ")
    with pytest.raises(InputError):
        overview.set_classification(incident, "category", "no-such-category")
    data = overview.overview(incident)
    assert data.title == "USBメモリの紛失（𠮷田店）"
    assert data.notes.count("\n") == 5000
    assert (data.jipdec_category, data.jipdec_cause) == ("loss", "operation_error")
    entry = _audit(db, "incident")[-1]
    assert entry.before["jipdec_cause"] is None and entry.after["jipdec_cause"] == "operation_error"
