"""事実経過: an append-only timeline. Entries are never edited; a correction is a new entry that points at the old."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import BreachDeskError
from app.i18n import _
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import datetime_edit, from_qdatetime, hint_label, local_text, to_qdatetime

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelineTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.correcting: int | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("What happened"), _("Recorded by"), _("Recorded at")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.when_edit = datetime_edit()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("What happened, who did what (one entry per event)"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(90)
        self.mode_label = QLabel()
        self.add_button = QPushButton(_("Add to the timeline"))
        self.add_button.clicked.connect(self.add_entry)
        self.correct_button = QPushButton(_("Correct the selected entry…"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.start_correction)
        self.cancel_button = QPushButton(_("Cancel the correction"))
        self.cancel_button.clicked.connect(self.cancel_correction)
        self.cancel_button.hide()

        form = QHBoxLayout()
        form.addWidget(self.when_edit, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.text_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mode_label, 1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Entries cannot be changed or deleted. To fix one, select it and add a correction: "
                    "both stay in the record."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        entries = self.ctx.timeline.entries(self.ctx.incident_id)
        self.table.setRowCount(len(entries))
        numbers = {entry.id: index + 1 for index, entry in enumerate(sorted(entries, key=lambda e: e.id))}
        for row, entry in enumerate(entries):
            text = entry.text
            if entry.corrects_id is not None:
                text = _("[Correction of entry {n}] {text}").format(
                    n=numbers.get(entry.corrects_id, "?"), text=text
                )
            if entry.superseded:
                text = _("[Corrected by entry {n}] {text}").format(
                    n=numbers.get(entry.corrected_by_id or 0, "?"), text=text
                )
            cells = (local_text(entry.occurred_at), text, entry.actor, local_text(entry.recorded_at))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(ENTRY_ID_ROLE, entry.id)
                item.setToolTip(value)
                if entry.superseded:
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(QBrush(QColor("#777777")))
                self.table.setItem(row, column, item)
        for column in (0, 2, 3):
            self.table.resizeColumnToContents(column)
        self.table.resizeRowsToContents()
        self.cancel_correction()

    def _selection_changed(self) -> None:
        self.correct_button.setEnabled(self.selected_entry() is not None)

    def selected_entry(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ENTRY_ID_ROLE) if items else None

    def start_correction(self) -> None:
        entry_id = self.selected_entry()
        if entry_id is None:
            return
        entry = next(e for e in self.ctx.timeline.entries(self.ctx.incident_id) if e.id == entry_id)
        self.correcting = entry_id
        self.when_edit.setDateTime(to_qdatetime(entry.occurred_at))
        self.text_edit.setPlainText(entry.text)
        self.mode_label.setText(_("Correcting the selected entry: the original stays, marked as corrected."))
        self.add_button.setText(_("Add the correction"))
        self.cancel_button.show()
        self.text_edit.setFocus()

    def cancel_correction(self) -> None:
        self.correcting = None
        self.mode_label.setText("")
        self.add_button.setText(_("Add to the timeline"))
        self.cancel_button.hide()

    def add_entry(self) -> None:
        try:
            self.ctx.timeline.append(
                self.ctx.incident_id,
                from_qdatetime(self.when_edit.dateTime()),
                self.text_edit.toPlainText(),
                corrects_id=self.correcting,
            )
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.text_edit.clear()
        self.ctx.reporter.saved.emit()
        self.reload()
