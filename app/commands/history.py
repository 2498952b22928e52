"""`main.py history INCIDENT`: the 変更履歴 of an incident without a screen, one line per audited change, newest
first (issue 19 point 2): when (Japan time), who (the OS user or database role that wrote it) and what, worded as
the workspace's 「変更履歴」 tab shows it (app/services/workspace/history.py), never with personal data."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from app.commands.export import find_incident
from app.i18n import _
from app.services.workspace.concurrency import moment_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("incident", metavar="INCIDENT", help="the incident's number (e.g. 2027-0001) or id")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    services = register()
    entries = services.history.entries(find_incident(services, args.incident))
    if not entries:
        out.write(_("No changes are recorded for this incident yet.") + "\n")
        return 0
    for entry in entries:
        out.write(f"{moment_text(entry.at)}\t{entry.actor}\t{entry.text}\n")
    return 0
