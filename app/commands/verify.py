"""`main.py verify`: check the audit log's hash chain and name the first entry that no longer matches."""

from __future__ import annotations

import argparse
from typing import TextIO

from app.i18n import ngettext

ORDER = 40
HELP = "check that the audit log has not been altered (hash chain); exit 1 at the first broken entry"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options: the register is the one given by --data-dir / --database-url


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from app.db.database import Database
    from app.paths import data_paths
    from app.services.audit_check import check_audit_chain

    db = Database.open(data_paths(args.data_dir), args.database_url)
    try:
        result = check_audit_chain(db)
    finally:
        db.close()
    if result.ok:
        out.write(
            ngettext(
                "OK: the audit log is intact ({count} entry).",
                "OK: the audit log is intact ({count} entries).",
                result.count,
            ).format(count=result.count)
            + "\n"
        )
        return 0
    err.write(result.message() + "\n")
    return 1
