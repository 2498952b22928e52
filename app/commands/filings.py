"""`main.py filings list|withdraw|correct`: the filings tab's 「取消・訂正」 without a screen.

A filing recorded by mistake is withdrawn (取消), a wrong date or receipt number corrected (訂正), each by a new
audited entry with its reason beside the filing as first recorded (app/db/effective.py, issue 18 point 3): the
status, the clocks and the 確報's reference to the 速報 follow in the same transaction. `list` prints the id each
of the other two needs. Like `letters withdraw`, a refusal (no reason, unknown or already withdrawn filing, a
date in the future) is one line on stderr in the officer's language and exit code 2; nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from app.commands.export import find_incident
from app.domain.dates import JST
from app.errors import InputError
from app.i18n import _
from app.services.workspace.filings import FilingRecord, FilingService, channel_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services

ACTIONS = ("list", "withdraw", "correct")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=ACTIONS,
        metavar="ACTION",
        help="list: the filings of an incident with their id and state (--incident); withdraw: withdraw a filing "
        "recorded by mistake (--filing, --reason); correct: correct its date or receipt number (--filing, "
        "--reason, --date and/or --receipt-number)",
    )
    parser.add_argument(
        "--incident",
        metavar="ID",
        help="the incident's number (e.g. 2027-0001) or id; needed for list, checked against --filing otherwise",
    )
    parser.add_argument(
        "--filing", metavar="ID", type=int, help="the filing's id as `filings list` prints it"
    )
    parser.add_argument(
        "--reason", metavar="TEXT", default="", help="why the filing is withdrawn or corrected (required)"
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD[THH:MM]",
        help="the corrected filing date (Japan time); with a date alone the recorded time of day is kept",
    )
    parser.add_argument("--receipt-number", metavar="N", help="the corrected receipt number (correct)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    if args.action == "list":
        if not args.incident:
            raise InputError(_("Give the incident with --incident."), field="incident")
        services = register()
        return _list(services.filings, find_incident(services, args.incident), out)
    if args.filing is None:
        raise InputError(_("Give the filing's id with --filing (see `filings list`)."), field="filing")
    if args.action == "correct" and args.date is None and args.receipt_number is None:
        raise InputError(_("Enter the corrected date or receipt number."), field="filed_at")
    services = register()
    filings = services.filings
    record = _find(services, args.filing, args.incident)
    if args.action == "withdraw":
        filings.withdraw(record.id, args.reason)
        out.write(
            _("Withdrawn: the {kind} of {date} (filing {id}).").format(
                kind=record.kind.label(), date=_day(record), id=record.id
            )
            + "\n"
        )
        return 0
    filings.correct(
        record.id,
        args.reason,
        filed_at=_corrected_moment(args.date, record.filed_at),
        receipt_number=args.receipt_number,
    )
    after = _find(services, record.id, None)
    out.write(
        _("Corrected: the {kind} (filing {id}) now reads {date}, receipt number {receipt}.").format(
            kind=after.kind.label(),
            id=after.id,
            date=_day(after),
            receipt=after.receipt_number or _("(none)"),
        )
        + "\n"
    )
    return 0


def _find(services: Services, filing_id: int, incident: str | None) -> FilingRecord:
    """The effective filing, refused with a message (not a traceback) when the id is unknown or belongs to
    another incident than the one named."""
    incident_id = services.filings.incident_of(filing_id)
    if incident_id is None:
        raise InputError(
            _("There is no filing {id} (see `filings list`).").format(id=filing_id), field="filing"
        )
    if incident is not None and find_incident(services, incident) != incident_id:
        raise InputError(_("Filing {id} belongs to another incident.").format(id=filing_id), field="filing")
    return next(f for f in services.filings.filings(incident_id) if f.id == filing_id)


def _corrected_moment(value: str | None, recorded: dt.datetime) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("Enter the date as year-month-day, e.g. 2027-07-01: {value}").format(value=value),
            field="filed_at",
        ) from None
    if len(value) <= len("2027-07-01"):  # a date alone: the time of day stays as recorded
        moment = dt.datetime.combine(moment.date(), recorded.astimezone(JST).time())
    return moment.replace(tzinfo=JST) if moment.tzinfo is None else moment


def _day(record: FilingRecord) -> str:
    return record.filed_at.astimezone(JST).date().isoformat()


def _list(filings: FilingService, incident_id: int, out: TextIO) -> int:
    records = filings.filings(incident_id)
    if not records:
        out.write(_("No filing has been recorded for this incident.") + "\n")
        return 0
    for record in records:
        if record.withdrawn:
            state = _("withdrawn ({reason})").format(reason=record.withdrawal_reason)
        elif record.corrected:
            state = _("corrected")
        else:
            state = ""
        cells = (
            str(record.id),
            record.kind.label(),
            _day(record),
            record.receipt_number or "—",
            channel_label(record.channel),
            state,
        )
        out.write("\t".join(cells).rstrip("\t") + "\n")
    return 0
