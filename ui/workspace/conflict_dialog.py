"""The second writer's screen: someone saved the incident first, so the officer sees both texts and chooses.

Nothing is overwritten without the officer's choice (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md):
「最新を読み込む」 shows what is saved; 「自分の内容で上書きする」 saves the officer's text as a new, audited change on
the newest version; Esc leaves the text on screen unsaved (in red), to copy or to try again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConcurrentEdit
from app.i18n import _
from app.services.workspace.concurrency import moment_text
from ui.workspace.context import WorkspaceContext


class Choice(enum.Enum):
    LOAD = "load"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def _text_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    box.setMinimumHeight(60)
    return box


class ConflictDialog(QDialog):
    def __init__(
        self, conflict: ConcurrentEdit, field: str, mine: str, saved: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = Choice.CANCEL
        self.setWindowTitle(_("Someone saved this incident first"))
        self.message_label = QLabel(conflict.message)
        self.message_label.setWordWrap(True)
        self.field_label = QLabel(_("Field: {field}").format(field=field))
        self.mine_edit = _text_box(mine)
        self.saved_edit = _text_box(saved)
        mine_label = QLabel(_("Your text (not saved)"))
        mine_label.setBuddy(self.mine_edit)
        saved_label = QLabel(
            _("Saved by {name} ({time})").format(name=conflict.actor, time=moment_text(conflict.at))
        )
        saved_label.setWordWrap(True)
        saved_label.setBuddy(self.saved_edit)
        texts = QGridLayout()
        texts.addWidget(mine_label, 0, 0)
        texts.addWidget(saved_label, 0, 1)
        texts.addWidget(self.mine_edit, 1, 0)
        texts.addWidget(self.saved_edit, 1, 1)
        texts.setColumnStretch(0, 1)
        texts.setColumnStretch(1, 1)
        texts.setRowStretch(1, 1)
        self.load_button = QPushButton(_("&Load the latest"))
        self.overwrite_button = QPushButton(_("&Overwrite with mine"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.load_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.load_button.setDefault(True)  # Enter keeps what is saved: nothing is overwritten by accident
        self.load_button.clicked.connect(lambda: self._choose(Choice.LOAD))
        self.overwrite_button.clicked.connect(lambda: self._choose(Choice.OVERWRITE))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.field_label)
        layout.addLayout(texts, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def ask(parent: QWidget | None, conflict: ConcurrentEdit, field: str, mine: str, saved: str) -> Choice:
    dialog = ConflictDialog(conflict, field, mine, saved, parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()


def save_checked(
    parent: QWidget,
    ctx: WorkspaceContext,
    field: str,
    mine: str,
    saved_text: Callable[[ConcurrentEdit], str],
    save: Callable[[int], int],
    reload: Callable[[], None],
) -> None:
    """Save from the incident's version the screen was built from (`ctx.version`); see save_versioned."""

    def keep(version: int) -> None:
        ctx.version = version

    save_versioned(parent, field, mine, saved_text, save, reload, lambda: ctx.version, keep)


def save_versioned(
    parent: QWidget,
    field: str,
    mine: str,
    saved_text: Callable[[ConcurrentEdit], str],
    save: Callable[[int], int],
    reload: Callable[[], None],
    version: Callable[[], int],
    keep: Callable[[int], None],
) -> None:
    """Save from the version the screen was built from (`version()`, an incident's or a report draft's); on a
    conflict ask, then show the register as it is now. `keep` stores the version the screen now stands on.

    Cancelled, the ConcurrentEdit goes on to the field, which stays red and unsaved (ui/workspace/fields.py)."""
    try:
        keep(save(version()))
        return
    except ConcurrentEdit as conflict:
        choice = ask(parent, conflict, field, mine, saved_text(conflict))
        if choice is Choice.CANCEL:
            raise
        if choice is Choice.OVERWRITE:
            keep(save(conflict.version))  # a third writer meanwhile: refused and reported the same way
        else:
            keep(conflict.version)
    reload()
