"""Every command of `main.py --help` on a register on a real PostgreSQL server (issue 19 points 1 and 3): one
scenario per command family, run through app.cli as the officer types it with `--database-url`, checked by what
the officer would look at (the CSV rows, the PDF's text, the filing after a withdrawal). The file-based commands
(restore, encrypt, decrypt, passphrase) refuse in one line: those are the server's job."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from app.cli import build_parser, run_command
from app.db.database import Database
from app.domain.filing import FilingKind
from app.domain.register import RegisterQuery
from app.paths import DataPaths
from app.services.register import RegisterService
from app.services.workspace import FilingService
from tests.documents.builders.factories import seed_incident
from tests.documents.helpers import page_texts
from tests.pg_server import PgServer

JST = dt.timezone(dt.timedelta(hours=9))
RECIPIENTS = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"
    "C1,髙橋 一郎,100-0001,東京都千代田区千代田1-1,,ichiro@example.jp\r\n"
    "C2,山﨑 花子,100-0003,東京都千代田区千代田1-3,,hanako@example.jp\r\n"
)
FACTS = {
    "role": "controller",
    "event": "leak",
    "learned_date": "2027-07-01",
    "data_items": ["name", "health_checkup_result"],
    "affected_count": 3,
}


def cli(paths: DataPaths, url: str, *argv: str, lang: str = "ja") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(
        ["--lang", lang, "--data-dir", str(paths.root), "--database-url", url, *argv]
    )
    code = run_command(args, out, err)
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), err.getvalue()


def flat(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "").replace("\u3000", "")


@pytest.fixture
def seeded(pg_db: Database) -> tuple[int, int]:
    """The documents' sample incident (office profile, assessment, 速報 and 確報 drafts) and a recorded 速報."""
    incident = seed_incident(pg_db)
    filing = FilingService(pg_db).record(
        incident,
        FilingKind.SOKUHO,
        dt.datetime(2027, 7, 2, 10, tzinfo=JST),
        "ppc_form",
        receipt_number="PPC-1",
    )
    return incident, filing


def _no_sqlite_file(paths: DataPaths) -> None:
    assert not paths.db_file.exists(), "a command with --database-url used the data folder's file"


def test_assess_and_deadlines_read_no_register(data_paths: DataPaths, pg_url: str, tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(FACTS), encoding="utf-8")
    code, out, err = cli(data_paths, pg_url, "assess", str(facts), "--today", "2027-07-03")
    assert code == 0, err
    assert json.loads(out)["ppc_report_required"] is True and json.loads(out)["applicable_items"] == [1]
    code, out, err = cli(data_paths, pg_url, "deadlines", str(facts), "--today", "2027-07-03")
    assert code == 0, err
    assert json.loads(out)["kakuho"]["deadline"] == "2027-07-30"
    _no_sqlite_file(data_paths)


def test_register_export_and_import_into_an_empty_server_database(
    data_paths: DataPaths, pg_url: str, pg_server: PgServer, seeded: tuple[int, int], tmp_path: Path
) -> None:
    table, exported = tmp_path / "register.csv", tmp_path / "register.json"
    code, _out, err = cli(data_paths, pg_url, "register", "export", "--out", str(table))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["番号", "件名", "発覚日"]
    assert [row[1:3] for row in rows[1:]] == [["案内メールの誤送信", "2027-07-01"]]
    number = rows[1][0]

    assert cli(data_paths, pg_url, "register", "export", "--format", "json", "--out", str(exported))[0] == 0
    # The same data folder with a second database: each database keeps its audit anchors apart
    # (Database.anchors_dir), so neither is reported as tampered by the other's anchors.
    other, elsewhere = pg_server.new_database(), data_paths
    url = pg_server.url(other)
    try:
        code, out, err = cli(elsewhere, url, "register", "import", str(exported))
        assert code == 0, err
        assert "1 件の事案を取り込みました" in err and out == ""  # stdout stays free for a pipe
        with Database.open(elsewhere, url) as db:
            register = RegisterService(db)
            rows = register.rows(register.ids(RegisterQuery(), dt.date(2027, 7, 3))).values()
        assert [(row.reference, row.title) for row in rows] == [(number, "案内メールの誤送信")]
        again = tmp_path / "again.json"
        assert cli(elsewhere, url, "register", "export", "--format", "json", "--out", str(again))[0] == 0
        assert (
            json.loads(again.read_text("utf-8"))["incidents"]
            == json.loads(exported.read_text("utf-8"))["incidents"]
        )
        code, out, err = cli(elsewhere, url, "verify")
        assert code == 0 and "改変されていません" in out, out + err
        code, out, err = cli(
            data_paths, pg_url, "verify"
        )  # the first database, its anchors beside the second's
        assert code == 0 and "改変されていません" in out, out + err
    finally:
        pg_server.drop_database(other)
    _no_sqlite_file(data_paths)


def test_calendar_report_and_export(
    data_paths: DataPaths, pg_url: str, seeded: tuple[int, int], tmp_path: Path
) -> None:
    incident, _filing = seeded
    ics = tmp_path / "deadlines.ics"
    code, out, err = cli(data_paths, pg_url, "calendar", "--out", str(ics))
    assert code == 0, err
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert any(s.startswith("【確報】") and s.endswith("案内メールの誤送信") for s in summaries), summaries

    code, out, err = cli(
        data_paths, pg_url, "report", "show", "--incident", str(incident), "--kind", "sokuho"
    )
    assert code == 0, err
    assert "送信前の宛先確認が守られていなかったため。" in out

    pdf = tmp_path / "sokuho.pdf"
    code, out, err = cli(
        data_paths,
        pg_url,
        "export",
        "sokuho",
        "--incident",
        str(incident),
        "--out",
        str(pdf),
        "--allow-missing",
    )
    assert code == 0, err
    text = flat(pdf.read_bytes())
    assert "株式会社サンプル商事" in text and "送信前の宛先確認が守られていなかったため。" in text


def test_letters_generate_record_and_withdraw(
    data_paths: DataPaths, pg_url: str, seeded: tuple[int, int], tmp_path: Path
) -> None:
    incident, _filing = seeded
    recipients = tmp_path / "list.csv"
    recipients.write_text(RECIPIENTS, encoding="utf-8")
    target = tmp_path / "letters.pdf"
    code, out, err = cli(
        data_paths, pg_url, "letters", "--incident", str(incident), "--recipients", str(recipients),
        "--out", str(target), "--record-sent",
    )  # fmt: skip
    assert code == 0, err
    text = flat(target.read_bytes())
    assert "髙橋一郎様" in text and "山﨑花子様" in text
    code, out, err = cli(
        data_paths, pg_url, "letters", "returned", "--incident", str(incident), "--key", "C2"
    )
    assert code == 0, err
    status = cli(data_paths, pg_url, "letters", "status", "--incident", str(incident))[1]
    assert "C1\t送付済み" in status and "返送" in status.splitlines()[1]
    code, out, err = cli(
        data_paths,
        pg_url,
        "letters",
        "withdraw",
        "--incident",
        str(incident),
        "--key",
        "C2",
        "--reason",
        "別人の記録",
    )
    assert code == 0 and "取り消しました" in out, err
    status = cli(data_paths, pg_url, "letters", "status", "--incident", str(incident))[1]
    assert status.splitlines()[:2] == ["C1\t送付済み", "C2\t送付済み"]


def test_filings_list_correct_and_withdraw(
    data_paths: DataPaths, pg_url: str, seeded: tuple[int, int]
) -> None:
    incident, filing = seeded
    code, out, err = cli(data_paths, pg_url, "filings", "list", "--incident", str(incident))
    assert code == 0, err
    assert out.split("\t")[:4] == [str(filing), "速報", "2027-07-02", "PPC-1"]
    code, out, err = cli(
        data_paths, pg_url, "filings", "correct", "--filing", str(filing), "--reason", "転記ミス",
        "--receipt-number", "PPC-2027-000123",
    )  # fmt: skip
    assert code == 0 and "PPC-2027-000123" in out, err
    code, out, err = cli(
        data_paths, pg_url, "filings", "withdraw", "--filing", str(filing), "--reason", "別の事案"
    )
    assert code == 0, err
    assert out == f"2027-07-02の速報の記録を取り消しました（提出記録 {filing}）。\n"
    with Database.open(data_paths, pg_url) as db:
        record = next(f for f in FilingService(db).filings(incident) if f.id == filing)
    assert record.withdrawn and record.receipt_number == "PPC-2027-000123"
    code, out, err = cli(data_paths, pg_url, "verify")
    assert code == 0, err
    assert "改変されていません" in out
    assert f"データベース: postgresql://breachdesk_admin@127.0.0.1:{pg_url.split(':')[-1]}" in out


def test_review_writes_pdf_and_csv(
    data_paths: DataPaths, pg_url: str, seeded: tuple[int, int], tmp_path: Path
) -> None:
    pdf, table = tmp_path / "review.pdf", tmp_path / "review.csv"
    code, out, err = cli(
        data_paths, pg_url, "review", "--fiscal-year", "2027", "--pdf", str(pdf), "--csv", str(table)
    )
    assert code == 0, err
    assert out.startswith("2027年度（2027-04-01〜2028-03-31）\n1件\n")
    assert "年次レビュー（2027年度）" in "".join(page_texts(pdf.read_bytes()))
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:3] == ["番号", "発生日", "発覚日"] and len(rows) == 2
    assert rows[1][1:3] == ["2027-06-30", "2027-07-01"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["restore", "--list"], "pg_dump"),
        (["restore", "1"], "pg_restore"),
        (["encrypt"], "TLS"),
        (["decrypt", "--yes-store-unencrypted"], "TLS"),
        (["passphrase", "--new-key"], "TLS"),
    ],
)
def test_file_commands_refuse_on_a_server_in_one_line(
    data_paths: DataPaths, pg_url: str, argv: list[str], words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREACHDESK_PASSPHRASE", "a-long-and-unusual-passphrase-2027")
    monkeypatch.setenv("BREACHDESK_NEW_PASSPHRASE", "another-long-unusual-passphrase-2027")
    code, out, err = cli(data_paths, pg_url, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("エラー: データベースサーバー上の台帳") and words in err
    assert "何も変更していません" in err
    code, _out, err = cli(data_paths, pg_url, *argv, lang="en")
    assert code == 2 and "database server" in err and words in err and err.count("\n") == 1
    assert not any(
        path.is_file() for path in data_paths.root.rglob("*")
    )  # nothing written in the data folder
