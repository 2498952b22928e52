"""The 番号法 clocks in the countdown panel, the calendar and the tray: labelled for their law, once when shared."""

from __future__ import annotations

import datetime as dt

from app.deadlines.clocks import Clock, ClockKind, clocks_for, urgency_key
from app.deadlines.reminders import Reminder
from app.domain.office import OfficeProfile
from app.i18n import set_language
from tests.clocks.helpers import Subject, assessed, jst
from tests.rules.factories import DataItem, MaliciousBasis
from ui.calendar.calendar_view import CalendarView
from ui.calendar.countdown_panel import CountdownPanel
from ui.calendar.tray import reminder_message

MY_NUMBER = (DataItem.NAME, DataItem.MY_NUMBER)
NOW = jst(2026, 10, 6, 10)


def _clocks() -> list[Clock]:
    both = clocks_for(
        Subject(1, "2026-0001", "給与PCのランサムウェア", dt.date(2026, 9, 24)),
        assessed(
            data_items=MY_NUMBER,
            malicious=True,
            malicious_basis=MaliciousBasis.RANSOMWARE,
            affected_count=40,
            learned_date=dt.date(2026, 9, 24),
        ),
        [],
        OfficeProfile(),
        NOW,
    )
    only = clocks_for(
        Subject(2, "2026-0002", "マイナンバー一覧の誤送信", dt.date(2026, 10, 5)),
        assessed(data_items=MY_NUMBER, affected_count=150, learned_date=dt.date(2026, 10, 5)),
        [],
        OfficeProfile(),
        NOW,
    )
    effort = clocks_for(
        Subject(3, "2026-0003", "扶養控除等申告書の誤送付", dt.date(2026, 10, 5)),
        assessed(data_items=MY_NUMBER, affected_count=3, learned_date=dt.date(2026, 10, 5)),
        [],
        OfficeProfile(),
        NOW,
    )
    return sorted(both + only + effort, key=urgency_key)


def _rows(panel: CountdownPanel) -> list[str]:
    return [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())]


def test_panel_names_the_law_of_each_duty_and_lists_shared_ones_once(qtbot) -> None:
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.set_clocks(_clocks(), NOW)
    assert _rows(panel) == [
        "8日超過 · 速報（個人情報保護法・番号法）\n速やかに（遅くとも9/28（月）まで） · 2026-0001 給与PCのランサムウェア",
        "速やかに · 本人通知（個人情報保護法・番号法）\n2026-0001 給与PCのランサムウェア",
        "速やかに · 番号法 本人通知\n2026-0002 マイナンバー一覧の誤送信",
        "あと3日（営業日 3日） · 番号法 速報\n速やかに（遅くとも10/9（金）まで） · 2026-0002 マイナンバー一覧の誤送信",
        "あと29日（営業日 19日） · 番号法 確報（30日以内）\n11/4（水） · 2026-0002 マイナンバー一覧の誤送信",
        "あと49日（営業日 32日） · 確報（個人情報保護法・番号法）\n11/24（火） · 2026-0001 給与PCのランサムウェア"
        "\n⚠ 11/21（土）〜11/23（月）は休業日です。提出は11/20（金）までをお勧めします。",
        "努力義務 · 番号法 報告（努力義務）\n2026-0003 扶養控除等申告書の誤送付",
    ]
    # The effort report is listed, but it is not one of the duties to do promptly.
    assert panel.summary.text() == "期限超過 1件・本日 0件・間近（営業日2日以内） 0件・速やかに 2件"
    tooltip = panel.list.topLevelItem(5).toolTip(0).splitlines()
    assert tooltip[0] == "確報（個人情報保護法・番号法）・2026-0001 給与PCのランサムウェア"
    assert tooltip[2] == "60日目が行政機関の休日に当たるため、翌開庁日に繰り下げています。"
    assert tooltip[3] == "11/21（土）〜11/23（月）は休業日です。提出は11/20（金）までをお勧めします。"
    assert tooltip[4].startswith("規則8条2項") and tooltip[5].startswith(
        "番号法29条の4第1項・規則3条2項・GL-B 別添2 3E"
    )


def test_calendar_cells_and_day_list(qtbot) -> None:
    view = CalendarView()
    qtbot.addWidget(view)
    view.resize(1040, 600)
    view.set_clocks(_clocks(), NOW)
    assert view.calendar.cell_lines(dt.date(2026, 11, 24)) == ["○確報・番 2026-0001"]
    assert view.calendar.cell_lines(dt.date(2026, 11, 4)) == ["○番確報 2026-0002"]
    view.select_day(dt.date(2026, 11, 24))
    assert [c.label() for c in view.day_list.clocks()] == ["確報（個人情報保護法・番号法）"]
    view.select_day(dt.date(2026, 10, 9))
    assert [c.kind for c in view.day_list.clocks()] == [ClockKind.BANGO_SOKUHO]


def test_tray_message_names_the_law() -> None:
    clock = next(c for c in _clocks() if c.kind is ClockKind.BANGO_KAKUHO)
    title, _body = reminder_message(Reminder("2:bango_kakuho:2026-11-04:d2", clock, NOW, "2d"), NOW.date())
    assert title == "期限が近づいています：番号法 確報（30日以内）"
    set_language("en")
    title, _body = reminder_message(Reminder("k", clock, NOW, "2d"), NOW.date())
    assert title == "Deadline approaching: My Number Act final report (within 30 days)"
