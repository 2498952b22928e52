"""The encrypted register in the window (issue 17): the first start sets a passphrase and shows the recovery key
once; later starts unlock with the passphrase, the recovery key or the key remembered on this PC; a wrong
passphrase keeps the dialog; Cancel quits without touching the file. Real SQLCipher files, real dialogs."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from app.db.cipher import read_keys, recovery_text, unwrap, wrap, write_keys
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER
from app.i18n import set_language
from app.paths import DataPaths
from app.settings import SettingsStore
from tests.gui.conftest import REAL_FIRST_START
from tests.gui.jp_input import type_japanese
from ui.register.view import Column
from ui.shell import encryption_dialogs
from ui.shell.application import GuiSession
from ui.shell.encryption_dialogs import NewPassphraseDialog, UnlockDialog
from ui.shell.translations import install_qt_translators

PASSPHRASE = "春の小川はさらさら行くよ"  # Japanese, as an officer may choose
TITLE = "メールの誤送信（顧客名簿）"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS credential store, in memory: tests never touch the real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def real_first_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(GuiSession, "is_first_start", REAL_FIRST_START)


def when_shown(kind: type[QDialog], steps: Callable[[QDialog], None]) -> list[object]:
    """Run `steps` on the dialog of `kind` once its exec() has shown it (polled each event-loop turn, no sleep).
    A failing step closes the dialog and is re-raised by `finished`, so a test never hangs on a modal."""
    outcome: list[object] = []

    def poll() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            QTimer.singleShot(5, poll)
            return
        try:
            steps(shown[0])
            outcome.append(shown[0])
        except BaseException as exc:  # handed back to the test by `finished`
            outcome.append(exc)
            shown[0].reject()

    QTimer.singleShot(0, poll)
    return outcome


def finished(outcome: list[object]) -> None:
    assert outcome, "the dialog was never shown"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]


def shot(widget: QWidget, path: Path) -> None:
    assert widget.grab().save(str(path))


def encrypted_register(paths: DataPaths, passphrase: str = PASSPHRASE) -> RegisterKey:
    """A register set up as the first start does it, with one incident."""
    from app.db.database import Database
    from app.services.incidents import IncidentService

    key = RegisterKey.new()
    write_keys(paths.root, wrap(key, passphrase), paths.backups_dir)
    db = Database.open(paths, key=key)
    IncidentService(db).create(TITLE, {"learned_date": "2026-11-02"}, None, None)
    db.close()
    return key


def shown_titles(session: GuiSession) -> list[str]:
    model = session.window.register.model  # type: ignore[union-attr]
    return [model.data(model.index(row, Column.TITLE)) for row in range(model.rowCount())]


def start(qapp, qtbot, paths: DataPaths, *, track: bool = True) -> GuiSession:  # type: ignore[no-untyped-def]
    """Phase 1 as at start-up; `track=False` when the test replaces the window (it closes the last one)."""
    session = GuiSession(qapp, paths, SettingsStore(paths.settings_file))
    window = session.show_window()
    if track:
        qtbot.addWidget(window)
    return session


def test_first_start_encrypts_the_register_and_shows_the_recovery_key_once(
    qapp, qtbot, data_paths: DataPaths, tmp_path: Path, real_first_start, memory_keyring, monkeypatch, caplog
) -> None:
    sheet = tmp_path / "officer" / "回復キー.pdf"
    sheet.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(sheet), "PDF (*.pdf)"))
    seen: dict[str, object] = {}

    def set_up(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPassphraseDialog)
        assert not dialog.next_button.isEnabled()
        type_japanese(dialog.fields.first, "春の小川")  # too short: the hint says why
        assert "10" in dialog.fields.hint.text()
        shot(dialog, tmp_path / "setup-weak-ja.png")
        dialog.fields.first.clear()
        type_japanese(dialog.fields.first, PASSPHRASE)
        type_japanese(dialog.fields.second, PASSPHRASE[:-1])
        assert not dialog.next_button.isEnabled()
        assert dialog.fields.hint.text()  # not the same yet
        dialog.fields.second.clear()
        type_japanese(dialog.fields.second, PASSPHRASE)
        assert dialog.fields.hint.text() == ""
        dialog.fields.show_box.setChecked(True)
        assert dialog.fields.first.text() == PASSPHRASE  # shown, as typed through the IME
        shot(dialog, tmp_path / "setup-passphrase-ja.png")
        dialog.remember_box.setChecked(True)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.pages.currentIndex() == 1
        assert not dialog.finish_button.isEnabled()  # not before the key is printed or saved
        seen["recovery"] = dialog.recovery
        assert dialog.recovery.split("-")[0] in dialog.key_label.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert sheet.name in dialog.sheet_status.text()
        dialog.saved_box.setChecked(True)
        shot(dialog, tmp_path / "setup-recovery-ja.png")
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    outcome = when_shown(NewPassphraseDialog, set_up)
    assert start(qapp, qtbot, data_paths).open_database()
    finished(outcome)
    recovery = str(seen["recovery"])
    assert data_paths.db_file.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER
    keys = read_keys(data_paths.root)
    assert keys is not None and (data_paths.backups_dir / "breachdesk.keys.json").is_file()
    key = unwrap(keys, PASSPHRASE)
    assert recovery_text(key) == recovery
    assert memory_keyring.store, "「このPCに記憶する」 keeps the key in the credential store"
    # The sheet the officer saved: the key in groups, readable back from the PDF.
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.read_bytes())).pages)
    assert "BreachDesk 回復キー" in text
    assert all(group in text for group in recovery.split("-"))
    assert str(data_paths.root) in text.replace("\n", "")
    # Nothing secret anywhere else: not in the log, not in settings.json, not in the data folder.
    assert recovery not in caplog.text and PASSPHRASE not in caplog.text
    for file in data_paths.root.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            assert recovery.encode() not in data and PASSPHRASE.encode() not in data, file


def test_a_saved_sheet_is_refused_inside_the_data_folder(qtbot, data_paths: DataPaths, monkeypatch) -> None:
    dialog = NewPassphraseDialog(data_paths)
    qtbot.addWidget(dialog)
    inside = data_paths.root / "回復キー.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(inside), "PDF (*.pdf)"))
    warned: list[str] = []
    monkeypatch.setattr(
        encryption_dialogs.QMessageBox, "warning", lambda parent, title, text: warned.append(text)
    )
    assert dialog.save_sheet() is None
    assert not inside.exists()
    assert str(data_paths.root) in warned[0]


def test_cancelling_the_first_start_quits_and_creates_nothing(
    qapp, qtbot, data_paths: DataPaths, real_first_start
) -> None:
    outcome = when_shown(NewPassphraseDialog, lambda dialog: dialog.reject())
    session = start(qapp, qtbot, data_paths)
    assert session.open_database() is False
    finished(outcome)
    assert session.exit_code == 0 and session.db is None
    assert not data_paths.db_file.exists() and read_keys(data_paths.root) is None


def test_reopening_asks_for_the_passphrase_keeps_the_dialog_on_a_wrong_one_and_opens_with_the_recovery_key(
    qapp, qtbot, data_paths: DataPaths, tmp_path: Path, memory_keyring
) -> None:
    key = encrypted_register(data_paths)

    def unlock(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        assert str(data_paths.root) in dialog.intro.text()
        for attempt in range(3):
            type_japanese(dialog.field, f"春の小川は{attempt}")
            qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
            assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
            assert "パスフレーズが正しくありません" in dialog.message.text()
            assert "春の小川" not in dialog.message.text()  # what was typed is never echoed
            assert dialog.field.text() == ""
            assert dialog.explanation.isVisible() is (attempt == 2)
        assert "回復キー" in dialog.explanation.text()
        shot(dialog, tmp_path / "unlock-three-tries-ja.png")
        dialog.switch_link.linkActivated.emit("recovery")
        assert dialog.with_recovery and dialog.field_label.text().startswith("回復キー")
        qtbot.keyClicks(dialog.field, "AAAA-BBBB")  # mistyped: the checksum says so, the dialog stays
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "回復キー" in dialog.message.text()
        qtbot.keyClicks(dialog.field, recovery_text(key).lower().replace("-", " "))
        shot(dialog, tmp_path / "unlock-recovery-ja.png")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    outcome = when_shown(UnlockDialog, unlock)
    session = start(qapp, qtbot, data_paths)
    assert session.open_database()
    finished(outcome)
    assert session.key == key
    qtbot.waitUntil(lambda: shown_titles(session) == [TITLE])
    assert not memory_keyring.store  # not asked to remember
    session.close()


def test_the_passphrase_and_remember_open_it_and_the_remembered_key_skips_the_dialog(
    qapp, qtbot, data_paths: DataPaths, memory_keyring, monkeypatch
) -> None:
    key = encrypted_register(data_paths)

    def unlock(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.remember_box.setChecked(True)
        type_japanese(dialog.field, PASSPHRASE)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    outcome = when_shown(UnlockDialog, unlock)
    first = start(qapp, qtbot, data_paths)
    assert first.open_database()
    finished(outcome)
    qtbot.waitUntil(lambda: shown_titles(first) == [TITLE])
    first.close()
    assert list(memory_keyring.store.values()) == [key.raw.hex()]

    def no_dialog(self: QDialog) -> int:
        raise AssertionError("the remembered key should open the register without asking")

    monkeypatch.setattr(UnlockDialog, "exec", no_dialog)
    second = start(qapp, qtbot, data_paths)
    assert second.open_database()
    qtbot.waitUntil(lambda: shown_titles(second) == [TITLE])
    qtbot.waitUntil(lambda: second.services is not None)  # phase 3: the menu knows the register is encrypted
    window = second.window
    assert window.change_passphrase_action.isEnabled() and window.forget_key_action.isEnabled()
    assert not window.encrypt_action.isEnabled() and not window.plain_button.isVisible()
    second.forget_key()
    assert not memory_keyring.store
    second.close()


def test_cancel_at_unlock_quits_cleanly_and_leaves_the_file_as_it_was(
    qapp, qtbot, data_paths: DataPaths, memory_keyring
) -> None:
    encrypted_register(data_paths)
    before = data_paths.db_file.read_bytes()
    outcome = when_shown(UnlockDialog, lambda dialog: dialog.reject())
    session = start(qapp, qtbot, data_paths)
    assert session.open_database() is False
    finished(outcome)
    assert session.exit_code == 0 and session.db is None
    assert data_paths.db_file.read_bytes() == before


def test_dialogs_in_english(qapp, qtbot, data_paths: DataPaths, tmp_path: Path) -> None:
    set_language("en")
    install_qt_translators(qapp, "en")
    setup = NewPassphraseDialog(data_paths)
    qtbot.addWidget(setup)
    setup.show()
    setup.fields.first.setText("short")
    assert "at least 10 characters" in setup.fields.hint.text()
    shot(setup, tmp_path / "setup-passphrase-en.png")
    setup._go(1)
    shot(setup, tmp_path / "setup-recovery-en.png")
    assert setup.saved_box.text() == "I have printed or saved the recovery key"
    unlock = UnlockDialog(data_paths)
    qtbot.addWidget(unlock)
    unlock.show()
    unlock._refused("The passphrase is not correct. Try again, or open the register with its recovery key.")
    shot(unlock, tmp_path / "unlock-en.png")
    assert "Open with the recovery key" in unlock.switch_link.text()


def test_with_the_keys_file_lost_the_recovery_key_still_opens_it_in_the_window(
    qapp, qtbot, data_paths: DataPaths, memory_keyring
) -> None:
    """Both copies of breachdesk.keys.json gone: the file is still recognised as an encrypted register (a whole
    number of SQLCipher pages), so the window asks for the key instead of calling it damaged."""
    key = encrypted_register(data_paths)
    for folder in (data_paths.root, data_paths.backups_dir):
        (folder / "breachdesk.keys.json").unlink()

    def unlock(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.switch_link.linkActivated.emit("recovery")
        qtbot.keyClicks(dialog.field, recovery_text(key))
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    outcome = when_shown(UnlockDialog, unlock)
    session = start(qapp, qtbot, data_paths)
    assert session.open_database()
    finished(outcome)
    assert session.key == key
    qtbot.waitUntil(lambda: shown_titles(session) == [TITLE])
    session.close()
