"""`main.py selftest`'s encryption item (issue 17): a real SQLCipher register, created, refused without its key,
reopened with the key its passphrase unwraps and verified, in a temporary folder it removes again."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from app.cli import parse_args, run_command
from app.commands import selftest
from app.db.register_key import RegisterKey
from app.paths import DataPaths
from app.services.root import Services


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where tempfile makes its folders: the test sees what the self-test leaves behind."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def no_credential_store() -> Iterator[None]:
    """A PC without a credential store, as this headless box (and a Windows service account) is."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.mark.usefixtures("no_credential_store")
def test_selftest_checks_an_encrypted_register_and_removes_it(tmp_path: Path, temp_root: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(parse_args(["--data-dir", str(tmp_path / "data"), "selftest"]), out, err)

    assert code == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert any(line.startswith("暗号化（SQLCipher 4.") and line.endswith("）: OK") for line in lines), lines
    assert lines[-1] == "自己診断に合格しました。"
    # No credential store: said so, not a failure (the window asks for the passphrase).
    assert "「このPCに記憶する」に使う資格情報の保存先: このPCにはありません" in out.getvalue()
    assert list(temp_root.iterdir()) == []  # the encrypted register lived in a temporary folder, now gone
    assert not any("cipher" in path.name for path in (tmp_path / "data").iterdir())


def test_the_check_fails_when_the_register_is_written_in_the_clear(
    temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle whose storage ignored the key would write names in the clear: the self-test must say so."""
    keys: list[RegisterKey] = []
    opened = Services.open

    def open_plain(
        paths: DataPaths, database_url: str | None = None, key: RegisterKey | None = None
    ) -> Services:
        if key is not None:
            keys.append(key)
        return opened(paths, database_url)

    monkeypatch.setattr(selftest.Services, "open", staticmethod(open_plain))
    out = io.StringIO()
    with pytest.raises(selftest.EncryptionCheckFailed, match="without encryption") as failure:
        selftest._check_encryption(out)

    assert out.getvalue() == ""
    assert keys and keys[0].raw.hex() not in str(failure.value)
    assert list(temp_root.iterdir()) == []
