"""Bad input: a damaged, locked, read-only or missing register gives a Japanese explanation and is never overwritten."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.db.backups import list_backups
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.errors import StorageError
from app.paths import DataPaths
from app.services.incidents import IncidentService
from tests.db.conftest import SHORT_BUSY, made_read_only

DAMAGED = "台帳ファイルが破損しているか、BreachDesk のデータベースではありません"
RESTORE_HINT = (
    "最新のバックアップから復元するか、別のフォルダーを選んでください。元のファイルは変更していません。"
)


def _open_fails(paths: DataPaths, url: str | None = None) -> DatabaseFault:
    with pytest.raises(StorageError) as caught:
        Database.open(paths, url, busy_timeout=SHORT_BUSY)
    assert isinstance(caught.value, DatabaseFault)
    assert "Traceback" not in caught.value.user_text()
    return caught.value


def _make_register(paths: DataPaths) -> None:
    db = Database.open(paths, busy_timeout=SHORT_BUSY)
    IncidentService(db).create("個人情報を含む書類の誤送付", {"learned_date": "2026-04-01"}, None, None)
    db.close()


def test_garbage_file_is_reported_as_damaged_and_left_byte_identical(data_paths: DataPaths) -> None:
    # Not a whole number of SQLCipher pages: random bytes that are would be taken for an encrypted register
    # whose keys file was lost (app/db/connect.py `looks_encrypted`), and asked for its recovery key.
    garbage = os.urandom(3 * 4096 + 100)
    data_paths.db_file.write_bytes(garbage)

    error = _open_fails(data_paths)

    assert error.kind is FaultKind.DAMAGED
    assert error.message == f"{DAMAGED}: {data_paths.db_file}"
    assert error.hint == RESTORE_HINT
    assert data_paths.db_file.read_bytes() == garbage
    assert sorted(p.name for p in data_paths.root.iterdir()) == sorted(
        ["backups", "logs", "breachdesk.sqlite3"]
    )


def test_register_with_a_corrupted_page_is_reported_as_damaged(data_paths: DataPaths) -> None:
    _make_register(data_paths)
    content = bytearray(data_paths.db_file.read_bytes())
    content[4096 * 2 : 4096 * 3] = b"\xff" * 4096  # smash one b-tree page, keep the SQLite header
    data_paths.db_file.write_bytes(bytes(content))

    error = _open_fails(data_paths)

    assert error.kind is FaultKind.DAMAGED
    assert data_paths.db_file.read_bytes() == bytes(content)


def test_other_programs_sqlite_database_is_not_taken_over(data_paths: DataPaths) -> None:
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('山田')")
    conn.close()
    before = data_paths.db_file.read_bytes()

    error = _open_fails(data_paths)

    assert error.kind is FaultKind.DAMAGED
    assert data_paths.db_file.read_bytes() == before


def test_folder_in_place_of_the_register_file(data_paths: DataPaths) -> None:
    data_paths.db_file.mkdir()
    error = _open_fails(data_paths)
    assert error.kind is FaultKind.IS_FOLDER
    assert "台帳ファイルの場所に、ファイルではなくフォルダーがあります" in error.message


def test_missing_register_with_backups_is_not_replaced_by_an_empty_one(data_paths: DataPaths) -> None:
    _make_register(data_paths)
    data_paths.db_file.unlink()

    error = _open_fails(data_paths)

    assert error.kind is FaultKind.MISSING
    assert error.message.startswith("台帳ファイルが見つかりません（バックアップは残っています）")
    assert "代わりの空の台帳は作成していません" in (error.hint or "")
    assert not data_paths.db_file.exists()


def test_missing_register_in_a_new_folder_is_created(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "新しいフォルダー" / "BreachDesk")
    db = Database.open(paths, busy_timeout=SHORT_BUSY)
    try:
        assert IncidentService(db).count() == 0
    finally:
        db.close()
    assert paths.db_file.is_file()
    if os.name == "posix":
        assert paths.root.stat().st_mode & 0o777 == 0o700
        assert paths.db_file.stat().st_mode & 0o777 == 0o600


def test_register_locked_by_another_writer(data_paths: DataPaths) -> None:
    _make_register(data_paths)
    other = sqlite3.connect(data_paths.db_file, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        error = _open_fails(data_paths)
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert error.kind is FaultKind.LOCKED
    assert "別の BreachDesk の画面または別のプログラムで使用中です" in error.message
    assert "もう一度お試しください" in (error.hint or "")
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()  # works once the other writer is gone


def test_save_while_another_writer_holds_the_lock_is_a_storage_error(db: Database) -> None:
    assert db.file is not None
    other = sqlite3.connect(db.file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError) as caught:
            IncidentService(db).create("ロック中の登録", {}, None, None)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "使用中です" in caught.value.message
    assert IncidentService(db).count() == 0


def test_read_only_connection_is_reported_as_read_only(data_paths: DataPaths) -> None:
    """SQLite's own read-only mode (mode=ro): the write probe fails exactly as for a read-only file."""
    _make_register(data_paths)
    before = data_paths.db_file.read_bytes()

    error = _open_fails(data_paths, f"sqlite:///file:{data_paths.db_file}?mode=ro&uri=true")

    assert error.kind is FaultKind.READ_ONLY
    assert "台帳ファイルまたはそのフォルダーが読み取り専用になっています" in error.message
    assert data_paths.db_file.read_bytes() == before


def test_read_only_register_file(data_paths: DataPaths) -> None:
    """Opened read-only, not refused (issue 16 point 4; tests/db/test_faults_read_only.py): a change is."""
    _make_register(data_paths)
    before = data_paths.db_file.read_bytes()
    with made_read_only(data_paths.db_file):
        db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
        try:
            assert db.read_only is not None
            with pytest.raises(StorageError) as caught:
                IncidentService(db).create("読み取り専用の台帳への登録", {}, None, None)
        finally:
            db.close()
    assert "読み取り専用" in caught.value.message
    assert data_paths.db_file.read_bytes() == before


def test_read_only_data_folder(data_paths: DataPaths) -> None:
    _make_register(data_paths)
    with made_read_only(data_paths.root):
        db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
        try:
            assert db.read_only is not None
            assert str(data_paths.root) in db.read_only.detail
        finally:
            db.close()


def test_bad_backup_is_refused_before_anything_moves(data_paths: DataPaths) -> None:
    _make_register(data_paths)
    not_a_backup = data_paths.backups_dir / "breachdesk-20260101T000000000000Z.sqlite3"
    not_a_backup.write_bytes(b"not a database")
    before = data_paths.db_file.read_bytes()
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
    with pytest.raises(StorageError) as caught:
        db.restore_backup(not_a_backup)
    assert "使用できる BreachDesk のバックアップではありません" in caught.value.message
    assert data_paths.db_file.read_bytes() == before
    assert not list(data_paths.root.glob("*.damaged-*"))
    assert not_a_backup in list_backups(data_paths.backups_dir)
