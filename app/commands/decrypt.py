"""`main.py decrypt --yes-store-unencrypted`: store the register and its backups unencrypted again (issue 17 point
3). Explicit on purpose: afterwards anyone who copies the data folder reads every name in it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from app.commands import _unlock
from app.commands._server import refuse_encryption
from app.commands.encrypt import report
from app.db import encryption
from app.db.faults import FaultKind, fault
from app.errors import InputError
from app.i18n import _
from app.paths import data_paths
from app.services import unlock

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--yes-store-unencrypted",
        action="store_true",
        help="confirm that the register and its backups may be stored unencrypted",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    del register  # the register is converted closed, never opened here
    refuse_encryption(args)
    paths = data_paths(args.data_dir)
    if not args.yes_store_unencrypted:
        raise InputError(
            _(
                "Decrypting stores the register and its backups unencrypted: anyone who copies the data folder "
                "can then read the personal data in it. If that is really what you want, run the command again "
                "with --yes-store-unencrypted."
            )
        )
    _unlock.refuse_while_window(paths)
    _unlock.prepare(paths)
    if not _unlock.has_register(paths) or not unlock.needs_key(paths):
        raise fault(FaultKind.NOT_ENCRYPTED, paths.db_file)
    key = _unlock.unlock_existing(paths)
    done = encryption.convert_register(paths, key, None, None, "decrypt")
    unlock.forget(paths)
    out.write(
        _("The register is no longer encrypted (incidents {incidents}, audit entries {entries}).").format(
            incidents=f"{done.counts.incidents:,}", entries=f"{done.counts.audit_entries:,}"
        )
        + "\n"
    )
    report(out, err, paths, done)
    err.write(
        _(
            "Warning: the register and its backups are now stored unencrypted. Encrypt them again with "
            "main.py encrypt."
        )
        + "\n"
    )
    return 0
