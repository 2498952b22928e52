"""Faults keep the officer working (issue 16 point 4): a full disk or a write-protected folder opens the register
read-only, with the real reason, and refuses every change without writing a byte; a register that backups or
anchors say existed is never silently replaced by an empty one.

The full disk is a real 4 MB tmpfs filled to the last byte; the read-only medium is the same tmpfs remounted
read-only (tests/db/fault_media.py; both need root and mount). Where mounting is not allowed the tests fall back
to what the OS can still be made to do: ENOSPC from the backup's own SQLite file, and chattr +i / chmod.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import parse_args, run_command
from app.db.anchors import ANCHORS_NAME
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind, ReadOnlyReason
from app.db.preflight import prepare_folder
from app.errors import StorageError
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from tests.db.conftest import SHORT_BUSY, made_read_only
from tests.db.fault_media import (
    TITLES,
    backup_writes_fail_with_enospc,
    fill,
    make_register_with_unsaved_session,
    remount,
    small_tmpfs,
)

DISK_FULL_BANNER = "空き容量が不足しているため読み取り専用で開いています"
FOLDER_BANNER = "フォルダーが書き込み禁止のため読み取り専用で開いています"


def _folder_state(root: Path) -> dict[str, str]:
    """Every file under `root` with its SHA-256: 'nothing was written' means this does not change."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "filler.bin"
    }


def _titles(db: Database) -> list[str]:
    return sorted(s.title for s in IncidentService(db).list_summaries())


def _change_is_refused(db: Database, banner: str) -> DatabaseFault:
    with pytest.raises(StorageError) as caught:
        IncidentService(db).create("読み取り専用での登録", {"learned_date": "2026-04-02"}, None, None)
    error = caught.value
    assert isinstance(error, DatabaseFault)
    assert error.kind is FaultKind.OPENED_READ_ONLY
    assert "台帳を読み取り専用で開いているため、何も保存していません" in error.message
    assert banner in error.message
    assert "Traceback" not in error.user_text()
    return error


@pytest.fixture(params=["tmpfs", "enospc"])
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[DataPaths, str]]:
    """A register whose last session is in no backup, on a disk with no byte left: a real tmpfs filled up, and
    the fallback for machines that cannot mount (ENOSPC from the backup's SQLite file); yields which one."""
    if request.param == "enospc":
        paths = DataPaths(tmp_path / "data")
        paths.ensure()
        make_register_with_unsaved_session(paths)
        with backup_writes_fail_with_enospc(monkeypatch):
            yield paths, "enospc"
        return
    with small_tmpfs(tmp_path / "disk") as mounted:
        if mounted is None:
            pytest.skip("mount is not allowed here: the enospc variant covers the full disk")
        paths = DataPaths(mounted / "data")
        paths.ensure()
        make_register_with_unsaved_session(paths)
        fill(mounted)
        yield paths, "tmpfs"


def test_full_disk_at_start_opens_read_only_and_refuses_changes(full_disk: tuple[DataPaths, str]) -> None:
    paths, _how = full_disk
    before = _folder_state(paths.root)
    backups_before = sorted(p.name for p in paths.backups_dir.iterdir())
    assert backups_before  # the officer has backups: nothing may say otherwise

    db = Database.open(paths, busy_timeout=SHORT_BUSY)
    try:
        assert db.read_only is not None
        assert db.read_only.reason is ReadOnlyReason.DISK_FULL
        assert db.read_only.banner == DISK_FULL_BANNER
        # The real cause (the backup at start), and the backups that exist are named as existing.
        assert "バックアップを書き込めませんでした" in db.read_only.detail
        assert f"既存のバックアップ（{len(backups_before)} 件）はそのまま残っています" in db.read_only.detail
        assert "ありません" not in db.read_only.detail
        assert "空き容量を増やして" in db.read_only.hint
        # Deadlines stay visible: every incident of the killed session is read.
        assert _titles(db) == sorted(TITLES)
        OfficeService(db).load()
        _change_is_refused(db, DISK_FULL_BANNER)
        assert _titles(db) == sorted(TITLES)
        db.backup_now()  # a copy is not even attempted
    finally:
        db.close()
    after = _folder_state(paths.root)
    assert {k: after.get(k) for k in before} == before  # no byte of the register, backups, anchors changed
    # Only SQLite's own -wal/-shm beside a file it read (the start-up's head comparison reads the newest backup).
    assert all(name.endswith(("-wal", "-shm")) for name in set(after) - set(before))
    backups_after = sorted(
        p.name for p in paths.backups_dir.iterdir() if not p.name.endswith(("-wal", "-shm"))
    )
    assert backups_after == backups_before  # no new copy, no debris, nothing rotated away


def test_full_disk_on_a_real_tmpfs_says_disk_full_not_a_disk_error(full_disk: tuple[DataPaths, str]) -> None:
    """On a really full file system SQLite cannot even create the -shm file a WAL register needs for reading
    ("disk I/O error"); that is still the full disk, and the officer is told so."""
    paths, how = full_disk
    if how != "tmpfs":
        pytest.skip("needs a real full file system (mount is not allowed here)")
    with pytest.raises(OSError) as caught:
        (paths.root / "one-more-byte").write_bytes(b"x")
    assert caught.value.errno == errno.ENOSPC
    db = Database.open(paths, busy_timeout=SHORT_BUSY)
    try:
        assert db.read_only is not None and db.read_only.reason is ReadOnlyReason.DISK_FULL
    finally:
        db.close()


def test_write_protected_medium_opens_read_only_and_writes_nothing(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "usb") as mounted:
        if mounted is None:
            pytest.skip("needs mount (the chattr fallback is test_read_only_folder_is_never_made_writable)")
        paths = DataPaths(mounted / "data")
        paths.ensure()
        make_register_with_unsaved_session(paths)
        Database.open(paths).close()  # a clean close: no -wal left
        before = _folder_state(paths.root)
        modes = {p: p.stat().st_mode for p in paths.root.rglob("*")}
        assert remount(mounted, "ro")
        try:
            paths.ensure()  # the window's start-up: nothing to create, nothing chmod-ed
            db = Database.open(paths, busy_timeout=SHORT_BUSY)
            try:
                assert db.read_only is not None
                assert db.read_only.reason is ReadOnlyReason.FOLDER_READ_ONLY
                assert db.read_only.banner == FOLDER_BANNER
                assert "アクセス権は変更していません" in db.read_only.detail
                assert _titles(db) == sorted(TITLES)
                _change_is_refused(db, FOLDER_BANNER)
            finally:
                db.close()
            assert _folder_state(paths.root) == before
            assert {p: p.stat().st_mode for p in paths.root.rglob("*")} == modes
        finally:
            remount(mounted, "rw")


def test_read_only_folder_is_never_made_writable(data_paths: DataPaths) -> None:
    """chattr +i as root (root ignores modes), chmod 555 for a normal user: opens read-only, rights unchanged."""
    make_register_with_unsaved_session(data_paths)
    with made_read_only(data_paths.root) as how:
        mode = data_paths.root.stat().st_mode
        data_paths.ensure()
        db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
        try:
            assert db.read_only is not None and db.read_only.reason is ReadOnlyReason.FOLDER_READ_ONLY, how
            assert _titles(db) == sorted(TITLES)
            _change_is_refused(db, FOLDER_BANNER)
        finally:
            db.close()
        assert data_paths.root.stat().st_mode == mode


def test_folder_made_read_only_by_its_mode_keeps_its_mode(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mode itself (0555) is what used to be reset to 0700. Root may write anyway, so os.access answers as
    it would for the officer's own account: the folder is not writable."""
    data_paths.root.chmod(0o555)
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if Path(str(path)) == data_paths.root and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    try:
        data_paths.ensure()
        with pytest.raises(DatabaseFault):
            prepare_folder(data_paths.root)  # refuses, and does not "repair" the rights
        assert stat.S_IMODE(data_paths.root.stat().st_mode) == 0o555
    finally:
        data_paths.root.chmod(0o700)


def test_read_only_register_file_opens_read_only(data_paths: DataPaths) -> None:
    make_register_with_unsaved_session(data_paths)
    Database.open(data_paths).close()
    with made_read_only(data_paths.db_file):
        db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
        try:
            assert db.read_only is not None and db.read_only.reason is ReadOnlyReason.FILE_READ_ONLY
            assert db.read_only.banner == "台帳ファイルが書き込み禁止のため読み取り専用で開いています"
            assert _titles(db) == sorted(TITLES)
        finally:
            db.close()


def test_missing_register_in_a_read_only_folder_is_refused(data_paths: DataPaths) -> None:
    with made_read_only(data_paths.root), pytest.raises(DatabaseFault) as caught:
        Database.open(data_paths, busy_timeout=SHORT_BUSY)
    assert caught.value.kind is FaultKind.READ_ONLY
    assert not data_paths.db_file.exists()


@pytest.mark.parametrize("state", ["zero-byte", "missing"])
@pytest.mark.parametrize("trace", ["backups", "anchors"])
def test_register_with_backups_or_anchors_is_not_replaced_by_an_empty_one(
    data_paths: DataPaths, state: str, trace: str
) -> None:
    make_register_with_unsaved_session(data_paths)
    Database.open(data_paths).close()
    if trace == "anchors":  # only the anchors file says a register lived here
        for backup in data_paths.backups_dir.iterdir():
            backup.unlink()
        assert (data_paths.root / ANCHORS_NAME).is_file()
    if state == "zero-byte":
        data_paths.db_file.write_bytes(b"")
    else:
        data_paths.db_file.unlink()

    with pytest.raises(StorageError) as caught:
        Database.open(data_paths, busy_timeout=SHORT_BUSY)

    error = caught.value
    assert isinstance(error, DatabaseFault)
    assert error.exit_code == 3
    if state == "zero-byte":
        assert error.kind is FaultKind.EMPTY
        assert error.message.startswith("台帳ファイルが空（0 バイト）になっています")
        assert data_paths.db_file.read_bytes() == b""
    else:
        assert error.kind is FaultKind.MISSING
        assert not data_paths.db_file.exists()
    if trace == "backups":
        assert "main.py restore --list" in (error.hint or "")
    assert "代わりの空の台帳は作成していません" in (error.hint or "")
    assert "代わりの空の台帳を作成していません" in error.hint_without_backup


def test_zero_byte_register_in_a_brand_new_folder_starts_a_register(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "new")
    paths.ensure()
    paths.db_file.write_bytes(b"")
    db = Database.open(paths, busy_timeout=SHORT_BUSY)
    try:
        assert db.read_only is None
        assert IncidentService(db).count() == 0
    finally:
        db.close()


def test_cli_on_a_zero_byte_register_with_backups_exits_3_and_names_the_restore(
    data_paths: DataPaths,
) -> None:
    make_register_with_unsaved_session(data_paths)
    Database.open(data_paths).close()
    data_paths.db_file.write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()

    args = parse_args(["--data-dir", str(data_paths.root), "register", "export", "--out", "-"])
    code = run_command(args, out, err)

    assert code == 3
    assert "台帳ファイルが空（0 バイト）になっています" in err.getvalue()
    assert "main.py restore --list" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert data_paths.db_file.read_bytes() == b""
