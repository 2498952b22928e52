"""Issue 17 on the command line: unlocking, a new register, `encrypt` / `decrypt` / `passphrase`, bad input and an
interrupted conversion, on real SQLCipher files (the OS credential store replaced by an in-memory one)."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from app.cli import parse_args, run_command
from app.db import cipher
from app.db.backups import list_backups
from app.db.connect import is_encrypted_file
from app.db.database import Database
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import SQLITE_HEADER
from app.db.window_lock import LOCK_NAME
from app.paths import DataPaths
from app.services import unlock
from app.services.backups import describe_backups
from app.services.incidents import IncidentService

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "しずかな湖のほとりで2027"
NAME = "山田太郎"  # a person's name: after `encrypt`, no file of the data folder may hold it readable
TITLES = [f"{NAME}様宛ての誤送信 {n}" for n in range(3)]


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Never the real credential store; no passphrase from the developer's shell; stdin is no terminal."""
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    for variable in (unlock.PASSPHRASE_VARIABLE, unlock.RECOVERY_VARIABLE, "BREACHDESK_NEW_PASSPHRASE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    yield memory
    keyring.set_keyring(previous)


def cli(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(parse_args(["--data-dir", str(paths.root), *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def plain_register(paths: DataPaths) -> None:
    """Three incidents over two sessions: the register and several plain backups hold the name."""
    for titles in (TITLES[:1], TITLES[1:]):
        db = Database.open(paths, busy_timeout=0.2)
        for title in titles:
            IncidentService(db).create(title, {"learned_date": "2027-07-02"}, None, None)
        db.close()


def titles(paths: DataPaths, key: RegisterKey | None) -> list[str]:
    db = Database.open(paths, busy_timeout=0.2, key=key)
    try:
        return sorted(s.title for s in IncidentService(db).list_summaries())
    finally:
        db.close()


def files_with_the_name(root: Path) -> list[str]:
    return [
        p.relative_to(root).as_posix()
        for p in sorted(root.rglob("*"))
        if p.is_file() and NAME.encode("utf-8") in p.read_bytes()
    ]


def recovery_key_in(out: str) -> str:
    lines = out.splitlines()
    return next(lines[n + 1] for n, line in enumerate(lines) if line.startswith("回復キー"))


def encrypted(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> str:
    """A plain register encrypted by the command; returns the recovery key it printed."""
    plain_register(paths)
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, err = cli(paths, "encrypt")
    assert code == 0, err
    return recovery_key_in(out)


# --- encrypt -----------------------------------------------------------------------------------------------------
def test_encrypt_leaves_no_readable_name_in_any_file_of_the_data_folder(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_register(data_paths)
    aside = data_paths.root / "breachdesk.sqlite3.replaced-20270701T000000000000Z"  # left by a restore
    aside.write_bytes(data_paths.db_file.read_bytes())
    partial = (
        data_paths.backups_dir / "breachdesk-start-20270701T000000000000Z.sqlite3.partial"
    )  # a killed copy
    partial.write_bytes(data_paths.db_file.read_bytes())
    plain_backups = len(list_backups(data_paths.backups_dir))
    assert files_with_the_name(data_paths.root)  # the test can fail: the name is there before

    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, err = cli(data_paths, "encrypt")

    assert code == 0, err
    assert "台帳を暗号化しました（事案 3 件、監査ログ 3 件）" in out
    assert f"バックアップ {plain_backups + 1} 件を変換しました" in out  # and the verified copy made before
    assert "暗号化されていない残りのファイル 2 件を削除しました" in out
    assert out.count("回復キー（表示はこの一度だけです") == 1
    assert PASSPHRASE not in out + err
    assert files_with_the_name(data_paths.root) == []
    assert is_encrypted_file(data_paths.db_file)
    assert all(is_encrypted_file(p) for p in list_backups(data_paths.backups_dir))
    key = unlock.key_for(data_paths)
    assert titles(data_paths, key) == sorted(TITLES)
    assert all(info.usable for info in describe_backups(data_paths.backups_dir, key))

    code, out, err = cli(
        data_paths, "register", "export", "--format", "json", "--out", str(data_paths.root / "x.json")
    )
    assert code == 0, err


def test_the_recovery_key_opens_the_register_and_a_second_encrypt_changes_nothing(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = encrypted(data_paths, monkeypatch)
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    monkeypatch.setenv(unlock.RECOVERY_VARIABLE, recovery.lower())  # typed in lower case: still the key
    assert titles(data_paths, unlock.key_for(data_paths)) == sorted(TITLES)

    before = data_paths.db_file.read_bytes()
    code, out, _err = cli(data_paths, "encrypt")
    assert (code, out.strip()) == (0, "台帳はすでに暗号化されています。")
    assert data_paths.db_file.read_bytes() == before


def test_encrypt_refuses_a_weak_passphrase_and_while_a_window_holds_the_register(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_register(data_paths)
    before = data_paths.db_file.read_bytes()
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, "abc")
    code, _out, err = cli(data_paths, "encrypt")
    assert code == 2 and "推測されやすい" in err and "10 文字以上" in err

    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    (data_paths.root / LOCK_NAME).write_text(f"{os.getpid()}\nBreachDesk\n{socket.gethostname()}\n")
    code, _out, err = cli(data_paths, "encrypt")
    assert code == 2 and "ウィンドウを閉じてから" in err
    assert data_paths.db_file.read_bytes() == before


def test_encrypt_without_a_passphrase_names_the_variable(data_paths: DataPaths) -> None:
    plain_register(data_paths)
    code, out, err = cli(data_paths, "encrypt")
    assert (code, out) == (2, "")
    assert "BREACHDESK_PASSPHRASE" in err and "Traceback" not in err
    assert not is_encrypted_file(data_paths.db_file)


# --- unlocking and bad input ---------------------------------------------------------------------------------------
def test_an_encrypted_register_without_a_passphrase_exits_2_naming_the_variables(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(data_paths, monkeypatch)
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    code, out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert (code, out) == (2, "")
    assert "BREACHDESK_PASSPHRASE" in err and "BREACHDESK_RECOVERY_KEY" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_wrong_passphrase_exits_2_with_one_line_and_changes_nothing(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(data_paths, monkeypatch)
    before = {p.name: p.read_bytes() for p in data_paths.root.iterdir() if p.is_file()}
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, "しずかな湖のほとりで2028")
    code, out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert (code, out) == (2, "")
    assert (
        err.strip()
        == "エラー: パスフレーズが正しくありません。もう一度入力するか、回復キーで台帳を開いてください。"
    )
    assert {p.name: p.read_bytes() for p in data_paths.root.iterdir() if p.is_file()} == before


def test_a_wrong_or_mistyped_recovery_key_is_explained(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = encrypted(data_paths, monkeypatch)
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    monkeypatch.setenv(
        unlock.RECOVERY_VARIABLE, cipher.recovery_text(RegisterKey.new())
    )  # another register's
    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 2 and "この回復キーでは、この台帳を開けません" in err

    mistyped = ("AAAA" if not recovery.startswith("AAAA") else "BBBB") + recovery[4:]
    monkeypatch.setenv(unlock.RECOVERY_VARIABLE, mistyped)
    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 2 and "回復キー" in err and recovery not in err and mistyped not in err


def test_a_plain_register_opened_with_a_passphrase_says_it_is_not_encrypted(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_register(data_paths)
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 3 and "台帳は暗号化されていない" in err and PASSPHRASE not in err
    assert titles(data_paths, None) == sorted(TITLES)


def test_a_damaged_encrypted_register_is_called_damaged_not_a_wrong_passphrase(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(data_paths, monkeypatch)
    with data_paths.db_file.open("r+b") as stream:  # page 1 overwritten: SQLCipher's HMAC fails
        stream.seek(100)
        stream.write(b"\x00" * 200)
    damaged = data_paths.db_file.read_bytes()
    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 3
    assert (
        "台帳ファイルが破損しています" in err
        and "restore --list" in err
        and "パスフレーズが正しくありません" not in err
    )
    assert data_paths.db_file.read_bytes() == damaged


def test_the_remembered_key_opens_without_a_passphrase_and_a_failing_store_is_no_crash(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    encrypted(data_paths, monkeypatch)
    key = unlock.key_for(data_paths)
    assert key is not None and unlock.remember(data_paths, key)
    assert key.raw.hex() not in (data_paths.root / "breachdesk.keys.json").read_text()
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    assert unlock.key_for(data_paths, environ={}) == key

    keyring.set_keyring(keyring.backends.fail.Keyring())  # a headless Linux box: no credential store
    assert unlock.remembered_key(data_paths) is None
    assert unlock.remember(data_paths, key) is False
    unlock.forget(data_paths)
    with pytest.raises(unlock.InputError):
        unlock.key_for(data_paths, environ={})
    assert unlock.key_for(data_paths, environ={unlock.PASSPHRASE_VARIABLE: PASSPHRASE}) == key


# --- a new register from the command line ----------------------------------------------------------------------------
def test_a_new_register_is_created_encrypted_when_a_passphrase_is_set(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 2, err  # there is no incident 1: the register was created all the same
    assert "暗号化した新しい台帳を" in out and out.count("回復キー（") == 1
    assert is_encrypted_file(data_paths.db_file) and cipher.keys_file(data_paths.root).is_file()
    recovery = recovery_key_in(out)

    code, out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert "回復キー" not in out  # shown once
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    monkeypatch.setenv(unlock.RECOVERY_VARIABLE, recovery)
    assert titles(data_paths, unlock.key_for(data_paths)) == []


def test_without_a_passphrase_a_new_register_is_plain_and_the_officer_is_told_once(
    data_paths: DataPaths,
) -> None:
    code, out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 2
    assert "新しい台帳は暗号化されていません" in err and "main.py encrypt" in err and "回復キー" not in out
    assert data_paths.db_file.read_bytes().startswith(SQLITE_HEADER)
    _code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert "暗号化されていません" not in err


# --- decrypt and passphrase -------------------------------------------------------------------------------------------
def test_decrypt_needs_the_explicit_flag_then_stores_everything_plain(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(data_paths, monkeypatch)
    before = data_paths.db_file.read_bytes()
    code, _out, err = cli(data_paths, "decrypt")
    assert code == 2 and "--yes-store-unencrypted" in err and "個人データを読める" in err
    assert data_paths.db_file.read_bytes() == before

    code, out, err = cli(data_paths, "decrypt", "--yes-store-unencrypted")
    assert code == 0, err
    assert "台帳の暗号化を解除しました（事案 3 件" in out and "暗号化されずに保存されています" in err
    assert not is_encrypted_file(data_paths.db_file)
    assert not cipher.keys_file(data_paths.root).exists()
    assert not any(is_encrypted_file(p) for p in list_backups(data_paths.backups_dir))
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    assert titles(data_paths, None) == sorted(TITLES)
    assert all(info.usable for info in describe_backups(data_paths.backups_dir))


def test_a_new_passphrase_keeps_the_key_and_new_key_replaces_the_recovery_key(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = encrypted(data_paths, monkeypatch)
    new = "夕焼け小焼けで日が暮れて"
    monkeypatch.setenv("BREACHDESK_NEW_PASSPHRASE", new)
    code, out, err = cli(data_paths, "passphrase")
    assert code == 0, err
    assert "パスフレーズを変更しました。回復キーは変わりません。" in out
    with pytest.raises(unlock.InputError):
        unlock.key_for(data_paths, passphrase=PASSPHRASE)
    key = unlock.key_for(data_paths, passphrase=new)
    assert key == cipher.key_from_recovery(recovery)

    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, new)
    monkeypatch.setenv("BREACHDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, out, err = cli(data_paths, "passphrase", "--new-key")
    assert code == 0, err
    new_recovery = recovery_key_in(out)
    assert new_recovery != recovery and "以前の回復キーでは、もう台帳を開けません" in out
    new_key = unlock.key_for(data_paths, passphrase=PASSPHRASE)
    assert new_key == cipher.key_from_recovery(new_recovery)
    assert not unlock.key_opens(data_paths.db_file, cipher.key_from_recovery(recovery))
    assert titles(data_paths, new_key) == sorted(TITLES)
    assert all(info.usable for info in describe_backups(data_paths.backups_dir, new_key))
    assert files_with_the_name(data_paths.root) == []


# --- an interrupted conversion ---------------------------------------------------------------------------------------
_KILLED_AT = """
import os, signal, sys
import app.db.encryption as encryption
step = sys.argv[1]
def stop(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)
encryption.checkpoint = stop
from app.cli import parse_args, run_command
sys.exit(run_command(parse_args(sys.argv[2:])))
"""


def _encrypt_killed_at(paths: DataPaths, step: str) -> None:
    env = {**os.environ, unlock.PASSPHRASE_VARIABLE: PASSPHRASE}
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, step, "--data-dir", str(paths.root), "encrypt"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()


@pytest.mark.parametrize("step", ["exported", "before-swap", "original-aside"])
def test_a_kill_before_the_swap_leaves_the_original_usable(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    plain_register(data_paths)
    _encrypt_killed_at(data_paths, step)

    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")  # the next start puts things right
    assert code == 2 and "Traceback" not in err  # no incident 1… but the register opened
    assert not is_encrypted_file(data_paths.db_file)
    assert titles(data_paths, None) == sorted(TITLES)
    leftovers = [
        p.name for p in data_paths.root.iterdir() if ".converting" in p.name or ".original" in p.name
    ]
    assert leftovers == []

    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, _out, err = cli(data_paths, "encrypt")
    assert code == 0, err
    assert files_with_the_name(data_paths.root) == []


@pytest.mark.parametrize("step", ["swapped", "backup-converted"])
def test_a_kill_after_the_swap_leaves_the_encrypted_register_and_encrypt_finishes_the_backups(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    plain_register(data_paths)
    _encrypt_killed_at(data_paths, step)
    monkeypatch.setenv(unlock.PASSPHRASE_VARIABLE, PASSPHRASE)

    code, _out, err = cli(data_paths, "report", "show", "--incident", "1")
    assert code == 2 and "パスフレーズ" not in err, err
    assert is_encrypted_file(data_paths.db_file)
    assert titles(data_paths, unlock.key_for(data_paths)) == sorted(TITLES)
    assert files_with_the_name(data_paths.root)  # some backups are still plain

    code, out, err = cli(data_paths, "encrypt")
    assert code == 0, err
    assert "暗号化されていなかったバックアップを、今回変換しました" in out
    assert files_with_the_name(data_paths.root) == []


def test_verify_and_restore_work_on_an_encrypted_register(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """verify reads it (and a copy elsewhere) without writing; restore --list describes encrypted backups and a
    restore keeps the register encrypted."""
    recovery = encrypted(data_paths, monkeypatch)
    before = {p: p.read_bytes() for p in data_paths.root.rglob("*") if p.is_file()}
    code, out, err = cli(data_paths, "verify")
    assert code == 0, err
    assert out.startswith("OK: 監査ログは改変されていません")
    assert {p: p.read_bytes() for p in data_paths.root.rglob("*") if p.is_file()} == before
    copy = tmp_path / "evidence" / "写し.sqlite3"
    copy.parent.mkdir()
    copy.write_bytes(data_paths.db_file.read_bytes())
    monkeypatch.delenv(unlock.PASSPHRASE_VARIABLE)
    monkeypatch.setenv(unlock.RECOVERY_VARIABLE, recovery)
    code, _out, err = cli(data_paths, "verify", "--file", str(copy))
    assert code == 0, err
    code, out, err = cli(data_paths, "restore", "--list")
    assert code == 0, err
    assert "破損" not in out and "事案 3 件" in out
    oldest = len(out.splitlines()) - 1
    code, _out, err = cli(data_paths, "restore", str(oldest))
    assert code == 0, err
    assert is_encrypted_file(data_paths.db_file)
    assert files_with_the_name(data_paths.root) == []
