"""「バックアップから復元…」 and 「今すぐバックアップ」: the backups with what each holds, and the choice of one.

Restoring never overwrites the register in place: `Database.restore_backup` first copies it into the backups
folder (`before-restore-…`, outside the rotation) and then moves the file aside; the start-up path
(ui/shell/application.py, `GuiSession.restore_backup`) opens the restored register again (README "Where your data
lives, backups, restore and evidence"; app/db/backups.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import backups as backup_files
from app.domain.dates import to_jst
from app.i18n import N_, _
from app.services.backups import REASON_LABELS, BackupInfo, describe_backups
from ui.common import messages
from ui.common.fit import initial_size, name_view

if TYPE_CHECKING:
    from app.db.database import Database

_HEADERS = (
    N_("Made at (JST)"),
    N_("Why"),
    N_("Incidents"),
    N_("Audit entries"),
    N_("Size"),
    N_("File"),
)
PATH_ROLE = Qt.ItemDataRole.UserRole


def _moment(info: BackupInfo) -> str:
    return to_jst(info.moment).strftime("%Y-%m-%d %H:%M:%S") if info.moment else "?"


def _size(info: BackupInfo) -> str:
    return _("{size} MB").format(size=f"{info.size / 1e6:.1f}")


class RestoreDialog(QDialog):
    """The list and the choice; the caller restores (the register must be closed first)."""

    def __init__(self, infos: list[BackupInfo], backups_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.infos = infos
        self.setWindowTitle(_("Restore from a backup"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose the backup to bring back. The current register is not overwritten: before the restore "
                "a copy of it is kept in the backups folder (“before a restore”), and the file itself is kept "
                "under another name. Damaged backups are greyed out and cannot be restored."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0px; }")
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([_(text) for text in _HEADERS])
        for info in infos:
            self.tree.addTopLevelItem(self._item(info))
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in range(len(_HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + 18)  # room between the columns
        name_view(self.tree, _("Backups"))
        # The columns keep their width and the list scrolls sideways: fitted to their contents they made the
        # dialog 1,440 px wide at 150 % (issue 18).
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.accept())
        layout.addWidget(self.tree, 1)
        folder = QLabel(_("Backups folder: {path}").format(path=backups_dir))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        folder.setToolTip(str(backups_dir))
        layout.addWidget(folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(_("Restore…"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        initial_size(self, 960, 460)

    def _item(self, info: BackupInfo) -> QTreeWidgetItem:
        counts = [f"{info.incidents:,}", f"{info.audit_entries:,}"] if info.usable else [_("damaged"), "―"]
        item = QTreeWidgetItem(
            [_moment(info), _(REASON_LABELS[info.reason]), *counts, _size(info), info.path.name]
        )
        item.setData(0, PATH_ROLE, str(info.path))
        for column in (2, 3, 4):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not info.usable:
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed out: nothing to restore from a damaged copy
            item.setToolTip(0, _("This backup is damaged and cannot be restored."))
        return item

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def select_row(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    def chosen(self) -> BackupInfo | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        path = items[0].data(0, PATH_ROLE)
        return next((info for info in self.infos if str(info.path) == path and info.usable), None)

    def accept(self) -> None:
        """Ask once more, saying what happens to the register as it is now."""
        info = self.chosen()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            _("Restore from a backup"),
            _(
                "Restore the register from the backup of {moment} ({reason}: incidents {incidents}, audit "
                "entries {entries})?\n\nThe current register is not overwritten: a copy is kept in the backups "
                "folder and the file itself under another name, so this restore can be undone. Open incident "
                "windows are closed."
            ).format(
                moment=_moment(info),
                reason=_(REASON_LABELS[info.reason]),
                incidents=f"{info.incidents:,}",
                entries=f"{info.audit_entries:,}",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            super().accept()


def choose_backup(parent: QWidget, backups_dir: Path) -> Path | None:
    """The backup the officer chose and confirmed, or None. Each backup is checked (quick_check) as it is listed."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        infos = describe_backups(backups_dir)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if not infos:
        QMessageBox.information(
            parent,
            _("Restore from a backup"),
            _("There are no backups in {folder} yet.").format(folder=backups_dir),
        )
        return None
    dialog = RestoreDialog(infos, backups_dir, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.chosen()
    return chosen.path if chosen is not None else None


def backup_now(parent: QWidget, db: Database) -> str:
    """「今すぐバックアップ」: the status-bar line saying where the copy went, or "" after showing why it failed."""
    db.backup_now()
    if db.backup_problem is not None:
        messages.show_error(parent, db.backup_problem)
        return ""
    newest = next(iter(backup_files.list_backups(db.paths.backups_dir)), None)
    return _("A backup was made: {name} (in {folder}).").format(
        name=newest.name if newest is not None else "―", folder=db.paths.backups_dir
    )
