"""The audit chain covers the tables: an edit made with a database tool, outside BreachDesk, is reported by
`verify` with the table, the row and the 番号, never the row's content (issue 16 point 2, docs/architecture.md).

The register is made through the real services, then changed the way someone with the sqlite3 shell or DB Browser
would (append-only triggers dropped first, foreign keys off), and checked with `main.py verify`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.db.database import Database
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.paths import DataPaths
from app.services.assessments import AssessmentService
from app.services.notices import NoticeService
from app.services.register_io import export_json, import_json
from app.services.workspace import FilingService, OverviewService, TimelineService, refresh_derived
from tests.register.conftest import assessed, facts
from tests.register.test_deliveries import record_five

FIXTURES = Path(__file__).parents[1] / "fixtures"
FILED_AT = dt.datetime(2027, 7, 4, 10, 0, tzinfo=JST)
TITLE = "健康診断結果の誤送信（山田太郎様分）"


def _verify(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["--lang", "ja", "verify", *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def _session(db: Database, tmp_path: Path) -> dict[str, int]:
    """An ordinary day's work: every kind of change the tables record, each through its service."""
    first = assessed(db, TITLE)
    second = assessed(db, "USBメモリの紛失")
    OverviewService(db).set_title(first, "健康診断結果のメール誤送信")
    OverviewService(db).set_notes(first, "委託先へ確認中")
    timeline = TimelineService(db)
    entry = timeline.append(first, FILED_AT - dt.timedelta(days=2), "誤送信に気付いた")
    timeline.correct(first, entry, FILED_AT - dt.timedelta(days=2), "誤送信に担当者が気付いた")
    filings = FilingService(db)
    filing = filings.record(first, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="")
    filings.update(filing, receipt_number="PPC-2027-000123")
    AssessmentService(db).reassess(second, facts(affected_count=1200), reason="件数が判明")
    notified = record_five(db, tmp_path)
    NoticeService(db).record_event(notified, "C1", "returned", note="宛先不明")
    OverviewService(db).close(second, confirm_missing=True)
    OverviewService(db).reopen(second)
    return {"first": first, "second": second, "entry": entry, "filing": filing, "notified": notified}


@pytest.fixture
def made(data_paths: DataPaths, tmp_path: Path) -> dict[str, int]:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        return _session(db, tmp_path)
    finally:
        db.close()


@contextlib.contextmanager
def _sqlite_shell(path: Path) -> sqlite3.Connection:  # type: ignore[misc]
    """What an outsider with the sqlite3 shell gets: no BreachDesk, no foreign keys, triggers can be dropped."""
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def _drop_append_only(conn: sqlite3.Connection, table: str) -> None:
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%_no_%'",
        (table,),
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")


def test_a_normal_session_a_derived_refresh_and_a_restart_are_not_flagged(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    db = Database.open(
        data_paths, busy_timeout=0.2
    )  # a restart; then the register's columns worked out again
    try:
        with db.session_scope() as session:
            for incident in made.values():
                with contextlib.suppress(LookupError):
                    refresh_derived(session, incident)
    finally:
        db.close()
    code, out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 0, err
    assert out.startswith("OK: 監査ログは改変されていません（")
    line = next(line for line in out.splitlines() if "監査ログと照合した" in line)
    assert "件" in line and " 0 " not in line


def test_a_title_edited_in_the_table_is_reported_by_番号_without_its_text(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    with _sqlite_shell(data_paths.db_file) as conn:
        conn.execute("UPDATE incidents SET title = '別の件名' WHERE id = ?", (made["first"],))
        reference = conn.execute("SELECT reference FROM incidents WHERE id = ?", (made["first"],)).fetchone()[
            0
        ]
    code, out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1
    assert not out.startswith("OK")
    assert "1 件の行が監査ログと一致しません" in err
    assert f"事案 {reference}（ID {made['first']}）：最後の監査ログ記録の後に変更されています" in err
    assert "別の件名" not in out + err and "山田" not in out + err  # the content is never printed


def test_a_timeline_text_rewritten_after_dropping_its_trigger_is_reported(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    with _sqlite_shell(data_paths.db_file) as conn:
        _drop_append_only(conn, "timeline_entries")
        conn.execute("UPDATE timeline_entries SET text = '気付いていない' WHERE id = ?", (made["entry"],))
        reference = conn.execute("SELECT reference FROM incidents WHERE id = ?", (made["first"],)).fetchone()[
            0
        ]
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1
    assert f"事実経過 ID {made['entry']}（事案 {reference}）：最後の監査ログ記録の後に変更されています" in err
    assert "気付" not in err


def test_an_incident_deleted_in_the_table_is_reported_with_its_番号_from_the_log(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    with _sqlite_shell(data_paths.db_file) as conn:
        reference = conn.execute(
            "SELECT reference FROM incidents WHERE id = ?", (made["second"],)
        ).fetchone()[0]
        conn.execute("DELETE FROM incidents WHERE id = ?", (made["second"],))
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1
    assert f"事案 {reference}（ID {made['second']}）：削除されていますが、監査ログには記録があります" in err


def test_a_receipt_number_edited_with_sqlite3_is_reported(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    with _sqlite_shell(data_paths.db_file) as conn:
        conn.execute("UPDATE filings SET receipt_number = 'PPC-2027-999999' WHERE id = ?", (made["filing"],))
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1
    assert f"提出記録 ID {made['filing']}（事案 " in err and "PPC-2027" not in err


def test_a_row_added_with_sqlite3_and_a_deleted_notice_are_reported(
    data_paths: DataPaths, made: dict[str, int]
) -> None:
    with _sqlite_shell(data_paths.db_file) as conn:
        _drop_append_only(conn, "timeline_entries")
        conn.execute(
            "INSERT INTO timeline_entries (incident_id, occurred_at, recorded_at, actor, text) "
            "VALUES (?, '2027-07-01 00:00:00.000000', '2027-07-01 00:00:00.000000', 'x', '後から足した記録')",
            (made["first"],),
        )
        added = conn.execute("SELECT max(id) FROM timeline_entries").fetchone()[0]
        delivery = conn.execute(
            "SELECT min(id) FROM notice_deliveries WHERE incident_id = ?", (made["notified"],)
        ).fetchone()[0]
        conn.execute("DELETE FROM notice_deliveries WHERE id = ?", (delivery,))
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1
    assert "2 件の行が監査ログと一致しません" in err
    assert f"事実経過 ID {added}（事案 " in err and "監査ログにありません" in err
    assert f"本人通知 ID {delivery}" in err and "削除されています" in err


def test_export_then_import_into_a_new_register_verifies(
    data_paths: DataPaths, made: dict[str, int], tmp_path: Path
) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        exported = json.loads(json.dumps(export_json(db)))
    finally:
        db.close()
    other = DataPaths(tmp_path / "other")
    other.ensure()
    db = Database.open(other, busy_timeout=0.2)
    try:
        assert import_json(db, exported) == 3
    finally:
        db.close()
    code, _out, err = _verify("--data-dir", str(other.root))
    assert code == 0, err
    with _sqlite_shell(other.db_file) as conn:
        conn.execute("UPDATE incidents SET notes = '書き換え' WHERE id = ?", (made["first"],))
    code, _out, err = _verify("--data-dir", str(other.root))
    assert code == 1 and f"（ID {made['first']}）" in err


def test_a_restored_backup_verifies(data_paths: DataPaths, made: dict[str, int]) -> None:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), "--lang", "ja", "restore", "1"])
    assert run_command(args, out, err) == 0, err.getvalue()
    code, _out, err_text = _verify("--data-dir", str(data_paths.root))
    assert code == 0, err_text


def test_a_register_from_before_0005_gets_a_baseline_that_catches_later_edits(data_paths: DataPaths) -> None:
    """Rows written before the digests existed are recorded once at the upgrade, in one `baseline` entry."""
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    Database.open(data_paths, busy_timeout=0.2).close()
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 0, err
    with _sqlite_shell(data_paths.db_file) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'baseline'").fetchone() == (1,)
        incident = conn.execute("SELECT min(id) FROM incidents").fetchone()[0]
        conn.execute("UPDATE incidents SET title = 'x' WHERE id = ?", (incident,))
    code, _out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 1 and f"（ID {incident}）" in err


def test_a_copy_older_than_0005_is_verified_without_the_table_check(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", copy)
    code, out, err = _verify("--file", str(copy))
    assert code == 0, err
    assert "表は照合していません" in out
