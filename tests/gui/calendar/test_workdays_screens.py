"""Working days on screen (issue 18 point 1): the register column, the panel, the calendar's month header and 速報
shading, and the office closure days dialog whose days change every count after a refresh; in Japanese and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QSize

from app.calendar.office_calendar import AUTHORITIES, ClosureDay, OfficeCalendar
from app.deadlines.clocks import ClockKind
from app.i18n import set_language
from app.services.office_calendar import OfficeCalendarService
from tests.clocks.helpers import assessed, clocks_at, jst
from tests.gui.screen_checks import screen_problems
from tests.rules.factories import DataItem
from ui.calendar import clock_display
from ui.calendar.calendar_view import CalendarDialog, CalendarView
from ui.calendar.closure_days_dialog import ClosureDaysDialog
from ui.calendar.countdown_panel import CountdownPanel
from ui.register.view import format_days_left

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)
TODAY = dt.date(2027, 4, 28)
NOW = jst(2027, 4, 28, 10)
DIALOG_LIMIT = QSize(910, 512)  # 1366×768 at 150 % scaling


@pytest.fixture(autouse=True)
def office_calendar() -> Iterator[None]:
    clock_display.set_office_calendar(AUTHORITIES)
    yield
    clock_display.set_office_calendar(AUTHORITIES)
    set_language("ja")


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def _gw_clocks():  # type: ignore[no-untyped-def]
    return list(clocks_at(NOW, assessed(data_items=SENSITIVE, learned_date=TODAY)).values())


def test_register_column_shows_working_days(language: str) -> None:
    expected = {"ja": "あと4日（営業日 1日）", "en": "4 days left (1 working day)"}[language]
    assert format_days_left(dt.date(2027, 5, 2), TODAY) == expected
    clock_display.set_office_calendar(OfficeCalendar.of([ClosureDay(dt.date(2027, 4, 30), "創立記念日")]))
    assert (
        format_days_left(dt.date(2027, 5, 2), TODAY)
        == {
            "ja": "あと4日（営業日 0日）",
            "en": "4 days left (0 working days)",
        }[language]
    )


def test_panel_shows_working_days_the_warning_and_one_meaning_of_soon(qtbot, language: str) -> None:
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.set_clocks(_gw_clocks(), NOW)
    sokuho = next(c for c in panel.list.clocks() if c.kind is ClockKind.SOKUHO)
    item = panel.list.topLevelItem(panel.list.clocks().index(sokuho))
    assert item is not None
    text = item.text(0)
    if language == "ja":
        assert "あと4日（営業日 1日）" in text
        assert "5/1（土）〜5/5（水）は休業日です。提出は4/30（金）までをお勧めします。" in text
        assert "間近（営業日2日以内） 1件" in panel.summary.text()
    else:
        assert "4 days (1 working)" in text  # the narrow panel's form; the sentence is in the tooltip
        assert "4 days left (1 working day)" in item.toolTip(0)
        assert "Submitting by Fri 4/30 is recommended." in text
        assert "Soon (within 2 working days): 1" in panel.summary.text()


def test_calendar_header_era_toggle_and_window_shading(qtbot, language: str) -> None:
    view = CalendarView()
    qtbot.addWidget(view)
    view.set_clocks(_gw_clocks(), NOW)
    view.select_day(TODAY)
    assert view.month_label.text() == {"ja": "2027年4月", "en": "April 2027"}[language]
    with qtbot.waitSignal(view.japaneseEraToggled):
        view.era_check.click()
    assert view.month_label.text() == {"ja": "令和9年4月", "en": "April 2027"}[language]
    view.next_button.click()
    assert view.month_label.text() == {"ja": "令和9年5月", "en": "May 2027"}[language]
    assert [view.calendar.in_window(TODAY + dt.timedelta(days=i)) for i in range(6)] == [
        False, False, True, True, True, False,
    ]  # fmt: skip
    view.select_day(dt.date(2027, 5, 1))
    assert {"ja": "速報の目安の期間", "en": "preliminary report window"}[language] in view.day_note.text()


def test_calendar_dialog_is_clean_and_fits(qtbot, language: str) -> None:
    dialog = CalendarDialog()
    qtbot.addWidget(dialog)
    dialog.set_clocks(_gw_clocks(), NOW)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen_problems(dialog, DIALOG_LIMIT) == []


def test_a_closure_day_added_changes_the_working_days(qtbot, db, language: str) -> None:
    service = OfficeCalendarService(db)
    dialog = ClosureDaysDialog(service, today=dt.date(2027, 4, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen_problems(dialog, DIALOG_LIMIT) == []
    dialog.name_edit.setText("Anniversary")
    dialog.add_button.click()
    assert dialog.list.count() == 1
    dialog.accept()
    assert dialog.saved is not None and service.calendar() == dialog.saved
    clock_display.set_office_calendar(service.calendar())  # what the deadline features do after saving
    assert "0" in format_days_left(dt.date(2027, 5, 2), TODAY)
    panel = CountdownPanel()
    qtbot.addWidget(panel)
    panel.set_clocks(_gw_clocks(), NOW)
    sokuho = next(c for c in panel.list.clocks() if c.kind is ClockKind.SOKUHO)
    assert clock_display.working_days_left(sokuho) == 0
    view = CalendarView()
    qtbot.addWidget(view)
    view.calendar.setSelectedDate(QDate(2027, 4, 30))
    view.show_selected_day()
    assert "Anniversary" in view.day_note.text()
    assert view.calendar.day_info(dt.date(2027, 4, 30)).closed
