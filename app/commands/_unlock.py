"""How the command line opens the register: the key from the credential store, BREACHDESK_PASSPHRASE,
BREACHDESK_RECOVERY_KEY or a terminal prompt; a new register encrypted when a passphrase is set (issue 17 points
1–2, 5; docs/adr/0010-register-encryption.md). Shared by app/cli.py and the encrypt, decrypt and passphrase
commands; not a command itself (the leading underscore keeps it out of `COMMANDS`).

A passphrase, a key or a recovery key is never written to a log or into a message; the recovery key goes to
standard output exactly once, when it is made.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from app.db import cipher, encryption
from app.db.connect import is_encrypted_file, looks_encrypted
from app.db.faults import DatabaseFault, FaultKind, fault
from app.db.register_key import RegisterKey
from app.db.window_lock import held_by_window
from app.errors import InputError
from app.i18n import _
from app.paths import DataPaths, data_paths
from app.services import unlock
from app.services.root import Services
from app.services.unlock import PASSPHRASE_VARIABLE, RECOVERY_VARIABLE, Ask

NEW_PASSPHRASE_VARIABLE = "BREACHDESK_NEW_PASSPHRASE"


def terminal_prompt() -> Ask | None:
    """getpass when a person sits at a terminal; None for a script (then the variables are the only way)."""
    stdin = sys.stdin
    return getpass.getpass if stdin is not None and stdin.isatty() else None


def has_register(paths: DataPaths) -> bool:
    try:
        return paths.db_file.is_file() and paths.db_file.stat().st_size > 0
    except OSError:
        return True  # let the register's own checks explain it


def refuse_while_window(paths: DataPaths) -> None:
    if held_by_window(paths.root):
        raise InputError(
            _(
                "The register is open in a BreachDesk window: close the window first, then run this command again."
            )
        )


def prepare(paths: DataPaths) -> None:
    """Before any register opens: SQLCipher quiet, and what an interrupted conversion left put right."""
    unlock.quiet_sqlcipher()
    with contextlib.suppress(OSError):  # a read-only medium: nothing to put right there
        encryption.recover_interrupted(paths)


def new_passphrase(environ: Mapping[str, str], ask: Ask | None, variable: str = PASSPHRASE_VARIABLE) -> str:
    """A new passphrase: from `variable`, or typed twice on a terminal; refused when it is too weak."""
    value = environ.get(variable, "")
    if not value:
        if ask is None:
            raise InputError(
                _(
                    "Set the new passphrase in the environment variable {variable} (or run the command in a "
                    "terminal to type it). Nothing was changed."
                ).format(variable=variable),
                field="passphrase",
            )
        value = ask(_("New passphrase: "))
        if ask(_("The same passphrase again: ")) != value:
            raise InputError(
                _("The two passphrases are not the same. Nothing was changed."), field="passphrase"
            )
    problem = cipher.passphrase_problem(value)
    if problem is not None:
        raise InputError(
            _("This passphrase is too easy to guess: {problem} Nothing was changed.").format(problem=problem),
            field="passphrase",
        )
    return value


def print_recovery_key(out: TextIO, key: RegisterKey) -> None:
    out.write(
        _(
            "Recovery key (shown only this once: print it or write it down, and keep it somewhere safe away from "
            "this PC; it opens the register if the passphrase is forgotten):"
        )
        + "\n"
    )
    out.write(cipher.recovery_text(key) + "\n")


def unlock_existing(paths: DataPaths, environ: Mapping[str, str] | None = None) -> RegisterKey | None:
    """The key of the register in `paths` (None: plain); a passphrase set for a plain register is refused."""
    env = os.environ if environ is None else environ
    if not unlock.needs_key(paths) and (env.get(PASSPHRASE_VARIABLE) or env.get(RECOVERY_VARIABLE)):
        raise fault(FaultKind.NOT_ENCRYPTED, paths.db_file)
    key = unlock.key_for(paths, environ=env, ask=terminal_prompt())
    if key is not None and not unlock.key_opens(paths.db_file, key):
        raise unlock.explain_wrong_key(paths, key)
    return key


def unlock_files(paths: DataPaths, files: list[Path]) -> RegisterKey | None:
    """The key for files that are not the live register (backups, a copy kept as evidence): the register's own
    key when it is encrypted, else — e.g. after the register itself was lost — the passphrase (keys file beside
    the register or its copy in backups/), the recovery key or the remembered key; None when every file is plain."""
    if has_register(paths) and unlock.needs_key(paths):
        return unlock_existing(paths)
    env = os.environ
    if not any(is_encrypted_file(f) for f in files):
        return None
    known = env.get(RECOVERY_VARIABLE) or cipher.read_keys(paths.root) is not None
    if not known and not any(looks_encrypted(f) for f in files):
        return None  # no keys file, no recovery key, no SQLCipher-sized file: reported as damaged
    if env.get(PASSPHRASE_VARIABLE):
        return unlock.from_passphrase(paths, env[PASSPHRASE_VARIABLE])
    if env.get(RECOVERY_VARIABLE):
        return cipher.key_from_recovery(env[RECOVERY_VARIABLE])
    remembered = unlock.remembered_key(paths)
    if remembered is not None:
        return remembered
    ask = terminal_prompt()
    typed = ask(_("Passphrase of the register: ")) if ask is not None else ""
    if typed:
        return unlock.from_passphrase(paths, typed)
    raise InputError(
        _(
            "The register is encrypted and no passphrase was given. Set the passphrase in the environment "
            "variable {passphrase} (or the recovery key in {recovery}) and run the command again."
        ).format(passphrase=PASSPHRASE_VARIABLE, recovery=RECOVERY_VARIABLE),
        field="passphrase",
    )


def _create(paths: DataPaths, out: TextIO, err: TextIO) -> Services:
    """A first start from the command line: encrypted when BREACHDESK_PASSPHRASE is set, else plain (with a
    hint: the window is where the officer usually sets a passphrase)."""
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
    if not passphrase:
        services = Services.open(paths)
        err.write(
            _(
                "Note: the new register is not encrypted. To encrypt it, set a passphrase in the environment "
                "variable {variable} and run main.py encrypt."
            ).format(variable=PASSPHRASE_VARIABLE)
            + "\n"
        )
        return services
    existing = cipher.read_keys(paths.root)
    if existing is not None:  # the keys of a register whose file is gone: the register's checks explain it
        return Services.open(paths, None, cipher.unwrap(existing, passphrase))
    new_passphrase({PASSPHRASE_VARIABLE: passphrase}, None)  # strength
    key = RegisterKey.new()
    cipher.write_keys(paths.root, cipher.wrap(key, passphrase), paths.backups_dir)
    try:
        services = Services.open(paths, None, key)
    except BaseException:
        for folder in (paths.root, paths.backups_dir):
            cipher.keys_file(folder).unlink(missing_ok=True)
        raise
    out.write(_("A new encrypted register was created in {folder}.").format(folder=paths.root) + "\n")
    print_recovery_key(out, key)
    return services


def open_register(args: argparse.Namespace, out: TextIO, err: TextIO) -> Services:
    """The register's services for a command (app/cli.py `_Register`)."""
    paths = data_paths(args.data_dir)
    if args.database_url:
        return Services.open(paths, args.database_url)
    prepare(paths)
    if not has_register(paths):
        return _create(paths, out, err)
    key = unlock_existing(paths)
    try:
        return Services.open(paths, None, key)
    except DatabaseFault as exc:
        if key is not None and exc.kind is FaultKind.WRONG_KEY:
            raise unlock.explain_wrong_key(paths, key) from exc
        raise
