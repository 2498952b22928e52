"""変更履歴 on a real PostgreSQL server: two PCs (two Services, two OS users) on one register, and the CLI with
--database-url (issue 19 points 2 and 3). The same scenario as tests/services/test_history.py on the file."""

from __future__ import annotations

import io

import pytest

from app.cli import build_parser, run_command
from app.db.database import Database
from app.paths import DataPaths
from app.services.root import Services
from tests.services.history_scenario import PERSONAL, expected_lines, work_on_incident
from tests.services.test_history import own_actions


def test_two_pcs_see_who_changed_what(
    pg_db: Database, data_paths: DataPaths, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(data_paths, pg_url) as second_pc:
        worked = work_on_incident(monkeypatch, Services(pg_db), second_pc)
        seen_there = Services(second_pc).history.entries(worked.incident)
    entries = Services(pg_db).history.entries(worked.incident)
    assert own_actions(entries) == expected_lines(worked.step_label)
    assert [(e.actor, e.text) for e in entries] == [(e.actor, e.text) for e in seen_there]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)

    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(
        ["--data-dir", str(data_paths.root), "--database-url", pg_url, "history", str(worked.incident)]
    )
    assert run_command(args, out, err) == 0, err.getvalue()
    lines = [line.split("\t")[1:] for line in out.getvalue().splitlines()]
    assert lines[-1] == ["yamada", "事案を登録しました"] and ["yamada", "件名を変更しました"] in lines
    for word in PERSONAL:
        assert word not in out.getvalue()
