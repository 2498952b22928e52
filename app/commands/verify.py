"""`main.py verify`: check the audit log's hash chain and name the first entry that no longer matches."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from app.i18n import ngettext
from app.services.audit_check import check_audit_chain

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options: the register is the one given by --data-dir / --database-url


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    result = check_audit_chain(register().db)
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
