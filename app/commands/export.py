"""`main.py export KIND --incident ID --out FILE`: any document of an incident as a PDF, without a screen."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.documents import builders
from app.documents.context import DocumentKind
from app.documents.mailmerge.merge import write_file
from app.errors import InputError
from app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services

KINDS = (
    "sokuho",
    "kakuho",
    "tsuikan",
    "notice_letter",
    "entrustor_notice",
    "publication",
    "internal_report",
    "pmark_report",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="KIND", choices=KINDS, help="one of: " + ", ".join(KINDS))
    parser.add_argument(
        "--incident", metavar="ID", required=True, help="the incident's number (e.g. 2027-0001) or id"
    )
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="the PDF file to write")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="date printed on the document (default: today)")


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("Enter the date as year-month-day, e.g. 2027-07-01: {value}").format(value=value)
        ) from None


def find_incident(services: Services, value: str) -> int:
    incident_id = services.clocks.find_incident_id(value)
    if incident_id is None:
        raise InputError(_("No incident has the number or id {value}.").format(value=value), field="incident")
    return incident_id


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    kind = DocumentKind(args.kind)
    target = Path(args.out)
    today = parse_day(args.date)
    services = register()
    ctx = services.documents.context(find_incident(services, args.incident), kind, today=today)
    document = builders.compose(kind, ctx)
    check = builders.preflight(document)
    for problem in check.messages():
        err.write(_("Check before printing: {problem}").format(problem=problem) + "\n")
    if check.blocking:
        raise InputError(_("The document was not written: it contains characters the fonts cannot print."))
    write_file(target, builders.build(kind, ctx))
    out.write(_("{kind} was written to {path}.").format(kind=kind.label(), path=target) + "\n")
    return 0
