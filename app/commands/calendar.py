"""`main.py calendar --out FILE.ics [--incident ID]`: deadlines as an .ics file for Outlook or Google Calendar."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TextIO

from app.errors import InputError
from app.i18n import _, ngettext

ORDER = 30
HELP = (
    "export the deadlines of all open incidents (or of one, --incident) as an .ics calendar file with alarms"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE.ics", required=True, help="the calendar file to write")
    parser.add_argument(
        "--incident", metavar="ID", help="only this incident: its number (e.g. 2027-0001) or database id"
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from app.db.database import Database
    from app.db.types import utc_now
    from app.deadlines.ics import calendar_bytes
    from app.paths import data_paths
    from app.services.reminders import ReminderService

    target = Path(args.out)
    if not target.parent.is_dir():
        raise InputError(_("The folder {folder} does not exist.").format(folder=target.parent), field="out")
    now = utc_now()
    db = Database.open(data_paths(args.data_dir), args.database_url)
    try:
        reminders = ReminderService(db)
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
    finally:
        db.close()
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
