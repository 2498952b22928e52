"""Finding the key of an encrypted register: the OS credential store, the passphrase, the recovery key, a prompt
(issue 17 point 2; docs/adr/0010-register-encryption.md).

Shared by the window (its unlock dialog passes what the officer typed) and the command line (which reads
`BREACHDESK_PASSPHRASE` / `BREACHDESK_RECOVERY_KEY` or asks on a terminal). The key is remembered only in the OS
credential store through `keyring` (service "BreachDesk", user: the data folder's resolved path), never in
settings.json; a PC without a usable store (keyring's failing backend on a headless Linux) simply remembers
nothing, and the officer is asked again.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import keyring
import sqlcipher3

from app.db import cipher
from app.db.connect import DB_ERRORS, connect, is_encrypted_file
from app.db.faults import FaultKind, fault
from app.db.register_key import KEY_BYTES, RegisterKey
from app.db.sqlite_uri import readonly_uri
from app.errors import BreachDeskError, InputError, StorageError
from app.i18n import _
from app.paths import DataPaths

log = logging.getLogger(__name__)

KEYRING_SERVICE = "BreachDesk"
PASSPHRASE_VARIABLE = "BREACHDESK_PASSPHRASE"
RECOVERY_VARIABLE = "BREACHDESK_RECOVERY_KEY"

Ask = Callable[[str], str]


def quiet_sqlcipher() -> None:
    """SQLCipher prints `ERROR CORE … hmac check failed` on stderr for a wrong key (docs/tech-notes.md); the
    officer gets one sentence of ours instead. The log level is process-wide."""
    with contextlib.closing(sqlcipher3.connect(":memory:")) as conn:
        conn.execute("PRAGMA cipher_log_level = NONE")


def needs_key(paths: DataPaths) -> bool:
    """An existing register file that does not start like plain SQLite: encrypted (or damaged; the key tells)."""
    return is_encrypted_file(paths.db_file)


def _user(paths: DataPaths) -> str:
    return str(paths.root.resolve())


# --- the OS credential store ----------------------------------------------------------------------------------
def remembered_key(paths: DataPaths) -> RegisterKey | None:
    """The key kept by 「このPCに記憶する」, or None (nothing kept, or no usable credential store)."""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, _user(paths))
    except Exception as exc:  # any backend failure (NoKeyringError, D-Bus, a locked store): not remembered
        log.info("no key from the credential store: %s", type(exc).__name__)
        return None
    if not stored:
        return None
    try:
        raw = bytes.fromhex(stored)
    except ValueError:
        return None
    return RegisterKey(raw) if len(raw) == KEY_BYTES else None


def remember(paths: DataPaths, key: RegisterKey) -> bool:
    """Keep the key in the OS credential store; False when this PC has none (the caller says it was not kept)."""
    try:
        keyring.set_password(KEYRING_SERVICE, _user(paths), key.raw.hex())
    except Exception as exc:  # see remembered_key
        log.info("the key could not be kept in the credential store: %s", type(exc).__name__)
        return False
    return True


def forget(paths: DataPaths) -> None:
    """Remove a remembered key (after a passphrase change with a new key, a decrypt, or on request)."""
    try:
        keyring.delete_password(KEYRING_SERVICE, _user(paths))
    except Exception as exc:  # nothing kept, or no store: nothing to forget
        log.info("nothing forgotten in the credential store: %s", type(exc).__name__)


# --- keys -------------------------------------------------------------------------------------------------------
def key_opens(file: Path, key: RegisterKey) -> bool:
    """Whether `key` reads `file` (read-only; one raw-key connection, no key derivation)."""
    try:
        with contextlib.closing(connect(readonly_uri(file), key, timeout=1.0)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DB_ERRORS:
        return False
    return True


def from_passphrase(paths: DataPaths, passphrase: str) -> RegisterKey:
    """The data key the passphrase unwraps from the keys file; InputError when it does not (wrong or damaged:
    one answer for both)."""
    data = cipher.read_keys(paths.root)
    if data is None:
        raise InputError(
            _(
                "The keys file ({name}) is missing, so the passphrase cannot open the register. Open it with its "
                "recovery key (environment variable {variable})."
            ).format(name=cipher.KEYS_NAME, variable=RECOVERY_VARIABLE),
            field="passphrase",
        )
    return cipher.unwrap(data, passphrase)


def _from_recovery(paths: DataPaths, text: str) -> RegisterKey:
    key = cipher.key_from_recovery(text)
    if paths.db_file.is_file() and not key_opens(paths.db_file, key) and not _is_registers_key(paths, key):
        raise InputError(
            _("This recovery key does not open this register. Check that it is the sheet of this register."),
            field="recovery_key",
        )
    return key


def _is_registers_key(paths: DataPaths, key: RegisterKey) -> bool:
    """Whether the keys file names this key (then a file it does not open is damaged, not the key wrong)."""
    try:
        data = cipher.read_keys(paths.root)
    except StorageError:
        return False
    return data is not None and data.get("key_id") == key.key_id


def key_for(
    paths: DataPaths,
    *,
    passphrase: str | None = None,
    recovery: str | None = None,
    environ: Mapping[str, str] | None = None,
    ask: Ask | None = None,
) -> RegisterKey | None:
    """The key that opens the register of `paths`; None for a plain register (or none yet).

    In this order: what the caller passes (the window's dialog), the key remembered on this PC, the passphrase in
    BREACHDESK_PASSPHRASE, the recovery key in BREACHDESK_RECOVERY_KEY, and `ask` (the CLI passes a terminal
    prompt when stdin is one). Nothing at all: InputError naming the variables (exit 2). A wrong passphrase:
    InputError saying only that it is not correct."""
    if not needs_key(paths):
        if passphrase is not None or recovery is not None:
            raise fault(FaultKind.NOT_ENCRYPTED, paths.db_file)
        return None
    if passphrase is not None:
        return from_passphrase(paths, passphrase)
    if recovery is not None:
        return _from_recovery(paths, recovery)
    remembered = remembered_key(paths)
    if remembered is not None and key_opens(paths.db_file, remembered):
        return remembered
    env = os.environ if environ is None else environ
    if env.get(PASSPHRASE_VARIABLE):
        return from_passphrase(paths, env[PASSPHRASE_VARIABLE])
    if env.get(RECOVERY_VARIABLE):
        return _from_recovery(paths, env[RECOVERY_VARIABLE])
    if ask is not None:
        typed = ask(_("Passphrase of the register: "))
        if typed:
            return from_passphrase(paths, typed)
    raise InputError(
        _(
            "The register is encrypted and no passphrase was given. Set the passphrase in the environment "
            "variable {passphrase} (or the recovery key in {recovery}) and run the command again."
        ).format(passphrase=PASSPHRASE_VARIABLE, recovery=RECOVERY_VARIABLE),
        field="passphrase",
    )


def explain_wrong_key(paths: DataPaths, key: RegisterKey) -> BreachDeskError:
    """What a key that does not open the file means: SQLCipher cannot tell a wrong key from a damaged file, but
    the keys file can (a key it names is this register's key, so the file is damaged)."""
    if _is_registers_key(paths, key):
        return StorageError(
            _(
                "The register file is damaged: the passphrase is right, but the file cannot be read: {path}"
            ).format(path=paths.db_file),
            hint=_(
                "Restore the latest backup (main.py restore --list shows them). The damaged file has not "
                "been changed."
            ),
        )
    return InputError(
        _("The passphrase or recovery key does not open this register. Check it and try again."),
        field="passphrase",
    )
