"""`main.py export KIND --incident ID --out FILE`: any document of an incident as a PDF, without a screen."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.documents import builders
from app.documents.context import DocumentContext, DocumentKind
from app.documents.mailmerge.merge import write_file
from app.documents.model import Need, NeedSource
from app.errors import InputError
from app.i18n import N_, _

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
    "initial_sheet",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="KIND", choices=KINDS, help="one of: " + ", ".join(KINDS))
    parser.add_argument(
        "--incident", metavar="ID", required=True, help="the incident's number (e.g. 2027-0001) or id"
    )
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="the PDF file to write")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="date printed on the document (default: today)")
    add_allow_missing(parser)


def add_allow_missing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="write the document even when fields it needs are still empty (they print as 【未入力】 or ―)",
    )


def refuse_missing(kind: DocumentKind, ctx: DocumentContext, err: TextIO, *, allowed: bool) -> None:
    """The fields `kind` needs that the register does not have yet: listed on stderr; without --allow-missing
    nothing is written (exit 2), so no document goes out with 【未入力：事業者名】 unnoticed (issue 15 point 1)."""
    empty = builders.missing(kind, ctx)
    if not empty:
        return
    err.write(_("These fields are still empty:") + "\n")
    for need in empty:
        err.write(
            _("  {field} (fill it in: {where})").format(field=need.label, where=need_place(need)) + "\n"
        )
    if not allowed:
        raise InputError(
            _(
                "Nothing was written. Fill in these fields, or run again with --allow-missing to write it anyway."
            )
        )


def need_place(need: Need) -> str:
    """Where the officer fills a field, in the words of the window's menus."""
    return _(_PLACES[need.source])


_PLACES = {
    NeedSource.OFFICE: N_("Office profile"),
    NeedSource.CONTACT: N_("Enquiry desk"),
    NeedSource.INCIDENT: N_("the incident's overview"),
    NeedSource.REPORT: N_("the incident's Report tab (or main.py report start)"),
    NeedSource.VALUES: N_("Placeholder values of the document"),
}


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
    if kind.is_report and ctx.report is None:
        # A report is never written from nothing: the draft is where the officer checks what the register
        # proposed, so the command names the one that starts it rather than starting it unseen.
        raise InputError(
            _(
                "There is no draft of this report yet. Start one from the register with: "
                "main.py report start --incident {incident} --kind {kind}"
            ).format(incident=args.incident, kind=kind.value),
            field="incident",
        )
    refuse_missing(kind, ctx, err, allowed=args.allow_missing)
    document = builders.compose(kind, ctx)
    check = builders.preflight(document)
    for problem in check.messages():
        err.write(_("Check before printing: {problem}").format(problem=problem) + "\n")
    if check.blocking:
        raise InputError(_("The document was not written: it contains characters the fonts cannot print."))
    write_file(target, builders.build(kind, ctx))
    # Said where it went and what it holds: the officer chose the folder, maybe a shared one (issue 16 point 6).
    out.write(
        _("{kind} was written to {path}. It contains personal data: please handle it with care.").format(
            kind=kind.label(), path=target.resolve()
        )
        + "\n"
    )
    return 0
