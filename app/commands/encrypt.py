"""`main.py encrypt`: convert a plain register, its backups and side files to SQLCipher under a new passphrase
(issue 17 point 3; app/db/encryption.py does the converting, docs/adr/0010-register-encryption.md).

The passphrase comes from BREACHDESK_PASSPHRASE or is typed twice on a terminal; the recovery key is printed once,
as soon as the encrypted register is in place. Run again after an interruption, it finishes the backups.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, TextIO

from app.commands import _unlock
from app.commands._server import refuse_encryption
from app.db import cipher, encryption
from app.db.register_key import RegisterKey
from app.errors import InputError
from app.i18n import _, ngettext
from app.paths import DataPaths, data_paths
from app.services import unlock

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # the passphrase never goes on the command line (shell history, process list)


def report(out: TextIO, err: TextIO, paths: DataPaths, done: encryption.Converted) -> None:
    """The summary every conversion prints: backups converted, leftovers removed, what could not be."""
    count = len(done.backups)
    out.write(
        ngettext("{count} backup was converted.", "{count} backups were converted.", count).format(
            count=count
        )
    )
    out.write("\n")
    if done.removed:
        removed = len(done.removed)
        out.write(
            ngettext(
                "{count} unencrypted leftover file was removed.",
                "{count} unencrypted leftover files were removed.",
                removed,
            ).format(count=removed)
            + "\n"
        )
    for kept in done.kept:
        err.write(
            _("Warning: the backup {name} could not be read and was left as it is.").format(name=kept.name)
            + "\n"
        )
    exports = paths.exports_dir
    if exports.is_dir() and any(p.is_file() for p in exports.rglob("*")):
        err.write(
            _(
                "Note: the files you exported to {folder} (PDF, CSV) are not encrypted: delete those you no longer "
                "need."
            ).format(folder=exports)
            + "\n"
        )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    del register  # the register is converted closed, never opened here
    refuse_encryption(args)
    paths = data_paths(args.data_dir)
    _unlock.refuse_while_window(paths)
    _unlock.prepare(paths)
    if not _unlock.has_register(paths):
        raise InputError(
            _(
                "There is no register in {folder} to encrypt. A new register is created encrypted when the "
                "environment variable {variable} is set."
            ).format(folder=paths.root, variable=unlock.PASSPHRASE_VARIABLE)
        )
    if unlock.needs_key(paths):
        key = _unlock.unlock_existing(paths)
        assert key is not None
        if not encryption.plain_leftovers(paths):
            out.write(_("The register is already encrypted.") + "\n")
            return 0
        done = encryption.finish_encryption(paths, key)
        out.write(_("The register was already encrypted; its unencrypted backups were converted now.") + "\n")
        report(out, err, paths, done)
        return 0
    passphrase = _unlock.new_passphrase(os.environ, _unlock.terminal_prompt())
    key = RegisterKey.new()
    out.write(_("Encrypting the register in {folder}…").format(folder=paths.root) + "\n")
    done = encryption.convert_register(
        paths,
        None,
        key,
        cipher.wrap(key, passphrase),
        "encrypt",
        lambda: _unlock.print_recovery_key(out, key),
    )
    out.write(
        _("The register is encrypted (incidents {incidents}, audit entries {entries}).").format(
            incidents=f"{done.counts.incidents:,}", entries=f"{done.counts.audit_entries:,}"
        )
        + "\n"
    )
    report(out, err, paths, done)
    return 0
