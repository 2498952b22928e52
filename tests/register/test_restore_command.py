"""`main.py restore`: the list says what each backup holds; a restore keeps the current file and can be undone."""

from __future__ import annotations

import io
import os
import socket

from app.cli import build_parser, run_command
from app.db.backups import BackupReason, list_backups, reason_of
from app.db.database import Database
from app.db.window_lock import LOCK_NAME
from app.paths import DataPaths
from app.services.incidents import IncidentService


def _run(data_paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), "--lang", "ja", "restore", *argv])
    return run_command(args, out, err), out.getvalue(), err.getvalue()


def _titles(data_paths: DataPaths) -> list[str]:
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        return sorted(s.title for s in IncidentService(db).list_summaries())
    finally:
        db.close()


def test_list_then_restore_an_earlier_day_and_undo_it(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    IncidentService(db).create("一日目の事案", {}, None, None)
    db.close()  # the copy after the first change holds 一日目
    db = Database.open(data_paths, busy_timeout=0.2)
    for title in ("二日目の事案A", "二日目の事案B"):
        IncidentService(db).create(title, {}, None, None)
    db.close()

    code, out, _err = _run(data_paths, "--list")
    assert code == 0
    lines = out.splitlines()[1:]
    assert "終了時" in lines[0] and "事案 3 件" in lines[0]
    day_one = next(n for n, line in enumerate(lines, start=1) if "事案 1 件" in line)

    code, out, err = _run(data_paths, str(day_one))
    assert code == 0, err
    assert "復元しました" in out and "復元前の台帳は before-restore-" in out
    assert _titles(data_paths) == ["一日目の事案"]

    undo = next(
        p for p in list_backups(data_paths.backups_dir) if reason_of(p) is BackupReason.BEFORE_RESTORE
    )
    code, _out, err = _run(data_paths, undo.name)
    assert code == 0, err
    assert _titles(data_paths) == ["一日目の事案", "二日目の事案A", "二日目の事案B"]


def test_restore_refuses_while_a_window_holds_the_register(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    IncidentService(db).create("事案", {}, None, None)
    db.close()
    (data_paths.root / LOCK_NAME).write_text(f"{os.getpid()}\nBreachDesk\n{socket.gethostname()}\n")
    before = data_paths.db_file.read_bytes()
    code, _out, err = _run(data_paths, "1")
    assert code == 2 and "ウィンドウを閉じてから" in err
    assert data_paths.db_file.read_bytes() == before


def test_a_lock_left_by_a_crashed_window_does_not_block(data_paths: DataPaths) -> None:
    db = Database.open(data_paths, busy_timeout=0.2)
    IncidentService(db).create("事案", {}, None, None)
    db.close()
    (data_paths.root / LOCK_NAME).write_text(f"999999999\nBreachDesk\n{socket.gethostname()}\n")
    code, _out, err = _run(data_paths, "1")
    assert code == 0, err


def test_an_unknown_backup_is_explained(data_paths: DataPaths) -> None:
    Database.open(data_paths, busy_timeout=0.2).close()
    code, _out, err = _run(data_paths, "99")
    assert code == 2 and "restore --list" in err and "Traceback" not in err
