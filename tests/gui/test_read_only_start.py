"""The window on a register that cannot be written (issue 16 point 4): no storage dialog, the rows and deadlines
on screen, a banner with the real reason, and the actions that only change the register switched off.
The full disk and the read-only folder are real (tests/db/fault_media.py, tests/db/conftest.py made_read_only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.database import Database
from app.paths import DataPaths
from app.settings import SettingsStore
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident
from tests.db.conftest import made_read_only
from tests.db.fault_media import backup_writes_fail_with_enospc, fill, small_tmpfs
from tests.gui.test_startup_faults import AnswerStorageBox
from ui.calendar import deadline_features
from ui.shell import dialogs
from ui.shell.application import GuiSession

TITLE = "診断書の誤送付"
NOW = jst(2027, 7, 6, 10)  # the 速報 window closed the day before (tests/gui/calendar/test_main_window.py)


def _assessed_register_killed_mid_session(paths: DataPaths) -> None:
    """One assessed incident (要配慮個人情報: its deadlines run) whose session died before its close-time
    backup: the next start must copy it, and the full disk makes that copy fail."""
    db = Database.open(paths)
    add_incident(db, TITLE)
    db.engine.dispose()  # killed: no close-time backup


@pytest.fixture
def no_storage_dialog(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def refuse(box: dialogs.StorageErrorBox) -> int:
        shown.append(box.text())
        box.quit_button.click()
        return 0

    monkeypatch.setattr(dialogs.StorageErrorBox, "exec", refuse)
    monkeypatch.setattr(deadline_features, "current_time", lambda: NOW)
    return shown


@pytest.fixture
def full_disk_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataPaths]:
    with small_tmpfs(tmp_path / "disk") as mounted:
        paths = DataPaths((mounted or tmp_path) / "data")
        paths.ensure()
        _assessed_register_killed_mid_session(paths)
        SettingsStore(paths.settings_file)  # the window's settings exist before the disk fills
        if mounted is not None:
            fill(mounted)
            yield paths
        else:
            with backup_writes_fail_with_enospc(monkeypatch):
                yield paths


def _start(qapp, qtbot, paths: DataPaths) -> GuiSession:  # type: ignore[no-untyped-def]
    session = GuiSession(qapp, paths, SettingsStore(paths.settings_file))
    window = session.show_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.registerReady, timeout=20000):
        assert session.open_database() is True
    return session


def _assert_read_only_window(qtbot, session: GuiSession, banner: str) -> None:
    window = session.window
    assert window is not None
    assert window.read_only_banner.isVisible()
    assert window.read_only_title.text() == banner
    model = window.register.model
    assert model is not None and model.rowCount() == 1
    deadlines = window.deadlines
    assert deadlines is not None
    qtbot.waitUntil(
        lambda: deadlines.panel.list.topLevelItemCount() > 0
    )  # read on a worker; they stay visible
    for action in (window.new_incident_action, window.office_action, window.reassess_action):
        assert not action.isEnabled()
    assert window.export_csv_action.isEnabled()  # reading and exporting still work
    assert window.verify_audit_action.isEnabled()


def test_full_disk_opens_the_window_read_only_with_the_real_cause(
    qapp, qtbot, full_disk_paths: DataPaths, no_storage_dialog: list[str], tmp_path: Path
) -> None:
    session = _start(qapp, qtbot, full_disk_paths)
    try:
        assert no_storage_dialog == []  # not locked out behind a dialog
        _assert_read_only_window(qtbot, session, "空き容量が不足しているため読み取り専用で開いています")
        window = session.window
        assert window is not None
        detail = window.read_only_detail.text()
        assert "バックアップを書き込めませんでした" in detail
        assert "既存のバックアップ（" in detail and "まだバックアップがありません" not in detail
        window.grab().save(str(tmp_path / "read_only_disk_full.png"))
    finally:
        session.close()


def test_read_only_folder_opens_the_window_read_only(
    qapp, qtbot, data_paths: DataPaths, no_storage_dialog: list[str], tmp_path: Path
) -> None:
    _assessed_register_killed_mid_session(data_paths)
    Database.open(data_paths).close()
    with made_read_only(data_paths.root):
        mode = data_paths.root.stat().st_mode
        session = _start(qapp, qtbot, data_paths)
        try:
            assert no_storage_dialog == []
            _assert_read_only_window(
                qtbot, session, "フォルダーが書き込み禁止のため読み取り専用で開いています"
            )
            assert session.window is not None
            session.window.grab().save(str(tmp_path / "read_only_folder.png"))
        finally:
            session.close()
        assert data_paths.root.stat().st_mode == mode


def test_zero_byte_register_with_backups_offers_the_restore_and_is_never_replaced(
    qapp, qtbot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assessed_register_killed_mid_session(data_paths)
    Database.open(data_paths).close()
    data_paths.db_file.write_bytes(b"")
    answers = AnswerStorageBox(monkeypatch, "restore")
    monkeypatch.setattr(deadline_features, "current_time", lambda: NOW)
    session = _start(qapp, qtbot, data_paths)
    try:
        (seen,) = answers.seen
        assert "台帳ファイルが空（0 バイト）になっています" in str(seen["text"])
        assert "代わりの空の台帳は作成していません" in str(seen["text"])
        assert seen["restore_enabled"] is True
        assert session.window is not None and session.window.register.model.rowCount() == 1  # type: ignore[union-attr]
        assert [p.stat().st_size for p in data_paths.root.glob("breachdesk.sqlite3.damaged-*")] == [0]
    finally:
        session.close()
