"""What the command line leaves to a database server (issue 19 point 1): its backups and its encryption.

A team register lives on PostgreSQL, where the server's administrator keeps the copies (pg_dump, pg_restore) and
protects the data (TLS on the connection, disk encryption on the server). The file-based commands `restore`,
`encrypt`, `decrypt` and `passphrase` work on the data folder's SQLite file, so with a server URL they would act
on the wrong register: they refuse in one line that says what to do instead, before touching any file.
Not a command itself (the leading underscore keeps it out of `COMMANDS`).
"""

from __future__ import annotations

import argparse

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.errors import InputError
from app.i18n import _


def on_server(args: argparse.Namespace) -> bool:
    """True when --database-url names anything but a SQLite database (an unreadable URL counts: it is not the
    data folder's file either, and acting on that file instead would be the wrong register)."""
    url = getattr(args, "database_url", None)
    if not url:
        return False
    try:
        return make_url(url).get_backend_name() != "sqlite"
    except ArgumentError:
        return True


def refuse_backups(args: argparse.Namespace) -> None:
    if on_server(args):
        raise InputError(
            _(
                "A register on a database server is backed up and restored by the server, not by BreachDesk: "
                "ask its administrator (pg_dump makes the copies, pg_restore brings one back). Nothing was changed."
            )
        )


def refuse_encryption(args: argparse.Namespace) -> None:
    if on_server(args):
        raise InputError(
            _(
                "BreachDesk does not encrypt a register on a database server: that is the server's job (TLS for "
                "the connection, disk encryption on the server); ask its administrator. Nothing was changed."
            )
        )
