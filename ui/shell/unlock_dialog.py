"""The unlock at start (issue 17; docs/adr/0010-register-encryption.md): the key remembered on this PC or in
BREACHDESK_PASSPHRASE, else the passphrase or the recovery key typed in `UnlockDialog`. Neither the passphrase nor
the key is logged or put in a message.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.db.cipher import key_from_recovery, read_keys, unwrap
from app.db.register_key import RegisterKey
from app.errors import BreachDeskError, InputError
from app.i18n import _
from app.paths import DataPaths
from app.services import unlock
from ui.shell.passphrase_dialogs import ERROR_STYLE, password_field, wrapped_label

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "BREACHDESK_PASSPHRASE"  # as on the command line (app/services/unlock.py)
TRIES_BEFORE_EXPLAINING = 3


def remember(parent: QWidget | None, paths: DataPaths, key: RegisterKey) -> bool:
    """「このPCに記憶する」 through the OS credential store; without one (a Linux box without a keyring) the
    officer is told once and will be asked for the passphrase at the next start."""
    if unlock.remember(paths, key):
        return True
    QMessageBox.information(
        parent,
        _("Remember on this PC"),
        _(
            "This PC has no credential store BreachDesk can use, so the key was not remembered: the "
            "passphrase will be asked at each start."
        ),
    )
    return False


class UnlockDialog(QDialog):
    """At start: the passphrase, or 「回復キーで開く」. A wrong passphrase keeps the dialog open with one message
    that does not say which part was wrong; after three, a calm explanation of the ways left."""

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.key: RegisterKey | None = None
        self.failures = 0
        self.with_recovery = False
        self.setWindowTitle(_("Open the register"))
        self.intro = wrapped_label(
            _("The register in {path} is encrypted. Enter its passphrase to open it.").format(path=paths.root)
        )
        self.field_label = QLabel()
        self.field = password_field()
        self.show_box = QCheckBox(_("Show"))
        self.show_box.toggled.connect(self._set_echo)
        self.switch_link = QLabel()
        self.switch_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.switch_link.linkActivated.connect(lambda _link: self.set_recovery_mode(not self.with_recovery))
        self.remember_box = QCheckBox(_("Remember on this PC"))
        self.message = wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        self.explanation = wrapped_label()
        self.explanation.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        self.field_label.setBuddy(self.field)
        form = QFormLayout()
        form.addRow(self.field_label, self.field)
        form.addRow("", self.show_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.switch_link)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.message)
        layout.addWidget(self.explanation)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.set_recovery_mode(False)

    def _set_echo(self, shown: bool) -> None:
        shown = shown or self.with_recovery
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)

    def set_recovery_mode(self, on: bool) -> None:
        self.with_recovery = on
        self.field.clear()
        self.message.clear()
        if on:
            self.field_label.setText(_("Recovery key:"))
            self.field.setPlaceholderText("XXXX-XXXX-XXXX-…")
            self.switch_link.setText(f"<a href='passphrase'>{_('Open with the passphrase')}</a>")
        else:
            self.field_label.setText(_("Passphrase:"))
            self.field.setPlaceholderText("")
            self.switch_link.setText(f"<a href='recovery'>{_('Open with the recovery key')}</a>")
        self.show_box.setVisible(not on)
        self._set_echo(self.show_box.isChecked())
        self.field.setFocus()

    def try_open(self) -> None:
        text = self.field.text()
        if not text.strip():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # scrypt: ~0.1 s
        try:
            key = key_from_recovery(text) if self.with_recovery else self._unwrap(text)
        except InputError as error:
            self._refused(error.message)
            return
        except BreachDeskError as error:  # the keys file cannot be read: the recovery key still opens
            self.set_recovery_mode(True)
            self.message.setText(error.message)
            self.adjustSize()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.remember_box.isChecked():
            remember(self, self.paths, key)
        self.key = key
        self.accept()

    def _unwrap(self, passphrase: str) -> RegisterKey:
        data = read_keys(self.paths.root)
        if data is None:
            raise BreachDeskError(
                _(
                    "The keys file that the passphrase opens is missing from the data folder: open the "
                    "register with its recovery key."
                )
            )
        return unwrap(data, passphrase)

    def _refused(self, text: str) -> None:
        self.failures += 1
        log.info("unlock refused (%d so far)", self.failures)
        self.field.clear()
        self.field.setFocus()
        self.message.setText(text)
        if self.failures >= TRIES_BEFORE_EXPLAINING:
            self.explanation.setText(
                _(
                    "Take your time: the register has not been changed and nothing is locked. Check the input "
                    "mode (full-width or half-width, Caps Lock). If the passphrase cannot be remembered, open "
                    "the register with the recovery key printed or saved when it was encrypted, then set a new "
                    "passphrase. Without both, nobody can open the register or its backups."
                )
            )
            self.explanation.show()
        self.adjustSize()  # the message (and explanation) wrap below: the dialog grows instead of squeezing


def remembered_or_env_key(paths: DataPaths) -> RegisterKey | None:
    """The key remembered on this PC, else the passphrase in BREACHDESK_PASSPHRASE (as the CLI), if either opens
    the keys file's key; None means: ask. A remembered key that no longer matches the keys file (the passphrase
    was changed with a new key elsewhere) is not used."""
    key = unlock.remembered_key(paths)
    try:
        data = read_keys(paths.root)
    except BreachDeskError:
        data = None
    if key is not None and (data is None or data.get("key_id") == key.key_id):
        return key
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if passphrase and data is not None:
        try:
            return unwrap(data, passphrase)
        except InputError:
            log.warning("the passphrase in %s does not open the register: asking", PASSPHRASE_ENV)
    return None


def ask_to_unlock(parent: QWidget | None, paths: DataPaths) -> RegisterKey | None:
    """The key of the encrypted register in `paths`, or None when the officer cancelled."""
    key = remembered_or_env_key(paths)
    if key is not None:
        return key
    dialog = UnlockDialog(paths, parent)
    return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else None


def forget(paths: DataPaths) -> None:
    unlock.forget(paths)


def quiet_sqlcipher() -> None:
    unlock.quiet_sqlcipher()
