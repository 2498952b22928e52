"""The 「変更履歴」 tab: who changed what, newest first, as an officer reads it; a change made on another PC shows at
the next look; the tab passes the four screen checks in Japanese and English and fits a 150 % laptop."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QTableWidget

from app.db.database import Database
from app.i18n import set_language
from app.paths import DataPaths
from app.services.root import Services
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.services.history_scenario import PERSONAL, act_as, work_on_incident
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext

TODAY = dt.date(2027, 7, 3)


def _rows(table: QTableWidget) -> list[tuple[str, str, str]]:
    return [
        tuple(table.item(row, column).text() for column in range(3))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_history_tab_shows_who_changed_what(qtbot, data_paths: DataPaths, monkeypatch, lang: str) -> None:  # type: ignore[no-untyped-def]
    with Database.open(data_paths) as db, Database.open(data_paths) as other_pc:
        services = Services(db)
        worked = work_on_incident(monkeypatch, services, other_pc)
        set_language(lang)
        window = IncidentWindow(WorkspaceContext.open(services, worked.incident, lambda: TODAY))
        qtbot.addWidget(window)
        window.show()
        window.show_tab("history")
        page = window.pages["history"]
        assert window.tabs.tabText(window.tabs.currentIndex()) == (
            "変更履歴" if lang == "ja" else "Change history"
        )
        rows = _rows(page.table)
        actors_and_texts = [(actor, text) for _when, actor, text in rows]
        if lang == "ja":
            assert ("suzuki", "速報の提出を記録しました（受付番号 A-123）") in actors_and_texts
            assert actors_and_texts[-2:] == [
                ("yamada", "件名を変更しました"),
                ("yamada", "事案を登録しました"),
            ]
            assert all(when.count("/") == 2 for when, _a, _t in rows)  # 2027/07/03 10:12
        else:
            assert actors_and_texts[-1] == ("yamada", "Registered the incident")
        assert [page.table.item(0, c).toolTip() for c in range(3)] == list(rows[0])
        assert not page.empty_label.isVisible()
        shown = "\n".join("\t".join(row) for row in rows)
        for word in PERSONAL:
            assert word not in shown
        assert screen_problems(window, LAPTOP_AT_150) == []
        window.grab().save(f"/tmp/h20_history_{lang}.png")

        # Another PC retitles: the next look at the tab shows it on top.
        act_as(monkeypatch, "sato")
        Services(other_pc).overview.set_title(worked.incident, "健診結果の誤送信（総務部）")
        window.show_tab("overview")
        window.show_tab("history")
        expected = "件名を変更しました" if lang == "ja" else "Changed Title"
        assert _rows(page.table)[0][1:] == ("sato", expected)
        window.close()
    set_language("ja")
