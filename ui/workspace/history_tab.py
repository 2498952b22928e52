"""変更履歴: who changed what in this incident, newest first, read-only (issue 19 point 2). Built from the audit log
by app/services/workspace/history.py; read again each time the tab is shown, so a change made on another PC
appears at the next look."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.workspace.concurrency import moment_text
from ui.workspace.context import WorkspaceContext

COLUMNS = 3  # 日時 / 担当者 / 内容


class HistoryTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([_("When"), _("Changed by"), _("What was done")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(
            Qt.TextElideMode.ElideRight
        )  # long lines keep their whole text as a tooltip
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Changes to this incident, newest first"))
        self.table.horizontalHeader().setAccessibleName(_("Columns of the change history"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 120)
        self.empty_label = QLabel(_("No changes are recorded for this incident yet."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        entries = self.ctx.services.history.entries(self.ctx.incident_id)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate((moment_text(entry.at), entry.actor, entry.text)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.empty_label.setVisible(not entries)
