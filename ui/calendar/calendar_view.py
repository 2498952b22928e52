"""The deadline calendar: a month of closed days (土日・祝日・年末年始 and the office's closure days, greyed and
named) and of deadlines, the 速報 windows (day 3–5) shaded, with the selected day's deadlines listed beside it.
Closed days are cached per month, deadlines indexed by day, so paging through months only paints. The month is
headed 「2027年4月」 (「令和9年4月」 when the officer chooses the Japanese era) or "April 2027"."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.calendar.closed_days import closed_day_labels, is_holiday_forecast
from app.calendar.office_calendar import OfficeCalendar
from app.deadlines.clocks import Clock, urgency_key
from app.domain.dates import JST, era_year, format_date, format_date_en, today_jst
from app.i18n import _, current_language
from ui.calendar.clock_display import STATE_SYMBOLS, colours, office_calendar, short_label
from ui.calendar.countdown_panel import ClockList

CLOSED_BACKGROUND = QColor("#e4e4e4")
CLOSED_TEXT = QColor("#5f5f5f")
TODAY_FRAME = QColor("#0b57d0")
WINDOW_SHADE = QColor(
    255, 176, 32, 70
)  # the 速報 / 委託元通知 guide window (day 3–5), over open and closed days
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKEND_NAMES = {"土曜日", "日曜日"}  # shown in the day header, not written into every weekend cell


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    closed: bool
    authorities_open: bool  # closed by the office alone: government offices are open that day
    reason: str | None  # in the UI language: 憲法記念日 / Constitution Memorial Day / 日曜日 …
    cell_label: str | None  # holiday or year-end name written in the cell (plain weekends need no words)
    clocks: tuple[Clock, ...]


class DeadlineCalendar(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        if current_language() == "ja":
            self.setLocale(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
        else:
            self.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        weekend = QTextCharFormat()
        weekend.setForeground(CLOSED_TEXT)
        weekend.setBackground(CLOSED_BACKGROUND)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self._closed_cache: dict[
            tuple[int, int, str, OfficeCalendar], dict[dt.date, tuple[str, str | None] | None]
        ] = {}
        self._by_day: dict[dt.date, tuple[Clock, ...]] = {}
        self._window_days: frozenset[dt.date] = frozenset()
        self._today = today_jst()
        self.setMinimumSize(
            560, 340
        )  # with the header and buttons, the dialog fits 1366×768 at 150 % scaling
        self._compact_weekday_row()

    def _compact_weekday_row(self) -> None:
        """The weekday names need one line; by default their row is as tall as a week's and steals its room."""
        view = self.findChild(QTableView, "qt_calendar_calendarview")
        if view is None:
            return
        header = view.verticalHeader()
        header.setMinimumSectionSize(1)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, QFontMetrics(self.font()).height() + 8)

    # --- data -------------------------------------------------------------------------------------------
    def set_clocks(self, clocks: Sequence[Clock], today: dt.date) -> None:
        by_day: dict[dt.date, list[Clock]] = defaultdict(list)
        for clock in clocks:
            day = clock.due_day()
            if day is not None:
                by_day[day].append(clock)
        self._by_day = {day: tuple(sorted(items, key=urgency_key)) for day, items in by_day.items()}
        window: set[dt.date] = set()
        for clock in clocks:  # open guide windows only: a filed 速報 needs no reminder of its days
            if clock.due_from is not None and clock.due_date is not None and not clock.state.done:
                span = (clock.due_date - clock.due_from).days
                window.update(clock.due_from + dt.timedelta(days=i) for i in range(span + 1))
        self._window_days = frozenset(window)
        self._today = today
        self.updateCells()

    def today(self) -> dt.date:
        return self._today

    def _closed(self, day: dt.date) -> tuple[str, str | None] | None:
        """(reason, label written in the cell) from a per-month cache filled on first sight of the month."""
        lang = current_language()
        office = office_calendar()
        key = (day.year, day.month, lang, office)
        month = self._closed_cache.get(key)
        if month is None:
            month = {}
            first = day.replace(day=1)
            cursor = first
            while cursor.month == first.month:
                labels = office.closed_labels(cursor)
                if labels is None:
                    month[cursor] = None
                else:
                    reason = labels[0] if lang == "ja" else labels[1]
                    month[cursor] = (reason, None if labels[0] in _WEEKEND_NAMES else reason)
                cursor += dt.timedelta(days=1)
            self._closed_cache[key] = month
        return month[day]

    def in_window(self, day: dt.date) -> bool:
        """The day lies in an open 速報 / 委託元通知 guide window (day 3–5)."""
        return day in self._window_days

    def day_info(self, day: dt.date) -> DayInfo:
        closed = self._closed(day)
        return DayInfo(
            day=day,
            closed=closed is not None,
            authorities_open=closed is not None and closed_day_labels(day) is None,
            reason=closed[0] if closed else None,
            cell_label=closed[1] if closed else None,
            clocks=self._by_day.get(day, ()),
        )

    def cell_lines(self, day: dt.date) -> list[str]:
        """The words painted in the day's cell below its number: the holiday name, then each deadline."""
        info = self.day_info(day)
        lines = [info.cell_label] if info.cell_label else []
        lines.extend(_marker(clock) for clock in info.clocks)
        return lines

    # --- painting -----------------------------------------------------------------------------------------
    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        day = date.toPython()
        assert isinstance(day, dt.date)
        info = self.day_info(day)
        in_month = date.month() == self.monthShown() and date.year() == self.yearShown()
        palette = self.palette()
        painter.save()
        painter.setClipRect(rect)
        painter.fillRect(rect, CLOSED_BACKGROUND if info.closed else palette.base().color())
        if day in self._window_days:
            painter.fillRect(rect, WINDOW_SHADE)
        if date == self.selectedDate():
            highlight = QColor(palette.highlight().color())
            highlight.setAlpha(60)
            painter.fillRect(rect, highlight)
        number_font = QFont(self.font())
        number_font.setBold(day == self._today)
        painter.setFont(number_font)
        faded = not in_month
        painter.setPen(CLOSED_TEXT if info.closed or faded else palette.text().color())
        inner = rect.adjusted(3, 2, -3, -2)
        line = QFontMetrics(number_font).height()
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(day.day))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.78))
        metrics = QFontMetrics(small)
        painter.setFont(small)
        if day == self._today:
            painter.setPen(TODAY_FRAME)
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, _("Today"))
        y = inner.top() + line
        if info.cell_label:
            painter.setPen(CLOSED_TEXT)
            painter.drawText(
                QRect(inner.left(), y, inner.width(), metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(info.cell_label, Qt.TextElideMode.ElideRight, inner.width()),
            )
            y += metrics.height()
        room = max(0, (inner.bottom() - y) // (metrics.height() + 1))
        shown = info.clocks if len(info.clocks) <= room else info.clocks[: max(0, room - 1)]
        for clock in shown:
            background, foreground = colours(clock)
            box = QRect(inner.left(), y, inner.width(), metrics.height())
            painter.fillRect(box, background)
            painter.setPen(foreground)
            text = _marker(clock)
            if metrics.horizontalAdvance(text) > box.width() - 4:
                text = _marker(clock, short=True)  # 「確報 0001」: the year is that of the cell anyway
            painter.drawText(
                box.adjusted(2, 0, -2, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width() - 4),
            )
            y += metrics.height() + 1
        if len(shown) < len(info.clocks):
            painter.setPen(palette.text().color())
            more = _("+{count} more").format(count=len(info.clocks) - len(shown))
            painter.drawText(
                QRect(inner.left(), y, inner.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, more
            )
        if day == self._today:
            painter.setPen(QPen(TODAY_FRAME, 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


def _marker(clock: Clock, *, short: bool = False) -> str:
    reference = clock.reference.rpartition("-")[2] if short else clock.reference
    return f"{STATE_SYMBOLS[clock.state]}{short_label(clock)} {reference}"


def month_title(year: int, month: int, *, japanese_era: bool = False) -> str:
    """「2027年4月」, 「令和9年4月」 (元年 for an era's first year) or "April 2027"."""
    if current_language() != "ja":
        return f"{_MONTHS_EN[month - 1]} {year}"
    era = era_year(dt.date(year, month, 1)) if japanese_era else None
    if era is None:
        return f"{year}年{month}月"
    name, era_number = era
    return f"{name}{'元' if era_number == 1 else era_number}年{month}月"


def long_date(day: dt.date) -> str:
    return format_date(day, weekday=True) if current_language() == "ja" else format_date_en(day, weekday=True)


class CalendarView(QWidget):
    """The month on the left; on the right, the selected day: why it is closed, and its deadlines."""

    openIncidentRequested = Signal(int, str)
    japaneseEraToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = DeadlineCalendar()
        # Our own month header: Qt writes 「4月 2027」 and knows no Japanese era.
        self.calendar.setNavigationBarVisible(False)
        self.previous_button = QPushButton("‹")
        self.previous_button.setAccessibleName(_("Previous month"))
        self.previous_button.setToolTip(_("Previous month"))
        self.previous_button.clicked.connect(self.calendar.showPreviousMonth)
        self.next_button = QPushButton("›")
        self.next_button.setAccessibleName(_("Next month"))
        self.next_button.setToolTip(_("Next month"))
        self.next_button.clicked.connect(self.calendar.showNextMonth)
        self.month_label = QLabel()
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        month_font = QFont(self.month_label.font())
        month_font.setBold(True)
        month_font.setPointSizeF(month_font.pointSizeF() * 1.2)
        self.month_label.setFont(month_font)
        self.era_check = QCheckBox(_("&Japanese era"))
        self.era_check.toggled.connect(self._era_toggled)
        self.era_check.setVisible(current_language() == "ja")  # English months have no era to show
        self.calendar.currentPageChanged.connect(lambda *_args: self.show_month_title())
        header = QHBoxLayout()
        header.addWidget(self.previous_button)
        header.addWidget(self.month_label, 1)
        header.addWidget(self.next_button)
        header.addWidget(self.era_check)
        month_column = QVBoxLayout()
        month_column.addLayout(header)
        month_column.addWidget(self.calendar, 1)
        self.day_title = QLabel()
        title_font = QFont(self.day_title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.day_title.setFont(title_font)
        self.day_note = QLabel()
        self.day_note.setWordWrap(True)
        self.day_list = ClockList(compact=True)
        self.day_list.openIncidentRequested.connect(self.openIncidentRequested)
        self.day_empty = QLabel(_("No deadlines on this day."))
        self.today_button = QPushButton(_("Go to today"))
        self.today_button.clicked.connect(self.go_to_today)
        side = QVBoxLayout()
        side.addWidget(self.day_title)
        side.addWidget(self.day_note)
        side.addWidget(self.day_list, 1)
        side.addWidget(self.day_empty)
        side.addStretch(0)
        side.addWidget(self.today_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.addLayout(month_column, 3)
        layout.addLayout(side, 2)
        self.calendar.selectionChanged.connect(self.show_selected_day)
        self.show_selected_day()
        self.show_month_title()

    def show_month_title(self) -> None:
        self.month_label.setText(
            month_title(
                self.calendar.yearShown(), self.calendar.monthShown(), japanese_era=self.era_check.isChecked()
            )
        )

    def set_japanese_era(self, chosen: bool) -> None:
        """The remembered choice, set without announcing it as a new one."""
        self.era_check.blockSignals(True)
        self.era_check.setChecked(chosen)
        self.era_check.blockSignals(False)
        self.show_month_title()

    def _era_toggled(self, chosen: bool) -> None:
        self.show_month_title()
        self.japaneseEraToggled.emit(chosen)

    def set_clocks(self, clocks: Sequence[Clock], now: dt.datetime) -> None:
        self.calendar.set_clocks(clocks, now.astimezone(JST).date())
        self.show_selected_day()

    def go_to_today(self) -> None:
        self.select_day(self.calendar.today())

    def select_day(self, day: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.show_selected_day()

    def selected_day(self) -> dt.date:
        day = self.calendar.selectedDate().toPython()
        assert isinstance(day, dt.date)
        return day

    def show_selected_day(self) -> None:
        day = self.selected_day()
        info = self.calendar.day_info(day)
        self.day_title.setText(long_date(day))
        notes = []
        if info.authorities_open:
            notes.append(
                _("{reason}: a closure day of the office (government offices are open).").format(
                    reason=info.reason
                )
            )
        elif info.closed:
            notes.append(_("{reason}: a closed day of government offices.").format(reason=info.reason))
            if info.cell_label and is_holiday_forecast(day):
                notes.append(
                    _("Holidays of {year} are a forecast until the Cabinet Office publishes them.").format(
                        year=day.year
                    )
                )
        else:
            notes.append(_("An open day of government offices."))
        if self.calendar.in_window(day):
            notes.append(_("Within a preliminary report window (day 3 to day 5)."))
        self.day_note.setText("\n".join(notes))
        self.day_list.set_clocks(list(info.clocks), self.calendar.today())
        self.day_list.setVisible(bool(info.clocks))
        self.day_empty.setVisible(not info.clocks)


class CalendarDialog(QDialog):
    """Non-modal: the officer keeps it open beside the register while working."""

    openIncidentRequested = Signal(int, str)
    exportIncidentRequested = Signal(int)
    exportAllRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Deadline calendar"))
        self.view = CalendarView()
        self.view.openIncidentRequested.connect(self.openIncidentRequested)
        self.export_one = QPushButton(_("Export this incident's deadlines…"))
        self.export_one.setEnabled(False)
        self.export_one.clicked.connect(self._export_selected)
        self.export_all = QPushButton(_("Export all open deadlines…"))
        self.export_all.clicked.connect(self.exportAllRequested)
        self.view.day_list.currentItemChanged.connect(
            lambda *_args: self.export_one.setEnabled(self.view.day_list.selected_clock() is not None)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.export_one, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_all, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1040, 600)

    def set_clocks(self, clocks: Sequence[Clock], now: dt.datetime) -> None:
        self.view.set_clocks(clocks, now)
        self.export_one.setEnabled(self.view.day_list.selected_clock() is not None)

    def _export_selected(self) -> None:
        clock = self.view.day_list.selected_clock()
        if clock is not None:
            self.exportIncidentRequested.emit(clock.incident_id)
