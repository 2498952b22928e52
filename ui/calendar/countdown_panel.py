"""The countdown panel beside the register: every running clock, most urgent first, one click from its incident."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.deadlines.clocks import Clock, ClockKind, ClockState
from app.domain.dates import JST
from app.i18n import N_, _
from ui.calendar.clock_display import (
    TAB_FOR_KIND,
    colours,
    due_text,
    is_soon,
    left_text,
    state_icon,
    state_text,
    tooltip,
)

CLOCK_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    STATE = 0
    DUE = 1
    LEFT = 2
    SUBJECT = 3


_HEADERS = {
    Column.STATE: N_("State"),
    Column.DUE: N_("Due"),
    Column.LEFT: N_("Time left"),
    Column.SUBJECT: N_("Duty and incident"),
}


class ClockList(QTreeWidget):
    """Rows of clocks; a click (or Enter) asks for the incident at the tab where the officer acts on it."""

    openIncidentRequested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        """`compact`: one column of two-line rows, for narrow places (the calendar's day list)."""
        super().__init__(parent)
        self.compact = compact
        self.setHeaderLabels([_(_HEADERS[c]) for c in Column][: 1 if compact else len(Column)])
        self.setHeaderHidden(compact)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(not compact)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(False)  # the order is the urgency order, not a column's
        header = self.header()
        header.setStretchLastSection(True)
        if compact:
            # Each line is cut at the edge on its own (the tooltip has it all); eliding would drop line two.
            self.setTextElideMode(Qt.TextElideMode.ElideNone)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            for column in (Column.STATE, Column.DUE, Column.LEFT):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._open)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the current line: the panel works without a mouse."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._open(self.currentItem())
            return
        super().keyPressEvent(event)

    def set_clocks(self, clocks: Sequence[Clock], today: dt.date) -> None:
        selected = self.selected_clock()
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for clock in clocks:
            if self.compact:
                texts = [_compact_text(clock, today)]
            else:
                texts = [state_text(clock), due_text(clock, today), left_text(clock), _subject(clock)]
            item = QTreeWidgetItem(texts)
            item.setIcon(Column.STATE, state_icon(self, clock.state))
            item.setData(Column.STATE, CLOCK_ROLE, clock)
            for column in range(len(texts)):
                item.setToolTip(column, tooltip(clock, today))
            background, foreground = colours(clock)
            for column in range(len(texts)):
                item.setBackground(column, QBrush(background))
                item.setForeground(column, QBrush(foreground))
                if clock.state in (ClockState.OVERDUE, ClockState.DUE_TODAY) or is_soon(clock):
                    item.setFont(column, bold)
            self.addTopLevelItem(item)
            if selected is not None and clock.key == selected.key:
                self.setCurrentItem(item)

    def clocks(self) -> list[Clock]:
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item.data(Column.STATE, CLOCK_ROLE) for item in items if item is not None]

    def selected_clock(self) -> Clock | None:
        item = self.currentItem()
        return item.data(Column.STATE, CLOCK_ROLE) if item is not None else None

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        clock: Clock = item.data(Column.STATE, CLOCK_ROLE)
        self.openIncidentRequested.emit(clock.incident_id, TAB_FOR_KIND[clock.kind])


def _compact_text(clock: Clock, today: dt.date) -> str:
    """Two short lines, most important first: 「⚠ 期限超過 · 4日超過 · 速報」 then 「4/22（木）〜4/24（土） · 2027-0003 …」."""
    first = [state_text(clock)]
    second = [f"{clock.reference} {clock.title}"]
    if clock.due_date is not None or clock.due_at is not None:
        first.append(left_text(clock))
        second.insert(0, due_text(clock, today))
    first.append(clock.label())
    return f"{' · '.join(first)}\n{' · '.join(second)}"


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
        body.setMinimumWidth(280)  # below this the two-line rows stop being readable
        self.setWidget(body)
        self.substitute_chosen: set[int] = set()
        self.set_clocks([], dt.datetime.now(dt.UTC))

    def set_clocks(
        self, clocks: Sequence[Clock], now: dt.datetime, substitute_chosen: set[int] | None = None
    ) -> None:
        if substitute_chosen is not None:
            self.substitute_chosen = set(substitute_chosen)
        today = now.astimezone(JST).date()
        running = [c for c in clocks if not c.state.done]
        self.list.set_clocks(running, today)
        self.list.setVisible(bool(running))
        self.empty.setVisible(not running)
        overdue = sum(c.state is ClockState.OVERDUE for c in running)
        due_today = sum(c.state is ClockState.DUE_TODAY for c in running)
        soon = sum(is_soon(c) for c in running)
        # The 番号法 effort report is listed but not counted: it is no duty to do promptly.
        undated = sum(c.state is ClockState.OPEN_NO_DATE and not c.kind.effort_only for c in running)
        self.summary.setText(
            _("Overdue: {overdue} · Today: {today} · Within 2 days: {soon} · Promptly: {undated}").format(
                overdue=overdue, today=due_today, soon=soon, undated=undated
            )
        )
        self.summary.setVisible(bool(running))

    def show_message(self, title: str, body: str) -> None:
        self.message.setText(f"<b>{html.escape(title)}</b><br>{html.escape(body).replace(chr(10), '<br>')}")
        self.message.show()

    def _context_menu(self, position) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        clock: Clock = item.data(Column.STATE, CLOCK_ROLE)
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
