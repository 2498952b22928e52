"""The register: a friendly empty state until the first incident exists, then a table of incident summaries.

The table model here holds every summary in memory; issue 5 replaces it with an on-demand model for 100,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.incident import IncidentStatus, IncidentSummary
from app.i18n import N_, _, current_language

ModelIndex = QModelIndex | QPersistentModelIndex
INCIDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the incident's database id, for opening it


class Column(IntEnum):
    REFERENCE = 0
    TITLE = 1
    LEARNED = 2
    ITEMS = 3
    STATUS = 4
    NEXT_DEADLINE = 5


_HEADERS = {
    Column.REFERENCE: N_("No."),
    Column.TITLE: N_("Title"),
    Column.LEARNED: N_("Learned on"),
    Column.ITEMS: N_("Rule 7 items"),
    Column.STATUS: N_("Status"),
    Column.NEXT_DEADLINE: N_("Next deadline"),
}


def format_short_date(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y/%m/%d") if current_language() == "ja" else value.isoformat()


def format_items(row: IncidentSummary) -> str:
    """「第1号・第3号」; no items means "not assessed yet" unless the assessment said not reportable."""
    if row.applicable_items:
        separator = "・" if current_language() == "ja" else ", "
        return separator.join(_("Item {n}").format(n=n) for n in row.applicable_items)
    if row.status is IncidentStatus.NOT_REPORTABLE:
        return _("No item applies")
    return _("Not assessed")


class IncidentTableModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[IncidentSummary] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[IncidentSummary] = list(rows)

    def set_rows(self, rows: Sequence[IncidentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> IncidentSummary:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TITLE:
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.LEARNED, Column.NEXT_DEADLINE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == INCIDENT_ID_ROLE:
            return row.id
        return None

    @staticmethod
    def _display(row: IncidentSummary, column: Column) -> str:
        if column is Column.REFERENCE:
            return row.reference
        if column is Column.TITLE:
            return row.title
        if column is Column.LEARNED:
            return format_short_date(row.learned_date)
        if column is Column.ITEMS:
            return format_items(row)
        if column is Column.STATUS:
            return row.status.label()
        return format_short_date(row.next_deadline)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return _(_HEADERS[Column(section)])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RegisterPage(IntEnum):
    LOADING = 0
    EMPTY = 1
    TABLE = 2


class RegisterView(QStackedWidget):
    """Shows "loading" until the database answers, then the empty state or the table."""

    newIncidentRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loading_label = QLabel(_("Opening the register…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.loading_label)
        self.addWidget(self._build_empty_state())
        self.model = IncidentTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.addWidget(self.table)
        self.setCurrentIndex(RegisterPage.LOADING)

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

    def set_rows(self, rows: Sequence[IncidentSummary]) -> None:
        self.model.set_rows(rows)
        self.setCurrentIndex(RegisterPage.TABLE if rows else RegisterPage.EMPTY)

    def page(self) -> RegisterPage:
        return RegisterPage(self.currentIndex())
