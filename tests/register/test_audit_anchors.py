"""Anchors outside the register file catch what a hash chain alone cannot: its newest entries deleted, or the
whole chain rewritten with fresh hashes (issue 16 point 2; app/db/anchors.py)."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from app.cli import build_parser, run_command
from app.db.anchors import anchors_file
from app.db.audit import entry_hash
from app.db.database import Database
from app.paths import DataPaths
from app.services.workspace import OverviewService
from tests.register.conftest import assessed


def _verify(data_paths: DataPaths, *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["--data-dir", str(data_paths.root), "--lang", "ja", "verify", *extra]
    return run_command(build_parser().parse_args(argv), out, err), out.getvalue(), err.getvalue()


@pytest.fixture
def worked(data_paths: DataPaths) -> DataPaths:
    """A register with 60 changes in one session, closed."""
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = assessed(db, "健康診断結果の誤送信")
        for n in range(60):
            OverviewService(db).set_title(incident, f"健康診断結果の誤送信（{n} 回目の修正）")
    finally:
        db.close()
    return data_paths


def _sql(data_paths: DataPaths, *statements: str) -> None:
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_delete")
        conn.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_update")
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_every_change_and_every_start_leaves_an_anchor(worked: DataPaths) -> None:
    lines = anchors_file(worked.root).read_text().splitlines()
    with sqlite3.connect(worked.db_file) as conn:
        last_id, last_hash = conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
    conn.close()
    assert len(lines) >= 61  # one per committed change (the assessment may write several entries in one)
    assert json.loads(lines[-1])["id"] == last_id and json.loads(lines[-1])["hash"] == last_hash
    assert (anchors_file(worked.root).stat().st_mode & 0o077) == 0  # private to the officer's account
    assert _verify(worked)[0] == 0


@pytest.mark.parametrize("deleted", [1, 50])
def test_deleting_the_newest_entries_is_detected(worked: DataPaths, deleted: int) -> None:
    _sql(
        worked,
        f"DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT {deleted})",
    )
    code, _out, err = _verify(worked)
    assert code == 1
    assert "監査ログの記録が削除されています" in err
    assert "OK" not in err


def test_deleting_every_entry_is_detected(worked: DataPaths) -> None:
    _sql(worked, "DELETE FROM audit_log")
    code, out, err = _verify(worked)
    assert code == 1 and "監査ログの記録が削除されています" in err
    assert "監査ログ：0 件" in out
    assert "改変されていません" not in out + err


def test_a_rewritten_entry_with_recomputed_hashes_is_detected(worked: DataPaths) -> None:
    """The tamperer rewrites one payload and recomputes every later hash, so the chain itself verifies."""
    with sqlite3.connect(worked.db_file) as conn:
        conn.execute("DROP TRIGGER trg_audit_log_no_update")
        rows = conn.execute(
            "SELECT id, prev_hash, at, actor, action, entity, entity_id, before, after FROM audit_log ORDER BY id"
        ).fetchall()
        target = rows[10][0]
        import datetime as dt

        prev = (
            rows[9][0]
            and conn.execute("SELECT hash FROM audit_log WHERE id = ?", (rows[9][0],)).fetchone()[0]
        )
        for entry_id, _prev, at, actor, action, entity, entity_id, before, after in rows[10:]:
            after_value = json.loads(after) if after else None
            if entry_id == target and isinstance(after_value, dict):
                after_value["title"] = "改ざんされた件名"
            moment = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
            new_hash = entry_hash(
                prev,
                moment,
                actor,
                action,
                entity,
                entity_id,
                json.loads(before) if before else None,
                after_value,
            )
            conn.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ?, after = ? WHERE id = ?",
                (prev, new_hash, json.dumps(after_value, ensure_ascii=False), entry_id),
            )
            prev = new_hash
    conn.close()
    code, out, err = _verify(worked)
    assert code == 1
    assert "監査ログが書き換えられています" in err
    # The chain alone holds: without the anchors file and the backups nothing would show.
    assert "改変されていません" not in out


def test_a_restore_of_an_older_backup_is_not_reported_as_tampering(worked: DataPaths) -> None:
    db = Database.open(worked, busy_timeout=0.2)
    older = db.backups()[-1]  # the oldest start-up copy: fewer entries than the anchors reach
    db.restore_backup(older)
    code, out, err = _verify(worked)
    assert code == 0, err
    assert "置き換えられたもの" in out


def test_a_copy_of_the_anchors_file_kept_elsewhere_still_catches_truncation(
    worked: DataPaths, tmp_path: object
) -> None:
    from pathlib import Path

    kept = Path(str(tmp_path)) / "anchors-copy.jsonl"
    kept.write_bytes(anchors_file(worked.root).read_bytes())
    # The tamperer deletes the newest entries, the anchors file and every backup.
    _sql(worked, "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 5)")
    anchors_file(worked.root).unlink()
    for backup in worked.backups_dir.iterdir():
        backup.unlink()
    code, out, err = _verify(worked)
    assert "アンカーが見つかりません" in out  # no anchor left to compare: says so plainly
    # The deleted entries held the title's newest digest, so the row digests still catch it (schema 0005).
    assert code == 1 and "事案 2026-0001（ID 1）：最後の監査ログ記録の後に変更されています" in err
    code, _out, err = _verify(worked, "--anchors", str(kept))
    assert code == 1 and "監査ログの記録が削除されています" in err
