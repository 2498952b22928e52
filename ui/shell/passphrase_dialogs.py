"""The passphrase fields the encryption dialogs share and 「パスフレーズの変更…」 (issue 17;
docs/adr/0010-register-encryption.md). The passphrase stays in memory: nothing here logs it or shows it in a message.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.db.cipher import passphrase_problem, read_keys, unwrap, wrap, write_keys, wrong_passphrase
from app.db.register_key import RegisterKey
from app.errors import BreachDeskError, InputError
from app.i18n import _
from app.paths import DataPaths
from app.services import unlock

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #a61b1b;"


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    # Hidden text normally turns the input method off; a Japanese passphrase must be typeable through the IME.
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
    return field


def wrapped_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class PassphraseFields(QWidget):
    """A new passphrase twice, with the strength hint (app/db/cipher.py `passphrase_problem`) and show/hide."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = password_field()
        self.second = password_field()
        self.show_box = QCheckBox(_("Show the passphrase"))
        self.show_box.toggled.connect(self._show)
        self.hint = wrapped_label()
        self.hint.setStyleSheet(ERROR_STYLE)
        # Two lines kept free for the hint: it appears while the officer types, and a wrapped label added to a
        # laid-out form would otherwise be squeezed (cut off at 150 % scaling in English) or make the dialog jump.
        self.hint.setMinimumHeight(2 * self.hint.fontMetrics().lineSpacing() + 2)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("New passphrase:"), self.first)
        form.addRow(_("Once more:"), self.second)
        form.addRow("", self.show_box)
        form.addRow("", self.hint)
        for field in (self.first, self.second):
            field.textChanged.connect(self._update)
        self._update()

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.first, self.second):
            field.setEchoMode(mode)
            field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)

    def problem(self) -> str | None:
        text = self.first.text()
        if not text:
            return ""  # nothing typed yet: no reproach, but not acceptable either
        weak = passphrase_problem(text)
        if weak is not None:
            return weak
        if self.second.text() != text:
            return _("The two passphrases are not the same yet.") if self.second.text() else ""
        return None

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        self.hint.setText(self.problem() or "")
        self.changed.emit()


class ChangePassphraseDialog(QDialog):
    """「パスフレーズの変更…」: the current passphrase (or the key remembered on this PC), then a new one twice.
    The data key stays the same, so the backups and the recovery key keep working (app/db/cipher.py `wrap`)."""

    def __init__(self, paths: DataPaths, key: RegisterKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.key = key
        self.changed = False
        self.setWindowTitle(_("Change passphrase"))
        remembered = unlock.remembered_key(paths)
        self.use_remembered = remembered is not None and remembered.key_id == key.key_id
        self.current = password_field()
        self.fields = PassphraseFields()
        self.message = wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        if self.use_remembered:
            form.addRow(
                "",
                wrapped_label(_("The key is remembered on this PC: the current passphrase is not needed.")),
            )
        else:
            form.addRow(_("Current passphrase:"), self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                _(
                    "The backups and the recovery key stay valid: only the passphrase that opens the register "
                    "changes."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Change passphrase"))
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(lambda: self.ok_button.setEnabled(self.fields.problem() is None))
        self.ok_button.setEnabled(False)
        self.setMinimumWidth(560)

    def try_change(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if not self.use_remembered:
                data = read_keys(self.paths.root)
                if data is None or unwrap(data, self.current.text()).key_id != self.key.key_id:
                    raise wrong_passphrase()
            write_keys(self.paths.root, wrap(self.key, self.fields.passphrase()), self.paths.backups_dir)
        except InputError as error:
            self.current.clear()
            self.message.setText(error.message)
            return
        except (BreachDeskError, OSError):
            log.warning("the passphrase could not be changed in %s", self.paths.root)
            self.message.setText(
                _("The keys file could not be written in {path}.").format(path=self.paths.root)
            )
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.changed = True
        self.accept()
