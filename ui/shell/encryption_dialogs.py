"""The register's encryption in the window (issue 17; docs/adr/0010-register-encryption.md): the conversion of a
plain register here, and every dialog of it in one place for the start-up (ui/shell/application.py) and the tests:
the passphrase fields and change (ui/shell/passphrase_dialogs.py), the unlock at start (ui/shell/unlock_dialog.py),
the new key with its recovery sheet (ui/shell/recovery_dialogs.py).

Loaded in the start-up's phase 2 (ui/shell/application.py), after the window has painted: unlocking runs scrypt
(~0.1 s) and must not delay the first paint. The passphrase, the data key and the recovery key stay in memory:
nothing here logs them, puts them in a message or writes them anywhere but the keys file (wrapped) and the
recovery sheet the officer saves where they choose.
"""

from __future__ import annotations

import logging
from types import ModuleType

from PySide6.QtWidgets import QMessageBox, QWidget

from app.db.register_key import RegisterKey
from app.i18n import _
from app.paths import DataPaths
from app.services import unlock
from ui.shell.passphrase_dialogs import ERROR_STYLE, ChangePassphraseDialog, PassphraseFields
from ui.shell.recovery_dialogs import (
    MONO_FAMILIES,
    NewPassphraseDialog,
    ask_conversion_key,
    ask_new_key,
    recovery_key_label,
)
from ui.shell.unlock_dialog import (
    PASSPHRASE_ENV,
    TRIES_BEFORE_EXPLAINING,
    UnlockDialog,
    ask_to_unlock,
    forget,
    quiet_sqlcipher,
    remember,
    remembered_or_env_key,
)

__all__ = [
    "ERROR_STYLE",
    "MONO_FAMILIES",
    "PASSPHRASE_ENV",
    "TRIES_BEFORE_EXPLAINING",
    "ChangePassphraseDialog",
    "NewPassphraseDialog",
    "PassphraseFields",
    "QMessageBox",
    "UnlockDialog",
    "ask_conversion_key",
    "ask_new_key",
    "ask_to_unlock",
    "confirm_conversion",
    "convert_register",
    "forget",
    "quiet_sqlcipher",
    "recover_interrupted",
    "recovery_key_label",
    "remember",
    "remembered_or_env_key",
    "unlock",
]

log = logging.getLogger(__name__)


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
