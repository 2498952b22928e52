"""The register's encryption in the window (issue 17; docs/adr/0010-register-encryption.md): the first start's
passphrase and recovery key, the unlock at start, the passphrase change and the conversion of a plain register.

Loaded in the start-up's phase 2 (ui/shell/application.py), after the window has painted: unlocking runs scrypt
(~0.1 s) and must not delay the first paint. The passphrase, the data key and the recovery key stay in memory:
nothing here logs them, puts them in a message or writes them anywhere but the keys file (wrapped) and the
recovery sheet the officer saves where they choose.
"""

from __future__ import annotations

import logging
import os
from html import escape
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.cipher import (
    key_from_recovery,
    passphrase_problem,
    read_keys,
    recovery_text,
    unwrap,
    wrap,
    write_keys,
    wrong_passphrase,
)
from app.db.register_key import RegisterKey
from app.domain.dates import today_jst
from app.errors import BreachDeskError, InputError
from app.i18n import _
from app.paths import DataPaths
from app.services import unlock
from ui.common import messages

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "BREACHDESK_PASSPHRASE"  # as on the command line (app/services/unlock.py)
TRIES_BEFORE_EXPLAINING = 3
MONO_FAMILIES = ["BIZ UDGothic", "monospace"]  # fixed-width, so the groups line up as on the printed sheet
ERROR_STYLE = "color: #a61b1b;"


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    # Hidden text normally turns the input method off; a Japanese passphrase must be typeable through the IME.
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
    return field


def _wrapped_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class PassphraseFields(QWidget):
    """A new passphrase twice, with the strength hint (app/db/cipher.py `passphrase_problem`) and show/hide."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = _password_field()
        self.second = _password_field()
        self.show_box = QCheckBox(_("Show the passphrase"))
        self.show_box.toggled.connect(self._show)
        self.hint = _wrapped_label()
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


def recovery_key_label(recovery: str) -> QLabel:
    """The key in two lines of seven groups, large, fixed-width and selectable (the sheet prints the same)."""
    groups = recovery.split("-")
    label = QLabel("\n".join("  ".join(groups[i : i + 7]) for i in range(0, len(groups), 7)))
    font = QFont(label.font())
    font.setFamilies(MONO_FAMILIES)
    font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("QLabel { border: 1px solid #606060; padding: 10px; background: #ffffff; }")
    return label


class NewPassphraseDialog(QDialog):
    """First start (or 「台帳を暗号化する…」): a passphrase twice, then the recovery key shown once, which must be
    printed or saved before the register is created. `key` is set when the officer finished."""

    def __init__(self, paths: DataPaths, parent: QWidget | None = None, *, converting: bool = False) -> None:
        super().__init__(parent)
        self.paths = paths
        self.key: RegisterKey | None = None
        self.converting = converting
        self.keys_data: dict[str, object] | None = None  # the wrapped key, for the keys file
        self._new_key = RegisterKey.new()  # one key for the dialog: going back does not change the sheet
        self.recovery = recovery_text(self._new_key)
        self.setWindowTitle(_("Encrypt the register") if converting else _("Welcome to BreachDesk"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._passphrase_page(converting))
        self.pages.addWidget(self._recovery_page(converting))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = QPushButton(_("Back"))
        self.next_button = QPushButton(_("Next"))
        self.finish_button = QPushButton(
            _("Encrypt the register") if converting else _("Create the register")
        )
        for button in (self.back_button, self.next_button, self.finish_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.back_button.clicked.connect(lambda: self._go(0))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.finish_button.clicked.connect(self._finish)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self._update)
        self.saved_box.toggled.connect(self._update)
        self.setMinimumWidth(620)
        self._go(0)

    def _passphrase_page(self, converting: bool) -> QWidget:
        page = QWidget()
        intro = _wrapped_label(
            _(
                "The register will be encrypted: without its passphrase nobody can read it, its backups or a "
                "copy of them, even on a lost PC."
            )
            if not converting
            else _(
                "The register and its backups will be encrypted: without its passphrase nobody can read them, "
                "even on a lost PC."
            )
        )
        advice = _wrapped_label(
            _(
                "Choose a passphrase of at least 10 characters that others cannot guess. A short sentence in "
                "Japanese is fine. You will type it each time BreachDesk starts."
            )
        )
        self.fields = PassphraseFields()
        self.remember_box = QCheckBox(_("Remember on this PC"))
        self.remember_box.setToolTip(
            _("The key is kept in this PC's credential store (Windows Credential Manager), never in a file.")
        )
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(advice)
        layout.addWidget(self.fields)
        layout.addWidget(self.remember_box)
        layout.addStretch(1)
        return page

    def _recovery_page(self, converting: bool) -> QWidget:
        page = QWidget()
        heading = QLabel(_("Recovery key"))
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        heading.setFont(bold)
        explanation = _wrapped_label(
            _(
                "If the passphrase is forgotten, this recovery key is the only other way to open the register. "
                "It is shown only now: print it or save it as a PDF, and keep it away from this PC."
            )
        )
        self.key_label = recovery_key_label(self.recovery)
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_sheet)
        row = QDialogButtonBox()
        row.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        row.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        row.setCenterButtons(True)
        self.saved_box = QCheckBox(_("I have printed or saved the recovery key"))
        self.sheet_status = _wrapped_label()
        warning = _wrapped_label(
            _(
                "If both the passphrase and the recovery key are lost, nobody can open the register or its "
                "backups, not even the makers of BreachDesk."
            )
        )
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.key_label)
        layout.addWidget(row)
        layout.addWidget(self.sheet_status)
        layout.addWidget(warning)
        layout.addWidget(self.saved_box)
        layout.addStretch(1)
        return page

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._update()

    def _update(self) -> None:
        first = self.pages.currentIndex() == 0
        self.back_button.setVisible(not first)
        self.next_button.setVisible(first)
        self.finish_button.setVisible(not first)
        self.next_button.setEnabled(self.fields.problem() is None)
        self.finish_button.setEnabled(self.saved_box.isChecked())
        (self.next_button if first else self.finish_button).setDefault(True)

    def sheet_pdf(self) -> bytes:
        from app.documents.render import recovery_sheet  # lazy on purpose: ReportLab, only for this sheet

        return recovery_sheet.build(self.recovery, data_folder=str(self.paths.root), created=today_jst())

    def save_sheet(self) -> Path | None:
        """Saved where the officer chooses, but not in the data folder: a copy of the folder would carry the key."""
        start = Path.home() / _("BreachDesk recovery key.pdf")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the recovery key"), str(start), "PDF (*.pdf)"
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if target.resolve().is_relative_to(self.paths.root.resolve()):
            QMessageBox.warning(
                self,
                _("Save the recovery key"),
                _(
                    "Please save the recovery key outside the data folder ({path}): whoever copies the folder "
                    "would otherwise have the key with it."
                ).format(path=self.paths.root),
            )
            return None
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(fd, "wb") as stream:
                stream.write(self.sheet_pdf())
        except OSError as exc:
            log.warning("the recovery sheet could not be saved: %s", exc.strerror)
            QMessageBox.warning(
                self,
                _("Save the recovery key"),
                _("The file could not be written: {path}").format(path=target),
            )
            return None
        self.sheet_status.setText(_("Saved to {path}.").format(path=target))
        return target

    def print_sheet(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # lazy on purpose: ~0.14 s, only to print

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return False
        painter_doc = self._sheet_document()
        painter_doc.print_(printer)
        self.sheet_status.setText(_("Sent to the printer."))
        return True

    def _sheet_document(self) -> QTextDocument:
        """The printed sheet: the same text as the PDF, laid out by Qt (a printer cannot take a PDF directly)."""
        groups = self.recovery.split("-")
        key = "<br>".join("&nbsp;&nbsp;".join(groups[i : i + 7]) for i in range(0, len(groups), 7))
        doc = QTextDocument()
        doc.setHtml(
            f"<h2 align='center'>{escape(_('{app} recovery key').format(app='BreachDesk'))}</h2>"
            f"<p align='center' style=\"font-family: 'BIZ UDGothic', monospace; font-size: 20pt\">{key}</p>"
            f"<p>{escape(_('Created on: {date}').format(date=today_jst().isoformat()))}<br>"
            f"{escape(_('Data folder: {path}').format(path=self.paths.root))}</p>"
            f"<p>{escape(self.key_hint())}</p>"
        )
        return doc

    @staticmethod
    def key_hint() -> str:
        return _(
            "Keep this sheet away from the PC, locked up like the office's seal or a bank card (a locked "
            "drawer or safe). Do not keep it in the data folder, in e-mail or on the same PC: anyone who "
            "has it and a copy of the register can read the register."
        )

    def _finish(self) -> None:
        """The keys file first (beside the register and in backups/), then the register is created with the key.
        A conversion installs the keys file together with the converted register (app/db/encryption.py)."""
        passphrase = self.fields.passphrase()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.keys_data = wrap(self._new_key, passphrase)
            if not self.converting:
                write_keys(self.paths.root, self.keys_data, self.paths.backups_dir)
        except OSError as exc:
            log.warning("the keys file could not be written in %s: %s", self.paths.root, exc.strerror)
            messages.show_error(
                self,
                BreachDeskError(
                    _("The keys file could not be written in {path}.").format(path=self.paths.root)
                ),
            )
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.remember_box.isChecked():
            remember(self, self.paths, self._new_key)
        self.key = self._new_key
        self.accept()


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
        self.intro = _wrapped_label(
            _("The register in {path} is encrypted. Enter its passphrase to open it.").format(path=paths.root)
        )
        self.field_label = QLabel()
        self.field = _password_field()
        self.show_box = QCheckBox(_("Show"))
        self.show_box.toggled.connect(self._set_echo)
        self.switch_link = QLabel()
        self.switch_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.switch_link.linkActivated.connect(lambda _link: self.set_recovery_mode(not self.with_recovery))
        self.remember_box = QCheckBox(_("Remember on this PC"))
        self.message = _wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        self.explanation = _wrapped_label()
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


def ask_new_key(parent: QWidget | None, paths: DataPaths) -> RegisterKey | None:
    """First start: the new data key, its keys file written; None when the officer cancelled."""
    dialog = NewPassphraseDialog(paths, parent)
    return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_conversion_key(
    parent: QWidget | None, paths: DataPaths
) -> tuple[RegisterKey, dict[str, object]] | None:
    """「台帳を暗号化する…」: the new data key and its wrapped form, for `convert_register`; None if cancelled."""
    dialog = NewPassphraseDialog(paths, parent, converting=True)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None or dialog.keys_data is None:
        return None
    return dialog.key, dialog.keys_data


def forget(paths: DataPaths) -> None:
    unlock.forget(paths)


def quiet_sqlcipher() -> None:
    unlock.quiet_sqlcipher()


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
        self.current = _password_field()
        self.fields = PassphraseFields()
        self.message = _wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        if self.use_remembered:
            form.addRow(
                "",
                _wrapped_label(_("The key is remembered on this PC: the current passphrase is not needed.")),
            )
        else:
            form.addRow(_("Current passphrase:"), self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped_label(
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


def confirm_conversion(parent: QWidget | None, paths: DataPaths) -> bool:
    """「台帳を暗号化する…」 says first what will happen to the files in the data folder."""
    answer = QMessageBox.question(
        parent,
        _("Encrypt the register"),
        _(
            "The register in {path} will be encrypted with a new passphrase. A verified backup is made first; "
            "then every plain backup is replaced by an encrypted one, and the plain copies and side files are "
            "removed, so that no file in the data folder stays readable without the passphrase.\n\n"
            "Open windows of incidents are closed. Continue?"
        ).format(path=paths.root),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def _encryption() -> ModuleType:
    from app.db import encryption  # lazy on purpose: the ORM and the audit check, only to convert or recover

    return encryption


def recover_interrupted(paths: DataPaths) -> None:
    """What a conversion killed half-way left (app/db/encryption.py): put right before the register opens."""
    _encryption().recover_interrupted(paths)


def convert_register(paths: DataPaths, key: RegisterKey, keys_data: dict[str, object]) -> None:
    """The conversion itself (app/db/encryption.py): a verified copy, the encrypted register swapped in with its
    keys file, then every backup encrypted and the plain leftovers removed. The register must be closed; raises
    BreachDeskError with the original untouched when the converted copy does not check."""
    done = _encryption().convert_register(paths, None, key, keys_data, "encrypt")
    log.info(
        "register encrypted: %d backups converted, %d kept as they were, %d plain leftovers removed",
        len(done.backups),
        len(done.kept),
        len(done.removed),
    )
