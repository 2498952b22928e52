"""The register's encryption from the menu (issue 17): 「パスフレーズの変更…」 re-wraps the same key, and
「台帳を暗号化する…」 converts a plain register, after which no file in the data folder holds readable data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.db.cipher import read_keys, unwrap
from app.db.sqlite_uri import SQLITE_HEADER
from app.errors import InputError
from app.paths import DataPaths
from tests.gui.jp_input import type_japanese
from tests.gui.test_encryption_start import (
    PASSPHRASE,
    TITLE,
    MemoryKeyring,
    encrypted_register,
    finished,
    shot,
    shown_titles,
    start,
    when_shown,
)
from ui.shell import encryption_dialogs
from ui.shell.encryption_dialogs import ChangePassphraseDialog, NewPassphraseDialog

NEW_PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_change_passphrase_needs_the_current_one_and_keeps_the_key(
    qtbot, data_paths: DataPaths, tmp_path: Path, memory_keyring
) -> None:
    key = encrypted_register(data_paths)
    dialog = ChangePassphraseDialog(data_paths, key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.fields.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.second, NEW_PASSPHRASE)
    assert dialog.ok_button.isEnabled()
    type_japanese(dialog.current, "春の小川は違う")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.changed
    assert "パスフレーズが正しくありません" in dialog.message.text()
    assert unwrap(read_keys(data_paths.root), PASSPHRASE) == key  # unchanged
    shot(dialog, tmp_path / "change-passphrase-ja.png")
    type_japanese(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.changed
    assert unwrap(read_keys(data_paths.root), NEW_PASSPHRASE) == key  # same key: backups stay readable
    with pytest.raises(InputError):
        unwrap(read_keys(data_paths.root), PASSPHRASE)
    assert unwrap(read_keys(data_paths.backups_dir.parent / "backups"), NEW_PASSPHRASE) == key


def test_a_remembered_key_replaces_the_current_passphrase(
    qtbot, data_paths: DataPaths, memory_keyring
) -> None:
    key = encrypted_register(data_paths)
    encryption_dialogs.unlock.remember(data_paths, key)
    dialog = ChangePassphraseDialog(data_paths, key)
    qtbot.addWidget(dialog)
    assert dialog.use_remembered
    qtbot.keyClicks(dialog.fields.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.second, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.changed and unwrap(read_keys(data_paths.root), NEW_PASSPHRASE) == key


def test_encrypt_a_plain_register_from_the_window(
    qapp, qtbot, data_paths: DataPaths, tmp_path: Path, memory_keyring, monkeypatch
) -> None:
    from app.db.database import Database
    from app.services.incidents import IncidentService

    db = Database.open(data_paths)  # plain, as before issue 17 (and its start-up backup, plain too)
    IncidentService(db).create(TITLE, {"learned_date": "2026-11-02"}, None, None)
    db.close()
    session = start(qapp, qtbot, data_paths, track=False)
    assert session.open_database()
    qtbot.waitUntil(lambda: session.services is not None)
    window = session.window
    assert window.encrypt_action.isEnabled() and window.plain_button.isVisible()
    assert not window.change_passphrase_action.isEnabled()
    shot(window, tmp_path / "plain-register-ja.png")
    asked: list[str] = []
    monkeypatch.setattr(
        encryption_dialogs.QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )

    def set_up(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPassphraseDialog) and dialog.converting
        qtbot.keyClicks(dialog.fields.first, NEW_PASSPHRASE)
        qtbot.keyClicks(dialog.fields.second, NEW_PASSPHRASE)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        dialog.saved_box.setChecked(True)
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    outcome = when_shown(NewPassphraseDialog, set_up)
    window.encrypt_action.trigger()
    finished(outcome)
    assert "バックアップ" in asked[0]
    assert session.key is not None
    assert data_paths.db_file.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER
    assert unwrap(read_keys(data_paths.root), NEW_PASSPHRASE) == session.key
    qtbot.waitUntil(lambda: session.services is not None and shown_titles(session) == [TITLE])
    assert session.window is not window and session.window.change_passphrase_action.isEnabled()
    assert not session.window.plain_button.isVisible()
    shot(session.window, tmp_path / "encrypted-register-ja.png")
    session.window.close()
    session.close()
    # Afterwards no file of the data folder holds the incident in readable form (logs aside: they hold no data).
    needle = TITLE.encode("utf-8")
    readable = [
        p
        for p in data_paths.root.rglob("*")
        if p.is_file() and data_paths.logs_dir not in p.parents and needle in p.read_bytes()
    ]
    assert readable == []
