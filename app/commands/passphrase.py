"""`main.py passphrase`: a new passphrase for the same data key, or with --new-key a new data key (and a new
recovery key) when the old one may have leaked (issue 17 point 3; docs/adr/0010-register-encryption.md).

The current passphrase comes from BREACHDESK_PASSPHRASE (or the recovery key from BREACHDESK_RECOVERY_KEY, or a
prompt), the new one from BREACHDESK_NEW_PASSPHRASE or is typed twice on a terminal.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, TextIO

from app.commands import _unlock
from app.commands._server import refuse_encryption
from app.commands.encrypt import report
from app.db import cipher, encryption
from app.db.faults import FaultKind, fault
from app.db.register_key import RegisterKey
from app.i18n import _
from app.paths import data_paths
from app.services import unlock

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-key",
        action="store_true",
        help="also make a new data key and recovery key (re-encrypts the register and every backup)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    del register  # the register is converted closed, never opened here
    refuse_encryption(args)
    paths = data_paths(args.data_dir)
    _unlock.refuse_while_window(paths)
    _unlock.prepare(paths)
    if not _unlock.has_register(paths) or not unlock.needs_key(paths):
        raise fault(FaultKind.NOT_ENCRYPTED, paths.db_file)
    key = _unlock.unlock_existing(paths)
    assert key is not None
    passphrase = _unlock.new_passphrase(
        os.environ, _unlock.terminal_prompt(), _unlock.NEW_PASSPHRASE_VARIABLE
    )
    if not args.new_key:
        cipher.write_keys(paths.root, cipher.wrap(key, passphrase), paths.backups_dir)
        out.write(_("The passphrase was changed. The recovery key stays the same.") + "\n")
        return 0
    new_key = RegisterKey.new()
    done = encryption.convert_register(
        paths,
        key,
        new_key,
        cipher.wrap(new_key, passphrase),
        "rekey",
        lambda: _unlock.print_recovery_key(out, new_key),
    )
    unlock.forget(paths)  # a key remembered on this PC is the old one
    out.write(
        _("The passphrase and the data key were changed; the old recovery key no longer opens the register.")
        + "\n"
    )
    report(out, err, paths, done)
    return 0
