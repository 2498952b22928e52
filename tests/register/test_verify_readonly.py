"""`main.py verify` reads the register as evidence: not a byte of its folder changes (issue 16 point 3)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.db.database import Database
from app.paths import DataPaths
from app.services.workspace import OverviewService
from tests.register.conftest import assessed


def _verify(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["--lang", "ja", "verify", *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def _folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder` with its SHA-256 and modification time (ns)."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _register(data_paths: DataPaths) -> int:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        incident = assessed(db, "健康診断結果の誤送信")
        OverviewService(db).set_title(incident, "健康診断結果のメール誤送信")
        return incident
    finally:
        db.close()


def test_verify_changes_nothing_in_the_data_folder(data_paths: DataPaths) -> None:
    _register(data_paths)
    before = _folder_state(data_paths.root)
    code, out, err = _verify("--data-dir", str(data_paths.root))
    assert code == 0, err
    assert _folder_state(data_paths.root) == before  # no backup, no -wal/-shm, no log, no new file
    assert out.startswith("OK: 監査ログは改変されていません（")
    sha = hashlib.sha256(data_paths.db_file.read_bytes()).hexdigest()
    assert sha in out  # the report names the file as it was read
    assert "事案 1 件" in out
    assert "何も書き込んでいません" in out


def test_verify_reads_a_write_protected_copy_in_another_folder(data_paths: DataPaths, tmp_path: Path) -> None:
    _register(data_paths)
    medium = tmp_path / "evidence"
    medium.mkdir()
    copy = medium / "証拠の写し.sqlite3"
    shutil.copyfile(data_paths.db_file, copy)
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP)
    medium.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, out, err = _verify("--file", str(copy))
        assert code == 0, err
        assert sorted(os.listdir(medium)) == ["証拠の写し.sqlite3"]
        assert str(copy.resolve()) in out
    finally:
        medium.chmod(stat.S_IRWXU)


def test_verify_sees_changes_still_in_the_wal_of_an_open_register(data_paths: DataPaths) -> None:
    """The window is open and its last changes sit in the -wal file: verify counts them and leaves both files."""
    incident = _register(data_paths)
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        for title in ("一回目", "二回目"):
            OverviewService(db).set_title(incident, title)
        wal = data_paths.db_file.with_name(data_paths.db_file.name + "-wal")
        assert wal.stat().st_size > 0
        before = _folder_state(data_paths.root)
        code, out, err = _verify("--data-dir", str(data_paths.root))
        after = _folder_state(data_paths.root)
    finally:
        db.close()
    assert code == 0, err
    assert after == before
    assert "-wal" in out
    with_wal = int(out.split("監査ログ：")[1].split(" 件")[0].replace(",", ""))
    code, out, _err = _verify("--data-dir", str(data_paths.root))  # after the window closed: same chain
    assert int(out.split("監査ログ：")[1].split(" 件")[0].replace(",", "")) == with_wal


@pytest.mark.parametrize("content", [b"", b"not a register at all"])
def test_verify_of_a_file_that_is_not_a_register_explains_it(tmp_path: Path, content: bytes) -> None:
    bogus = tmp_path / "register.sqlite3"
    bogus.write_bytes(content)
    code, out, err = _verify("--file", str(bogus))
    assert code == 3 and out == ""  # a storage fault, as for every command (README: exit codes)
    assert "Traceback" not in err and err.startswith("エラー:")
    assert sorted(os.listdir(tmp_path)) == ["register.sqlite3"]


def test_verify_of_a_missing_file_says_so(tmp_path: Path) -> None:
    code, _out, err = _verify("--file", str(tmp_path / "nothing.sqlite3"))
    assert code == 3 and "Traceback" not in err
    assert not (tmp_path / "nothing.sqlite3").exists()
