"""The countdown panel beside the register: every running clock, most urgent first, one click from its incident."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.deadlines.clocks import Clock, ClockKind, ClockState
from app.deadlines.workdays import soon_words
from app.domain.dates import JST
from app.i18n import N_, _
from ui.calendar.clock_display import (
    TAB_FOR_KIND,
    closed_run_warning,
    colours,
    due_text,
    is_soon,
    left_text,
    state_icon,
    state_text,
    tooltip,
)
from ui.common.eliding_delegate import LineElidingDelegate

CLOCK_ROLE = Qt.ItemDataRole.UserRole + 1
# Rows handed to the view at a reset, and at each scroll to the bottom (ClockModel.fetchMore): a few screenfuls.
# The compact list's rows differ in height, so its view sizes every row it knows of (~0.2 ms each).
BATCH_ROWS = 40
ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STATE = 0
    DUE = 1
    LEFT = 2
    SUBJECT = 3


FITTED_COLUMNS = (Column.STATE, Column.DUE, Column.LEFT)  # as wide as their texts; 件名 takes the rest


_HEADERS = {
    Column.STATE: N_("State"),
    Column.DUE: N_("Due"),
    Column.LEFT: N_("Time left"),
    Column.SUBJECT: N_("Duty and incident"),
}


class _Look(NamedTuple):
    """What one row shows, worked out the first time the view asks for it."""

    texts: tuple[str, ...]
    tip: str
    background: QBrush
    foreground: QBrush
    bold: bool


class ClockModel(QAbstractTableModel):
    """The clocks as rows; a row's words, colours and tooltip are worked out only when the view paints it.

    Why a model (issue 18 point 4): the QTreeWidget it replaces built an item of ten properties per clock, so
    23,000 clocks cost seconds of GUI-thread time per refresh (a slice at a time, still ~0.2 s stalls under a busy
    worker); a model formats only the score of rows on screen. The view is told of the rows a batch at a time
    (canFetchMore/fetchMore, as it scrolls to the bottom): a QTreeView's reset walks every row it knows, with two
    calls into Python per row (QAbstractItemModel::hasIndex), ~60 ms at 23,000 clocks."""

    def __init__(self, compact: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self.clocks: list[Clock] = []
        self.loaded = 0  # rows the view knows of (rowCount); the rest wait for fetchMore
        self.today = dt.date.today()
        self.bold = QFont()
        self._looks: dict[int, _Look] = {}
        self._icons: dict[ClockState, QIcon] = {}

    def set_clocks(self, clocks: Sequence[Clock], today: dt.date, font: QFont, widget: QWidget) -> None:
        self.beginResetModel()
        self.clocks = clocks if isinstance(clocks, list) else list(clocks)  # callers hand a fresh list: kept
        # A batch again, however far the officer had scrolled: QTreeView's layout itself fetches one batch more.
        self.loaded = min(len(self.clocks), BATCH_ROWS)
        self.today = today
        self.bold = QFont(font)
        self.bold.setBold(True)
        self._looks.clear()
        if not self._icons:  # the style's icons do not change with the clocks
            self._icons = {state: state_icon(widget, state) for state in ClockState}
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.loaded

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self.loaded < len(self.clocks)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not parent.isValid():
            self.load_up_to(self.loaded + BATCH_ROWS - 1)

    def load_up_to(self, row: int) -> None:
        """Makes rows 0..row known to the view (a selection or a caller reaching past the loaded rows)."""
        last = min(row, len(self.clocks) - 1)
        if last >= self.loaded:
            self.beginInsertRows(QModelIndex(), self.loaded, last)
            self.loaded = last + 1
            self.endInsertRows()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (1 if self.compact else len(Column))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[Column(section)])
        return None

    # No flags(): QAbstractTableModel's own (selectable, enabled, never has children) is answered in C++, and the
    # view asks it twice per row on every reset.

    def look(self, row: int) -> _Look:
        found = self._looks.get(row)
        if found is None:
            clock, today = self.clocks[row], self.today
            if self.compact:
                texts: tuple[str, ...] = (_compact_text(clock, today),)
            else:
                texts = (state_text(clock), due_text(clock, today), left_text(clock), _subject(clock))
            background, foreground = (QBrush(colour) for colour in colours(clock))
            bold = clock.state in (ClockState.OVERDUE, ClockState.DUE_TODAY) or is_soon(clock)
            found = _Look(texts, tooltip(clock, today), background, foreground, bold)
            self._looks[row] = found
        return found

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.clocks):
            return None
        row, column = index.row(), index.column()
        if role == CLOCK_ROLE:
            return self.clocks[row]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(self.clocks[row].state) if column == Column.STATE else None
        if role not in _LOOK_ROLES:
            return None
        look = self.look(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return look.texts[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A screen reader hears the state the compact row shows only by its icon and colour.
            return (
                f"{state_text(self.clocks[row])}: {look.texts[column]}"
                if self.compact
                else look.texts[column]
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return look.tip
        if role == Qt.ItemDataRole.BackgroundRole:
            return look.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return look.foreground
        return self.bold if look.bold else None  # FontRole


_LOOK_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
}


class ClockRow:
    """One row of a ClockList read as a QTreeWidgetItem reads (text, toolTip, data, background), for the callers
    and tests written when the list was a QTreeWidget."""

    def __init__(self, view: ClockList, row: int) -> None:
        self.view = view
        self.row = row

    def _get(self, column: int, role: int) -> object:
        return self.view.model().index(self.row, column).data(role)

    def text(self, column: int) -> str:
        return str(self._get(column, Qt.ItemDataRole.DisplayRole) or "")

    def toolTip(self, column: int) -> str:
        return str(self._get(column, Qt.ItemDataRole.ToolTipRole) or "")

    def data(self, column: int, role: int) -> object:
        return self._get(column, role)

    def icon(self, column: int) -> QIcon:
        icon = self._get(column, Qt.ItemDataRole.DecorationRole)
        return icon if isinstance(icon, QIcon) else QIcon()

    def background(self, column: int) -> QBrush:
        brush = self._get(column, Qt.ItemDataRole.BackgroundRole)
        return brush if isinstance(brush, QBrush) else QBrush()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ClockRow) and other.view is self.view and other.row == self.row

    def __hash__(self) -> int:
        return hash((id(self.view), self.row))


class ClockList(QTreeView):
    """Rows of clocks; a click (or Enter) asks for the incident at the tab where the officer acts on it."""

    openIncidentRequested = Signal(int, str)
    itemClicked = Signal(object, int)  # ClockRow, column: as QTreeWidget said it
    currentItemChanged = Signal(object, object)  # ClockRow (or None), the previous one

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        """`compact`: one column of two-line rows, for narrow places (the calendar's day list)."""
        super().__init__(parent)
        self.compact = compact
        self._model = ClockModel(compact, self)
        self.setModel(self._model)
        self.setHeaderHidden(compact)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(not compact)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(False)  # the order is the urgency order, not a column's
        self.setAccessibleName(_("Deadlines"))
        header = self.header()
        header.setAccessibleName(_("Deadline columns"))
        header.setStretchLastSection(True)
        if compact:
            # Each line ends in 「…」 on its own (the tooltip has it all); Qt's eliding would drop line two.
            self.setTextElideMode(Qt.TextElideMode.ElideNone)
            self.setItemDelegate(LineElidingDelegate(self))
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            for column in FITTED_COLUMNS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fitted: dict[int, int] = {}  # the width this list gave each column (a different one: dragged)
        self.clicked.connect(lambda index: self.itemClicked.emit(ClockRow(self, index.row()), index.column()))
        self.itemClicked.connect(self._open)
        self.selectionModel().currentRowChanged.connect(
            lambda now, before: self.currentItemChanged.emit(self._row(now), self._row(before))
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the current line: the panel works without a mouse."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._open(self.currentItem())
            return
        super().keyPressEvent(event)

    def set_clocks(self, clocks: Sequence[Clock], today: dt.date) -> None:
        """All at once, whatever their number: the model formats only the rows on screen (issue 18 point 4). The
        selected clock stays selected when it is still listed."""
        selected = self.selected_clock()
        self._model.set_clocks(clocks, today, self.font(), self)
        self._fit_columns()
        if selected is not None:
            key = selected.key
            row = next((i for i, c in enumerate(self._model.clocks) if c.key == key), None)
            if row is not None:
                self._model.load_up_to(row)
                self.setCurrentIndex(self._model.index(row, 0))

    def _fit_columns(self) -> None:
        """状態, 期限 and 残り as wide as their texts in the first batch of rows, measured here. Qt's ResizeToContents
        asked the model for every role of 64 rows on each refresh and each first show: 40-60 ms of the GUI thread
        (the start-up summary's show() took 57 ms, 2 ms without; docs/adr/0011-gui-thread-stalls.md). A longer text
        further down is elided, its tooltip whole; a column the officer dragged keeps its width."""
        if self.compact:
            return
        header = self.header()
        bold = QFontMetrics(self._model.bold)
        titles = header.fontMetrics()
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 8
        rows = range(min(self._model.loaded, BATCH_ROWS))
        for column in FITTED_COLUMNS:
            texts = (self._model.look(row).texts[column] for row in rows)
            widest = max((bold.horizontalAdvance(text) for text in texts), default=0) + margin
            if column is Column.STATE:
                widest += self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self) + 4
            width = max(widest, titles.horizontalAdvance(_(_HEADERS[column])) + margin + 8)
            if header.sectionSize(column) != self._fitted.get(column, header.sectionSize(column)):
                continue  # the officer dragged it
            header.resizeSection(column, width)
            self._fitted[column] = header.sectionSize(column)

    def filling(self) -> bool:
        """Kept for the bench and tests written for the list filled a slice at a time: never, now."""
        return False

    def clocks(self) -> list[Clock]:
        return list(self._model.clocks)

    def selected_clock(self) -> Clock | None:
        index = self.currentIndex()
        return self._model.clocks[index.row()] if index.isValid() else None

    # QTreeWidget's names, which the panel's callers and tests use.
    def topLevelItemCount(self) -> int:
        """Every clock listed, as QTreeWidget counted, including the rows not yet handed to the view."""
        return len(self._model.clocks)

    def topLevelItem(self, row: int) -> ClockRow | None:
        if not 0 <= row < len(self._model.clocks):
            return None
        self._model.load_up_to(row)
        return ClockRow(self, row)

    def currentItem(self) -> ClockRow | None:
        return self._row(self.currentIndex())

    def setCurrentItem(self, item: ClockRow) -> None:
        self._model.load_up_to(item.row)
        self.setCurrentIndex(self._model.index(item.row, 0))

    def itemAt(self, position: QPoint) -> ClockRow | None:
        return self._row(self.indexAt(position))

    def scrollToItem(self, item: ClockRow) -> None:
        self.scrollTo(self._model.index(item.row, 0))

    def visualItemRect(self, item: ClockRow) -> QRect:
        return self.visualRect(self._model.index(item.row, 0))

    def _row(self, index: QModelIndex) -> ClockRow | None:
        return ClockRow(self, index.row()) if index.isValid() else None

    def _open(self, item: ClockRow | None, _column: int = 0) -> None:
        if item is None:
            return
        clock = self._model.clocks[item.row]
        self.openIncidentRequested.emit(clock.incident_id, TAB_FOR_KIND[clock.kind])


def _compact_text(clock: Clock, today: dt.date) -> str:
    """Two short lines, what to act on first: 「あと4日（営業日 1日） · 速報」 then 「4/22（木） · 2027-0003 …」; a third
    when a run of closed days lies ahead (「⚠ 5/1（土）〜5/5（水）は休業日です。…」). At the panel's 240–380 px the
    state word first pushed the days left into the 「…」 (issue 18): the state is the row's icon and colour, and its
    word is in the tooltip and the accessible text (`_spoken`)."""
    second = [f"{clock.reference} {clock.title}"]
    if clock.due_date is not None or clock.due_at is not None:
        first = [left_text(clock, compact=True)]
        second.insert(0, due_text(clock, today))
    else:
        first = [due_text(clock, today)]  # 速やかに / 努力義務: nothing to count
    first.append(clock.label())
    lines = [" · ".join(first), " · ".join(second)]
    warning = closed_run_warning(clock)
    if warning is not None:
        lines.append(f"⚠ {warning}")  # a third line only where a run of closed days lies ahead
    return "\n".join(lines)


def panel_summary(clocks: Sequence[Clock]) -> str:
    """The counts above the panel's list, of its running clocks; plain values only, so a worker can compute it."""
    running = [c for c in clocks if not c.state.done]
    overdue = sum(c.state is ClockState.OVERDUE for c in running)
    due_today = sum(c.state is ClockState.DUE_TODAY for c in running)
    soon = sum(is_soon(c) for c in running)
    # The 番号法 effort report is listed but not counted: it is no duty to do promptly.
    undated = sum(c.state is ClockState.OPEN_NO_DATE and not c.kind.effort_only for c in running)
    return _("Overdue: {overdue} · Today: {today} · Soon ({within}): {soon} · Promptly: {undated}").format(
        overdue=overdue, today=due_today, within=soon_words(), soon=soon, undated=undated
    )


def _subject(clock: Clock) -> str:
    return f"{clock.label()} — {clock.reference} {clock.title}"


class CountdownPanel(QDockWidget):
    """Open clocks only: a filed duty leaves the panel (the incident keeps its record of it)."""

    openIncidentRequested = Signal(int, str)
    substitutePublicationChosen = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Deadlines"), parent)
        self.setObjectName("countdown_panel")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()  # the latest reminder, where the desktop has no notification area
        self.message.setWordWrap(True)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.hide()
        self.list = ClockList(compact=True)
        self.list.setAccessibleName(_("Open deadlines"))
        self.list.openIncidentRequested.connect(self.openIncidentRequested)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel(_("No open deadlines."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        body.setMinimumWidth(240)  # rows end in 「…」 (tooltip: all); the window must fit 900 px (issue 18)
        self.setWidget(body)
        self.substitute_chosen: AbstractSet[int] = frozenset()
        self.set_clocks([], dt.datetime.now(dt.UTC))

    def set_clocks(
        self,
        clocks: Sequence[Clock],
        now: dt.datetime,
        substitute_chosen: AbstractSet[int] | None = None,
        summary: str | None = None,
        *,
        running: list[Clock] | None = None,
    ) -> None:
        """`summary` and `running` (the clocks not done): worked out on the worker from the same clocks (counting
        ten thousand clocks costs a quarter of a second on the GUI thread; docs/adr/0011-gui-thread-stalls.md)."""
        if substitute_chosen is not None:
            self.substitute_chosen = substitute_chosen
        today = now.astimezone(JST).date()
        if running is None:
            running = [c for c in clocks if not c.state.done]
        self.list.set_clocks(running, today)
        self.list.setVisible(bool(running))
        self.empty.setVisible(not running)
        self.summary.setText(summary if summary is not None else panel_summary(running))
        self.summary.setVisible(bool(running))

    def show_message(self, title: str, body: str) -> None:
        self.message.setText(f"<b>{html.escape(title)}</b><br>{html.escape(body).replace(chr(10), '<br>')}")
        self.message.show()

    def _context_menu(self, position) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        clock = self.list.clocks()[item.row]
        menu = QMenu(self)
        open_action = menu.addAction(_("Open the incident"))
        open_action.triggered.connect(lambda: self.list._open(item))
        notices = (ClockKind.INDIVIDUAL_NOTICE, ClockKind.BANGO_INDIVIDUAL_NOTICE, ClockKind.PUBLICATION)
        if clock.kind in notices and clock.substitute_allowed:
            choice = menu.addAction(_("Publish as a substitute for notice"))
            choice.setCheckable(True)
            choice.setChecked(clock.incident_id in self.substitute_chosen)
            choice.toggled.connect(
                lambda checked: self.substitutePublicationChosen.emit(clock.incident_id, checked)
            )
        menu.exec(self.list.viewport().mapToGlobal(position))
