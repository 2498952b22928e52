"""The deadline calendar: closed days greyed and named, deadlines on their (moved) day, the day's list beside it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRect
from PySide6.QtGui import QColor, QImage, QPainter

from app.deadlines.clocks import ClockKind
from app.services.clocks import ClockService
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident
from ui.calendar.calendar_view import CLOSED_BACKGROUND, CalendarDialog, CalendarView, DeadlineCalendar


def _paint(calendar: DeadlineCalendar, day: dt.date) -> QImage:
    image = QImage(140, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    calendar.paintCell(painter, QRect(0, 0, 140, 90), QDate(day.year, day.month, day.day))
    painter.end()
    return image


def test_constitution_day_is_greyed_and_named(qtbot) -> None:
    view = CalendarView()
    qtbot.addWidget(view)
    view.select_day(dt.date(2027, 5, 3))
    info = view.calendar.day_info(dt.date(2027, 5, 3))
    assert (info.closed, info.reason) == (True, "憲法記念日")
    assert view.calendar.cell_lines(dt.date(2027, 5, 3)) == ["憲法記念日"]
    assert view.day_title.text() == "2027年5月3日（月）"
    assert view.day_note.text() == "憲法記念日（行政機関の休日）"
    # Painted: the grey of a closed day at the cell's bottom corner, white on the next open day (5/6).
    view.select_day(dt.date(2027, 5, 10))  # the selection tints its cell: look at 5/3 unselected
    assert _paint(view.calendar, dt.date(2027, 5, 3)).pixelColor(135, 85) == CLOSED_BACKGROUND
    assert _paint(view.calendar, dt.date(2027, 5, 6)).pixelColor(135, 85) != CLOSED_BACKGROUND
    # Weekends are greyed without writing 土曜日 into every cell; 年末年始 is named.
    assert view.calendar.day_info(dt.date(2027, 5, 8)).closed
    assert view.calendar.cell_lines(dt.date(2027, 5, 8)) == []
    assert view.calendar.cell_lines(dt.date(2027, 12, 30)) == ["年末年始（閉庁日）"]
    assert not view.calendar.day_info(dt.date(2027, 5, 6)).closed


def test_a_kakuho_moved_past_the_year_end_is_shown_on_january_4(qtbot, db) -> None:
    incident = add_incident(db, "顧客名簿の誤送信", learned_date=dt.date(2027, 11, 30))
    now = jst(2027, 12, 20)
    clocks = ClockService(db).open_clocks(now)
    reference = ClockService(db).incident_reference(incident)
    dialog = CalendarDialog()
    qtbot.addWidget(dialog)
    dialog.set_clocks(clocks, now)
    dialog.view.select_day(dt.date(2028, 1, 4))
    assert dialog.view.calendar.monthShown() == 1 and dialog.view.calendar.yearShown() == 2028
    listed = dialog.view.day_list.clocks()
    assert [(c.kind, c.incident_id) for c in listed] == [(ClockKind.KAKUHO, incident)]
    assert f"○確報 {reference}" in dialog.view.calendar.cell_lines(dt.date(2028, 1, 4))
    assert "年末年始" not in dialog.view.day_note.text()
    # The 30th day itself (12/29) is closed and carries no deadline.
    assert dialog.view.calendar.cell_lines(dt.date(2027, 12, 29)) == ["年末年始（閉庁日）"]
    assert "12月29日" not in dialog.view.day_list.topLevelItem(0).text(0)
    assert "30日目が行政機関の休日に当たるため" in dialog.view.day_list.topLevelItem(0).toolTip(0)
    # Exporting from the list names that incident.
    dialog.view.day_list.setCurrentItem(dialog.view.day_list.topLevelItem(0))
    assert dialog.export_one.isEnabled()
    with qtbot.waitSignal(dialog.exportIncidentRequested) as blocker:
        dialog.export_one.click()
    assert blocker.args == [incident]


def test_today_is_obvious_and_months_change_at_once(qtbot) -> None:
    view = CalendarView()
    qtbot.addWidget(view)
    view.set_clocks([], jst(2027, 7, 1, 10))
    view.go_to_today()
    assert view.selected_day() == dt.date(2027, 7, 1)
    today = _paint(view.calendar, dt.date(2027, 7, 1))
    other = _paint(view.calendar, dt.date(2027, 7, 2))
    frame = QColor("#0b57d0")
    assert today.pixelColor(2, 45) == frame and other.pixelColor(2, 45) != frame
    for month in range(1, 13):  # paging through a year fills the closed-day cache once per month
        view.calendar.setCurrentPage(2028, month)
        view.calendar.day_info(dt.date(2028, month, 1))
    assert len([key for key in view.calendar._closed_cache if key[0] == 2028]) == 12


def test_english_calendar_names_holidays_in_english(qtbot) -> None:
    from app.i18n import set_language

    set_language("en")
    view = CalendarView()
    qtbot.addWidget(view)
    view.select_day(dt.date(2027, 5, 3))
    assert view.calendar.cell_lines(dt.date(2027, 5, 3)) == ["Constitution Day"]
    assert view.day_title.text() == "Mon, May 3, 2027"
