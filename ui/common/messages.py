"""Messages any screen shows: a known fault as a box (no traceback, the window stays) and "show this folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import BreachDeskError
from app.i18n import _


def open_folder(folder: Path) -> bool:
    """Show a folder in Explorer / the file manager; tests replace this, a real desktop opens it."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_error(parent: QWidget | None, error: BreachDeskError) -> None:
    """A known fault after start-up (disk full while saving…): the message, no traceback, the window stays."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, _("BreachDesk"), error.message, QMessageBox.StandardButton.Ok, parent
    )
    if error.hint:
        box.setInformativeText(error.hint)
    box.exec()
