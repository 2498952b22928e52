"""A damaged or unusable register at start-up: a Japanese explanation and a way out, never a traceback, never an
overwritten file. Only the modal boundaries (the message box's exec, the folder picker) are replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.paths import DataPaths
from app.settings import SettingsStore
from ui.register.view import RegisterPage
from ui.shell import dialogs
from ui.shell.application import GuiSession

GARBAGE = b"This is not a database, it is a shopping list: " + bytes(range(256)) * 8


class AnswerStorageBox:
    """Stands in for the officer: records what the box says, then clicks the given button."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        self.answers = list(answers)
        self.seen: list[dict[str, object]] = []
        monkeypatch.setattr(dialogs.StorageErrorBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: dialogs.StorageErrorBox) -> int:
        self.seen.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "info": box.informativeText(),
                "buttons": {b.text() for b in box.buttons()},
                "restore_enabled": box.restore_button is not None and box.restore_button.isEnabled(),
            }
        )
        getattr(box, f"{self.answers.pop(0)}_button").click()
        return 0


def _session(qapp, qtbot, paths: DataPaths) -> GuiSession:  # type: ignore[no-untyped-def]
    session = GuiSession(qapp, paths, SettingsStore(paths.settings_file), busy_timeout=0.2)
    window = session.show_window()
    qtbot.addWidget(window)
    return session


def _make_register_with_backup(paths: DataPaths) -> None:
    from app.db.database import Database

    Database.open(paths).close()  # creates the register and its start-up backup


def test_corrupt_register_is_explained_in_japanese_and_left_untouched(
    qapp, qtbot, data_paths, monkeypatch
) -> None:
    data_paths.db_file.write_bytes(GARBAGE)
    answers = AnswerStorageBox(monkeypatch, "quit")
    monkeypatch.setattr(qapp, "quit", lambda: None)  # the session would end the shared test application
    session = _session(qapp, qtbot, data_paths)

    assert session.open_database() is False
    (seen,) = answers.seen
    assert seen["title"] == "台帳を開けません"
    assert "破損" in str(seen["text"])
    # No backup exists: the advice is another folder or the PC's own backup, not a restore that cannot happen.
    assert "別のフォルダーを選んで新しい台帳を始めるか" in str(seen["text"])
    assert "最新のバックアップから復元" not in str(seen["text"])
    assert str(data_paths.root) in str(seen["info"])
    assert seen["buttons"] == {"最新のバックアップから復元", "別のフォルダーを選ぶ", "終了"}
    assert seen["restore_enabled"] is False  # no backup exists yet
    assert "このデータフォルダーにはまだバックアップがありません。" in str(seen["info"])
    assert "Traceback" not in str(seen["text"]) + str(seen["info"])
    assert data_paths.db_file.read_bytes() == GARBAGE
    assert session.exit_code == 3


def test_restore_latest_backup_reopens_the_register_and_keeps_the_damaged_file(
    qapp, qtbot, data_paths, monkeypatch
) -> None:
    _make_register_with_backup(data_paths)
    data_paths.db_file.write_bytes(GARBAGE)
    for leftover in ("-wal", "-shm"):
        Path(f"{data_paths.db_file}{leftover}").unlink(missing_ok=True)
    answers = AnswerStorageBox(monkeypatch, "restore")
    session = _session(qapp, qtbot, data_paths)

    with qtbot.waitSignal(session.window.registerPopulated, timeout=10000):
        assert session.open_database() is True
    try:
        assert answers.seen[0]["restore_enabled"] is True
        assert "最新のバックアップから復元" in str(
            answers.seen[0]["text"]
        )  # a backup exists: restoring is the advice
        assert "最新のバックアップ: " in str(answers.seen[0]["info"])
        assert session.window.register.page() is RegisterPage.EMPTY
        kept = [
            p
            for p in data_paths.root.iterdir()
            if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
        ]
        assert [p.read_bytes() for p in kept] == [GARBAGE]
        assert "バックアップ" in session.window.statusBar().currentMessage()
        with sqlite3.connect(data_paths.db_file) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    finally:
        session.close()


def test_choose_another_folder_opens_a_fresh_register_there(
    qapp, qtbot, data_paths, tmp_path, monkeypatch
) -> None:
    data_paths.db_file.write_bytes(GARBAGE)
    other = tmp_path / "elsewhere"
    other.mkdir()
    AnswerStorageBox(monkeypatch, "folder")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(other)))
    session = _session(qapp, qtbot, data_paths)

    with qtbot.waitSignal(session.window.registerPopulated, timeout=10000):
        assert session.open_database() is True
    try:
        assert session.paths.root == other.resolve()
        assert (other / "breachdesk.sqlite3").is_file()
        assert str(other.resolve()) in session.window.location_label.text()
        assert data_paths.db_file.read_bytes() == GARBAGE
    finally:
        session.close()


def test_locked_register_offers_try_again_not_restore(qapp, qtbot, data_paths, monkeypatch) -> None:
    _make_register_with_backup(data_paths)
    holder = sqlite3.connect(data_paths.db_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    released: list[bool] = []

    class Release(AnswerStorageBox):
        def _exec(self, box: dialogs.StorageErrorBox) -> int:
            result = super()._exec(box)
            holder.execute("COMMIT")  # the other program closes the file while the officer reads the message
            released.append(True)
            return result

    answers = Release(monkeypatch, "retry")
    session = _session(qapp, qtbot, data_paths)
    try:
        with qtbot.waitSignal(session.window.registerPopulated, timeout=20000):
            assert session.open_database() is True
        (seen,) = answers.seen
        assert "使用中" in str(seen["text"]) or "ロック" in str(seen["text"])
        assert seen["buttons"] == {"もう一度試す", "別のフォルダーを選ぶ", "終了"}
        assert released == [True]
    finally:
        session.close()
        holder.close()
