"""A wrong filing or delivery event is withdrawn (取消) or corrected (訂正) by a new, audited entry (issue 18 point 3):
duties, the report and the counts read the effective record; the history keeps the original; `verify` vouches for
the corrections like any other row, and a register from before 0006 still verifies after the upgrade."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import build_parser, run_command
from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.errors import InputError
from app.paths import DataPaths
from app.services.notices import DuplicateDeliveryRecord, NoticeService
from app.services.workspace import FilingService, OverviewService, TimelineService
from tests.register.conftest import assessed
from tests.register.test_deliveries import day, record_five

FIXTURES = Path(__file__).parents[1] / "fixtures"
FILED_AT = dt.datetime(2026, 7, 4, 10, 0, tzinfo=JST)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["--lang", "ja", *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def _texts(db: Database, incident_id: int) -> list[str]:
    return [entry.text for entry in TimelineService(db).current(incident_id)]


def test_a_withdrawn_sokuho_no_longer_counts_but_stays_in_the_history(db: Database) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1")
    assert OverviewService(db).overview(incident).status is IncidentStatus.SOKUHO_FILED
    with pytest.raises(InputError):
        filings.withdraw(filing, "   ")  # a reason is required
    filings.withdraw(filing, "別の事案の速報を誤って記録")

    assert OverviewService(db).overview(incident).status is IncidentStatus.INVESTIGATING
    (record,) = filings.filings(incident)
    assert record.withdrawn and record.withdrawal_reason == "別の事案の速報を誤って記録"
    assert filings.filings(incident, include_withdrawn=False) == []
    assert "速報の記録を取り消し（理由：別の事案の速報を誤って記録）" in _texts(db, incident)
    with pytest.raises(InputError):
        filings.withdraw(filing, "二度目")
    # The same kind on the same day can be recorded again once the mistaken one is withdrawn.
    filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form")
    assert OverviewService(db).overview(incident).status is IncidentStatus.SOKUHO_FILED
    with db.session_scope() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "filing_correction")
        ).all()
    assert actions == ["withdraw"]


def test_a_corrected_date_and_receipt_number_are_what_the_kakuho_names(db: Database) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1")
    with pytest.raises(InputError):
        filings.correct(filing, "理由のみ")  # nothing to correct
    corrected_at = FILED_AT - dt.timedelta(days=1)
    filings.correct(filing, "受付番号の転記ミス", receipt_number="PPC-2027-000123")
    filings.correct(filing, "提出日の誤り", filed_at=corrected_at)
    (record,) = filings.filings(incident)
    assert (record.filed_at, record.receipt_number) == (corrected_at, "PPC-2027-000123")
    assert record.corrected and not record.withdrawn and len(record.corrections) == 2
    texts = _texts(db, incident)
    assert "速報の記録を訂正（受付番号 PPC-2027-000123。理由：受付番号の転記ミス）" in texts
    assert "速報の記録を訂正（提出日 2026-07-03。理由：提出日の誤り）" in texts
    draft = db_report_envelope(db, incident)
    assert (draft.prior_receipt_number, draft.prior_report_date) == ("PPC-2027-000123", dt.date(2026, 7, 3))


def db_report_envelope(db: Database, incident: int):  # type: ignore[no-untyped-def]
    from app.domain.report import ReportDraft
    from app.services.workspace.reports import _with_sokuho_filing

    with db.session_scope() as session:
        return _with_sokuho_filing(session, incident, ReportDraft()).envelope


def test_corrections_are_append_only(db: Database) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filings.withdraw(filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form"), "誤記録")
    assert db.file is not None
    with sqlite3.connect(db.file) as conn:
        for statement in ("UPDATE filing_corrections SET reason = 'x'", "DELETE FROM filing_corrections"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
    conn.close()


def test_the_same_event_twice_on_one_day_is_refused_and_a_withdrawn_one_is_not_counted(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = record_five(db, tmp_path)
        notices = NoticeService(db)
        first = notices.record_event(incident, "C1", "returned", happened_on=day(3))
        with pytest.raises(DuplicateDeliveryRecord):
            notices.record_event(incident, "C1", "returned", happened_on=day(3))
        notices.record_event(incident, "C2", "returned", happened_on=day(3))  # another person: fine
        assert notices.summary(incident).returned == 2
        notices.withdraw_event(incident, first, "別の人の返送を誤って記録")
        summary = notices.summary(incident)
        assert (summary.returned, summary.not_reached) == (1, 1)
        c1 = next(r for r in notices.deliveries(incident) if r.recipient_key == "C1")
        assert c1.status == "sent" and c1.events[0].withdrawn
        with pytest.raises(InputError):
            notices.withdraw_event(incident, first, "もう一度")
        # Once withdrawn, the real event of that day can be recorded without being taken for a double press.
        notices.record_event(incident, "C1", "returned", happened_on=day(3))
        assert any("誤って記録した通知の経過を取り消し" in t for t in _texts(db, incident))
    finally:
        db.close()
    code, out, err = _cli(
        "--data-dir",
        str(data_paths.root),
        "letters",
        "withdraw",
        "--incident",
        str(incident),
        "--key",
        "C2",
        "--reason",
        "記録の誤り",
    )
    assert code == 0, err
    assert "C2" in out and "返送（宛先不明）" in out
    code, _out, err = _cli(
        "--data-dir",
        str(data_paths.root),
        "letters",
        "withdraw",
        "--incident",
        str(incident),
        "--key",
        "C2",
        "--reason",
        "記録の誤り",
    )
    assert code != 0 and "取り消せる経過がありません" in err
    code, _out, err = _cli(
        "--data-dir",
        str(data_paths.root),
        "letters",
        "returned",
        "--incident",
        str(incident),
        "--key",
        "C1",
        "--date",
        day(3).isoformat(),
    )
    assert code != 0 and "すでに記録されています" in err
    code, _out, err = _cli("--data-dir", str(data_paths.root), "verify")
    assert code == 0, err


def test_a_run_of_letters_recorded_twice_on_one_day_is_refused(data_paths: DataPaths, tmp_path: Path) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = record_five(db, tmp_path)
        with pytest.raises(DuplicateDeliveryRecord, match="5人"):
            from app.i18n import set_language

            set_language("ja")
            again = NoticeService(db).deliveries(incident)
            from app.services.notices import Delivery
            from tests.documents.builders.factories import recipient

            NoticeService(db).record_sent(
                incident,
                [
                    Delivery(recipient(n, key=r.recipient_key), (), r.document_sha256)
                    for n, r in enumerate(again, 1)
                ],
                channel="letter",
                sent_at=again[0].sent_at,  # type: ignore[arg-type]
            )
        assert len(NoticeService(db).deliveries(incident)) == 5
    finally:
        db.close()


def test_verify_vouches_for_corrections_and_catches_an_edited_one(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = assessed(db, "メール誤送信")
        filings = FilingService(db)
        filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1")
        filings.correct(filing, "転記ミス", receipt_number="PPC-2")
    finally:
        db.close()
    code, _out, err = _cli("--data-dir", str(data_paths.root), "verify")
    assert code == 0, err
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("DROP TRIGGER trg_filing_corrections_no_update")
        conn.execute("UPDATE filing_corrections SET receipt_number = 'PPC-9'")
        conn.commit()
    conn.close()
    code, _out, err = _cli("--data-dir", str(data_paths.root), "verify")
    assert code == 1 and "提出記録の取消・訂正" in err


def test_a_register_from_before_0006_with_a_filing_verifies_after_the_upgrade(data_paths: DataPaths) -> None:
    """The fixture holds a 速報 filing; it reaches 0005 (baseline digests) and 0006 (new tables) in one open."""
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        filings = FilingService(db)
        (old,) = [f for incident in (1,) for f in filings.filings(incident)]
        assert old.kind is FilingKind.SOKUHO and not old.corrections
    finally:
        db.close()
    code, _out, err = _cli("--data-dir", str(data_paths.root), "verify")
    assert code == 0, err
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        FilingService(db).withdraw(old.id, "移行後に誤記録と判明")
    finally:
        db.close()
    code, _out, err = _cli("--data-dir", str(data_paths.root), "verify")
    assert code == 0, err
