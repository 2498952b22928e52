"""`main.py calendar --out FILE.ics [--incident ID]`: deadlines as an .ics file for Outlook or Google Calendar."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.deadlines.ics import calendar_bytes
from app.domain.dates import now_utc
from app.errors import InputError
from app.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE.ics", required=True, help="the calendar file to write")
    parser.add_argument(
        "--incident", metavar="ID", help="only this incident: its number (e.g. 2027-0001) or database id"
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    target = Path(args.out)
    if not target.parent.is_dir():
        raise InputError(_("The folder {folder} does not exist.").format(folder=target.parent), field="out")
    now = now_utc()
    reminders = register().reminders
    if args.incident is None:
        clocks = reminders.clocks.open_clocks(now)
        name = "BreachDesk 期限（未完了の事案すべて）"
    else:
        incident_id = reminders.clocks.find_incident_id(args.incident)
        if incident_id is None:
            raise InputError(
                _("No incident has the number or id {value}.").format(value=args.incident),
                field="incident",
            )
        clocks = reminders.clocks.clocks_for_incident(incident_id, now)
        name = f"BreachDesk 期限（{reminders.clocks.incident_reference(incident_id)}）"
    data = calendar_bytes(clocks, reminders.settings(), now, reminders.calendar_uid_domain(), name)
    _write_atomically(target, data)
    dated = sum(1 for c in clocks if c.due_date is not None or c.due_at is not None)
    out.write(
        ngettext(
            "{count} deadline was written to {path}.", "{count} deadlines were written to {path}.", dated
        ).format(count=dated, path=target)
        + "\n"
    )
    return 0


def _write_atomically(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".breachdesk-", suffix=".ics", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
