"""本人通知の結果: everyone notified, the status of their letter or e-mail, and the copy of what they received.

Returned mail (宛先不明で返送) and bounced e-mail are recorded here with their date; people not reached and not sent
again count toward the 代替措置 (公表 or an enquiry desk, GL 3-5-4-5, docs/domain.md §6), so the count stands at the
top where the officer decides on them. The notices' service loads the mail merge (ReportLab), so the tab reads
the register only when it is first shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import BreachDeskError
from app.i18n import N_, _
from app.services.notices import (
    EVENT_STATUSES,
    DeliveryEvent,
    DeliveryRecord,
    DeliverySummary,
    DuplicateDeliveryRecord,
    status_label,
)
from ui.workspace.context import WorkspaceContext
from ui.workspace.correction_dialog import EventWithdrawalDialog
from ui.workspace.fields import local_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_CHANNELS = {"letter": N_("Letter"), "email": N_("E-mail")}


def summary_text(summary: DeliverySummary) -> str:
    return summary.text()


class LetterCopyDialog(QDialog):
    """The letter as this person received it, read-only (it is the record, not a draft)."""

    def __init__(self, parent: QWidget | None, key: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Letter as sent — {key}").format(key=key))
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 640)


class NoticesTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records: list[DeliveryRecord] = []
        self.loaded = False
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [_("Customer ID"), _("Name"), _("How"), _("Sent on"), _("Status"), _("Status date")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("People notified"))
        self.table.horizontalHeader().setAccessibleName(_("Columns of the notices"))
        self.table.itemSelectionChanged.connect(self._selected)

        self.status_combo = QComboBox()
        for status in EVENT_STATUSES:
            self.status_combo.addItem(status_label(status), status)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(500)
        self.record_button = QPushButton(_("Record for the selected person"))
        self.record_button.clicked.connect(self.record)
        self.copy_button = QPushButton(_("Show the letter as sent…"))
        self.copy_button.clicked.connect(self.show_copy)
        self.event_box = QGroupBox(_("What happened to the selected person's notice"))
        form = QFormLayout(self.event_box)
        form.addRow(_("Status"), self.status_combo)
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Note"), self.note_edit)
        self.withdraw_button = QPushButton(_("&Withdraw or correct…"))
        self.withdraw_button.setAccessibleName(_("Withdraw a follow-up of the selected person"))
        self.withdraw_button.clicked.connect(self.withdraw_event)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.event_box.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.event_box)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self.loaded = True
        notices = self.ctx.services.notices
        self.records = notices.deliveries(self.ctx.incident_id)
        self.summary_label.setText(summary_text(notices.summary(self.ctx.incident_id)))
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            cells = (
                record.recipient_key,
                record.recipient_name,
                _(_CHANNELS.get(record.channel, record.channel)),
                local_text(record.sent_at),
                status_label(record.status),
                record.status_on.isoformat() if record.status_on else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, record.recipient_key)
                if not record.reached:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        today = self.ctx.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self._selected()

    def selected_key(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(KEY_ROLE) if items else None

    def select_key(self, key: str) -> None:
        for row, record in enumerate(self.records):
            if record.recipient_key == key:
                self.table.selectRow(row)
                return

    def _selected(self) -> None:
        key = self.selected_key()
        self.event_box.setEnabled(key is not None)
        self.withdraw_button.setEnabled(bool(self._live_events(key)))

    def _record_for(self, key: str | None) -> DeliveryRecord | None:
        return next((r for r in reversed(self.records) if r.recipient_key == key), None)

    def _live_events(self, key: str | None) -> list[DeliveryEvent]:
        record = self._record_for(key)
        return [e for e in record.events if not e.withdrawn] if record is not None else []

    def _confirm(self, key: str, status: str, day: dt.date) -> bool:
        """Say what will be recorded, for whom and on which day, before it is: a second press of Space then
        meets this question (default No), never a second record."""
        answer = QMessageBox.question(
            self,
            _("Record for the selected person"),
            _("Record “{status}” on {date} for {key}?").format(
                status=status_label(status), date=day.isoformat(), key=key
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _confirm_same_day(self, refused: DuplicateDeliveryRecord) -> bool:
        answer = QMessageBox.warning(
            self,
            _("Record for the selected person"),
            refused.message
            + "\n\n"
            + _("Record it a second time anyway? Choose No if it is the same event."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def record(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        qday = self.date_edit.date()
        day = dt.date(qday.year(), qday.month(), qday.day())
        status = self.status_combo.currentData()
        if not self._confirm(key, status, day):
            return

        def save(allow_same_day: bool) -> None:
            self.ctx.services.notices.record_event(
                self.ctx.incident_id,
                key,
                status,
                happened_on=day,
                note=self.note_edit.text(),
                allow_same_day=allow_same_day,
            )

        try:
            try:
                save(False)
            except DuplicateDeliveryRecord as refused:
                if not self._confirm_same_day(refused):
                    return
                save(True)
        except BreachDeskError as exc:
            QMessageBox.warning(self, _("Not recorded"), exc.user_text())
            return
        self.note_edit.clear()
        self.reload()
        self.select_key(key)

    def withdraw_event(self) -> None:
        """取消 of a follow-up recorded by mistake: a new entry with its reason; the counts leave it out."""
        key = self.selected_key()
        events = self._live_events(key)
        if key is None or not events:
            return
        choices = [(e.id, f"{e.happened_on.isoformat()} {status_label(e.status)}") for e in reversed(events)]
        dialog = EventWithdrawalDialog(self, _("Customer ID: {key}").format(key=key), choices)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.event_id is None:
            return
        try:
            self.ctx.services.notices.withdraw_event(self.ctx.incident_id, dialog.event_id, dialog.reason)
        except BreachDeskError as exc:
            QMessageBox.warning(self, _("Not recorded"), exc.user_text())
            return
        self.reload()
        self.select_key(key)

    def show_copy(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        try:
            text = self.ctx.services.notices.letter_copy(self.ctx.incident_id, key)
        except BreachDeskError as exc:
            QMessageBox.information(self, _("Letter as sent"), exc.user_text())
            return
        LetterCopyDialog(self, key, text).exec()
