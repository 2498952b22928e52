"""The register's table as a Windows list behaves (issue 18 point 3): Tab and Shift+Tab leave it for the search,
the filters and the deadlines panel, the arrow keys move inside it, and the focused row is always the selected
row, so Enter, 書類 (Ctrl+P) and 再判定 act on the row the officer sees highlighted."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.i18n import _

# A cell's text on two lines (「あと4日」 over 「営業日 1日」), shown instead of its one-line text when the table is
# too narrow for the one-line plan (RegisterTable.set_column_plan).
TWO_LINES_ROLE = Qt.ItemDataRole.UserRole + 2


class _TwoLineDelegate(QStyledItemDelegate):
    """Paints TWO_LINES_ROLE in place of the display text while the table is in its two-line mode."""

    def __init__(self, table: RegisterTable) -> None:
        super().__init__(table)
        self._table = table

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self._table.two_lines:
            text = index.data(TWO_LINES_ROLE)
            if text:  # Qt breaks lines at U+2028 in a cell that does not wrap, not at a newline
                option.text = str(text).replace("\n", "\u2028")


class RegisterTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Qt's default moves Tab from cell to cell, forever: 600 presses never left the table (issue 18).
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Incident register"))
        self.setAccessibleDescription(
            _("The arrow keys choose an incident, Enter opens it, Tab moves on to the search and filters.")
        )
        self.horizontalHeader().setAccessibleName(_("Register columns"))
        # QHeaderView clips a narrow section's title on both sides (「e 7 ite」); an ellipsis shows it goes on,
        # and the model gives the whole title as the section's tooltip.
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setAccessibleName(_("Register rows"))
        self._plan: Mapping[int, tuple[int, int]] = {}  # column: (preferred, minimum) width
        self._two_line_widths: Mapping[int, int] = {}  # column: its fixed width on two lines
        self._stretch_minimum = 0
        self._one_line_height = 0
        self.two_lines = False
        # Only on the columns that can take two lines: a Python delegate is called for every painted cell
        # (docs/adr/0011-gui-thread-stalls.md), the table's own is C++.
        self._two_line_delegate = _TwoLineDelegate(self)

    def set_column_plan(
        self,
        plan: Mapping[int, tuple[int, int]],
        stretch_minimum: int,
        two_line_widths: Mapping[int, int] | None = None,
    ) -> None:
        """Widths the columns want and the least they may shrink to; the stretching column (the title) takes the
        rest. At 1024 px the deadline columns sat behind a horizontal scroll bar (issue 18): now the columns
        whose minimum equals their preferred width (次の期限, あと何日) never shrink, the others do, elided with
        the full text in their tooltip.

        `two_line_widths` are fixed columns that can also show their text on two lines (あと何日 in English is
        "212 days (139 working)"): when one line would squeeze the shrinking columns to their minimum, the rows
        grow to two lines and those columns narrow instead, as Outlook's message list does in a narrow window."""
        self._plan, self._stretch_minimum = dict(plan), stretch_minimum
        for column in self._two_line_widths:
            self.setItemDelegateForColumn(column, self.itemDelegate())  # the table's own again
        self._two_line_widths = dict(two_line_widths or {})
        for column in self._two_line_widths:
            self.setItemDelegateForColumn(column, self._two_line_delegate)
        self.fit_columns()

    def _excess(self, plan: Mapping[int, tuple[int, int]], available: int) -> tuple[int, int]:
        excess = sum(p for p, _m in plan.values()) - (available - self._stretch_minimum)
        return excess, sum(p - m for p, m in plan.values())

    def fit_columns(self) -> None:
        if not self._plan:
            return
        # The vertical scroll bar's room counted always: it comes and goes with the rows, not with a resize.
        available = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        plan = self._plan
        excess, slack = self._excess(plan, available)
        two_lines = bool(self._two_line_widths) and 0 < excess >= slack
        if two_lines:
            plan = {**plan, **{c: (w, w) for c, w in self._two_line_widths.items()}}
            excess, slack = self._excess(plan, available)
        self._set_two_lines(two_lines)
        for column, (preferred, minimum) in plan.items():
            width = preferred
            if excess > 0 and slack > 0:
                width = max(minimum, preferred - -(-excess * (preferred - minimum) // slack))
            self.setColumnWidth(column, width)

    def _set_two_lines(self, two_lines: bool) -> None:
        if two_lines == self.two_lines:
            return
        header = self.verticalHeader()
        if two_lines:
            self._one_line_height = header.defaultSectionSize()
            header.setDefaultSectionSize(self._one_line_height + self.fontMetrics().lineSpacing())
        else:
            header.setDefaultSectionSize(self._one_line_height)
        self.two_lines = two_lines
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        selection = self.selectionModel()
        if selection is not None:
            selection.currentRowChanged.connect(self._current_moved)
            selection.selectionChanged.connect(self._selection_moved)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt gives the table a current cell on focus without selecting it: a row that looked chosen to the
        keyboard but not to 書類 (「先に台帳で事案を選んでください」). Select it."""
        super().focusInEvent(event)
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        current = self.currentIndex()
        row = current.row() if current.isValid() else 0
        if not self._row_selected(row):
            self.selectRow(row)

    def _row_selected(self, row: int) -> bool:
        selection = self.selectionModel()
        return selection is not None and selection.isRowSelected(row)

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._row_selected(current.row()):
            self.selectRow(current.row())

    def _selection_moved(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        """A row selected from code (after the wizard, after a refresh) becomes the current one too, so the
        arrow keys continue from it rather than from wherever the focus last was."""
        indexes = selected.indexes()
        selection = self.selectionModel()
        if not indexes or selection is None or self.currentIndex().row() == indexes[0].row():
            return
        column = max(self.currentIndex().column(), 0)
        target = indexes[0].siblingAtColumn(column)
        selection.setCurrentIndex(target, QItemSelectionModel.SelectionFlag.NoUpdate)
