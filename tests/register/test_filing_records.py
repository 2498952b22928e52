"""What was recorded about a filing is not overwritten (issue 18 point 3): `update` only fills what was empty and
keeps the note; a receipt number already set, the date and the channel change by 訂正 or 取消 — in the service and
through `main.py filings list|withdraw|correct`, run against a real register file."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from app.cli import build_parser, run_command
from app.db.database import Database
from app.db.models import AuditEntry, Filing
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.errors import InputError
from app.paths import DataPaths
from app.services import unlock
from app.services.workspace import FilingService, OverviewService
from tests.register.conftest import assessed
from tests.register.test_encryption_cli import PASSPHRASE, cli

# An autouse fixture: the tests here never reach the real credential store, nor a passphrase from the shell.
from tests.register.test_encryption_cli import memory_keyring as memory_keyring

FILED_AT = dt.datetime(2026, 7, 4, 10, 0, tzinfo=JST)


def _cli(data_paths: DataPaths, *argv: str, lang: str = "ja") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--lang", lang, "--data-dir", str(data_paths.root), *argv])
    code = run_command(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_update_fills_an_empty_receipt_number_and_keeps_the_note(db: Database) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form")
    record = filings.update(filing, receipt_number=" PPC-1 ", note="電話で受付を確認")
    assert (record.receipt_number, record.note) == ("PPC-1", "電話で受付を確認")
    # The same values again (the tab saves on every focus out) and a new note are fine.
    filings.update(filing, receipt_number="PPC-1", channel="ppc_form", filed_at=FILED_AT, note="再確認")
    assert filings.filings(incident)[0].note == "再確認"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"receipt_number": "PPC-2"}, "すでに受付番号があります"),
        ({"receipt_number": ""}, "すでに受付番号があります"),  # clearing it is a change too
        ({"filed_at": FILED_AT - dt.timedelta(days=1)}, "訂正で変更します"),
        ({"channel": "email"}, "方法は変更できません"),
    ],
)
def test_update_refuses_what_only_a_correction_may_change(
    db: Database, changes: dict[str, object], words: str
) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1")
    with pytest.raises(InputError, match=words) as refused:
        filings.update(filing, **changes)
    assert "取消・訂正" in refused.value.message
    (record,) = filings.filings(incident)
    assert (record.receipt_number, record.filed_at, record.channel) == ("PPC-1", FILED_AT, "ppc_form")
    with db.session_scope() as session:
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "filing")).all() == [
            "create"
        ]


def test_a_corrected_receipt_number_is_not_overwritten_by_update(db: Database) -> None:
    incident = assessed(db, "メール誤送信")
    filings = FilingService(db)
    filing = filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form")
    filings.correct(filing, "番号の追記漏れ", receipt_number="PPC-7")
    with pytest.raises(InputError):
        filings.update(filing, receipt_number="PPC-8")
    assert filings.filings(incident)[0].receipt_number == "PPC-7"


def _register_with_a_sokuho(data_paths: DataPaths) -> tuple[int, int]:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = assessed(db, "メール誤送信")
        filing = FilingService(db).record(
            incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1"
        )
        return incident, filing
    finally:
        db.close()


def _row(data_paths: DataPaths, incident: int, filing: int):  # type: ignore[no-untyped-def]
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        record = next(f for f in FilingService(db).filings(incident) if f.id == filing)
        with db.session_scope() as session:
            stored = session.scalar(select(Filing.receipt_number).where(Filing.id == filing))
        return record, stored, OverviewService(db).overview(incident).status
    finally:
        db.close()


def test_list_and_correct_from_the_command_line(data_paths: DataPaths) -> None:
    incident, filing = _register_with_a_sokuho(data_paths)
    code, out, err = _cli(data_paths, "filings", "list", "--incident", str(incident))
    assert code == 0, err
    assert out.split("\t")[:4] == [str(filing), "速報", "2026-07-04", "PPC-1"]

    code, out, err = _cli(
        data_paths,
        "filings",
        "correct",
        "--filing",
        str(filing),
        "--reason",
        "受付番号の転記ミス",
        "--date",
        "2026-07-03",
        "--receipt-number",
        "PPC-2027-000123",
    )
    assert code == 0, err
    assert "訂正しました" in out and "2026-07-03" in out and "PPC-2027-000123" in out
    record, stored, _status = _row(data_paths, incident, filing)
    # A new entry: the filing as first recorded is untouched, the effective record is the corrected one.
    assert stored == "PPC-1" and record.corrected
    assert (record.filed_at, record.receipt_number) == (
        dt.datetime(2026, 7, 3, 10, 0, tzinfo=JST),  # the recorded time of day is kept
        "PPC-2027-000123",
    )
    assert record.corrections[-1].reason == "受付番号の転記ミス"
    code, out, _err = _cli(data_paths, "filings", "list", "--incident", str(incident))
    assert "2026-07-03\tPPC-2027-000123" in out and out.rstrip().endswith("訂正済み")
    code, _out, err = _cli(data_paths, "verify")
    assert code == 0, err


def test_withdraw_from_the_command_line_moves_the_status_back(data_paths: DataPaths) -> None:
    incident, filing = _register_with_a_sokuho(data_paths)
    code, _out, err = _cli(data_paths, "filings", "withdraw", "--filing", str(filing))
    assert code == 2 and "理由を入力してください" in err and "Traceback" not in err
    assert not _row(data_paths, incident, filing)[0].corrections

    code, out, err = _cli(
        data_paths, "filings", "withdraw", "--filing", str(filing), "--reason", "別の事案の速報を誤って記録"
    )
    assert code == 0, err
    assert out == f"2026-07-04の速報の記録を取り消しました（提出記録 {filing}）。\n"
    record, _stored, status = _row(data_paths, incident, filing)
    assert record.withdrawn and status is IncidentStatus.INVESTIGATING

    code, _out, err = _cli(data_paths, "filings", "withdraw", "--filing", str(filing), "--reason", "再度")
    assert code == 2 and "すでに取り消" in err
    code, out, _err = _cli(data_paths, "filings", "list", "--incident", str(incident))
    assert "取消済み（理由：別の事案の速報を誤って記録）" in out


def test_refusals_name_the_problem_in_the_officers_language(data_paths: DataPaths) -> None:
    incident, filing = _register_with_a_sokuho(data_paths)
    other = _register_with_a_sokuho(data_paths)[0]
    cases = [
        (("withdraw", "--filing", "999", "--reason", "x"), "提出記録 999 はありません"),
        (("withdraw", "--filing", str(filing), "--incident", str(other), "--reason", "x"), "別の事案"),
        (("correct", "--filing", str(filing), "--reason", "x"), "訂正後の提出日時または受付番号"),
        (("correct", "--filing", str(filing), "--reason", "x", "--date", "7/3"), "2027-07-01"),
        (("correct", "--filing", str(filing), "--reason", "x", "--date", "2099-01-01"), "未来"),
        (("withdraw", "--reason", "x"), "--filing"),
        (("list",), "--incident"),
    ]
    for argv, words in cases:
        code, out, err = _cli(data_paths, "filings", *argv)
        assert (code, out) == (2, ""), argv
        assert words in err and "Traceback" not in err, (argv, err)
    code, _out, err = _cli(data_paths, "filings", "withdraw", "--filing", "999", "--reason", "x", lang="en")
    assert code == 2 and "There is no filing 999" in err
    record, stored, _status = _row(data_paths, incident, filing)
    assert stored == "PPC-1" and not record.corrections


def test_list_of_an_incident_without_filings(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = assessed(db, "USBメモリの紛失")
    finally:
        db.close()
    code, out, _err = _cli(data_paths, "filings", "list", "--incident", str(incident))
    assert (code, out) == (0, "この事案には提出・通知の記録がありません。\n")


def test_an_encrypted_register_is_unlocked_as_for_letters_withdraw(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident, filing = _register_with_a_sokuho(data_paths)
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, _out, err = cli(data_paths, "encrypt")
    assert code == 0, err
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    code, out, err = cli(data_paths, "filings", "withdraw", "--filing", str(filing), "--reason", "誤記録")
    assert (code, out) == (2, "") and "BREACHDESK_PASSPHRASE" in err and "Traceback" not in err
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, err = cli(data_paths, "filings", "withdraw", "--filing", str(filing), "--reason", "誤記録")
    assert code == 0, err
    code, out, err = cli(data_paths, "filings", "list", "--incident", str(incident))
    assert code == 0 and out.rstrip().endswith("取消済み（理由：誤記録）"), err
