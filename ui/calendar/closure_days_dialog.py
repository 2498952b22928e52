"""The office's own closure days (夏季休業 8/13〜8/16, 創立記念日): they count the officer's working days and the
warnings before a run of closed days, never a legal deadline (docs/domain.md §5.7)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.calendar.office_calendar import ClosureDay, OfficeCalendar
from app.domain.dates import today_jst
from app.errors import BreachDeskError
from app.i18n import _
from app.services.office_calendar import NAME_MAX_CHARS, OfficeCalendarService
from ui.calendar.clock_display import day_text
from ui.common.messages import show_error

MAX_RUN_DAYS = 31  # one entry adds at most a month: a wrong year typed in must not close a whole year


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    day = value.toPython()
    assert isinstance(day, dt.date)
    return day


class ClosureDaysDialog(QDialog):
    """Add or remove days; OK saves the whole list at once (audited), Cancel leaves the register untouched.

    Enter in the From/To/Name fields adds those days (the row's own action: a closing OK would drop what was just
    typed); Enter anywhere else is OK (issue 18 point 3).
    """

    def __init__(
        self, service: OfficeCalendarService, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Office closure days"))
        self.service = service
        self.saved: OfficeCalendar | None = None
        today = today or today_jst()
        intro = QLabel(
            _(
                "Days the office is closed besides weekends, national holidays and 12/29–1/3 (a summer "
                "closure, the company's anniversary). They count your working days and the warnings; the "
                "legal deadlines do not change."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Office closure days"))
        self.first_edit = self._date_edit(today)
        self.last_edit = self._date_edit(today)
        self.first_edit.dateChanged.connect(self._follow_first)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX_CHARS)
        self.add_button = QPushButton(_("&Add"))
        self.add_button.clicked.connect(self.add_days)
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        form = QFormLayout()
        form.addRow(_("&From:"), self.first_edit)
        form.addRow(_("&To:"), self.last_edit)
        form.addRow(_("&Name:"), self.name_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self._closures: dict[dt.date, ClosureDay] = {c.day: c for c in service.calendar().closures}
        self._fill()
        self.resize(520, 440)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        focused = self.focusWidget()
        in_form = focused is not None and any(
            focused is edit or edit.isAncestorOf(focused)
            for edit in (self.first_edit, self.last_edit, self.name_edit)
        )
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if enter and in_form and plain:
            self.add_days()
            event.accept()
            return
        super().keyPressEvent(event)

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy/MM/dd")
        return edit

    def _follow_first(self, value: QDate) -> None:
        if self.last_edit.date() < value:
            self.last_edit.setDate(value)

    def closures(self) -> list[ClosureDay]:
        return [self._closures[day] for day in sorted(self._closures)]

    def _fill(self) -> None:
        self.list.clear()
        for closure in self.closures():
            item = QListWidgetItem(f"{day_text(closure.day)}　{closure.name}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, closure.day)
            self.list.addItem(item)

    def add_days(self) -> None:
        """Each day of From–To, named; a day already listed takes the new name."""
        first, last = _pydate(self.first_edit.date()), _pydate(self.last_edit.date())
        if last < first:
            first, last = last, first
        last = min(last, first + dt.timedelta(days=MAX_RUN_DAYS - 1))
        name = self.name_edit.text().strip() or _("Office closure")
        day = first
        while day <= last:
            self._closures[day] = ClosureDay(day, name)
            day += dt.timedelta(days=1)
        self._fill()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self._closures.pop(item.data(Qt.ItemDataRole.UserRole), None)
        self._fill()

    def accept(self) -> None:
        try:
            self.saved = self.service.save(self.closures())
        except BreachDeskError as exc:
            show_error(self, exc)
            return
        super().accept()
