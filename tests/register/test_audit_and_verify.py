"""The audit trail: who (the OS user), when, what, before/after, hash-chained; `main.py verify` finds tampering."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import pytest
from sqlalchemy import select

import app.db.audit as audit_module
from app.cli import build_parser, run_command
from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.filing import FilingKind
from app.paths import DataPaths
from app.services.workspace import FilingService, OverviewService
from tests.register.conftest import assessed

JST = dt.timezone(dt.timedelta(hours=9))


def _verify(data_paths: DataPaths, lang: str = "ja") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), "--lang", lang, "verify"])
    code = run_command(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_every_change_names_the_os_user_with_before_and_after(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_module.getpass, "getuser", lambda: "sato.hanako")
    incident = assessed(db, "健康診断結果の誤送信")
    OverviewService(db).set_title(incident, "健康診断結果のメール誤送信")
    FilingService(db).record(incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 3, tzinfo=JST), "ppc_form")
    with db.session_scope() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert {e.actor for e in entries} == {"sato.hanako"}
    rename = next(e for e in entries if e.action == "update" and e.entity == "incident")
    assert rename.before["title"] == "健康診断結果の誤送信"
    assert rename.after["title"] == "健康診断結果のメール誤送信"
    assert all(e.at.tzinfo is not None for e in entries)


def test_verify_reports_ok_then_the_first_tampered_entry(db: Database, data_paths: DataPaths) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    for title in ("一回目", "二回目", "三回目"):
        OverviewService(db).set_title(incident, title)
    db.close()
    code, out, _err = _verify(data_paths)
    assert code == 0
    assert out.startswith("OK: 監査ログは改変されていません（")

    # Someone edits the file outside BreachDesk: the trigger is dropped and an old entry rewritten.
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("DROP TRIGGER trg_audit_log_no_update")
        target = conn.execute(
            "SELECT id FROM audit_log WHERE action = 'update' ORDER BY id LIMIT 1 OFFSET 1"
        ).fetchone()[0]
        conn.execute(
            "UPDATE audit_log SET after = json_set(after, '$.title', '改ざん') WHERE id = ?", (target,)
        )
    conn.close()
    code, out, err = _verify(data_paths)
    assert code == 1 and "監査ログ：" in out and "OK" not in out
    assert f"記録 {target}（" in err
    assert "監査ログが改変されています" in err
    code, _out, err = _verify(data_paths, "en")
    assert f"entry {target} (" in err


def test_a_deleted_entry_breaks_the_chain_at_the_next_one(db: Database, data_paths: DataPaths) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    OverviewService(db).set_title(incident, "一回目")
    OverviewService(db).set_title(incident, "二回目")
    db.close()
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("DROP TRIGGER trg_audit_log_no_delete")
        ids = [row[0] for row in conn.execute("SELECT id FROM audit_log ORDER BY id")]
        conn.execute("DELETE FROM audit_log WHERE id = ?", (ids[1],))
    conn.close()
    code, _out, err = _verify(data_paths)
    assert code == 1 and f"記録 {ids[2]}（" in err
