"""提出・通知の記録: each filing (速報, 確報, 追完, 本人通知, 委託元通知, 公表, Pマーク…) with its date, channel,
receipt number and the document exactly as sent. Recording one moves the incident's status."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.effective import WITHDRAW
from app.domain.filing import FilingKind
from app.errors import BreachDeskError
from app.i18n import _
from app.services.workspace.filings import CHANNELS, DuplicateFiling, FilingRecord, channel_label
from app.services.workspace.limits import MAX_NAME, MAX_SHORT_NOTE
from ui.workspace.context import WorkspaceContext
from ui.workspace.correction_dialog import FilingCorrectionDialog
from ui.workspace.fields import AutosaveLineEdit, datetime_edit, from_qdatetime, local_text

FILING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _size_text(size: int) -> str:
    if size <= 0:
        return ""
    return _("{size} KB").format(size=max(1, round(size / 1024)))


def _history_text(record: FilingRecord) -> str:
    """The corrections of a filing, for its tooltip: what changed, why, by whom."""
    lines = []
    for c in record.corrections:
        if c.action == WITHDRAW:
            lines.append(_("Withdrawn by {actor}: {reason}").format(actor=c.actor, reason=c.reason))
        else:
            lines.append(_("Corrected by {actor}: {reason}").format(actor=c.actor, reason=c.reason))
    return "\n".join(lines)


class FilingsTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.attachment: Path | None = None
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [_("Kind"), _("When"), _("How"), _("Receipt number"), _("Document as sent"), _("Recorded by")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.setAccessibleName(_("Filings and notices recorded"))
        self.table.horizontalHeader().setAccessibleName(_("Columns of the filings"))

        self.kind_combo = QComboBox()
        for kind in FilingKind:
            self.kind_combo.addItem(kind.label(), kind.value)
        self.when_edit = datetime_edit()
        self.channel_combo = QComboBox()
        for code in CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        for combo in (self.kind_combo, self.channel_combo):  # long English labels must not widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setMaxLength(MAX_NAME)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_SHORT_NOTE)
        # Enter in the new filing's fields records it (after the confirmation), as the button would.
        self.receipt_edit.returnPressed.connect(self.record)
        self.note_edit.returnPressed.connect(self.record)
        self.attach_button = QPushButton(_("Attach the document…"))
        self.attach_button.clicked.connect(self.choose_attachment)
        self.attachment_label = QLabel(_("No document attached"))
        self.attachment_label.setWordWrap(True)
        self.record_button = QPushButton(_("Record this filing"))
        self.record_button.clicked.connect(self.record)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addWidget(self.attachment_label, 1)
        new_box = QGroupBox(_("Record a filing or notice"))
        form = QFormLayout(new_box)
        form.addRow(_("Kind"), self.kind_combo)
        form.addRow(_("When"), self.when_edit)
        form.addRow(_("How"), self.channel_combo)
        form.addRow(_("Receipt number"), self.receipt_edit)
        form.addRow(_("Note"), self.note_edit)
        form.addRow(_("Document"), attach_row)
        form.addRow("", self.record_button)

        self.edit_box = QGroupBox(_("Selected filing"))
        self.selected_receipt = AutosaveLineEdit("", self._save_receipt, ctx.reporter)
        self.selected_note = AutosaveLineEdit("", self._save_note, ctx.reporter)
        self.selected_receipt.setAccessibleName(_("Receipt number of the selected filing"))
        self.selected_note.setAccessibleName(_("Note on the selected filing"))
        self.selected_receipt.setMaxLength(MAX_NAME)
        self.selected_note.setMaxLength(MAX_SHORT_NOTE)
        self.save_document_button = QPushButton(_("Save the document as sent…"))
        self.save_document_button.clicked.connect(self.save_document)
        self.correct_button = QPushButton(_("&Withdraw or correct…"))
        self.correct_button.setAccessibleName(_("Withdraw or correct the selected filing"))
        self.correct_button.clicked.connect(self._correct_clicked)
        edit_form = QFormLayout(self.edit_box)
        edit_form.addRow(_("Receipt number"), self.selected_receipt)
        edit_form.addRow(_("Note"), self.selected_note)
        edit_form.addRow("", self.save_document_button)
        edit_form.addRow("", self.correct_button)
        self.edit_box.setEnabled(False)

        lower = QHBoxLayout()
        lower.addWidget(new_box, 3)
        lower.addWidget(self.edit_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(lower)
        self.reload()

    def reload(self) -> None:
        self.records = self.ctx.filings.filings(self.ctx.incident_id)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            document = f"{record.filename or ''} {_size_text(record.document_size)}".strip()
            kind = record.kind.label()
            if record.withdrawn:
                kind = _("{kind} (withdrawn)").format(kind=kind)
            elif record.corrected:
                kind = _("{kind} (corrected)").format(kind=kind)
            cells = (
                kind,
                local_text(record.filed_at),
                channel_label(record.channel),
                record.receipt_number,
                document,
                record.actor,
            )
            tip = _history_text(record)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(FILING_ID_ROLE, record.id)
                item.setToolTip("\n".join(t for t in (record.note or text, tip) if t))
                if record.withdrawn:  # kept in the history, struck through; it no longer counts as filed
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._selected()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(FILING_ID_ROLE) if items else None

    def _selected(self) -> None:
        filing_id = self.selected_id()
        record = next((r for r in self.records if r.id == filing_id), None)
        self.edit_box.setEnabled(record is not None)
        self.correct_button.setEnabled(bool(record and not record.withdrawn))
        self.selected_receipt.set_saved_text(record.receipt_number if record else "")
        self.selected_note.set_saved_text(record.note if record else "")
        self.save_document_button.setEnabled(bool(record and record.document_size))

    def _save_receipt(self, text: str) -> None:
        """A receipt number that arrives later fills the empty field; one already recorded is changed only by a
        訂正 with its reason, so the correction dialog opens with the number typed (the field shows the recorded
        number again until the correction is made)."""
        filing_id = self.selected_id()
        record = next((r for r in self.records if r.id == filing_id), None)
        if record is None:
            return
        if record.receipt_number and text.strip() != record.receipt_number:
            self.selected_receipt.set_saved_text(record.receipt_number)
            self.withdraw_or_correct(proposed_receipt=text.strip())
            return
        self.ctx.filings.update(record.id, receipt_number=text)
        self.reload()

    def _save_note(self, text: str) -> None:
        filing_id = self.selected_id()
        if filing_id is not None:
            self.ctx.filings.update(filing_id, note=text)

    def choose_attachment(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach the document as sent"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        self.attachment = path
        self.attachment_label.setText(path.name)

    def _confirm(self, kind: FilingKind, when: str) -> bool:
        """Recording cannot be undone (a wrong record stays, marked, in the audit log): say what will be recorded
        before it is, so a stray second press of Space is never a second filing."""
        receipt = self.receipt_edit.text().strip() or _("(none)")
        answer = QMessageBox.question(
            self,
            _("Record this filing"),
            _(
                "Record this filing?\n\nKind: {kind}\nWhen: {when}\nHow: {how}\nReceipt number: {receipt}"
            ).format(
                kind=kind.label(),
                when=when,
                how=channel_label(self.channel_combo.currentData()),
                receipt=receipt,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # a stray Enter or Space records nothing; Yes is a deliberate choice
        )
        return answer == QMessageBox.StandardButton.Yes

    def _confirm_same_day(self, refused: DuplicateFiling) -> bool:
        answer = QMessageBox.warning(
            self,
            _("Record this filing"),
            refused.message + "\n\n" + _("Record a second one anyway? Choose No if it is the same filing."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def record(self) -> None:
        kind = FilingKind(self.kind_combo.currentData())
        filed_at = from_qdatetime(self.when_edit.dateTime())
        if not self._confirm(kind, local_text(filed_at)):
            return
        try:
            document = self.attachment.read_bytes() if self.attachment is not None else None
        except OSError as error:
            self.ctx.reporter.failed.emit(
                _("Cannot read the file {path}: {reason}").format(path=self.attachment, reason=error.strerror)
            )
            return

        def save(allow_same_day: bool) -> None:
            self.ctx.filings.record(
                self.ctx.incident_id,
                kind,
                filed_at,
                self.channel_combo.currentData(),
                receipt_number=self.receipt_edit.text(),
                note=self.note_edit.text(),
                document=document,
                filename=self.attachment.name if self.attachment is not None else None,
                allow_same_day=allow_same_day,
            )

        try:
            try:
                save(False)
            except DuplicateFiling as refused:
                if not self._confirm_same_day(refused):
                    self.ctx.reporter.failed.emit(refused.user_text())
                    return
                save(True)
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.receipt_edit.clear()
        self.note_edit.clear()
        self.attachment = None
        self.attachment_label.setText(_("No document attached"))
        self.ctx.reporter.saved.emit()
        self.ctx.changes.recordChanged.emit()
        self.reload()

    def _correct_clicked(self) -> None:
        self.withdraw_or_correct()  # not connected directly: clicked(bool) would fill proposed_receipt

    def withdraw_or_correct(self, proposed_receipt: str | None = None) -> None:
        """取消 or 訂正 by a new, audited entry with its reason; the filing as first recorded stays visible.
        proposed_receipt: a new receipt number typed over the recorded one, offered as the correction."""
        filing_id = self.selected_id()
        record = next((r for r in self.records if r.id == filing_id), None)
        if record is None or record.withdrawn:
            return
        what = _("{kind}, {when}, {how}, receipt number {receipt}").format(
            kind=record.kind.label(),
            when=local_text(record.filed_at),
            how=channel_label(record.channel),
            receipt=record.receipt_number or _("(none)"),
        )
        dialog = FilingCorrectionDialog(self, what, record.filed_at, record.receipt_number)
        if proposed_receipt is not None:
            dialog.receipt_edit.setText(proposed_receipt)
            dialog.reason_edit.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            if dialog.withdraw:
                self.ctx.filings.withdraw(record.id, dialog.reason)
            else:
                self.ctx.filings.correct(
                    record.id,
                    dialog.reason,
                    filed_at=dialog.corrected_at,
                    receipt_number=dialog.corrected_receipt,
                )
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.ctx.reporter.saved.emit()
        self.ctx.changes.recordChanged.emit()
        self.reload()

    def has_draft(self) -> bool:
        """A receipt number or note typed for a filing not recorded yet."""
        return bool(self.receipt_edit.text().strip() or self.note_edit.text().strip())

    def save_document(self) -> None:
        filing_id = self.selected_id()
        if filing_id is None:
            return
        name, data = self.ctx.filings.document(filing_id)
        if data is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the document as sent"), name or "")
        if path:
            Path(path).write_bytes(data)
