"""A restart shows what was saved; each start leaves a backup (the last N kept); a backup can be restored."""

from __future__ import annotations

import datetime as dt
import sqlite3

from app.db.backups import PRE_MIGRATION_PREFIX, STARTUP_PREFIX, list_backups
from app.db.database import Database
from app.domain.dates import to_jst
from app.domain.incident import IncidentStatus
from app.domain.office import OfficeProfile
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from tests.db.conftest import SHORT_BUSY


def _open(paths: DataPaths, keep: int = 10) -> Database:
    return Database.open(paths, keep_backups=keep, busy_timeout=SHORT_BUSY)


def test_restart_keeps_what_was_saved(data_paths: DataPaths) -> None:
    first = _open(data_paths)
    OfficeService(first).save(OfficeProfile(name="みなと歯科クリニック", phone="045-123-4567"))
    incident_id = IncidentService(first).create(
        "診療予約メールの誤送信",
        {"learned_date": "2027-07-01", "data_items": ["name", "email"]},
        None,
        "email_missend",
    )
    first.close()

    second = _open(data_paths)
    try:
        assert OfficeService(second).load() == OfficeProfile(
            name="みなと歯科クリニック", phone="045-123-4567"
        )
        [summary] = IncidentService(second).list_summaries()
        assert summary.id == incident_id
        assert summary.title == "診療予約メールの誤送信"
        assert summary.learned_date == dt.date(2027, 7, 1)
        assert summary.status is IncidentStatus.INVESTIGATING
        assert summary.created_at.tzinfo is not None
        assert to_jst(summary.created_at).utcoffset() == dt.timedelta(hours=9)
        detail = IncidentService(second).get(incident_id)
        assert detail is not None and detail.facts["data_items"] == ["name", "email"]
    finally:
        second.close()


def test_every_start_makes_a_backup_and_only_the_last_n_are_kept(data_paths: DataPaths) -> None:
    for _ in range(5):
        _open(data_paths, keep=3).close()
    startup = [p for p in list_backups(data_paths.backups_dir) if p.name.startswith(STARTUP_PREFIX)]
    assert len(startup) == 3
    assert startup == sorted(startup, reverse=True)  # newest first
    for backup in startup:
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()


def test_rotation_leaves_pre_migration_copies_alone(data_paths: DataPaths) -> None:
    data_paths.backups_dir.mkdir(parents=True, exist_ok=True)
    old_copy = data_paths.backups_dir / f"{PRE_MIGRATION_PREFIX}0001-20200101T000000000000Z.sqlite3"
    _open(data_paths).close()
    from shutil import copyfile

    copyfile(list_backups(data_paths.backups_dir)[0], old_copy)
    for _ in range(3):
        _open(data_paths, keep=1).close()
    names = [p.name for p in list_backups(data_paths.backups_dir)]
    assert old_copy.name in names
    assert len([n for n in names if n.startswith(STARTUP_PREFIX)]) == 1


def test_backup_holds_the_data_saved_before_the_start(data_paths: DataPaths) -> None:
    db = _open(data_paths)
    IncidentService(db).create("FAXの誤送信", {}, None, None)
    db.close()
    db = _open(data_paths)
    latest = db.backups()[0]
    db.close()
    with sqlite3.connect(f"file:{latest}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT title FROM incidents").fetchall() == [("FAXの誤送信",)]
    conn.close()


def test_restore_moves_the_current_file_aside_and_brings_back_the_backup(data_paths: DataPaths) -> None:
    db = _open(data_paths)
    IncidentService(db).create("保存済みの事案", {}, None, None)
    db.close()
    db = _open(data_paths)  # this start's backup holds "保存済みの事案"
    backup = db.backups()[0]
    IncidentService(db).create("バックアップ後の事案", {}, None, None)
    db.close()
    damaged_bytes = data_paths.db_file.read_bytes()

    db = _open(data_paths)
    moved = db.restore_backup(backup)

    assert moved is not None and moved.name.startswith("breachdesk.sqlite3.damaged-")
    assert moved.read_bytes() == damaged_bytes  # kept, never deleted
    reopened = _open(data_paths)
    try:
        assert [s.title for s in IncidentService(reopened).list_summaries()] == ["保存済みの事案"]
    finally:
        reopened.close()
