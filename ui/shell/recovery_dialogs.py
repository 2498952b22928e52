"""A new data key with its recovery key (issue 17; docs/adr/0010-register-encryption.md): the first start's
passphrase, or 「台帳を暗号化する…」, then the recovery key shown once, to be printed or saved away from the data
folder before the register is created. The key stays in memory and on the sheet the officer keeps.
"""

from __future__ import annotations

import logging
import os
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.cipher import recovery_text, wrap, write_keys
from app.db.register_key import RegisterKey
from app.domain.dates import today_jst
from app.errors import BreachDeskError
from app.i18n import _
from app.paths import DataPaths
from ui.common import messages
from ui.shell.passphrase_dialogs import PassphraseFields, wrapped_label
from ui.shell.unlock_dialog import remember

log = logging.getLogger(__name__)

MONO_FAMILIES = ["BIZ UDGothic", "monospace"]  # fixed-width, so the groups line up as on the printed sheet


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
        intro = wrapped_label(
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
        advice = wrapped_label(
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
        explanation = wrapped_label(
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
        self.sheet_status = wrapped_label()
        warning = wrapped_label(
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
