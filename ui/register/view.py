"""The register: a friendly empty state until the first incident exists, then a searchable, filterable table.

The table model holds only the ids of the rows that match (100,000 ints are small) and loads the rows themselves
in blocks as they scroll into view, with a bounded cache (Anki's browser model does the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.deadlines.workdays import days_left_compact, days_left_two_lines, days_left_words, is_soon
from app.domain.dates import today_jst
from app.domain.incident import IncidentStatus
from app.domain.incident_kind import IncidentKind
from app.domain.register import BangoVerdict, RegisterRow, SortKey, bango_words
from app.i18n import N_, _, current_language, ngettext
from ui.calendar.clock_display import office_calendar
from ui.common.formatting import format_short_date
from ui.common.jobs import LatestJob
from ui.common.wait import wait_for
from ui.register.filters import RegisterFilterBar
from ui.register.table import TWO_LINES_ROLE, RegisterTable

ModelIndex = QModelIndex | QPersistentModelIndex
INCIDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the incident's database id, for opening it
BLOCK = 200  # rows fetched per query when the view scrolls
CACHE_LIMIT = 4000  # rows kept; beyond that the cache starts over around the visible block


class Column(IntEnum):
    REFERENCE = 0
    TITLE = 1
    LEARNED = 2
    KIND = 3
    ITEMS = 4
    BANGO = 5
    STATUS = 6
    NEXT_DEADLINE = 7
    DAYS_LEFT = 8


_COLUMNS = tuple(Column)  # by index: Column(i) costs an enum lookup at each of a paint's ~1,500 data() calls
_HEADERS = {
    Column.REFERENCE: N_("No."),
    Column.TITLE: N_("Title"),
    Column.LEARNED: N_("Learned on"),
    Column.KIND: N_("Event"),
    Column.ITEMS: N_("Rule 7 items"),
    Column.BANGO: N_("My No. Act"),  # short: the column must leave the title room on a 1366-pixel screen
    Column.STATUS: N_("Status"),
    Column.NEXT_DEADLINE: N_("Next deadline"),
    Column.DAYS_LEFT: N_("Days left"),
}
SORT_KEYS = {
    Column.REFERENCE: SortKey.REFERENCE,
    Column.TITLE: SortKey.TITLE,
    Column.LEARNED: SortKey.LEARNED,
    Column.KIND: SortKey.KIND,
    Column.ITEMS: SortKey.ITEMS,
    Column.BANGO: SortKey.BANGO,
    Column.STATUS: SortKey.STATUS,
    Column.NEXT_DEADLINE: SortKey.NEXT_DEADLINE,
    Column.DAYS_LEFT: SortKey.NEXT_DEADLINE,
}
OVERDUE = QColor("#b00020")
SOON = QColor("#a15c00")  # due today or soon in working days (app/deadlines/workdays.py SOON_WORKING_DAYS)


def _joined(parts: Sequence[str]) -> str:
    return ("・" if current_language() == "ja" else ", ").join(parts)


def format_items(row: RegisterRow) -> str:
    """「1号・3号」; no items means "not assessed yet" unless the incident was assessed (possibly reportable under
    the 番号法 alone, whose 号 have their own column)."""
    if row.applicable_items:
        return _joined([_("Item {n}").format(n=n) for n in row.applicable_items])
    if (
        row.status is IncidentStatus.NOT_REPORTABLE
        or row.reportable is not None
        or row.bango_verdict is not None
    ):
        return _("No item applies")
    return _("Not assessed")


def format_bango(row: RegisterRow) -> str:
    """The 番号法 column: its 号 (規則2条) when reportable, 努力義務, 未判定, 該当なし, or — without My Numbers."""
    return bango_words(row.bango_verdict, row.bango_categories)


def bango_tooltip(row: RegisterRow) -> str | None:
    verdict = row.bango_verdict
    if verdict is None:
        return None
    if verdict is BangoVerdict.REPORT:
        return _(
            "My Numbers are involved: reportable under the My Number Act (Rule Art. 2, category {items})."
        ).format(items=_joined([str(n) for n in row.bango_categories]))
    return {
        BangoVerdict.EFFORT: _(
            "My Numbers are involved: not reportable under the My Number Act, but the business shall "
            "endeavour to report it (GL-B Annex 2 3B)."
        ),
        BangoVerdict.NOT_ASSESSED: _(
            "My Numbers are involved, but the saved assessment predates the My Number Act track: "
            "re-assess the incident."
        ),
        BangoVerdict.NOTHING_DUE: _("My Numbers are involved: nothing to report under the My Number Act."),
        BangoVerdict.NONE: _("No My Number is involved."),
    }[verdict]


def format_days_left(
    deadline: dt.date | None, today: dt.date, *, compact: bool = False, two_lines: bool = False
) -> str:
    """「あと4日（営業日 1日）」: calendar and office working days side by side (app/deadlines/workdays.py).

    compact=True is the register cell ("4 days (1 working)"), two_lines=True the cell in a narrow table: the
    English sentence did not fit the column at 1024 px (issue 18 point 2); the cell's tooltip and accessible
    text keep the sentence."""
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days < 0 and two_lines:
        return ngettext("{n} day\noverdue", "{n} days\noverdue", -days).format(n=-days)
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    if days == 0:
        return _("Today")
    words = days_left_two_lines if two_lines else days_left_compact if compact else days_left_words
    return words(days, office_calendar().working_days_left(today, deadline))


def kind_label(code: str | None) -> str:
    kind = IncidentKind.parse(code)
    return kind.label() if kind is not None else ""


class IncidentTableModel(QAbstractTableModel):
    """Ids of the matching incidents; rows fetched through `fetch_rows` in blocks when first shown."""

    sortRequested = Signal(object, bool)  # SortKey, descending

    def __init__(
        self,
        fetch_rows: Callable[[Sequence[int]], Mapping[int, RegisterRow]] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch_rows or (lambda ids: {})
        self._today = today
        # Who changed an incident last, for the title's tooltip (「最終更新：2027/07/03 10:12 山田」); set with the
        # services (RegisterView.show_last_changes), since it reads the audit log through the ORM.
        self.last_change: Callable[[int], str] | None = None
        self._ids: list[int] = []
        self._cache: dict[int, RegisterRow] = {}

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Rows changed in the database (an edit in a workspace): drop the cache, keep the order."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, incident_id: int) -> int | None:
        try:
            return self._ids.index(incident_id)
        except ValueError:
            return None

    def row_at(self, row: int) -> RegisterRow | None:
        incident_id = self._ids[row]
        found = self._cache.get(incident_id)
        if found is None:
            start = row - row % BLOCK
            block = [i for i in self._ids[start : start + BLOCK] if i not in self._cache]
            if len(self._cache) + len(block) > CACHE_LIMIT:
                self._cache.clear()
                block = self._ids[start : start + BLOCK]
            self._cache.update(self._fetch(block))
            found = self._cache.get(incident_id)
        return found

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == INCIDENT_ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            TWO_LINES_ROLE,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:  # deleted meanwhile: an empty row until the next refresh
            return None
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if column is Column.DAYS_LEFT and role == TWO_LINES_ROLE:
            return format_days_left(row.next_deadline, self._today(), two_lines=True)
        if column is Column.DAYS_LEFT and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):  # the cell shows the compact form; a screen reader and the tooltip say the whole sentence
            return format_days_left(row.next_deadline, self._today()) or None
        if role in (Qt.ItemDataRole.AccessibleTextRole, TWO_LINES_ROLE):
            return None  # the display text is read, on one line
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.BANGO:
                return bango_tooltip(row)
            if column is Column.TITLE:
                last = self.last_change(row.id) if self.last_change is not None else ""
                return f"{row.title}\n{last}" if last else row.title
            # A narrow window elides these columns (RegisterTable.fit_columns): the whole text on hover.
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (Column.LEARNED, Column.NEXT_DEADLINE, Column.REFERENCE, Column.BANGO):
                return int(Qt.AlignmentFlag.AlignCenter)
            if column is Column.DAYS_LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if column in (Column.DAYS_LEFT, Column.NEXT_DEADLINE) and row.next_deadline is not None:
            days = (row.next_deadline - self._today()).days
            if days < 0:
                return QBrush(OVERDUE)
            if days == 0 or is_soon(self._today(), row.next_deadline, office_calendar()):
                return QBrush(SOON)
        return None

    def _display(self, row: RegisterRow, column: Column) -> str:
        if column is Column.REFERENCE:
            return row.reference
        if column is Column.TITLE:
            return row.title.replace("\n", " ")
        if column is Column.LEARNED:
            return format_short_date(row.learned_date)
        if column is Column.KIND:
            return kind_label(row.incident_kind)
        if column is Column.ITEMS:
            return format_items(row)
        if column is Column.BANGO:
            return format_bango(row)
        if column is Column.STATUS:
            return row.status.label()
        if column is Column.NEXT_DEADLINE:
            return format_short_date(row.next_deadline) if row.next_deadline else ""
        return format_days_left(row.next_deadline, self._today(), compact=True)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            role = Qt.ItemDataRole.DisplayRole  # a narrow column elides its title (RegisterTable)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return _(_HEADERS[Column(section)])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    # No flags(): QAbstractTableModel's own (enabled, selectable, no children) is answered in C++; a Python one was
    # called for every painted cell, and each call waits for the GIL when a worker runs Python (ADR 0011).

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The database sorts (an index per column); the view asks, the register view re-queries."""
        if 0 <= column < len(Column):
            self.sortRequested.emit(SORT_KEYS[Column(column)], order == Qt.SortOrder.DescendingOrder)


class RegisterPage(IntEnum):
    LOADING = 0
    EMPTY = 1
    TABLE = 2


class RegisterView(QStackedWidget):
    """Shows "loading" until the database answers, then the empty state or the filter bar and the table."""

    newIncidentRequested = Signal()
    incidentActivated = Signal(int)
    reloaded = Signal(int, int)  # matching, total

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self.today = today or today_jst
        self.service = None  # app.services.register.RegisterService once attached
        self.total = 0
        self.loading_label = QLabel(_("Opening the register…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.loading_label)
        self.addWidget(self._build_empty_state())
        self.model = IncidentTableModel(today=self.today, parent=self)
        self.model.sortRequested.connect(self._sort_requested)
        self.search_job = LatestJob(self, "register-search")  # the newest search wins (ADR 0011)
        self._asked = 0  # the reload whose answer the table waits for; a synchronous reload bumps it
        self.filters = RegisterFilterBar()
        self.filters.changed.connect(lambda: self.reload(recount=False))
        self.table = RegisterTable()  # Tab leaves it; focus and selection are one (ui/register/table.py)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(Column.LEARNED, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self.no_match_label = QLabel(_("No incident matches the search and filters."))
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match_label.hide()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_match_label)
        self.addWidget(page)
        self.setCurrentIndex(RegisterPage.LOADING)

    def _fit_columns(self) -> None:
        """Widths from the font and sample texts (ResizeToContents would read all 100,000 rows). 次の期限 and あと何日
        never shrink; the others shrink toward their header when the table is narrow (1024 px with the deadline
        panel, issue 18), elided with the full text in the tooltip; 件名 takes the rest. When even that leaves
        件名 too little, あと何日 goes on two lines (RegisterTable.set_column_plan)."""
        metrics = self.table.fontMetrics()

        def width(*texts: str) -> int:
            return max(metrics.horizontalAdvance(line) for text in texts for line in text.splitlines())

        overdue = format_days_left(dt.date(2000, 1, 1), dt.date(2000, 4, 10))  # 「100日超過」
        overdue_lines = format_days_left(dt.date(2000, 1, 1), dt.date(2000, 4, 10), two_lines=True)
        samples = {
            Column.REFERENCE: ("2026-0000", True),  # app/services/incidents.py numbers 4 digits a year
            Column.LEARNED: (format_short_date(dt.date(2026, 12, 31)), True),
            Column.KIND: ("ランサムウェア・マルウェア", False),
            Column.ITEMS: ("1号・2号・3号", False),
            Column.BANGO: ("2号・4号", False),
            Column.STATUS: ("非該当（記録のみ）", False),
            Column.NEXT_DEADLINE: (format_short_date(dt.date(2026, 12, 31)), True),
            Column.DAYS_LEFT: (max((days_left_compact(365, 244), overdue), key=width), True),
        }
        cell, header_margin = 10, 12  # the style's text margins in a cell; a header section's
        plan: dict[int, tuple[int, int]] = {}
        for column, (sample, fixed) in samples.items():
            header = width(_(_HEADERS[column])) + header_margin
            preferred = max(width(sample) + cell, header)
            least = max(width("事象…") + cell, header // 2)  # the header elides too
            plan[column] = (preferred, preferred if fixed else min(preferred, least))
        two_lines = max(
            width(days_left_two_lines(365, 244), overdue_lines) + cell,
            width(_(_HEADERS[Column.DAYS_LEFT])) + header_margin,
        )
        self.table.set_column_plan(
            plan,
            stretch_minimum=width("件名件名件名件名件名") + cell,
            two_line_widths={Column.DAYS_LEFT: two_lines},
        )

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        self.empty_title = QLabel(_("No incidents have been registered yet"))
        font = QFont(self.empty_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.empty_title.setFont(font)
        self.empty_hint = QLabel(
            _(
                "When personal data may have leaked, been lost or damaged, record the incident first: "
                "BreachDesk then keeps its deadlines in view."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_button = QPushButton(_("Register a new incident"))
        button_font = QFont(self.empty_button.font())
        button_font.setPointSizeF(button_font.pointSizeF() * 1.2)
        self.empty_button.setFont(button_font)
        self.empty_button.setMinimumHeight(44)
        self.empty_button.setMinimumWidth(self.empty_button.sizeHint().width() + 64)
        self.empty_button.setDefault(True)
        self.empty_button.clicked.connect(self.newIncidentRequested)
        for label in (self.empty_title, self.empty_hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(self.empty_title)
        layout.addSpacing(8)
        layout.addWidget(self.empty_hint)
        layout.addSpacing(20)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        layout.setContentsMargins(48, 24, 48, 24)
        return page

    # --- data ---------------------------------------------------------------------------------------------
    def attach(self, service) -> None:
        """`service` answers ids/rows/total/fiscal_years: the RegisterService (app/services/register.py)."""
        self.service = service
        self.model._fetch = service.rows
        self.filters.set_fiscal_years(wait_for(service.fiscal_years))
        self.reload(wait=True)  # the first rows before the window is shown (start-up phase 2)

    def show_last_changes(self, lookup: Callable[[int], str]) -> None:
        """`lookup(incident_id)`: 「最終更新：…」 or "" (ui/workspace/overview_tab.py last_change_line)."""
        self.model.last_change = lookup

    def reload(self, recount: bool = True, *, wait: bool = False) -> None:
        """Re-run the query (filters, search, sort); the selection follows its incident.

        The query runs on a worker (a search over 100,000 incidents takes 25–60 ms, docs/adr/0011-gui-thread-stalls.md):
        the table keeps the previous rows until the answer arrives, and only the newest question is answered.
        wait=True (the first rows when the register opens, a refresh after an edit) answers before returning.
        recount=False when only the filters changed: the register itself did not, so its size is known."""
        if self.service is None:
            return
        service, query, today = (
            self.service,
            self.filters.query(self._sort_key, self._descending),
            self.today(),
        )
        self._asked += 1
        asked = self._asked
        if wait:  # on a worker all the same: the window paints while it waits (ui/common/wait.py)
            self._show_answer(asked, wait_for(lambda: service.search(query, today, recount)))
            return
        self.search_job.run(
            lambda: service.search(query, today, recount),
            lambda answer: self._show_answer(asked, answer),
            self._search_failed,
        )

    def searching(self) -> bool:
        """A query is on its way: the rows shown are the previous answer's."""
        return not self.search_job.idle()

    def _show_answer(self, asked: int, answer: tuple[list[int], int | None]) -> None:
        if asked != self._asked:  # a synchronous reload came after this question: its rows are newer
            return
        ids, total = answer
        selected = self.selected_id()
        if total is not None:
            self.total = total
        self.model.set_ids(ids)
        self.setCurrentIndex(RegisterPage.EMPTY if self.total == 0 else RegisterPage.TABLE)
        matching = self.model.rowCount()
        self.no_match_label.setText(_("No incident matches the search and filters."))
        self.no_match_label.setVisible(self.total > 0 and matching == 0)
        if self._wanted is not None and self.select_incident(self._wanted):
            self._wanted = None
        elif selected is not None:
            self.select_incident(selected)
        self.reloaded.emit(matching, self.total)

    def _search_failed(self, message: str) -> None:
        """The register could not answer (locked, disk gone): the previous rows stay; the message has no
        personal data (ui/common/jobs.py)."""
        self.no_match_label.setText(_("The register could not be searched: {reason}").format(reason=message))
        self.no_match_label.show()

    def shutdown(self) -> None:
        """The register closes: no answer may arrive on a closed database. A fresh job serves the next register
        attached to this window (encryption and restore reopen it in the same window)."""
        self.search_job.shutdown()
        self.search_job = LatestJob(self, "register-search")

    def refresh(self) -> None:
        """After an edit elsewhere: new fiscal years, new rows, statuses that moved."""
        if self.service is not None:
            self.filters.set_fiscal_years(wait_for(self.service.fiscal_years))
        self.reload(wait=True)

    _sort_key = SortKey.LEARNED
    _descending = True

    def _sort_requested(self, key: SortKey, descending: bool) -> None:
        self._sort_key, self._descending = key, descending
        self.reload(recount=False)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.id_at(rows[0].row()) if rows else None

    def select_incident(self, incident_id: int) -> bool:
        row = self.model.row_of(incident_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    _wanted: int | None = (
        None  # to select once the rows holding it are in (ui/shell/main_window.py, the wizard)
    )

    def show_incident(self, incident_id: int) -> None:
        """Select and scroll to an incident just registered; if the search or a filter hides it, they are
        cleared first, so the officer sees it rather than a table that seems to have lost it (issue 18)."""
        if self.select_incident(incident_id):
            return
        self._wanted = incident_id
        self.filters.reset()  # reloads; the reload selects `_wanted`

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.incidentActivated.emit(self.model.id_at(index.row()))

    def page(self) -> RegisterPage:
        return RegisterPage(self.currentIndex())

    def focus_search(self) -> None:
        """Ctrl+F: the search box, its text selected so typing replaces it."""
        QTimer.singleShot(0, self._focus_search_now)

    def _focus_search_now(self) -> None:
        self.filters.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search_edit.selectAll()
