"""`main.py letters --incident ID --recipients FILE.csv --out OUT`: the 本人通知 mail merge without a screen.

Everything is checked before anything is written; people who cannot be reached by the chosen means are listed
(they count toward the 代替措置); with --record-sent the run is logged as sent in the register.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.commands.export import find_incident, parse_day
from app.documents.context import DocumentKind
from app.documents.mailmerge import merge
from app.domain.dates import now_utc
from app.errors import InputError
from app.i18n import _, ngettext
from app.recipients.csv_import import load_recipients
from app.services.notices import CHANNEL_EMAIL, CHANNEL_LETTER, deliveries_from

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services

MODES = ("combined", "separate", "eml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--incident", metavar="ID", required=True, help="the incident's number (e.g. 2027-0001) or id"
    )
    parser.add_argument(
        "--recipients",
        metavar="FILE.csv",
        required=True,
        help="recipient list saved from Excel (Shift_JIS or UTF-8)",
    )
    parser.add_argument(
        "--out", metavar="OUT", required=True, help="the PDF file (combined) or the folder (separate, eml)"
    )
    parser.add_argument(
        "--mode", choices=MODES, default="combined", help="combined (default), separate or eml"
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="date printed on the letters (default: today)")
    parser.add_argument(
        "--guide", action="store_true", help="draw the envelope window on the letters (test print)"
    )
    parser.add_argument(
        "--record-sent", action="store_true", help="log the letters as sent today in the register"
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    mode = merge.MergeMode(args.mode)
    people = load_recipients(Path(args.recipients))
    services = register()
    incident_id = find_incident(services, args.incident)
    ctx = services.documents.context(incident_id, DocumentKind.NOTICE_LETTER, today=parse_day(args.date))
    plan = merge.plan(ctx, people.recipients, mode)
    for problem in plan.template_problems:
        err.write(_("Check before printing: {problem}").format(problem=problem) + "\n")
    if plan.skipped:
        if mode is merge.MergeMode.EML:
            headline = ngettext(
                "{count} person has no e-mail address; send them a letter instead:",
                "{count} people have no e-mail address; send them a letter instead:",
                len(plan.skipped),
            )
        else:
            headline = ngettext(
                "{count} person has no postal address; they count toward the substitute measures "
                "(publication or an enquiry desk):",
                "{count} people have no postal address; they count toward the substitute measures "
                "(publication or an enquiry desk):",
                len(plan.skipped),
            )
        err.write(headline.format(count=len(plan.skipped)) + "\n")
        for person in plan.skipped:
            err.write(_("  line {line}: {name}").format(line=person.line, name=person.name) + "\n")
    if plan.blocking:
        for blocker in plan.blocking:
            err.write(blocker.text() + "\n")
        raise InputError(_("Nothing was produced: fix these lines in the list and run again."))
    result = merge.write(ctx, plan, Path(args.out), guide=args.guide)
    out.write(
        ngettext(
            "{count} notice was produced ({mode}):",
            "{count} notices were produced ({mode}):",
            len(result.letters),
        ).format(count=len(result.letters), mode=mode.label())
        + "\n"
    )
    for path in result.files[:3]:
        out.write(f"  {path}\n")
    if len(result.files) > 3:
        out.write(
            ngettext(
                "  … and {count} more file.", "  … and {count} more files.", len(result.files) - 3
            ).format(count=len(result.files) - 3)
            + "\n"
        )
    if args.record_sent:
        channel = CHANNEL_EMAIL if mode is merge.MergeMode.EML else CHANNEL_LETTER
        services.notices.record_sent(
            incident_id,
            deliveries_from(result),
            channel=channel,
            sent_at=now_utc(),
            document=result.document,
            filename=result.files[0].name if result.document is not None else None,
        )
        out.write(_("The notices were recorded as sent in the register.") + "\n")
    return 0
