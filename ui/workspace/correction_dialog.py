"""取消・訂正: a small dialog that asks for the reason and, for a filing, the corrected date or receipt number.

A wrong record is never edited: the services append a correction with its reason (app/db/effective.py), so the
dialog returns values and writes nothing itself. OK stays disabled until a reason is given; Enter accepts, Esc
cancels, and the dialog is a few rows high so it fits a 150 % laptop screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.workspace.filings import MAX_REASON
from ui.workspace.fields import datetime_edit, from_qdatetime


class _ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(MAX_REASON)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _add_reason(self) -> None:
        self.form.addRow(_("&Reason (required)"), self.reason_edit)
        self._update()

    def _ready(self) -> bool:
        return bool(self.reason_edit.text().strip())

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._ready())
        ok.setDefault(True)

    def accept(self) -> None:
        if self._ready():  # Enter in the reason field with nothing typed does not close the dialog
            super().accept()

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()


class FilingCorrectionDialog(_ReasonDialog):
    """取消 (recorded by mistake) or 訂正 (the date or receipt number was wrong) of one filing."""

    def __init__(self, parent: QWidget | None, what: str, filed_at: dt.datetime, receipt_number: str) -> None:
        super().__init__(parent, _("Withdraw or correct a filing"), what)
        self.withdraw_radio = QRadioButton(_("Wi&thdraw: it was recorded by mistake"))
        self.correct_radio = QRadioButton(_("C&orrect the date or receipt number"))
        self.correct_radio.setChecked(True)
        self.when_edit = datetime_edit(filed_at)
        self.receipt_edit = QLineEdit(receipt_number)
        self.receipt_edit.setMaxLength(100)
        self.original = (from_qdatetime(self.when_edit.dateTime()), receipt_number.strip())
        self.form.addRow(self.withdraw_radio)
        self.form.addRow(self.correct_radio)
        self.form.addRow(_("Corrected &date"), self.when_edit)
        self.form.addRow(_("Corrected receipt &number"), self.receipt_edit)
        self._add_reason()
        for signal in (
            self.correct_radio.toggled,
            self.receipt_edit.textChanged,
            self.when_edit.dateTimeChanged,
        ):
            signal.connect(self._update)

    def _ready(self) -> bool:
        if not super()._ready():
            return False
        if self.withdraw:
            return True
        return self.corrected_at is not None or self.corrected_receipt is not None

    def _update(self) -> None:
        correcting = self.correct_radio.isChecked()
        self.when_edit.setEnabled(correcting)
        self.receipt_edit.setEnabled(correcting)
        super()._update()

    @property
    def withdraw(self) -> bool:
        return self.withdraw_radio.isChecked()

    @property
    def corrected_at(self) -> dt.datetime | None:
        """The new moment, or None when it was left as recorded."""
        moment = from_qdatetime(self.when_edit.dateTime())
        return None if moment == self.original[0] else moment

    @property
    def corrected_receipt(self) -> str | None:
        number = self.receipt_edit.text().strip()
        return None if number == self.original[1] else number


class EventWithdrawalDialog(_ReasonDialog):
    """取消 of one delivery event of the selected person (a return recorded for the wrong person, say)."""

    def __init__(self, parent: QWidget | None, what: str, events: list[tuple[int, str]]) -> None:
        super().__init__(parent, _("Withdraw a follow-up"), what)
        self.event_combo = QComboBox()
        for event_id, text in events:
            self.event_combo.addItem(text, event_id)
        self.form.addRow(_("&Follow-up"), self.event_combo)
        self._add_reason()

    @property
    def event_id(self) -> int | None:
        data = self.event_combo.currentData()
        return int(data) if data is not None else None
