"""Quick record of a new incident: the officer logs the case at once; the guided assessment (issue 4) comes later.

It records facts only and never pretends to assess: the incident is saved "investigating" and "not assessed".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError, StorageError
from app.i18n import _
from ui.dialogs import show_error


class NewIncidentDialog(QDialog):
    def __init__(self, service, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.created_id: int | None = None
        self.setWindowTitle(_("Register a new incident"))

        notice = QLabel(
            _(
                "Record the incident here first, so nothing is forgotten. Whether it must be reported to the "
                "PPC and to the individuals is decided afterwards in the guided assessment; until then the "
                "incident is listed as “Investigating” and “Not assessed”."
            )
        )
        notice.setWordWrap(True)
        notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice.setMargin(8)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. E-mail with customer list sent to the wrong address"))
        self.title_edit.setMaxLength(200)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: darkred")
        self.error_label.hide()

        today_q = QDate(today) if today is not None else QDate.currentDate()
        self.learned_edit = QDateEdit(today_q)
        self.learned_edit.setCalendarPopup(True)
        self.learned_edit.setDisplayFormat("yyyy/MM/dd")
        self.learned_edit.setMaximumDate(today_q)  # a case cannot be learned of tomorrow
        self.learned_edit.setMinimumDate(QDate(2000, 1, 1))
        self.learned_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.memo_edit = QPlainTextEdit()
        self.memo_edit.setPlaceholderText(
            _("What happened, what data, how many people, what you have done so far (optional).")
        )
        self.memo_edit.setTabChangesFocus(True)
        self.memo_edit.setMinimumHeight(110)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Title *"), self.title_edit)
        form.addRow(_("Date learned of it"), self.learned_edit)
        form.addRow(_("Notes"), self.memo_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))

        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def learned_date(self) -> dt.date:
        value = self.learned_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def memo(self) -> str:
        return self.memo_edit.toPlainText().strip()

    def accept(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self._show_error(_("Enter a short title for the incident."))
            self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        learned = self.learned_date()
        try:
            self.created_id = self.service.create(
                title,
                facts={"learned_date": learned.isoformat(), "note": self.memo()},
                assessment=None,
                incident_kind=None,
                learned_date=learned,
            )
        except InputError as exc:
            self._show_error(exc.message)
            return
        except StorageError as exc:
            show_error(self, exc)
            return
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
