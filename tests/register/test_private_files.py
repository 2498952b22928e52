"""Files that hold personal data are owner-only on POSIX (issue 16 point 6): 0600 files, 0700 folders.

Two layers: main.py sets a private umask for the whole process (the log, selftest.pdf, SQLite's journals), and our
own writers (register export, documents, letters) set the mode themselves, so that a caller that does not go
through main() is private too. Each test starts from the usual umask 022, under which Python would write 0644.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from app.cli import build_parser, run_command
from app.db.database import Database
from app.paths import DataPaths
from tests.documents.builders.factories import seed_incident

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows: the private profile)")

RECIPIENTS = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"
    "C1,髙橋 一郎,100-0001,東京都千代田区千代田1-1,,ichiro@example.jp\r\n"
    "C3,山﨑 花子,100-0003,東京都千代田区千代田1-3,,hanako@example.jp\r\n"
)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """A desktop's usual umask, put back afterwards: main() changes it for the whole (test) process."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def register(data_paths: DataPaths) -> DataPaths:
    db = Database.open(data_paths)
    try:
        seed_incident(db)
    finally:
        db.close()
    return data_paths


def _modes(folder: Path) -> dict[str, int]:
    """Every file and folder under `folder` (itself included), by relative path, with its permission bits."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.stat().st_mode)
    return found


def _not_private(folder: Path) -> dict[str, str]:
    return {
        name: oct(mode)
        for name, mode in _modes(folder).items()
        if mode != (0o700 if (folder / name).is_dir() else 0o600)
    }


def _run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    """A command without main(): the way a script or a test would call our code as a library."""
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["--data-dir", str(paths.root), *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def test_our_writers_are_private_without_main(usual_umask: None, register: DataPaths, tmp_path: Path) -> None:
    outside = tmp_path / "共有フォルダ"
    outside.mkdir()
    (outside / "list.csv").write_text(RECIPIENTS, encoding="utf-8")
    os.chmod(outside / "list.csv", 0o600)  # the officer's own input: not ours to judge

    code, _out, err = _run(register, "register", "export", "--out", str(outside / "台帳.csv"))
    assert code == 0, err
    assert err.strip() == (
        f"台帳を {outside / '台帳.csv'} に書き出しました。個人データを含むため、取り扱いにご注意ください。"
    )
    code, _out, err = _run(
        register, "register", "export", "--format", "json", "--out", str(outside / "台帳.json")
    )
    assert code == 0, err
    code, out, err = _run(
        register, "export", "notice_letter", "--incident", "1", "--out", str(outside / "通知.pdf"),
        "--allow-missing",
    )  # fmt: skip
    assert code == 0, err
    assert f"{outside / '通知.pdf'} に書き出しました。個人データを含むため" in out
    code, out, err = _run(
        register, "letters", "--incident", "1", "--recipients", str(outside / "list.csv"),
        "--mode", "separate", "--out", str(outside / "letters" / "run1"),
    )  # fmt: skip
    assert code == 0, err
    assert f"{outside / 'letters' / 'run1'} に書き出しました。個人データを含むため" in out
    code, out, err = _run(
        register, "letters", "--incident", "1", "--recipients", str(outside / "list.csv"),
        "--mode", "eml", "--out", str(outside / "mail"),
    )  # fmt: skip
    assert code == 0, err

    created = _modes(outside)
    assert {"台帳.csv", "台帳.json", "通知.pdf", "letters/run1", "mail"} <= set(created)
    assert len([n for n in created if n.startswith("letters/run1/") and n.endswith(".pdf")]) == 2
    assert len([n for n in created if n.startswith("mail/") and n.endswith(".eml")]) == 2
    # Only the officer's own folder and the parent mkdir(parents=True) made on the way stay as the umask says.
    assert _not_private(outside) == {".": "0o755", "letters": "0o755"}
    # The data folder too: the register, its journals, the backups, the anchors.
    assert _not_private(register.root) == {}


def test_main_makes_every_file_of_a_run_private(
    usual_umask: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main.main(["--data-dir", str(data), "selftest"]) == 0
    files = _modes(data)
    assert {"selftest.pdf", "logs/breachdesk.log", "breachdesk.sqlite3"} <= set(files)
    assert any(name.startswith("backups/") for name in files)
    assert _not_private(data) == {}

    export = tmp_path / "export.csv"
    assert main.main(["--data-dir", str(data), "register", "export", "--out", str(export)]) == 0
    assert "個人データを含むため、取り扱いにご注意ください。" in capsys.readouterr().err
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    assert _not_private(data) == {}
