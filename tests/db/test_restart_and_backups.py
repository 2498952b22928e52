"""A restart shows what was saved; backups hold the last session's work and follow the retention schedule
(app/db/backups.py); a backup can be restored without losing the current file."""

from __future__ import annotations

import datetime as dt
import sqlite3

from app.db.backups import (
    PRE_MIGRATION_PREFIX,
    STARTUP_PREFIX,
    BackupReason,
    list_backups,
    reason_of,
    to_keep,
)
from app.db.database import Database
from app.domain.dates import to_jst
from app.domain.incident import IncidentStatus
from app.domain.office import OfficeProfile
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from tests.db.conftest import SHORT_BUSY


def _open(paths: DataPaths) -> Database:
    return Database.open(paths, busy_timeout=SHORT_BUSY)


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


def test_starts_without_changes_add_no_backup_and_push_nothing_out(data_paths: DataPaths) -> None:
    """Ten CLI calls in a minute used to replace every good copy; now a start copies only a changed register."""
    db = _open(data_paths)
    IncidentService(db).create("FAXの誤送信", {}, None, None)
    db.close()
    before = list_backups(data_paths.backups_dir)
    for _ in range(10):
        _open(data_paths).close()
    assert list_backups(data_paths.backups_dir) == before
    for backup in before:
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()


def test_a_day_of_work_is_in_a_backup_after_the_first_change_and_at_close(data_paths: DataPaths) -> None:
    """Five incidents entered in one session: the first change makes a copy at once, closing makes the last."""
    db = _open(data_paths)
    IncidentService(db).create("一件目", {}, None, None)
    after_first = list_backups(data_paths.backups_dir)[0]
    assert reason_of(after_first) is BackupReason.CHANGE
    for title in ("二件目", "三件目", "四件目", "五件目"):
        IncidentService(db).create(title, {}, None, None)
    assert list_backups(data_paths.backups_dir)[0] == after_first  # not a copy per change
    db.close()
    newest = list_backups(data_paths.backups_dir)[0]
    assert reason_of(newest) is BackupReason.CLOSE
    with sqlite3.connect(f"file:{newest}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM incidents").fetchone() == (5,)
    conn.close()


def test_changes_that_keep_coming_are_copied_at_most_every_interval(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY, backup_interval=dt.timedelta(0))
    try:
        for title in ("一件目", "二件目", "三件目"):
            IncidentService(db).create(title, {}, None, None)
        assert (
            len([p for p in list_backups(data_paths.backups_dir) if reason_of(p) is BackupReason.CHANGE]) == 3
        )
    finally:
        db.close()


def test_the_schedule_keeps_the_last_day_one_a_day_for_a_month_one_a_month_for_a_year() -> None:
    now = dt.datetime(2027, 7, 1, 12, tzinfo=dt.UTC)
    hourly_for_two_years = [now - dt.timedelta(hours=h) for h in range(0, 2 * 365 * 24, 1)]
    kept = to_keep(hourly_for_two_years, now)
    within_day = [s for s in kept if now - s <= dt.timedelta(days=1)]
    assert len(within_day) == 25  # every copy of the last 24 hours (both ends)
    older = sorted(s for s in kept if now - s > dt.timedelta(days=1))
    days = {s.astimezone(to_jst(now).tzinfo).date() for s in older}  # type: ignore[arg-type]
    assert len(older) == len(days)  # at most one per day beyond the last day
    assert min(kept) > now - dt.timedelta(days=366)  # nothing older than the monthly year
    assert len(kept) <= 25 + 30 + 12


def test_rotation_leaves_pre_migration_copies_alone_and_removes_debris(data_paths: DataPaths) -> None:
    data_paths.backups_dir.mkdir(parents=True, exist_ok=True)
    old_copy = data_paths.backups_dir / f"{PRE_MIGRATION_PREFIX}0001-20200101T000000000000Z.sqlite3"
    ancient = data_paths.backups_dir / f"{STARTUP_PREFIX}start-20200101T000000000000Z.sqlite3"
    debris = [
        data_paths.backups_dir / f"{STARTUP_PREFIX}change-20270101T000000000000Z.sqlite3.partial",
        data_paths.backups_dir / f"{STARTUP_PREFIX}change-20270101T000000000000Z.sqlite3.partial-journal",
    ]
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY, backup_interval=dt.timedelta(0))
    for title in (
        "FAXの誤送信",
        "USBメモリの紛失",
        "封入ミス",
    ):  # three recent copies: "the newest 3" are these
        IncidentService(db).create(title, {}, None, None)
    db.close()
    from shutil import copyfile

    copyfile(list_backups(data_paths.backups_dir)[0], old_copy)
    for old in (ancient, *debris):
        copyfile(list_backups(data_paths.backups_dir)[0], old)
    _open(data_paths).close()
    names = [p.name for p in list_backups(data_paths.backups_dir)]
    assert old_copy.name in names
    assert not ancient.exists()  # older than a year: out of the schedule
    assert not any(d.exists() for d in debris)


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

    assert moved is not None and moved.name.startswith("breachdesk.sqlite3.replaced-")
    before_restore = [
        p for p in list_backups(data_paths.backups_dir) if reason_of(p) is BackupReason.BEFORE_RESTORE
    ]
    assert len(before_restore) == 1
    assert moved.read_bytes() == damaged_bytes  # kept, never deleted
    reopened = _open(data_paths)
    try:
        assert [s.title for s in IncidentService(reopened).list_summaries()] == ["保存済みの事案"]
    finally:
        reopened.close()


def test_reading_backups_leaves_no_side_files_beside_them(data_paths: DataPaths) -> None:
    db = _open(data_paths)
    IncidentService(db).create("FAXの誤送信", {}, None, None)
    db.close()
    for _ in range(3):
        _open(data_paths).close()  # each start compares the register with the newest copy
    db = _open(data_paths)
    db.restore_backup(list_backups(data_paths.backups_dir)[-1])
    names = [p.name for p in data_paths.backups_dir.iterdir()]
    assert not [n for n in names if n.endswith(("-wal", "-shm"))], names
