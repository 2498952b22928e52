"""`main.py selftest` on a read-only medium (issue 16 point 3): says so in Japanese, checks what it can read
(the register, opened read-only; the PDF, built in memory) and writes nothing, without a traceback."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import parse_args, run_command
from app.db.database import Database
from app.paths import DataPaths
from tests.db.conftest import made_read_only
from tests.db.fault_media import TITLES, make_register_with_unsaved_session, remount, small_tmpfs
from tests.db.test_faults_read_only import _folder_state


@pytest.fixture(params=["medium", "folder"])
def read_only_data(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DataPaths]:
    """A data folder with a register, on a tmpfs remounted read-only (a CD, a write-protected USB stick), or
    made read-only in place (chattr +i as root, chmod otherwise) where mounting is not allowed."""
    if request.param == "folder":
        paths = DataPaths(tmp_path / "data")
        paths.ensure()
        make_register_with_unsaved_session(paths)
        Database.open(paths).close()
        with made_read_only(paths.root):
            yield paths
        return
    with small_tmpfs(tmp_path / "cd") as mounted:
        if mounted is None:
            pytest.skip("mount is not allowed here: the folder variant covers it")
        paths = DataPaths(mounted / "data")
        paths.ensure()
        make_register_with_unsaved_session(paths)
        Database.open(paths).close()
        assert remount(mounted, "ro")
        try:
            yield paths
        finally:
            remount(mounted, "rw")


def _selftest(root: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(parse_args(["--data-dir", str(root), "selftest"]), out, err)
    return code, out.getvalue(), err.getvalue()


def test_selftest_on_a_read_only_medium_reads_what_it_can_and_writes_nothing(
    read_only_data: DataPaths,
) -> None:
    before = _folder_state(read_only_data.root)

    code, out, err = _selftest(read_only_data.root)

    assert code == 0, err
    assert "データフォルダーに書き込めないため、読み取れる範囲だけを確認します" in out
    assert f"データベース: 読み取り専用で開きました（事案 {len(TITLES)} 件）" in out
    assert "メモリー上で作成できました" in out and "保存はしていません" in out
    assert "読み取れる範囲の自己診断に合格しました。何も書き込んでいません。" in out
    assert err == ""
    assert "Traceback" not in out + err
    assert _folder_state(read_only_data.root) == before
    assert not (read_only_data.root / "selftest.pdf").exists()


def test_selftest_on_an_empty_read_only_folder_says_there_is_no_register(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    with made_read_only(root):
        code, out, err = _selftest(root)
    assert code == 0, err
    assert "データフォルダーに書き込めないため" in out
    assert "このフォルダーには読み取る台帳がありません" in out
    assert list(root.iterdir()) == []


def test_selftest_in_a_writable_folder_still_creates_and_saves(tmp_path: Path) -> None:
    code, out, err = _selftest(tmp_path / "fresh")
    assert code == 0, err
    assert "書き込めない" not in out
    assert (tmp_path / "fresh" / "selftest.pdf").is_file()
