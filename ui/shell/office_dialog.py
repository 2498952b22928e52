"""事業者情報: who reports, plus the office-level facts every assessment needs; problems are shown beside each field."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.office import DateStyle, OfficeProfile
from app.errors import InputError, StorageError
from app.i18n import N_, _
from ui.common.fit import initial_size, scrolling
from ui.common.messages import show_error

# (field, label, placeholder, input hints). Digits-only hints switch the Windows IME off for those fields.
_TEXT_FIELDS: tuple[tuple[str, str, str, Qt.InputMethodHint], ...] = (
    ("name", N_("Business name *"), N_("e.g. Sakura Accounting Co., Ltd."), Qt.InputMethodHint.ImhNone),
    (
        "corporate_number",
        N_("Corporate number"),
        N_("13 digits (leave empty if you have none)"),
        Qt.InputMethodHint.ImhDigitsOnly,
    ),
    ("address", N_("Address"), "", Qt.InputMethodHint.ImhNone),
    ("representative", N_("Representative"), "", Qt.InputMethodHint.ImhNone),
    ("industry", N_("Industry"), N_("e.g. accounting firm, clinic, retail"), Qt.InputMethodHint.ImhNone),
    ("department", N_("Department in charge"), "", Qt.InputMethodHint.ImhNone),
    ("contact_person", N_("Person in charge"), "", Qt.InputMethodHint.ImhNone),
    ("phone", N_("Phone"), N_("e.g. 03-1234-5678"), Qt.InputMethodHint.ImhDialableCharactersOnly),
    ("email", N_("E-mail"), N_("e.g. privacy@example.co.jp"), Qt.InputMethodHint.ImhEmailCharactersOnly),
)
_DASHES = re.compile("[ー－―‐−–—]")  # what an IME produces when the officer types a hyphen in full width


def _ascii_digits(value: str, *, drop: str = "") -> str:
    """Full-width ０-９ and dashes typed through the IME become ASCII; the profile stores the canonical form."""
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", value)).strip()
    return "".join(ch for ch in text if ch not in drop)


class OfficeProfileDialog(QDialog):
    def __init__(self, service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(_("Office profile"))
        self.fields: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for name, label, placeholder, hints in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            if placeholder:
                edit.setPlaceholderText(_(placeholder))
            edit.setInputMethodHints(hints)
            self.fields[name] = edit
            caption = QLabel(_(label))
            caption.setBuddy(edit)  # the screen reader names the field by its label
            form.addRow(caption, edit)
            # The message gets a line of its own under the field, hidden with its row until there is one: inside
            # the field's cell a wrapped message was squeezed over the field (issue 18).
            form.addRow("", self._error_label(name))
            form.setRowVisible(form.rowCount() - 1, False)
        self.form = form
        self.pmark_holder = QCheckBox(_("The office holds the PrivacyMark (P-mark)"))
        self.delegated_sector = QCheckBox(_("The office is in a delegated sector"))
        delegated_hint = QLabel(
            _(
                "In sectors where the PPC has delegated its authority (e.g. some financial businesses), "
                "reports go to the competent minister instead of the PPC."
            )
        )
        delegated_hint.setWordWrap(True)
        delegated_box = QWidget()
        delegated_layout = QVBoxLayout(delegated_box)
        delegated_layout.setContentsMargins(0, 0, 0, 0)
        delegated_layout.setSpacing(2)
        delegated_layout.addWidget(self.delegated_sector)
        delegated_layout.addWidget(delegated_hint)
        self.date_style = QComboBox()
        self.date_style.addItem(_("Western calendar (2027年7月1日)"), DateStyle.WESTERN.value)
        self.date_style.addItem(_("Japanese era (令和9年7月1日)"), DateStyle.JAPANESE_ERA.value)
        form.addRow(_("PrivacyMark"), self.pmark_holder)
        form.addRow(_("Delegated sector"), delegated_box)
        form.addRow(_("Dates in documents"), self.date_style)

        intro = QLabel(_("These details appear on reports and letters. Fields marked * are required."))
        intro.setWordWrap(True)
        self.general_error = QLabel()
        self._style_error(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scrolling(form), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        initial_size(self, 620, self.sizeHint().height())
        self.load(service.load())

    def _error_label(self, name: str) -> QLabel:
        error = QLabel()
        error.setObjectName(f"{name}_error")
        self._style_error(error)
        self.error_labels[name] = error
        return error

    @staticmethod
    def _style_error(label: QLabel) -> None:
        label.setWordWrap(True)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        label.setPalette(palette)
        label.hide()

    def load(self, profile: OfficeProfile) -> None:
        for name, edit in self.fields.items():
            edit.setText(getattr(profile, name))
        self.pmark_holder.setChecked(profile.pmark_holder)
        self.delegated_sector.setChecked(profile.delegated_sector)
        self.date_style.setCurrentIndex(max(0, self.date_style.findData(profile.date_style.value)))

    def profile(self) -> OfficeProfile:
        text = {name: edit.text().strip() for name, edit in self.fields.items()}
        return OfficeProfile(
            name=text["name"],
            corporate_number=_ascii_digits(text["corporate_number"], drop=" -"),
            address=text["address"],
            representative=text["representative"],
            industry=text["industry"],
            department=text["department"],
            contact_person=text["contact_person"],
            phone=_ascii_digits(text["phone"]),
            email=unicodedata.normalize("NFKC", text["email"]).strip(),
            pmark_holder=self.pmark_holder.isChecked(),
            delegated_sector=self.delegated_sector.isChecked(),
            date_style=DateStyle(self.date_style.currentData()),
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.error_labels.items():
            label.setText(problems.get(name, ""))
            self.form.setRowVisible(label, name in problems)
        stray = [message for name, message in problems.items() if name not in self.error_labels]
        self.general_error.setText("\n".join(stray))
        self.general_error.setVisible(bool(stray))
        first = next((name for name in self.fields if name in problems), None)
        if first is not None:
            self.fields[first].setFocus()

    def accept(self) -> None:
        """Only closes once the profile is saved; on any problem everything typed stays in the fields."""
        profile = self.profile()
        problems = profile.validate()
        if not problems:
            try:
                self.service.save(profile)
            except InputError as exc:
                problems = {exc.field or "": exc.message}
            except StorageError as exc:
                self.show_problems({})
                show_error(self, exc)
                return
        self.show_problems(problems)
        if not problems:
            super().accept()
