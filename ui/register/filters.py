"""The register's search box and filters: 状態, 期限が近い, 年度, 報告対象/非該当/マイナンバー, JIPDEC 事象分類."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.deadlines.workdays import SOON_WORKING_DAYS, soon_horizon
from app.domain import jipdec
from app.domain.dates import today_jst
from app.domain.incident import IncidentStatus
from app.domain.register import MyNumberFilter, RegisterQuery, Reportable, SortKey
from app.i18n import _, current_language, ngettext
from ui.calendar.clock_display import office_calendar

SEARCH_PAUSE_MS = 200
_REPORTABLE_ALL = "all"
# The My Number choices of the 報告対象 combo are prefixed: "reportable" is a value of both filters.
_MY_NUMBER_PREFIX = "my_number:"
DUE_SOON_DAYS = SOON_WORKING_DAYS  # working days: the one meaning of "soon" (app/deadlines/workdays.py)
OPEN_STATUSES = frozenset(
    {
        IncidentStatus.INVESTIGATING,
        IncidentStatus.SOKUHO_FILED,
        IncidentStatus.KAKUHO_FILED,
        IncidentStatus.INDIVIDUALS_NOTIFIED,
    }
)


class RegisterFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(_("Search titles, timelines and notes (e.g. 誤送信)"))
        self.search_edit.setMinimumWidth(180)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_now)

        self.status_combo = QComboBox()
        self.status_combo.addItem(_("All statuses"), None)
        self.status_combo.addItem(_("Open (not closed)"), "open")
        for status in IncidentStatus:
            self.status_combo.addItem(status.label(), status.value)

        self.due_check = QCheckBox(
            ngettext("Due within {n} working day", "Due within {n} working days", DUE_SOON_DAYS).format(
                n=DUE_SOON_DAYS
            )
        )
        self.due_check.setToolTip(
            ngettext(
                "Incidents whose next deadline is within {n} working day of the office, or already past.",
                "Incidents whose next deadline is within {n} working days of the office, or already past.",
                DUE_SOON_DAYS,
            ).format(n=DUE_SOON_DAYS)
        )

        self.year_combo = QComboBox()
        self.year_combo.addItem(_("All fiscal years"), None)

        # One combo for 報告対象 and マイナンバー: a sixth one would not fit a 1366-pixel screen with the deadline
        # panel open. "Reportable" means under either law; the My Number choices follow a separator.
        self.reportable_combo = QComboBox()
        self.reportable_combo.addItem(_("Reportable and not"), _REPORTABLE_ALL)
        self.reportable_combo.addItem(_("Reportable only"), Reportable.REPORTABLE.value)
        self.reportable_combo.addItem(_("Not reportable only"), Reportable.NOT_REPORTABLE.value)
        self.reportable_combo.insertSeparator(self.reportable_combo.count())
        for label, value in (
            (_("With My Numbers"), MyNumberFilter.INVOLVED),
            (_("Reportable under the My Number Act"), MyNumberFilter.REPORTABLE),
            (_("Without My Numbers"), MyNumberFilter.NOT_INVOLVED),
        ):
            self.reportable_combo.addItem(label, _MY_NUMBER_PREFIX + value.value)
        self.reportable_combo.setToolTip(
            _(
                "Reportable under either law, or not; or incidents whose data includes My Numbers "
                "(特定個人情報), with their verdict under the My Number Act."
            )
        )

        self.category_combo = QComboBox()
        self.category_combo.addItem(_("All JIPDEC categories"), None)
        for category in jipdec.CATEGORIES:
            self.category_combo.addItem(category.label(current_language()), category.code)

        for combo in (
            self.status_combo,
            self.year_combo,
            self.reportable_combo,
            self.category_combo,
        ):
            # Sized for the "all" choice, not the longest one: the bar must fit a 1366-pixel screen with the
            # deadline panel open; the drop-down list itself is as wide as it needs.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(0)
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(combo.itemText(0)) + 42)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            combo.currentIndexChanged.connect(self.changed)
        self.due_check.toggled.connect(self.changed)

        self._lay_out()

    def _lay_out(self) -> None:
        """Two rows: the search with its own visible label (a placeholder is no label), then the filters. One row
        needed 920 px (1015 in English) and held the window wider than a laptop at 150 % (issue 18 point 2).
        Each filter has a name for screen readers: a combo's current text alone says nothing of what it filters."""
        self.search_label = QLabel(_("&Search:"))
        self.search_label.setBuddy(self.search_edit)
        self.search_edit.setAccessibleName(_("Search the register"))
        self.search_edit.setToolTip(self.search_edit.placeholderText())
        self.search_edit.setMinimumWidth(120)
        self.search_edit.installEventFilter(self)
        for combo, name in (
            (self.status_combo, _("Filter by status")),
            (self.year_combo, _("Filter by fiscal year")),
            (self.reportable_combo, _("Filter by reportability and My Numbers")),
            (self.category_combo, _("Filter by JIPDEC category")),
        ):
            combo.setAccessibleName(name)
            if not combo.toolTip():
                combo.setToolTip(name)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(4)
        first = QHBoxLayout()
        first.addWidget(self.search_label)
        first.addWidget(self.search_edit, 2)
        first.addWidget(self.status_combo, 1)
        first.addWidget(self.due_check)
        second = QHBoxLayout()
        for combo in (self.year_combo, self.reportable_combo, self.category_combo):
            second.addWidget(combo, 1)
        layout.addLayout(first, 0, 0)
        layout.addLayout(second, 1, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in the search box clears it (as in Windows' own search boxes); a second Esc goes on to the window."""
        if (
            watched is self.search_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.search_edit.text()
        ):
            self.search_edit.clear()
            self.apply_now()
            return True
        return super().eventFilter(watched, event)

    def reset(self) -> None:
        """Every filter back to "all" and the search emptied, announced once."""
        widgets = (self.search_edit, self.status_combo, self.due_check, self.year_combo)
        others = (self.reportable_combo, self.category_combo)
        for widget in (*widgets, *others):
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.status_combo, self.year_combo, *others):
            combo.setCurrentIndex(0)
        self.due_check.setChecked(False)
        for widget in (*widgets, *others):
            widget.blockSignals(False)
        self.apply_now()

    def apply_now(self) -> None:
        self._search_timer.stop()
        self.changed.emit()

    def set_fiscal_years(self, years: Sequence[int]) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(_("All fiscal years"), None)
        for year in years:
            self.year_combo.addItem(_("FY {year}").format(year=year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def query(self, sort: SortKey = SortKey.LEARNED, descending: bool = True) -> RegisterQuery:
        status = self.status_combo.currentData()
        if status == "open":
            statuses = OPEN_STATUSES
        elif status:
            statuses = frozenset({IncidentStatus(status)})
        else:
            statuses = frozenset()
        choice = self.reportable_combo.currentData() or _REPORTABLE_ALL
        reportable, my_number = Reportable.ALL, MyNumberFilter.ALL
        if choice.startswith(_MY_NUMBER_PREFIX):
            my_number = MyNumberFilter(choice.removeprefix(_MY_NUMBER_PREFIX))
        elif choice != _REPORTABLE_ALL:
            reportable = Reportable(choice)
        return RegisterQuery(
            text=self.search_edit.text(),
            statuses=statuses,
            due_within_days=soon_horizon(today_jst(), office_calendar())
            if self.due_check.isChecked()
            else None,
            fiscal_year=self.year_combo.currentData(),
            reportable=reportable,
            jipdec_category=self.category_combo.currentData(),
            my_number=my_number,
            sort=sort,
            descending=descending,
        )
