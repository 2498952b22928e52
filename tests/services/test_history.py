"""変更履歴 on the register file: who changed what, newest first, in the officer's words, and nothing about the
people notified (issue 19 point 2). PostgreSQL: tests/pg/test_history_pg.py; the tab: tests/gui/workspace/."""

from __future__ import annotations

import io

import pytest

from app.cli import build_parser, run_command
from app.db.database import Database
from app.i18n import set_language
from app.paths import DataPaths
from app.services.root import Services
from app.services.workspace.history import HistoryEntry, describe
from tests.services.history_scenario import PERSONAL, act_as, expected_lines, work_on_incident

AUTOMATIC = {"derive", "add_steps"}


def own_actions(entries: list[HistoryEntry]) -> list[tuple[str, str]]:
    return [
        (e.actor, e.text)
        for e in entries
        if e.action not in AUTOMATIC and e.text != "事実経過を自動で追加しました"
    ]


def test_two_officers_changes_read_newest_first_without_personal_data(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(data_paths) as first, Database.open(data_paths) as second:
        yamada = Services(first)
        worked = work_on_incident(monkeypatch, yamada, second)
        entries = yamada.history.entries(worked.incident)

    assert own_actions(entries) == expected_lines(worked.step_label)
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    texts = [e.text for e in entries]
    assert ("suzuki", "状態が「速報済」になりました") in [(e.actor, e.text) for e in entries]
    assert (
        "事実経過を自動で追加しました" in texts
    )  # the filing's own 事実経過 line, told apart from the officer's
    everything = "\n".join(f"{e.actor} {e.text}" for e in entries)
    for word in PERSONAL:
        assert word not in everything


def test_english_and_unknown_entries(data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    with Database.open(data_paths) as db:
        act_as(monkeypatch, "yamada")
        services = Services(db)
        worked = work_on_incident(monkeypatch, services, db)
        set_language("en")
        texts = [e.text for e in services.history.entries(worked.incident)]
    assert "Withdrew the record of the Preliminary report (sokuho)" in texts[:3]
    assert texts[-1] == "Registered the incident" and "Changed Title" in texts
    set_language("ja")
    assert describe("office_seal", "stamp", None, {"x": "髙橋"}) == "記録を変更しました（office_seal）"
    assert describe("incident", "update", {"title": "a", "notes": "x"}, {"title": "b", "notes": "y"}) == (
        "件名・状況メモを変更しました"
    )


def test_history_command_prints_one_line_per_change(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(data_paths) as db:
        worked = work_on_incident(monkeypatch, Services(db), db)
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), "history", str(worked.incident)])
    assert run_command(args, out, err) == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    newest = [line.split("\t")[1:] for line in lines[:3]]
    assert ["suzuki", "速報の提出記録を取り消しました"] in newest
    assert lines[-1].split("\t")[1:] == ["yamada", "事案を登録しました"]
    assert all(len(line.split("\t")) == 3 for line in lines)
    for word in PERSONAL:
        assert word not in out.getvalue()
