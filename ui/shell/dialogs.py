"""The app's modal messages: crash report, storage faults with a way out, About — each built by one function so tests
and screenshots can look at it, and shown by another that only adds exec()."""

from __future__ import annotations

import datetime as dt
import enum
import html
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.errors import BreachDeskError
from app.i18n import _
from app.paths import DataPaths, resources_dir
from ui.common.messages import open_folder


def app_icon() -> QPixmap:
    return QPixmap(str(resources_dir() / "icons" / "breachdesk.png"))


class CrashDialog(QDialog):
    """Replaces a silent exit: says what happened, where the log is, and lets the officer copy the details."""

    def __init__(self, parent: QWidget | None, exc_text: str, log_path: Path) -> None:
        super().__init__(parent)
        self.exc_text = exc_text
        self.log_path = log_path
        self.setWindowTitle(_("BreachDesk — unexpected error"))
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        self.headline = QLabel(_("An unexpected error occurred."))
        bold = QFont(self.headline.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.headline.setFont(bold)
        self.explanation = QLabel(
            _(
                "Everything you saved before this point is still in the register. "
                "Please send the log file to your support contact: it records what went wrong."
            )
        )
        self.explanation.setWordWrap(True)
        self.log_label = QLabel(_("Log file: {path}").format(path=log_path))
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(exc_text)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(140)
        mono = QFont(self.details.font())
        # Fixed-width for tracebacks, and still with kana for Japanese messages inside them.
        mono.setFamilies(["BIZ UDGothic", "monospace"])
        self.details.setFont(mono)

        self.open_logs_button = QPushButton(_("Open log folder"))
        self.copy_button = QPushButton(_("Copy details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_logs_button.clicked.connect(lambda: open_folder(self.log_path.parent))
        self.copy_button.clicked.connect(self.copy_details)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        for widget in (self.headline, self.explanation, self.log_label):
            text.addWidget(widget)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(_("Technical details:")))
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def details_text(self) -> str:
        return "\n".join(
            (
                f"{APP_NAME} {__version__} / Python {platform.python_version()} / PySide6 {pyside_version} / {sys.platform}",
                f"log: {self.log_path}",
                "",
                self.exc_text,
            )
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(_("Copied"))


def show_crash_dialog(parent: QWidget | None, exc_text: str, log_path: Path) -> None:
    CrashDialog(parent, exc_text, log_path).exec()


class StorageChoice(enum.Enum):
    RESTORE_BACKUP = "restore"
    RETRY = "retry"
    OTHER_FOLDER = "other_folder"
    QUIT = "quit"


# app.db.faults.FaultKind values where waiting and retrying is the way out: a file in use, or a database server
# that cannot be reached or refused us (team mode: its administrator fixes it, then the officer tries again).
_TRANSIENT_FAULTS = (
    "locked",
    "unreachable",
    "server_not_found",
    "database_missing",
    "login_failed",
    "connection_lost",
    "extension_missing",
    "server_busy",
)
# A full disk (or a backup that could not be written) is not a damaged register: restoring over it would be wrong
# advice; freeing space and trying again is the way out, and the backups that exist are named as they are.
_NO_ROOM_FAULTS = ("disk_full", "backup_failed")


def _on_server(error: BreachDeskError) -> bool:
    """A fault of a register on a database server (team mode): its `path` is the server's URL (app/db/faults.py
    `server_label`), not a file of the data folder."""
    path = getattr(error, "path", None)
    return isinstance(path, str) and "://" in path


class StorageErrorBox(QMessageBox):
    """A known storage fault: what happened (from the storage layer), and the ways out."""

    def __init__(
        self, parent: QWidget | None, error: BreachDeskError, paths: DataPaths, latest_backup: Path | None
    ):
        super().__init__(parent)
        kind = str(getattr(error, "kind", ""))
        no_room = kind in _NO_ROOM_FAULTS
        transient = kind in _TRANSIENT_FAULTS or no_room
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("The register cannot be opened"))
        hint = error.hint
        if latest_backup is None and not transient:
            hint = getattr(error, "hint_without_backup", "") or hint
        self.setText(f"{error.message}\n{hint}" if hint else error.message)
        self.retry_button: QPushButton | None = None
        self.restore_button: QPushButton | None = None
        self.folder_button: QPushButton | None = None
        if _on_server(error):
            self._server_ways_out()
            return
        lines = [_("Data folder: {path}").format(path=paths.root)]
        if no_room:
            if latest_backup is not None:
                taken = dt.datetime.fromtimestamp(latest_backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
                lines.append(
                    _("The existing backups have not been changed (latest: {taken}).").format(taken=taken)
                )
            else:
                lines.append(_("There is no backup in this data folder yet."))
        elif transient:
            pass  # a file in use is not damaged: restoring over it would be wrong, so no backup talk
        elif latest_backup is not None:
            taken = dt.datetime.fromtimestamp(latest_backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            lines.append(_("Latest backup: made on {taken}").format(taken=taken))
            lines.append(_("The damaged file is never overwritten: restoring keeps it beside the register."))
        else:
            lines.append(_("There is no backup in this data folder yet."))
        self.setInformativeText("\n".join(lines))
        if transient:
            self.retry_button = self.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
        else:
            self.restore_button = self.addButton(
                _("Restore the latest backup"), QMessageBox.ButtonRole.AcceptRole
            )
            self.restore_button.setEnabled(latest_backup is not None)
        self.folder_button = self.addButton(_("Choose another folder"), QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        usable_restore = self.restore_button if latest_backup is not None else None
        self.setDefaultButton(self.retry_button or usable_restore or self.folder_button)
        self.setEscapeButton(self.quit_button)

    def _server_ways_out(self) -> None:
        """The register lives on the server: no data folder, no backup of this PC to restore (the server's
        administrator keeps those, pg_dump), no other folder to choose — only trying again or quitting."""
        self.setInformativeText(
            _(
                "The register is kept on the database server, not on this PC: nothing here needs repair. When the "
                "server is available again (ask its administrator if it stays unavailable), choose Try again."
            )
        )
        self.retry_button = self.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> StorageChoice:
        clicked = self.clickedButton()
        if clicked is None:
            return StorageChoice.QUIT
        if clicked is self.restore_button:
            return StorageChoice.RESTORE_BACKUP
        if clicked is self.retry_button:
            return StorageChoice.RETRY
        if clicked is self.folder_button:
            return StorageChoice.OTHER_FOLDER
        return StorageChoice.QUIT


def show_storage_error(
    parent: QWidget | None, error: BreachDeskError, paths: DataPaths, latest_backup: Path | None = None
) -> StorageChoice:
    box = StorageErrorBox(parent, error, paths, latest_backup)
    box.exec()
    return box.choice()


def build_about_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_("About BreachDesk"))
    box.setIconPixmap(app_icon().scaled(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        "<h3>{title}</h3><p>{version}</p>".format(
            title=html.escape(_("BreachDesk — personal-data breach response desk")),
            version=html.escape(_("Version {version}").format(version=__version__)),
        )
    )
    box.setInformativeText(
        "<p>{purpose}</p><p>{fonts}</p><p><small>Python {py} · Qt for Python (PySide6) {qt}</small></p>".format(
            purpose=html.escape(
                _(
                    "Helps the privacy officer decide whether a personal-data breach must be reported "
                    "under the APPI and its Enforcement Rules (Article 7), and keeps every deadline in view."
                )
            ),
            fonts=html.escape(
                _(
                    "Japanese text is shown and printed with the bundled BIZ UD fonts (Morisawa), "
                    "licensed under the SIL Open Font License 1.1."
                )
            ),
            py=platform.python_version(),
            qt=pyside_version,
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_about(parent: QWidget | None) -> None:
    build_about_box(parent).exec()
