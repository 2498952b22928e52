"""The countdown panel: most urgent first, state in words + symbol + icon + colour, one click to the incident."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.deadlines.clocks import ClockKind, clocks_for
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from tests.clocks.helpers import Subject, assessed, jst
from tests.rules.factories import DataItem
from ui.calendar.countdown_panel import CLOCK_ROLE, CountdownPanel

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)
NOW = jst(2027, 7, 5, 10)


def _clocks():  # type: ignore[no-untyped-def]
    late = clocks_for(
        Subject(1, "2027-0001", "診断書の誤送付", dt.date(2027, 6, 6)),
        assessed(data_items=SENSITIVE, learned_date=dt.date(2027, 6, 6)),
        [(FilingKind.INDIVIDUAL_NOTICE, jst(2027, 6, 3))],
        OfficeProfile(),
        NOW,
    )
    fresh = clocks_for(
        Subject(2, "2027-0002", "会員サイトへの不正アクセス", dt.date(2027, 7, 3)),
        assessed(
            data_items=SENSITIVE,
            learned_date=dt.date(2027, 7, 3),
            gdpr_applies=True,
            learned_at=jst(2027, 7, 3, 9),
        ),
        [],
        OfficeProfile(),
        NOW,
    )
    return late + fresh


def _rows(panel: CountdownPanel) -> list[str]:
    return [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())]


def test_panel_lists_open_clocks_most_urgent_first_with_words_and_icons(qtbot) -> None:
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.set_clocks(_clocks(), NOW)
    assert _rows(panel) == [
        "25日超過 · 速報\n速やかに（遅くとも6/10（木）まで） · 2027-0001 診断書の誤送付",
        "本日中（あと14時間） · 確報\n7/5（月） · 2027-0001 診断書の誤送付",
        "あと23時間 · GDPR第33条の通知（72時間）\n7/6（火） 09:00 · 2027-0002 会員サイトへの不正アクセス",
        "あと2日（営業日 2日） · 速報\n速やかに（遅くとも7/7（水）まで） · 2027-0002 会員サイトへの不正アクセス",
        "速やかに · 本人通知\n2027-0002 会員サイトへの不正アクセス",
        "あと28日（営業日 19日） · 確報\n8/2（月） · 2027-0002 会員サイトへの不正アクセス",
    ]  # the 本人通知 of 2027-0001 was recorded: it has left the panel
    assert panel.summary.text() == "期限超過 1件・本日 1件・間近（営業日2日以内） 2件・速やかに 1件"
    first = panel.list.topLevelItem(0)
    assert not first.icon(0).isNull()
    assert first.background(0).color().name() == "#fde0dd"
    assert first.toolTip(0).startswith("速報・2027-0001 診断書の誤送付")
    assert "規則8条1項" in first.toolTip(0)
    colours = {panel.list.topLevelItem(i).background(0).color().name() for i in range(6)}
    assert len(colours) == 5  # overdue, today, within two days, undated, later: each its own colour
    assert not panel.empty.isVisibleTo(panel)


def test_a_click_asks_for_the_incident_at_the_tab_where_the_officer_acts(qtbot) -> None:
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    panel.set_clocks(_clocks(), NOW)
    item = panel.list.topLevelItem(4)
    panel.list.scrollToItem(item)
    assert item.data(0, CLOCK_ROLE).kind is ClockKind.INDIVIDUAL_NOTICE
    rect = panel.list.visualItemRect(item)
    with qtbot.waitSignal(panel.openIncidentRequested) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [2, "filings"]
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    with qtbot.waitSignal(panel.openIncidentRequested) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == [1, "report"]


def test_an_empty_panel_says_so_and_english_reads_naturally(qtbot, qapp) -> None:
    from app.i18n import set_language

    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.set_clocks([], NOW)
    assert panel.empty.text() == "未完了の期限はありません。"
    assert panel.empty.isVisibleTo(panel) and not panel.list.isVisibleTo(panel)
    set_language("en")
    english = CountdownPanel()
    qtbot.addWidget(english)
    english.set_clocks(_clocks(), NOW)
    assert english.windowTitle() == "Deadlines"
    assert _rows(english)[0] == (
        "25 days overdue · Preliminary report (sokuho)\nPromptly, by Thu 6/10 at the latest · 2027-0001 診断書の誤送付"
    )


def test_at_the_default_width_the_days_left_come_first_and_fit(qtbot) -> None:
    """At the panel's narrowest (240 px) the first line — days left and the duty — is not cut; the state word the
    row no longer spells out is what a screen reader hears first, and it stays in the tooltip (issue 18)."""
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.resize(240, 500)
    panel.show()
    panel.set_clocks(_clocks(), NOW)
    row = panel.list.topLevelItem(3)
    first_line = row.text(0).split("\n")[0]
    assert first_line == "あと2日（営業日 2日） · 速報"
    width = panel.list.fontMetrics().horizontalAdvance(first_line)
    assert width + panel.list.iconSize().width() + 16 <= panel.list.viewport().width()
    assert row.data(0, Qt.ItemDataRole.AccessibleTextRole).startswith("○ 期限前: あと2日")
    assert "○ 期限前" in row.toolTip(0)
